import type { Rng } from '@rnnkit/tensor';
import { cbrt, log } from './portable-math.js';

/**
 * One resample of the stationary bootstrap (Politis & Romano 1994): blocks of geometric length with
 * mean `blockLength`, wrapped around the end of the series. Index 0 is a uniform draw; each next
 * index starts a new block at a uniform draw with probability q = 1 / blockLength, and otherwise
 * continues the block, τ(t) = τ(t − 1) + 1 mod n. Draw order (documented because the tests redo it
 * in python): for t = 0 `rng.int(n)`; for t ≥ 1 `rng.next()`, then `rng.int(n)` only when it is < q.
 */
export function stationaryBootstrapIndices(n: number, blockLength: number, rng: Rng): Int32Array {
  if (!(blockLength >= 1)) throw new RangeError(`stationary bootstrap: the mean block length must be ≥ 1, got ${blockLength}`);
  const q = 1 / blockLength;
  const tau = new Int32Array(n);
  if (n === 0) return tau;
  tau[0] = rng.int(n);
  for (let t = 1; t < n; t++) tau[t] = rng.next() < q ? rng.int(n) : (tau[t - 1]! + 1) % n;
  return tau;
}

/** Sample autocovariances R̂(k) = (1/n) Σ_{t<n−k} (x_t − x̄)(x_{t+k} − x̄), k = 0..maxLag. */
export function autocovariances(x: ArrayLike<number>, maxLag: number): number[] {
  const n = x.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t]!;
  mean /= n;
  return Array.from({ length: maxLag + 1 }, (_, k) => {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (x[t]! - mean) * (x[t + k]! - mean);
    return s / n;
  });
}

/**
 * The automatic mean block length of the stationary bootstrap: Politis & White (2004) with the
 * correction of Patton, Politis & White (2009).
 *   m̂ = the smallest m with |ρ̂(m + k)| < 2 √(log₁₀ n / n) for k = 1..K_n, K_n = max(5, ⌈√log₁₀ n⌉),
 *       searched up to m_max = ⌈√n⌉ + K_n (M = m_max when there is none), M = 2 m̂;
 *   λ(s) = 1 for |s| ≤ ½, 2(1 − |s|) for ½ < |s| ≤ 1 (the flat-top kernel);
 *   Ĝ = 2 Σ_{k=1}^{M} λ(k/M) k R̂(k),  ĝ = R̂(0) + 2 Σ_{k=1}^{M} λ(k/M) R̂(k),  D̂ = 2 ĝ²;
 *   b̂ = (2 Ĝ² / D̂)^{1/3} n^{1/3}, kept within [1, ⌈min(3√n, n/3)⌉].
 * A series without serial correlation gets 1 (the plain bootstrap), a constant one too.
 */
export function politisWhiteBlockLength(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 4) return 1;
  const kn = Math.max(5, Math.ceil(Math.sqrt(log(n) / Math.LN10)));
  const mMax = Math.ceil(Math.sqrt(n)) + kn;
  const bMax = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
  const r = autocovariances(x, Math.min(n - 1, mMax + kn));
  if (!(r[0]! > 0)) return 1;
  const bound = 2 * Math.sqrt(log(n) / Math.LN10 / n);
  const small = (k: number) => k >= r.length || Math.abs(r[k]! / r[0]!) < bound;
  let mHat = -1;
  for (let m = 0; m <= mMax && mHat < 0; m++) {
    let all = true;
    for (let k = 1; k <= kn && all; k++) all = small(m + k);
    if (all) mHat = m;
  }
  const M = Math.min(mHat < 0 ? mMax : 2 * mHat, r.length - 1);
  let G = 0;
  let g = r[0]!;
  for (let k = 1; k <= M; k++) {
    const s = k / M;
    const lambda = s <= 0.5 ? 1 : 2 * (1 - s);
    G += 2 * lambda * k * r[k]!;
    g += 2 * lambda * r[k]!;
  }
  const D = 2 * g * g;
  const b = D > 0 ? cbrt((2 * G * G) / D) * cbrt(n) : 1;
  return Math.min(Math.max(b, 1), bMax);
}
