/**
 * How the Passerelle process uses memory. It runs beside the merchant's other programs (a CLI run,
 * or the local service all day long), so V8 collects before its heap grows much past what is
 * live: by default V8 lets the old generation reach up to four times the live data before the
 * next full collection. bench/shopify.ts, `full` at 20,000 articles, medians of three pairs on 2
 * shared cores: peak RSS 417 MB -> 293 MB for 6 % more time (16.9 s -> 18.0 s); `nochange`
 * 320 MB -> 227 MB in the same time. (`--optimize-for-size` went lower, 235 MB, but took twice
 * as long on `nochange`: it also keeps the young generation small.)
 *
 * Set at run time because the command is started by a shebang or by npm, neither of which passes
 * V8 flags; V8 reads this one each time it sets the next collection's limit. Whoever starts node
 * with their own `--heap-growing-percent` keeps it (node refuses it in NODE_OPTIONS).
 */
import v8 from 'node:v8';

/** The old generation may grow by this share of the live data before the next full collection. */
export const HEAP_GROWING_PERCENT = 20;
const FLAG = /--heap[-_]growing[-_]percent\b/;

export function favourMemory(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => FLAG.test(a))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
