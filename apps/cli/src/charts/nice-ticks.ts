/**
 * Round axis ticks ("nice numbers"): steps of 1, 2 or 5 times a power of ten,
 * so axis labels read 55,000 / 60,000 rather than 53,127 / 58,431.
 */

/** Multipliers a step may use within one decade, ascending. */
const NICE_MULTIPLIERS = [1, 2, 5, 10] as const;

/** Largest number of decimals we ever print; `toFixed` accepts at most 100. */
const MAX_DECIMALS = 20;

/**
 * Smallest nice step (1, 2 or 5 × 10^k) that is at least `rough`.
 * Rounding *up* guarantees the tick count never exceeds the requested maximum.
 */
export function niceStep(rough: number): number {
  if (!Number.isFinite(rough) || rough <= 0) {
    throw new RangeError(`niceStep: step must be a positive finite number, got ${rough}`);
  }
  const exponent = Math.floor(Math.log10(rough));
  const multiplier = NICE_MULTIPLIERS.find((m) => m * 10 ** exponent >= rough * (1 - 1e-12)) ?? 10;
  // Build from the decimal string so that 0.2 is exactly 0.2, not 2 * 0.1.
  return Number(`${multiplier}e${exponent}`);
}

/** Number of decimals needed to print every multiple of `step` exactly. */
export function stepDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  return Math.min(MAX_DECIMALS, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

/**
 * Nice tick values lying inside [min, max], at most `maxCount` of them
 * (e.g. 0..1 → 0, 0.2, 0.4, 0.6, 0.8, 1; 53000..73000 → 55000 … 70000).
 * A degenerate range yields the single value; non-finite input yields [].
 */
export function niceTicks(min: number, max: number, maxCount = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (lo === hi) return [lo];
  const step = niceStep((hi - lo) / Math.max(1, maxCount - 1));
  // The epsilon absorbs float error such as 0.30000000000000004 / 0.1.
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  return multiplesOf(step, first, last);
}

/** An axis domain widened to whole steps, with its ticks. */
export interface NiceScale {
  /** Lower domain bound, a multiple of `step` at or below the data minimum. */
  readonly min: number;
  /** Upper domain bound, a multiple of `step` at or above the data maximum. */
  readonly max: number;
  /** Distance between ticks. */
  readonly step: number;
  /** Every multiple of `step` from `min` to `max` inclusive. */
  readonly ticks: readonly number[];
}

/**
 * Widens [min, max] outwards to nice bounds so that the first and last ticks
 * sit on the axis ends (at most `maxCount` ticks). A flat range is widened
 * around its value so that a scale built from it never divides by zero.
 */
export function niceScale(min: number, max: number, maxCount = 6): NiceScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new RangeError(`niceScale: bounds must be finite, got ${min}..${max}`);
  }
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  // Widening can add one step at each end, so aim for two fewer intervals.
  let step = niceStep((hi - lo) / Math.max(1, maxCount - 3));
  let first = Math.floor(lo / step + 1e-9);
  let last = Math.ceil(hi / step - 1e-9);
  // Try a finer step while the widened domain still respects maxCount.
  for (let finer = niceStep(step / 2.5); finer < step; finer = niceStep(finer / 2.5)) {
    const f = Math.floor(lo / finer + 1e-9);
    const l = Math.ceil(hi / finer - 1e-9);
    if (l - f + 1 > maxCount) break;
    [step, first, last] = [finer, f, l];
  }
  const ticks = multiplesOf(step, first, last);
  return { min: ticks[0] ?? lo, max: ticks[ticks.length - 1] ?? hi, step, ticks };
}

/**
 * Ticks for a log axis over positive [min, max]: the powers of ten inside it,
 * plus the 2× and 5× values when that gives fewer than three ticks.
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const inRange = (v: number): boolean => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const firstExp = Math.floor(Math.log10(lo));
  const lastExp = Math.ceil(Math.log10(hi));
  const collect = (multipliers: readonly number[]): number[] => {
    const out: number[] = [];
    for (let e = firstExp; e <= lastExp; e++) {
      for (const m of multipliers) {
        const v = Number(`${m}e${e}`);
        if (inRange(v)) out.push(v);
      }
    }
    return out;
  };
  const decades = collect([1]);
  return decades.length >= 3 ? decades : collect([1, 2, 5]);
}

/** `k × step` for k in [first, last], rounded to the step's precision. */
function multiplesOf(step: number, first: number, last: number): number[] {
  const decimals = stepDecimals(step);
  const out: number[] = [];
  for (let k = first; k <= last; k++) {
    // toFixed strips float noise; `+ 0` turns -0 into 0.
    out.push(Number((k * step).toFixed(decimals)) + 0);
  }
  return out;
}
