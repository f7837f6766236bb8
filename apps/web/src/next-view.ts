// The forecast of the next days: the model's value per horizon beside naive (the last value), with the
// interval and verdict of a backtest of the same settings when one ran.
import { columnFormat, type BacktestResult } from '@rnnkit/forecast';
import type { TrainOutcome, WebBacktestConfig, WebTrainConfig } from './protocol.js';

/** The settings a backtest must share with the trained model for its interval and verdict to be about it. */
const SAME: (keyof WebTrainConfig)[] = [
  'cell', 'layers', 'target', 'horizon', 'seqLen', 'batchSize', 'seed',
  'scaler', 'targetTransform', 'inputTransform', 'calendar', 'hidden', 'epochs', 'lr', 'optimizer', 'validation', 'patience',
];

/** The conformal half-width per horizon of the backtest's last fold (calibrated on the most recent days), or null without intervals. */
export function lastFoldHalfWidths(result: BacktestResult, horizon: number): number[] | null {
  const last = result.folds.at(-1)!.fold;
  const widths = Array.from({ length: horizon }, (_, k) => {
    const f = result.forecasts.find((x) => x.fold === last && x.horizon === k + 1);
    return f?.lower === undefined || f.upper === undefined ? NaN : (f.upper - f.lower) / 2;
  });
  return widths.every(Number.isFinite) ? widths : null;
}

export function showNext(panel: HTMLElement, next: TrainOutcome['next'], config: WebTrainConfig, backtest: { config: WebBacktestConfig; result: BacktestResult } | null): void {
  const matches = backtest !== null && SAME.every((k) => JSON.stringify(backtest.config[k]) === JSON.stringify(config[k]));
  // The run's own interval (Interval under Model and training) first; else the matching backtest's last fold.
  const widths = next.interval || !matches ? null : lastFoldHalfWidths(backtest.result, config.horizon);
  const ends = next.interval
    ? next.predicted.map((_, k) => [next.interval!.lower[k]!, next.interval!.upper[k]!] as const)
    : widths && next.predicted.map((p, k) => [p - widths[k]!, p + widths[k]!] as const);
  const table = panel.querySelector('table')!;
  // The digits the values need (a penny stock's 0.0123 is not 0.01), the same for every cell.
  const num = columnFormat([next.last, ...next.predicted, ...(ends ?? []).flat()]);
  table.caption!.textContent = `${config.target} after ${next.from} (last value ${num(next.last)}), ${config.horizon === 1 ? 'the next trading day' : `the next ${config.horizon} trading days`}`;
  table.tBodies[0]!.innerHTML = next.predicted.map((p, k) => {
    const interval = ends ? `${num(ends[k]![0])} – ${num(ends[k]![1])}` : '—';
    return `<tr><th scope="row">+${k + 1}</th><td>${num(p)}</td><td>${interval}</td><td>${num(next.last)}</td></tr>`;
  }).join('');
  table.hidden = false;
  panel.querySelector<HTMLElement>('#next-empty')!.hidden = true;
  const own = next.interval ? ` Interval: ${Math.round(next.interval.level * 100)}% split-conformal, calibrated on the last ${next.interval.calibrationWindows} training windows (held out of the fit), as rnnkit train --interval.` : '';
  const level = backtest?.config.interval;
  panel.querySelector('#next-verdict')!.textContent = (!backtest
    ? `No backtest yet: run one (below)${next.interval ? '' : ' with an interval'} to see whether the model beats naive${next.interval ? '' : ' and how wide its forecasts\' intervals are'}.`
    : !matches
      ? 'The last backtest used other settings than this model; run it again to judge this one.'
      : `Backtest: ${backtest.result.verdict}.` + (next.interval ? '' : widths ? ` Interval: ${Math.round(level! * 100)}% conformal, the half-width of the backtest's last fold.` : ' Set an interval (here or in the backtest) for one here.')) + own;
}

export function clearNext(panel: HTMLElement): void {
  panel.querySelector('table')!.hidden = true;
  panel.querySelector<HTMLElement>('#next-empty')!.hidden = false;
  panel.querySelector('#next-verdict')!.textContent = '';
}
