import { createScaler, DataError, type Scaler, type ScalerKind } from '@rnnkit/datasets';
import { calendarNames, calendarValues, targetDay, type CalendarFeature } from './calendar.js';
import { columnsPerFeature, lookback, positiveValue, takesLogs, transformedNames, transformedWindow, type InputTransform } from './input-transform.js';
import type { Series } from './series.js';
import { decodeTarget, encodeTarget, type TargetTransform } from './target-transform.js';

/** How windows and targets are cut from a series. */
export interface WindowSpec {
  /** Days per input window. */
  seqLength: number;
  /** Targets per window: 1..horizon trading days after its last day (direct multi-step). */
  horizon: number;
  /** Input scaling, fitted on the training rows only. */
  scaler: ScalerKind;
  /** What the model learns; see {@link TargetTransform}. */
  targetTransform: TargetTransform;
  /** What the model sees of the feature columns (default `level`, the tutorial's); see {@link InputTransform}. */
  inputTransform?: InputTransform;
  /** One-hot covariates of the forecast's target day appended to every time step (default none). */
  calendar?: CalendarFeature[];
}

/**
 * The learned statistics of one training part: the scaler over the series' columns and, for `diff`
 * and `logret`, a scale per horizon (root mean square of the training targets). That scale only
 * divides, so a model output of 0 stays the naive forecast.
 */
export interface Encoding {
  /** Fitted on the training rows over all the series' columns. */
  scaler: Scaler;
  /** `diff`/`logret`: learned value = transformed target / targetScale[h − 1]; 1 with scaler none. */
  targetScale: number[];
  /** The input transform the windows apply (absent: `level`). */
  inputTransform?: InputTransform;
  /** Inputs other than `level`: the scaler of the transformed columns, fitted on the training windows. */
  inputScaler?: Scaler;
  /** Calendar covariates appended unscaled to every time step (absent: none). */
  calendar?: CalendarFeature[];
}

/** Windows ending at chosen origins (row indices of their last day), time-major. */
export interface Windows {
  /** Number of windows. */
  n: number;
  /** Scaled inputs `[seqLength, n, features]`. */
  x: Float32Array;
  /** The same inputs unscaled (with an input transform: transformed, unscaled), for models that scale inside (ONNX with scaler). */
  rawX: Float32Array;
  /** Row index of each window's last day. */
  origins: number[];
}

/** Origins whose window and all `horizon` targets lie within rows start..end-1. */
export function originsWithin(start: number, end: number, spec: Pick<WindowSpec, 'seqLength' | 'horizon' | 'inputTransform'>): number[] {
  const out: number[] = [];
  // Changes against the day before need a day before the window's first (earlier rows are the past, not a leak).
  const first = Math.max(start + spec.seqLength - 1, lookback(spec.inputTransform ?? 'level') + spec.seqLength - 1);
  for (let o = first; o + spec.horizon <= end - 1; o++) out.push(o);
  return out;
}

/** Inputs per time step: the transformed feature columns, then the calendar covariates. */
export function inputSize(series: Series, spec: Pick<WindowSpec, 'inputTransform' | 'calendar'>): number {
  return inputNames(series, spec).length;
}

/** Inputs per time step of a model over `featureCount` feature columns, without the series at hand (e.g. a run folder's config). */
export function inputCount(featureCount: number, spec: Pick<WindowSpec, 'inputTransform' | 'calendar'>): number {
  return featureCount * columnsPerFeature(spec.inputTransform ?? 'level') + calendarNames(spec.calendar ?? []).length;
}

/** Names of the inputs per time step, e.g. ["logret(Close)", "dow=Mon", …]. */
export function inputNames(series: Series, spec: Pick<WindowSpec, 'inputTransform' | 'calendar'>): string[] {
  return [...transformedNames(series, spec.inputTransform ?? 'level'), ...calendarNames(spec.calendar ?? [])];
}

/** Refuses, in one line naming the row, a value ≤ 0 where a log is taken (logret target or a log input transform) in rows start..end-1. */
export function checkLogsDefined(series: Series, spec: Pick<WindowSpec, 'targetTransform' | 'inputTransform'>, start: number, end: number): void {
  const columns = new Set<number>();
  if (spec.targetTransform === 'logret') columns.add(series.targetCol);
  if (takesLogs(spec.inputTransform ?? 'level')) for (let f = 0; f < series.featureCount; f++) columns.add(f);
  for (let i = Math.max(0, start); i < end; i++) {
    for (const j of columns) {
      // An input column's 0 reads as its last positive value (positiveValue); the target's log needs v > 0.
      const v = series.rows[i]![j]!;
      if (!(v > 0) && (j === series.targetCol && spec.targetTransform === 'logret' || !(positiveValue(series, j, i) > 0))) {
        const what = spec.targetTransform === 'logret' && j === series.targetCol ? '--target-transform logret' : `--input-transform ${spec.inputTransform}`;
        throw new DataError(series.source, undefined, `${series.columns[j]} is ${v} on ${series.dates[i]} (row ${i + 1}), and ${what} takes its log`, 'use --target-transform diff / --input-transform diff for a series that reaches 0 or below');
      }
    }
  }
}

