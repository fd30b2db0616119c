/** Printing for the CLI: aligned tables for people, JSON for scripts. */

/**
 * `passerelle journal | head -1`: once the reader has gone, stdout fails with EPIPE.
 * That is the reader's choice, not an error: stop quietly (exit 0) instead of crashing
 * with a stack trace on the next write.
 */
export function quietOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

const replacer = (_k: string, v: unknown) => (Buffer.isBuffer(v) ? `<${v.length} bytes>` : v);

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, replacer, 2) + '\n');
}

/** Writes and waits for the pipe to drain, so a long listing never piles up in memory. */
function out(text: string): Promise<void> | void {
  if (!process.stdout.write(text)) return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

/** A JSON array written item by item as pages arrive, never held whole. */
export async function printJsonArray<T>(pages: AsyncIterable<T[]>): Promise<void> {
  let first = true;
  process.stdout.write('[');
  for await (const page of pages) {
    for (const item of page) {
      const text = JSON.stringify(item, replacer, 2).replace(/\n/g, '\n  ');
      await out(`${first ? '\n  ' : ',\n  '}${text}`);
      first = false;
    }
  }
  process.stdout.write(first ? ']\n' : '\n]\n');
}

/** A table printed page by page; column widths come from the headers and the first non-empty page. Returns the row count (nothing printed for none). */
export async function printTablePages<T>(headers: string[], pages: AsyncIterable<T[]>, row: (item: T) => Cell[]): Promise<number> {
  let widths: number[] | null = null;
  let count = 0;
  for await (const page of pages) {
    const cells = page.map((item) => row(item).map(cellText));
    count += cells.length;
    if (cells.length === 0) continue;
    if (!widths) {
      widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
      process.stdout.write(formatRow(headers, widths) + '\n' + formatRow(widths.map((w) => '-'.repeat(w)), widths) + '\n');
    }
    const w = widths;
    await out(cells.map((r) => formatRow(r, w)).join('\n') + (cells.length ? '\n' : ''));
  }
  return count;
}

type Cell = string | number | boolean | null | undefined;

function cellText(c: Cell): string {
  return c === null || c === undefined ? '' : typeof c === 'boolean' ? (c ? 'oui' : 'non') : String(c);
}

function formatRow(r: string[], widths: number[]): string {
  return r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
}

export function printTable(headers: string[], rows: Cell[][]): void {
  const cells = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  process.stdout.write([headers, widths.map((w) => '-'.repeat(w)), ...cells].map((r) => formatRow(r, widths)).join('\n') + '\n');
}

export function printLine(text: string): void {
  process.stdout.write(text + '\n');
}

/** A line for the person at the terminal that must not mix with the output (stderr keeps `--json` valid). */
export function printNote(text: string): void {
  process.stderr.write(text + '\n');
}
