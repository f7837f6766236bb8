// Shows a backtest: the verdict, the chart over the test blocks, the per-fold and pooled tables.
import { columnFormat, type BacktestResult, type ErrorMeasures } from '@rnnkit/forecast';
import { backtestChart } from './charts.js';

const $ = (id: string) => document.getElementById(id)!;
const num = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');

/** Table cells with the digits their column needs, as the CLI's tables (a penny stock's RMSE 0.00458 is not 0.00). */
function measureCells(all: ErrorMeasures[]): (m: ErrorMeasures) => string {
  const column = (pick: (m: ErrorMeasures) => number, min: number) => columnFormat(all.map(pick), { min });
  const [rmse, mae, mape, mase] = [column((m) => m.rmse, 2), column((m) => m.mae, 2), column((m) => m.mape, 3), column((m) => m.mase, 3)];
  return (m) => `<td>${rmse(m.rmse)}</td><td>${mae(m.mae)}</td><td>${mape(m.mape)}%</td><td>${mase(m.mase)}</td>`;
}

export function showBacktest(r: BacktestResult, column: string): void {
  const h1 = r.horizons[0]!;
  $('backtest-verdict').textContent = `${r.verdict[0]!.toUpperCase()}${r.verdict.slice(1)}: ${r.folds.length} folds, ${h1.n} one-day forecasts` +
    (h1.coverage === undefined ? '.' : `; the interval held ${(h1.coverage * 100).toFixed(1)}% of the actual closes.`);
  const f1 = r.forecasts.filter((f) => f.horizon === 1);
  const band = f1.every((f) => f.lower !== undefined) ? { lower: f1.map((f) => f.lower!), upper: f1.map((f) => f.upper!) } : null;
  $('backtest-figure').hidden = false;
  const chartEl = $('backtest-chart');
  backtestChart(chartEl, f1.map((f) => f.date), f1.map((f) => f.actual), f1.map((f) => f.predicted), f1.map((f) => f.naive), band, r.folds.map((f) => f.test.from), column);
  chartEl.setAttribute('aria-label', `Chart of the backtest's test blocks, ${r.folds[0]!.test.from} to ${r.folds.at(-1)!.test.to}: actual close, model and naive forecast${band ? ', with the interval band' : ''}; the numbers are in the tables below`);
  const folds = $('backtest-folds') as HTMLTableElement;
  const foldRmse = columnFormat(r.folds.flatMap((f) => [f.model.rmse, f.naive.rmse]));
  const foldMase = columnFormat(r.folds.map((f) => f.model.mase), { min: 3 });
  folds.tBodies[0]!.innerHTML = r.folds.map((f) =>
    `<tr><th scope="row">${f.fold}</th><td><span class="date">${f.train.from}</span> – <span class="date">${f.train.to}</span></td><td><span class="date">${f.test.from}</span> – <span class="date">${f.test.to}</span></td><td>${foldRmse(f.model.rmse)}</td><td>${foldRmse(f.naive.rmse)}</td><td>${foldMase(f.model.mase)}</td><td>${f.finalLoss.toPrecision(4)}</td></tr>`).join('');
  const pooled = $('backtest-pooled') as HTMLTableElement;
  const cells = measureCells(r.horizons.flatMap((h) => [h.model, h.naive]));
  pooled.tBodies[0]!.innerHTML = r.horizons.map((h) =>
    `<tr><th scope="row">${h.horizon} model</th>${cells(h.model)}<td>${num(h.skill, 3)}</td><td>${num(h.dm.statistic)}</td><td>${h.dm.pValue.toPrecision(2)}</td></tr>` +
    `<tr><th scope="row">${h.horizon} naive</th>${cells(h.naive)}<td>0.000</td><td></td><td></td></tr>`).join('');
  folds.hidden = pooled.hidden = $('backtest-notes').hidden = false;
}

export function clearBacktest(): void {
  $('backtest-verdict').textContent = '';
  $('backtest-chart').replaceChildren();
  $('backtest-figure').hidden = true;
  ($('backtest-folds') as HTMLTableElement).hidden = true;
  ($('backtest-pooled') as HTMLTableElement).hidden = true;
  $('backtest-notes').hidden = true;
}