/** Fits the encoding on rows start..end-1 and the targets of `origins` (the training windows). */
export function fitEncoding(series: Series, spec: WindowSpec, start: number, end: number, origins: number[]): Encoding {
  checkLogsDefined(series, spec, start - lookback(spec.inputTransform ?? 'level'), end);
  const scaler = createScaler(spec.scaler, series.columns).fit(series.rows.slice(start, end));
  const targetScale = Array.from({ length: spec.horizon }, (_, k) => {
    if (spec.targetTransform === 'none' || spec.scaler === 'none' || origins.length === 0) return 1;
    const rms = Math.sqrt(origins.reduce((s, o) => s + rawTarget(series, spec, o, k + 1) ** 2, 0) / origins.length);
    return rms > 0 && Number.isFinite(rms) ? rms : 1;
  });
  const encoding: Encoding = { scaler, targetScale };
  const transform = spec.inputTransform ?? 'level';
  if (spec.calendar?.length) encoding.calendar = [...spec.calendar];
  if (transform !== 'level') {
    encoding.inputTransform = transform;
    // Fitted on the training windows' transformed values, each day once.
    const days = new Map<number, number[]>();
    for (const o of origins) transformedWindow(series, transform, o, spec.seqLength).forEach((v, t) => days.set(o - spec.seqLength + 1 + t, v));
    encoding.inputScaler = createScaler(spec.scaler, transformedNames(series, transform)).fit([...days.values()]);
  }
  return encoding;
}

/** The input windows ending at `origins`. */
export function windowsAt(series: Series, encoding: Encoding, origins: number[], seqLength: number): Windows {
  const transform = encoding.inputTransform ?? 'level';
  const calendar = encoding.calendar ?? [];
  const T = transform === 'level' ? series.featureCount : transformedNames(series, transform).length;
  const F = T + calendarNames(calendar).length;
  const n = origins.length;
  const x = new Float32Array(seqLength * n * F);
  const rawX = new Float32Array(seqLength * n * F);
  origins.forEach((o, b) => {
    const raw = transform === 'level' ? series.rows.slice(o - seqLength + 1, o + 1) : transformedWindow(series, transform, o, seqLength);
    const scaled = transform === 'level' ? encoding.scaler.transform(raw) : encoding.inputScaler!.transform(raw);
    const covariates = calendar.length ? calendarValues(calendar, targetDay(series.dates, o)) : [];
    for (let t = 0; t < seqLength; t++) {
      for (let f = 0; f < T; f++) {
        x[(t * n + b) * F + f] = scaled[t]![f]!;
        rawX[(t * n + b) * F + f] = raw[t]![f]!;
      }
      covariates.forEach((v, c) => {
        x[(t * n + b) * F + T + c] = v;
        rawX[(t * n + b) * F + T + c] = v;
      });
    }
  });
  return { n, x, rawX, origins };
}

/** The learned targets of windows ending at `origins`, `[n, horizon]` row-major. */
export function targetsAt(series: Series, encoding: Encoding, spec: WindowSpec, origins: number[]): Float32Array {
  const H = spec.horizon;
  const y = new Float32Array(origins.length * H);
  origins.forEach((o, b) => {
    for (let h = 1; h <= H; h++) {
      y[b * H + h - 1] = spec.targetTransform === 'none'
        ? encoding.scaler.transformColumn([series.rows[o + h]![series.targetCol]!], series.targetCol)[0]!
        : rawTarget(series, spec, o, h) / encoding.targetScale[h - 1]!;
    }
  });
  return y;
}

/** Model outputs `[n, horizon]` (learned units) back to price forecasts `[n][horizon]`. */
export function decodeOutputs(series: Series, encoding: Encoding, spec: WindowSpec, origins: number[], outputs: ArrayLike<number>): number[][] {
  const H = spec.horizon;
  return origins.map((o, b) => {
    const last = series.rows[o]![series.targetCol]!;
    return Array.from({ length: H }, (_, k) => {
      const v = outputs[b * H + k]!;
      if (spec.targetTransform === 'none') return encoding.scaler.inverseColumn([v], series.targetCol)[0]!;
      return decodeTarget(spec.targetTransform, v * encoding.targetScale[k]!, last);
    });
  });
}

function rawTarget(series: Series, spec: WindowSpec, origin: number, h: number): number {
  const col = series.targetCol;
  return encodeTarget(spec.targetTransform, series.rows[origin + h]![col]!, series.rows[origin]![col]!);
}
