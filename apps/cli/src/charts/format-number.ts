/**
 * Number formatting for the tables and the axis labels of the text and SVG charts.
 * Hand-rolled rather than Intl so output never depends on the host locale.
 */

/** Fixed decimals with comma thousands separators: 72950.5 → "72,950.50" at 2 decimals. */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.min(20, Math.max(0, Math.trunc(decimals)));
  const text = Math.abs(value).toFixed(digits);
  const [whole = '0', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // Only a value that is non-zero *after rounding* gets a minus sign, so no "-0.00".
  const negative = value < 0 && /[1-9]/.test(text);
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * About `digits` significant digits without trailing zeros: 0.0021345 → "0.00213".
 * Very small or large magnitudes switch to exponent form ("1.5e-7").
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e9) {
    // "1.50e-7" → "1.5e-7": drop zeros the mantissa does not need.
    return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  }
  if (magnitude >= 10 ** digits) return formatFixed(value, 0);
  return String(Number(value.toPrecision(digits)));
}

/**
 * Formats an axis value whose neighbours are `resolution` apart, with just
 * enough decimals to tell them apart (prices → "66,500", losses → "0.101").
 */
export function formatAxisValue(value: number, resolution: number): string {
  if (!(resolution > 0) || !Number.isFinite(resolution)) return formatSignificant(value);
  const order = -Math.floor(Math.log10(resolution));
  // Sub-unit resolutions get one extra digit so rounding does not hide the ends.
  return formatFixed(value, order <= 0 ? 0 : order + 1);
}

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

/** "RMSE 0.0919 (naive 0.00458)": a model's RMSE beside naive's, with the digits both need. */
export function rmsePair(model: number, naive: number): string {
  const f = columnFormat([model, naive]);
  return `RMSE ${f(model)} (naive ${f(naive)})`;
}

/** toFixed without a thousands separator (machine-readable tables) and without "-0.00". */
export function plainFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-[0.]+$/.test(text) ? text.slice(1) : text;
}
