/**
 * Split-conformal half-width: the ⌈(n+1)·level⌉-th smallest absolute calibration residual.
 * Infinity when that rank exceeds n (too few calibration windows for the level).
 */
export function conformalHalfWidth(residuals: ArrayLike<number>, level: number): number {
  const sorted = Array.from(residuals, Math.abs).sort((a, b) => a - b);
  const rank = Math.ceil((sorted.length + 1) * level);
  return rank <= sorted.length ? sorted[rank - 1]! : Infinity;
}
