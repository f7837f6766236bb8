/**
 * Number formatting for the tables and the axis labels of the text and SVG charts.
 * Hand-rolled rather than Intl so output never depends on the host locale.
 */
import { columnFormat } from '@rnnkit/forecast';

// A table column's digits are @rnnkit/forecast's, shared with the web page's tables.
export { columnDecimals, columnFormat, plainFixed, type ColumnDigits } from '@rnnkit/forecast';

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

/** "RMSE 0.0919 (naive 0.00458)": a model's RMSE beside naive's, with the digits both need. */
export function rmsePair(model: number, naive: number): string {
  const f = columnFormat([model, naive]);
  return `RMSE ${f(model)} (naive ${f(naive)})`;
}
