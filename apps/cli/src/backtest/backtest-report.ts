import type { BacktestResult, ErrorMeasures } from '@rnnkit/forecast';
import { textTable } from '../text-table.js';
import { columnFormat } from '../charts/format-number.js';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : String(v));
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
const p = (v: number) => (!Number.isFinite(v) ? 'n/a' : v < 0.001 ? v.toExponential(1) : v.toFixed(3));

/** Model and naive measures with the digits their values need (a penny stock's 0.00458 is not 0.00), the same within a table; MAPE 'n/a' when unreliable. */
function measuresOf(all: ErrorMeasures[], withMape: boolean): (m: ErrorMeasures) => string[] {
  const column = (pick: (m: ErrorMeasures) => number, min: number) => columnFormat(all.map(pick), { min }, String);
  const [rmse, mae, mape, mase] = [column((m) => m.rmse, 2), column((m) => m.mae, 2), column((m) => m.mape, 3), column((m) => m.mase, 3)];
  return (m) => [rmse(m.rmse), mae(m.mae), !withMape ? 'n/a' : Number.isFinite(m.mape) ? `${mape(m.mape)}%` : String(m.mape), mase(m.mase)];
}

/** The per-fold table (horizon 1): dates, windows, model and naive RMSE/MAE/MAPE/MASE. */
export function foldLines(result: BacktestResult, mape = true): string[] {
  const measures = measuresOf(result.folds.flatMap((f) => [f.model, f.naive]), mape);
  return textTable([
    ['fold', 'train', 'windows', 'test', 'model RMSE', 'MAE', 'MAPE', 'MASE', 'naive RMSE', 'MAE', 'MAPE', 'MASE'],
    ...result.folds.map((f) => [String(f.fold), `${f.train.from}..${f.train.to}`, String(f.train.windows), `${f.test.from}..${f.test.to}`, ...measures(f.model), ...measures(f.naive)]),
  ]);
}

/** The pooled table per horizon: model and naive, skill, the DM test and the interval coverage. */
export function pooledLines(result: BacktestResult, interval: number | null, mape = true): string[] {
  const measures = measuresOf(result.horizons.flatMap((h) => [h.model, h.naive]), mape);
  const head = ['horizon', 'n', 'model RMSE', 'MAE', 'MAPE', 'MASE', 'naive RMSE', 'MAE', 'MAPE', 'MASE', 'skill', 'DM', 'p', ...(interval === null ? [] : [`coverage (${interval})`])];
  return textTable([
    head,
    ...result.horizons.map((h) => [String(h.horizon), String(h.n), ...measures(h.model), ...measures(h.naive), f3(h.skill), f2(h.dm.statistic), p(h.dm.pValue), ...(h.coverage === undefined ? [] : [f3(h.coverage)])]),
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
