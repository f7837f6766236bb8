import { calendarNames, calendarValues, targetDay } from './calendar.js';
import { lookback, positiveValue, takesLogs } from './input-transform.js';
import type { Series } from './series.js';
import type { Encoding } from './windows.js';

/** Raw rows of windows, batch-major, for a graph that transforms, scales and decodes itself (ONNX's raw-price graph). */
export interface PriceWindows {
  /** Number of windows. */
  n: number;
  /** Rows per window: the window's days and the `lookback` rows before them that the input transform reads. */
  rows: number;
  /** Columns per row: the series' columns (the features, then the target if it is not one). */
  columns: number;
  /** The raw values `[n, rows, columns]`, oldest row first. */
  prices: Float32Array;
  /** With calendar covariates: the target day's one-hot covariates `[n, covariates]` (empty otherwise). */
  calendar: Float32Array;
  /** Covariates per window (0 without calendar covariates). */
  covariates: number;
  /** Row index of each window's last day. */
  origins: number[];
}

/**
 * The raw rows of the windows ending at `origins`, as a raw-price graph reads them: seqLength days and
 * the rows before them that the encoding's input transform reads (lookback), every column of the series.
 * Log transforms read a value ≤ 0 as the last positive value before it (positiveValue); the graph
 * does that within the window, so a first row's value ≤ 0 is given here as that value, from the rows before.
 */
export function priceWindowsAt(series: Series, encoding: Pick<Encoding, 'inputTransform' | 'calendar'>, origins: number[], seqLength: number): PriceWindows {
  const transform = encoding.inputTransform ?? 'level';
  const rows = seqLength + lookback(transform);
  const C = series.columns.length;
  const n = origins.length;
  const prices = new Float32Array(n * rows * C);
  const covariates = calendarNames(encoding.calendar ?? []).length;
  const calendar = new Float32Array(n * covariates);
  origins.forEach((o, b) => {
    const first = o - rows + 1;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < C; c++) {
        const v = series.rows[first + r]![c]!;
        prices[(b * rows + r) * C + c] = r === 0 && takesLogs(transform) && !(v > 0) ? positiveValue(series, c, first) : v;
      }
    }
    if (covariates) calendar.set(calendarValues(encoding.calendar!, targetDay(series.dates, o)), b * covariates);
  });
  return { n, rows, columns: C, prices, calendar, covariates, origins };
}
