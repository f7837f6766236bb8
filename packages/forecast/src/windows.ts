import { createScaler, type Scaler, type ScalerKind } from '@rnnkit/datasets';
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
}

/** Windows ending at chosen origins (row indices of their last day), time-major. */
export interface Windows {
  /** Number of windows. */
  n: number;
  /** Scaled inputs `[seqLength, n, features]`. */
  x: Float32Array;
  /** The same inputs unscaled, for models that scale inside (ONNX with scaler). */
  rawX: Float32Array;
  /** Row index of each window's last day. */
  origins: number[];
}

/** Origins whose window and all `horizon` targets lie within rows start..end-1. */
export function originsWithin(start: number, end: number, spec: Pick<WindowSpec, 'seqLength' | 'horizon'>): number[] {
  const out: number[] = [];
  for (let o = start + spec.seqLength - 1; o + spec.horizon <= end - 1; o++) out.push(o);
  return out;
}

/** Fits the encoding on rows start..end-1 and the targets of `origins` (the training windows). */
export function fitEncoding(series: Series, spec: WindowSpec, start: number, end: number, origins: number[]): Encoding {
  const scaler = createScaler(spec.scaler, series.columns).fit(series.rows.slice(start, end));
  const targetScale = Array.from({ length: spec.horizon }, (_, k) => {
    if (spec.targetTransform === 'none' || spec.scaler === 'none' || origins.length === 0) return 1;
    const rms = Math.sqrt(origins.reduce((s, o) => s + rawTarget(series, spec, o, k + 1) ** 2, 0) / origins.length);
    return rms > 0 && Number.isFinite(rms) ? rms : 1;
  });
  return { scaler, targetScale };
}

/** The input windows ending at `origins`. */
export function windowsAt(series: Series, encoding: Encoding, origins: number[], seqLength: number): Windows {
  const F = series.featureCount;
  const n = origins.length;
  const x = new Float32Array(seqLength * n * F);
  const rawX = new Float32Array(seqLength * n * F);
  origins.forEach((o, b) => {
    const raw = series.rows.slice(o - seqLength + 1, o + 1);
    const scaled = encoding.scaler.transform(raw);
    for (let t = 0; t < seqLength; t++) {
      for (let f = 0; f < F; f++) {
        x[(t * n + b) * F + f] = scaled[t]![f]!;
        rawX[(t * n + b) * F + f] = raw[t]![f]!;
      }
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
