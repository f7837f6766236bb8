/** A plain-text table: each column as wide as its widest cell, text left-aligned, numbers right-aligned. */
export function textTable(rows: string[][], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, cell.length)));
  const numeric = (cell: string) => /^[-+−]?[\d.,]+(e[-+]?\d+)?%?$|^–$|^n\/a$/.test(cell);
  return rows.map((row) => row.map((cell, j) => (j > 0 && (numeric(cell) || rows.indexOf(row) === 0) ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!))).join(' '.repeat(gap)).trimEnd());
}
