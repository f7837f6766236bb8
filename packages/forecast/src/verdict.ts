import type { DieboldMariano } from './diebold-mariano.js';

/** The significance level of the verdict. */
export const VERDICT_ALPHA = 0.05;

const fmtP = (p: number) => (p < 0.001 ? p.toExponential(1) : p < 0.01 ? p.toFixed(3) : p.toFixed(2));

/** The plain-words verdict of a DM test at `horizon`, e.g. "the model beats the naive forecast at horizon 1 (DM −2.91, p = 0.004)". */
export function verdictOf(dm: DieboldMariano, horizon: number): string {
  const stats = `DM ${dm.statistic.toFixed(2).replace('-', '−')}, p = ${fmtP(dm.pValue)}`;
  if (!Number.isFinite(dm.pValue)) return `too few forecasts at horizon ${horizon} for a test`;
  if (dm.pValue < VERDICT_ALPHA && dm.statistic < 0) return `the model beats the naive forecast at horizon ${horizon} (${stats})`;
  if (dm.pValue < VERDICT_ALPHA && dm.statistic > 0) return `the naive forecast is better at horizon ${horizon} (${stats})`;
  return `no evidence that the model beats the naive forecast at horizon ${horizon} (${stats})`;
}

/**
 * The verdict of the model against the best baseline (the lowest RMSE among naive and the baselines)
 * at `horizon`, e.g. "the model beats the best baseline, drift, at horizon 1 (DM −2.10, p = 0.04)".
 */
export function baselineVerdictOf(dm: DieboldMariano, horizon: number, baseline: string): string {
  const stats = `DM ${dm.statistic.toFixed(2).replace('-', '−')}, p = ${fmtP(dm.pValue)}`;
  if (!Number.isFinite(dm.pValue)) return `too few forecasts at horizon ${horizon} to test the model against the best baseline, ${baseline}`;
  if (dm.pValue < VERDICT_ALPHA && dm.statistic < 0) return `the model beats the best baseline, ${baseline}, at horizon ${horizon} (${stats})`;
  if (dm.pValue < VERDICT_ALPHA && dm.statistic > 0) return `the best baseline, ${baseline}, is better than the model at horizon ${horizon} (${stats})`;
  return `no evidence that the model beats the best baseline, ${baseline}, at horizon ${horizon} (${stats})`;
}
