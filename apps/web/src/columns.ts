// Which CSV columns a run reads: the CLI's default --features, and the target column.

/** The input columns, as `rnnkit train`'s default --features. */
export const FEATURES = ['Open', 'High', 'Low', 'Close'];

/** The header's columns other than the date, in file order: the choices of target column. */
export function headerColumns(csv: string): string[] {
  const header = csv.slice(0, csv.indexOf('\n') >>> 0).replace(/^\uFEFF/, '').trim();
  return header.split(',').map((c) => c.trim().replace(/^"|"$/g, '')).filter((c) => c !== '' && !/^date$/i.test(c));
}
