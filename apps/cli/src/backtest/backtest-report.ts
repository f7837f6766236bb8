import type { BacktestResult, ErrorMeasures } from '@rnnkit/forecast';
import { textTable } from '../text-table.js';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : String(v));
const pct = (v: number) => (Number.isFinite(v) ? `${v.toFixed(3)}%` : String(v));
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
const p = (v: number) => (!Number.isFinite(v) ? 'n/a' : v < 0.001 ? v.toExponential(1) : v.toFixed(3));
const measures = (m: ErrorMeasures, mape = true) => [f2(m.rmse), f2(m.mae), mape ? pct(m.mape) : 'n/a', f3(m.mase)];

/** The per-fold table (horizon 1): dates, windows, model and naive RMSE/MAE/MAPE/MASE. */
export function foldLines(result: BacktestResult, mape = true): string[] {
  return textTable([
    ['fold', 'train', 'windows', 'test', 'model RMSE', 'MAE', 'MAPE', 'MASE', 'naive RMSE', 'MAE', 'MAPE', 'MASE'],
    ...result.folds.map((f) => [String(f.fold), `${f.train.from}..${f.train.to}`, String(f.train.windows), `${f.test.from}..${f.test.to}`, ...measures(f.model, mape), ...measures(f.naive, mape)]),
  ]);
}

/** The pooled table per horizon: model and naive, skill, the DM test and the interval coverage. */
export function pooledLines(result: BacktestResult, interval: number | null, mape = true): string[] {
  const head = ['horizon', 'n', 'model RMSE', 'MAE', 'MAPE', 'MASE', 'naive RMSE', 'MAE', 'MAPE', 'MASE', 'skill', 'DM', 'p', ...(interval === null ? [] : [`coverage (${interval})`])];
  return textTable([
    head,
    ...result.horizons.map((h) => [String(h.horizon), String(h.n), ...measures(h.model, mape), ...measures(h.naive, mape), f3(h.skill), f2(h.dm.statistic), p(h.dm.pValue), ...(h.coverage === undefined ? [] : [f3(h.coverage)])]),
  ]);
}

/** The baselines' pooled table: per baseline and horizon, RMSE, MAE, MASE, skill against naive and the DM test against naive. */
export function baselineLines(result: BacktestResult): string[] {
  const rows = result.baselines.flatMap((b) => (b.unavailable !== undefined
    ? [[b.name, '-', 'n/a', '', '', '', '', '', `(${b.unavailable})`]]
    : b.horizons.map((h) => [b.name, String(h.horizon), f2(h.model.rmse), f2(h.model.mae), f3(h.model.mase), f3(h.skill), f2(h.dm.statistic), p(h.dm.pValue), ''])));
  return textTable([['baseline', 'horizon', 'RMSE', 'MAE', 'MASE', 'skill', 'DM', 'p', ''], ...rows]);
}

/** The verdict lines: against naive at horizon 1 (the sentence of old), against the best baseline, then the other horizons. */
export function verdictLines(result: BacktestResult): string[] {
  return [
    `verdict: ${result.verdict}`,
    `         ${result.versusBest[0]!.verdict}`,
    ...result.verdicts.slice(1).map((v, k) => `         ${v}${result.versusBest[k + 1]!.best === 'naive' ? '' : `; ${result.versusBest[k + 1]!.verdict}`}`),
  ];
}
