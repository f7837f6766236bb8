import { Rng } from '@rnnkit/tensor';
import { politisWhiteBlockLength, stationaryBootstrapIndices } from './stationary-bootstrap.js';
import { log } from './portable-math.js';

/** What Hansen's test of superior predictive ability found. */
export interface Spa {
  /** The consistent p-value SPA_c: small means the best model beats the benchmark even after the many tries. */
  pValue: number;
  /** SPA_l (recentred at max(d̄_k, 0)): a lower bound; with it, models far worse than the benchmark count as if level. */
  pLower: number;
  /** SPA_u (recentred at d̄_k, White's Reality Check studentized): an upper bound. */
  pUpper: number;
  /** T = max(0, max_k √n d̄_k / ω̂_k). */
  statistic: number;
  /** 0-based index of the model with the largest √n d̄_k / ω̂_k (−1 when no model has a variance). */
  best: number;
  /** Bootstrap resamples. */
  bootstrap: number;
  /** Mean block length of the stationary bootstrap. */
  blockLength: number;
  /** Forecast days (n) and models (m) tested. */
  n: number;
  /** How many trials (models) were compared with naive. */
  models: number;
  /** The test and the bootstrap, in words (SPA_METHOD). */
  method: string;
}

/** Options of `spaTest`. */
export interface SpaOptions {
  /** Resamples (default 1000). */
  bootstrap?: number;
  /** Mean block length; default the mean over models of the Politis–White choice for each d_k. */
  blockLength?: number;
  /** Seed of the resampling (default 0): same data and seed, same p-value. */
  seed?: number;
}

/** `Spa.method`: which test and which bootstrap. */
export const SPA_METHOD = 'Hansen (2005) SPA, consistent p-value; stationary bootstrap (Politis–Romano 1994)';

/**
 * Hansen's (2005) test for superior predictive ability of "no model beats the benchmark",
 * H0: max_k E[d_k,t] ≤ 0, on relative performances d[k][t] = L(benchmark)_t − L(model k)_t (positive:
 * model k did better on day t). With n days and q = 1 / blockLength:
 *   d̄_k = (1/n) Σ_t d_k,t,  γ̂_k,i = (1/n) Σ_{t≤n−i} (d_k,t − d̄_k)(d_k,t+i − d̄_k),
 *   ω̂²_k = γ̂_k,0 + 2 Σ_{i=1}^{n−1} κ(n, i) γ̂_k,i,  κ(n, i) = ((n − i)/n)(1 − q)^i + (i/n)(1 − q)^{n−i}
 *     (the variance the stationary bootstrap itself implies, Hansen's eq. for ω̂²),
 *   T = max(0, max_k √n d̄_k / ω̂_k).
 * Resample b (stationary bootstrap indices τ_b, one draw shared by all models): d̄*_k,b = (1/n) Σ_t d_k,τ_b(t),
 *   Z*_k,b = d̄*_k,b − g(d̄_k) with g_l(x) = max(x, 0), g_c(x) = x·1{x ≥ −√((ω̂²_k/n)·2 log log n)}, g_u(x) = x,
 *   T*_b = max(0, max_k √n Z*_k,b / ω̂_k),  p = #{b : T*_b > T} / B.
 * Models whose ω̂_k is 0 (losses identical to the benchmark every day) cannot beat it and are left out.
 */
export function spaTest(d: ArrayLike<number>[], options: SpaOptions = {}): Spa {
  const m = d.length;
  const n = m > 0 ? d[0]!.length : 0;
  for (const [k, row] of d.entries()) if (row.length !== n) throw new RangeError(`spaTest: model ${k} has ${row.length} days, model 0 has ${n}`);
  const B = options.bootstrap ?? 1000;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`spaTest: bootstrap must be a whole number ≥ 1, got ${B}`);
  const blockLength = options.blockLength ?? (m > 0 && n >= 4 ? d.reduce((s, row) => s + politisWhiteBlockLength(row), 0) / m : 1);
  const base = { bootstrap: B, blockLength, n, models: m, method: SPA_METHOD };
  if (m === 0 || n < 3) return { pValue: NaN, pLower: NaN, pUpper: NaN, statistic: NaN, best: -1, ...base };
  const q = 1 / blockLength;
  const mean = d.map((row) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += row[t]!;
    return s / n;
  });
  const kappa = Array.from({ length: n }, (_, i) => ((n - i) / n) * (1 - q) ** i + (i / n) * (1 - q) ** (n - i));
  const omega = d.map((row, k) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      let g = 0;
      for (let t = 0; t + i < n; t++) g += (row[t]! - mean[k]!) * (row[t + i]! - mean[k]!);
      v += (i === 0 ? 1 : 2 * kappa[i]!) * (g / n);
    }
    return v > 0 ? Math.sqrt(v) : 0;
  });
  const rootN = Math.sqrt(n);
  let statistic = 0;
  let best = -1;
  let bestT = -Infinity;
  for (let k = 0; k < m; k++) {
    if (!(omega[k]! > 0)) continue;
    const t = (rootN * mean[k]!) / omega[k]!;
    if (t > bestT) [bestT, best] = [t, k];
  }
  if (best < 0) return { pValue: 1, pLower: 1, pUpper: 1, statistic: 0, best, ...base };
  statistic = Math.max(0, bestT);
  const loglog = 2 * log(log(n));
  const centre = {
    l: mean.map((x) => Math.max(x, 0)),
    c: mean.map((x, k) => (x >= -Math.sqrt(((omega[k]! ** 2) / n) * loglog) ? x : 0)),
    u: mean,
  };
  const rng = new Rng(options.seed ?? 0);
  let above = { l: 0, c: 0, u: 0 };
  for (let b = 0; b < B; b++) {
    const tau = stationaryBootstrapIndices(n, blockLength, rng);
    let tl = 0, tc = 0, tu = 0;
    for (let k = 0; k < m; k++) {
      if (!(omega[k]! > 0)) continue;
      const row = d[k]!;
      let s = 0;
      for (let t = 0; t < n; t++) s += row[tau[t]!]!;
      const star = s / n;
      const scale = rootN / omega[k]!;
      tl = Math.max(tl, scale * (star - centre.l[k]!));
      tc = Math.max(tc, scale * (star - centre.c[k]!));
      tu = Math.max(tu, scale * (star - centre.u[k]!));
    }
    above = { l: above.l + (tl > statistic ? 1 : 0), c: above.c + (tc > statistic ? 1 : 0), u: above.u + (tu > statistic ? 1 : 0) };
  }
  return { pValue: above.c / B, pLower: above.l / B, pUpper: above.u / B, statistic, best, ...base };
}
