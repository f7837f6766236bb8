import type { PriceTable } from './csv.js';
import { weekdays } from './synthetic.js';

// Series whose best achievable one-day-ahead forecast is known exactly: each comes with the true
// conditional mean E[Close_t | rows before t], so a backtest's skill can be set against the best skill
// any forecaster could reach on the same rows.

/** The kinds of {@link syntheticSeries}. */
export type SyntheticKind = 'ar' | 'weekday' | 'ou' | 'randomwalk';

/** The kinds, for flag parsing and help texts. */
export const SYNTHETIC_KINDS: readonly SyntheticKind[] = ['ar', 'weekday', 'ou', 'randomwalk'];

/** Parameters of {@link syntheticSeries}; each kind reads its own. */
export interface SyntheticSeriesOptions {
  /** Which process. */
  kind: SyntheticKind;
  /** Rows (trading days). */
  length: number;
  /** Seed of the generator (mulberry32, Box–Muller normals). */
  seed: number;
  /** First day, YYYY-MM-DD (default 2015-01-01; weekends skipped). */
  start?: string;
  /** Daily noise: of the log return (ar, weekday, randomwalk, default 0.01) or of the price (ou, default 1). */
  sigma?: number;
  /** ar: the AR(1) coefficient of the log returns (default 0.6). */
  phi?: number;
  /** ou: Close_t − mu = a (Close_{t−1} − mu) + sigma ε (default 0.7). */
  a?: number;
  /** ou: the level prices revert to (default 100). */
  mu?: number;
  /** weekday: mean log return of Monday..Friday as multiples of sigma (default [0.9, −0.45, 0, −0.9, 0.45], best skill 0.16). */
  weekdayMeans?: number[];
}

/** A generated series and its true conditional mean. */
export interface SyntheticSeries {
  /** Open, High, Low, Close on consecutive weekdays. */
  table: PriceTable;
  /** E[Close_t | rows 0..t−1], NaN for t = 0: the best achievable forecast in mean square. */
  conditionalMean: number[];
}

/** Seeded uniform [0, 1) numbers (mulberry32). */
export function seededUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Generates a series of `kind` with its conditional mean. */
export function syntheticSeries(options: SyntheticSeriesOptions): SyntheticSeries {
  const { kind, length, seed, start = '2015-01-01' } = options;
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`length ${length} must be a whole number >= 2`);
  const uniform = seededUniform(seed);
  const normal = normals(uniform);
  const dates = weekdays(start, length);
  const closes: number[] = [];
  const mean: number[] = [NaN];
  if (kind === 'ou') {
    const { a = 0.7, mu = 100, sigma = 1 } = options;
    let price = mu + (sigma / Math.sqrt(1 - a * a)) * normal(); // a draw of the stationary law
    closes.push(price);
    for (let t = 1; t < length; t++) {
      mean.push(mu + a * (price - mu));
      price = mu + a * (price - mu) + sigma * normal();
      closes.push(price);
    }
  } else {
    const { sigma = 0.01, phi = 0.6 } = options;
    const means = (options.weekdayMeans ?? [0.9, -0.45, 0, -0.9, 0.45]).map((m) => m * sigma);
    // The log return's conditional mean given the past; the returns' noise is N(0, sigma²).
    const drift = (t: number, last: number) => (kind === 'ar' ? phi * last : kind === 'weekday' ? means[new Date(`${dates[t]}T00:00:00Z`).getUTCDay() - 1]! : 0);
    let last = kind === 'ar' ? (sigma / Math.sqrt(1 - phi * phi)) * normal() : 0;
    let price = 100;
    closes.push(price);
    for (let t = 1; t < length; t++) {
      const m = drift(t, last);
      // E[exp(r)] = exp(m + sigma²/2) for r ~ N(m, sigma²).
      mean.push(price * Math.exp(m + (sigma * sigma) / 2));
      last = m + sigma * normal();
      price *= Math.exp(last);
      closes.push(price);
    }
  }
  const values = closes.map((close, t) => {
    // Open near the previous close; High and Low stretch up to 0.5% beyond the open-close body.
    const open = (closes[t - 1] ?? close) * (1 + 0.002 * normal());
    return [open, Math.max(open, close) * (1 + 0.005 * uniform()), Math.min(open, close) * (1 - 0.005 * uniform()), close];
  });
  const table: PriceTable = { source: `<${kind}>`, dates, columns: ['Open', 'High', 'Low', 'Close'], values, lines: closes.map((_, i) => i + 2) };
  return { table, conditionalMean: mean };
}

/**
 * The best achievable skill on rows start..end−1: 1 − RMSE(conditional mean) / RMSE(naive), both
 * against the actual closes, naive = the previous close. No forecaster beats it in expectation.
 */
export function bestSkill(series: SyntheticSeries, start: number, end: number): number {
  const close = series.table.values.map((r) => r[3]!);
  let best = 0;
  let naive = 0;
  for (let t = Math.max(1, start); t < end; t++) {
    best += (close[t]! - series.conditionalMean[t]!) ** 2;
    naive += (close[t]! - close[t - 1]!) ** 2;
  }
  return 1 - Math.sqrt(best / naive);
}

/** The table as a Yahoo-format CSV: Date,Open,High,Low,Close,Adj Close,Volume. */
export function toYahooCsv(table: PriceTable): string {
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  table.values.forEach(([o, h, l, c], i) => {
    const f = (v: number) => v.toFixed(6);
    lines.push(`${table.dates[i]},${f(o!)},${f(h!)},${f(l!)},${f(c!)},${f(c!)},1000000`);
  });
  return `${lines.join('\n')}\n`;
}
