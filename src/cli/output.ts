/** Printing for the CLI: aligned tables for people, JSON for scripts. */

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v: unknown) => (Buffer.isBuffer(v) ? `<${v.length} bytes>` : v), 2) + '\n');
}

export function printTable(headers: string[], rows: (string | number | boolean | null | undefined)[][]): void {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : typeof c === 'boolean' ? (c ? 'oui' : 'non') : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write([line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n');
}

export function printLine(text: string): void {
  process.stdout.write(text + '\n');
}
