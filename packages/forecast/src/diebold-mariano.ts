import { studentTTwoSided } from './student-t.js';

/** The outcome of a Diebold–Mariano test. */
export interface DieboldMariano {
  /** HLN-corrected statistic; negative means the model's squared errors are smaller. */
  statistic: number;
  /** Two-sided p-value from Student's t with n − 1 degrees of freedom. */
  pValue: number;
}

/**
 * Diebold–Mariano test of equal squared-error loss, with the Harvey–Leybourne–Newbold correction.
 * `modelErrors` and `naiveErrors` are forecast errors ordered by date, at horizon `h`:
 *   d_t = e_model,t² − e_naive,t²,  d̄ = mean d_t,  γ_k = (1/n) Σ_{t>k} (d_t − d̄)(d_{t−k} − d̄),
 *   DM = d̄ / √((γ_0 + 2 Σ_{k=1}^{h−1} γ_k) / n),
 *   DM* = DM · √((n + 1 − 2h + h(h − 1)/n) / n),  p = P(|t_{n−1}| ≥ |DM*|).
 * Where the long-run variance is not positive (possible for h > 1) γ_0 alone is used; where the
 * losses are identical the statistic is 0 and p is 1.
 */
export function dieboldMariano(modelErrors: ArrayLike<number>, naiveErrors: ArrayLike<number>, h = 1): DieboldMariano {
  const n = modelErrors.length;
  if (n !== naiveErrors.length) throw new RangeError(`dieboldMariano: ${n} model errors but ${naiveErrors.length} naive errors`);
  if (n < 2) return { statistic: NaN, pValue: NaN };
  const d = Array.from({ length: n }, (_, t) => modelErrors[t]! ** 2 - naiveErrors[t]! ** 2);
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const gamma = (k: number) => {
    let s = 0;
    for (let t = k; t < n; t++) s += (d[t]! - mean) * (d[t - k]! - mean);
    return s / n;
  };
  let variance = gamma(0);
  for (let k = 1; k < h; k++) variance += 2 * gamma(k);
  if (!(variance > 0)) variance = gamma(0);
  if (!(variance > 0)) return { statistic: 0, pValue: 1 };
  const dm = mean / Math.sqrt(variance / n);
  const statistic = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  return { statistic, pValue: studentTTwoSided(statistic, n - 1) };
}
