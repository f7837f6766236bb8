import { exp, log } from './portable-math.js';
/**
 * What the model learns for horizon h at origin o (the window's last day):
 * - `none`: the target itself, Close[o+h] (the tutorial's);
 * - `diff`: the change, Close[o+h] − Close[o];
 * - `logret`: the log return, ln(Close[o+h] / Close[o]).
 * With `diff` or `logret` an output of 0 is exactly the naive forecast Close[o].
 */
export type TargetTransform = 'none' | 'diff' | 'logret';

/** The transforms, for flag parsing and help texts. */
export const TARGET_TRANSFORMS: readonly TargetTransform[] = ['none', 'diff', 'logret'];

/** The learned value for `future` given the origin's value `origin` (both in price units). */
export function encodeTarget(kind: TargetTransform, future: number, origin: number): number {
  if (kind === 'diff') return future - origin;
  if (kind === 'logret') return log(future / origin);
  return future;
}

/** Back to price units: the forecast from a learned value and the origin's value. */
export function decodeTarget(kind: TargetTransform, value: number, origin: number): number {
  if (kind === 'diff') return origin + value;
  if (kind === 'logret') return origin * exp(value);
  return value;
}
