// Digits for numbers printed side by side in a table (the CLI's and the web page's): enough to read a
// penny stock's 0.00458 and to tell ranked rows apart. Hand-rolled rather than Intl so output never depends
// on the host locale.

/** How a column of numbers is printed: the fewest decimals, the significant digits its smallest value keeps. */
export interface ColumnDigits {
  /** Never fewer decimals (default 2: prices keep their cents). */
  min?: number;
  /** Significant digits of the smallest non-zero magnitude (default 3: 0.00458, not 0.00). */
  significant?: number;
}

/**
 * The decimals for a column of numbers printed side by side: at least `min`, enough for `significant`
 * digits of its smallest non-zero value, and more (up to 4 more) until values that differ print
 * differently, so ranked rows can be told apart (no sixteen rows all reading "0.74").
 */
export function columnDecimals(values: readonly number[], { min = 2, significant = 3 }: ColumnDigits = {}): number {
  const finite = values.filter(Number.isFinite);
  const smallest = Math.min(...finite.filter((v) => v !== 0).map(Math.abs));
  let decimals = Number.isFinite(smallest) ? Math.max(min, significant - 1 - Math.floor(Math.log10(smallest))) : min;
  decimals = Math.min(decimals, MAX_TABLE_DECIMALS);
  const distinct = new Set(finite).size;
  for (const most = Math.min(decimals + 4, MAX_TABLE_DECIMALS); decimals < most && new Set(finite.map((v) => plainFixed(v, decimals))).size < distinct; ) decimals++;
  return decimals;
}

const MAX_TABLE_DECIMALS = 12;

/** A formatter for one column: every value with the decimals of {@link columnDecimals}; non-finite as "n/a". */
export function columnFormat(values: readonly number[], digits?: ColumnDigits, nonFinite: (value: number) => string = () => 'n/a'): (value: number) => string {
  const decimals = columnDecimals(values, digits);
  return (value) => (Number.isFinite(value) ? plainFixed(value, decimals) : nonFinite(value));
}

/** toFixed without a thousands separator (machine-readable tables) and without "-0.00". */
export function plainFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-[0.]+$/.test(text) ? text.slice(1) : text;
}
