// Number formatting and the summary table for the benchmark report.
// Plain text only: the output is read in a terminal and pasted into notes.

/** 12345.6 -> "12 346" (a space groups thousands, as the project's Russian users write them). */
export function formatInt(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function megabytes(bytes: number): string {
  return `${formatInt(bytes / 1024 / 1024)} MB`;
}

export function kilobytes(bytes: number): string {
  return `${formatInt(bytes / 1024)} kB`;
}

export type Row = [label: string, value: string, note?: string];

/** A two- or three-column table with a rule under the header. */
export function table(header: Row, rows: Row[]): string {
  const all = [header, ...rows];
  const width = (col: number) => Math.max(...all.map((r) => (r[col] ?? '').length));
  const line = (r: Row) => `  ${r[0].padEnd(width(0))}  ${r[1].padStart(width(1))}  ${r[2] ?? ''}`.trimEnd();
  const rule = `  ${'-'.repeat(width(0))}  ${'-'.repeat(width(1))}  ${'-'.repeat(width(2))}`.trimEnd();
  return [line(header), rule, ...rows.map(line)].join('\n');
}
