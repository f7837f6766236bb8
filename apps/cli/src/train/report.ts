import { describeModel, inputCount, MAPE_NOTE, mapeUnreliable, rangeExcursion, rangeGuidance, verdictOf, type ErrorMeasures } from '@rnnkit/forecast';
import { renderTextChart } from '../charts/text-chart.js';
import { textTable } from '../text-table.js';
import type { LoadedRun } from './load-data.js';
import type { TrainConfig } from './train-config.js';
import type { TrainResult } from './train-run.js';
import { plural } from '../plural.js';
import { columnFormat, formatSignificant } from '../charts/format-number.js';

/** The text printed before training: data and model at a glance, with the dates each part covers. */
export function headerLines(config: TrainConfig, loaded: LoadedRun, parameters: number): string[] {
  const { prepared, series, source } = loaded;
  const { train, test } = prepared.rows;
  const span = (r: { start: number; end: number }) => `${series.dates[r.start]}..${series.dates[r.end - 1]}`;
  const batch = config.batchSize === 'full' ? `full batch (${prepared.train.n})` : `batch ${config.batchSize}`;
  const ahead = config.horizon === 1 ? `next ${config.target}` : `${config.target} 1..${config.horizon} days ahead`;
  const transform = config.targetTransform === 'none' ? '' : `, learned as ${config.targetTransform === 'diff' ? 'the change' : 'the log return'} from the last day`;
  return [
    `data     ${source}: train ${span(train)} (${train.end - train.start} rows → ${prepared.train.n} windows), test ${span(test)} (${test.end - test.start} rows → ${prepared.test.n} windows)`,
    `         ${config.seqLen} days of ${config.features.join(',')}${(config.inputTransform ?? 'level') === 'level' ? '' : ` (${config.inputTransform})`}${config.calendar?.length ? ` + ${config.calendar.join(',')} of the target day` : ''} → ${ahead}${transform}, ${config.scaler} scaling fitted on train rows`,
    `model    ${describeModel({ ...config, ...config.modelOptions }, inputCount(config.features.length, config), config.horizon)}, ${parameters} parameters, ${config.init ? `weights from ${config.init}` : `seed ${config.seed}`}`,
    `training ${config.validation > 0 ? `at most ${plural(config.epochs, 'epoch')}, early stopping on the last ${Math.round(config.validation * 100)}% of the training windows${config.patience === null ? '' : ` (patience ${config.patience})`}` : plural(config.epochs, 'epoch')}, ${config.optimizer} lr ${config.lr}, ${batch}, backend ${config.backend}`,
    ...((config.interval ?? null) === null ? [] : [`interval ${config.interval} split-conformal: the last 20% of the training windows are held out of the fit to calibrate the intervals`]),
  ];
}

/** The charts printed after training: loss curve and, at horizon 1, actual vs predicted vs naive over the test set. */
export function chartLines(config: TrainConfig, result: TrainResult, color: boolean): string {
  const loss = result.trainLoss.length === 0 ? 'Training loss: no epochs (--epochs 0)'
    // One point makes no curve: say the number instead of drawing a flat line.
    : result.trainLoss.length === 1 ? `Training loss: 1 epoch, train MSE (scaled) ${result.trainLoss[0]!.toPrecision(6)}`
    : renderTextChart([{ label: 'train MSE (scaled)', values: result.trainLoss }], {
    title: 'Training loss', height: 8, logY: true, color, xLabels: ['epoch 1', `epoch ${result.trainLoss.length}`],
  });
  const h1 = result.forecasts.filter((f) => f.horizon === 1);
  const prices = renderTextChart(
    [
      { label: 'actual', values: h1.map((f) => f.actual) },
      { label: 'predicted', values: h1.map((f) => f.predicted) },
      { label: 'naive', values: h1.map((f) => f.naive) },
    ],
    { title: `Test set: ${config.target}, actual vs predicted${config.horizon > 1 ? ' (horizon 1)' : ''}`, height: 12, color, xLabels: [h1[0]!.date, h1.at(-1)!.date], },
  );
  return `${loss}\n\n${prices}`;
}

/** A loss with six decimals, or its significant digits once six decimals would read 0.000000. */
export function lossText(loss: number): string {
  return Math.abs(loss) >= 1e-3 || loss === 0 || !Number.isFinite(loss) ? loss.toFixed(6) : formatSignificant(loss, 4);
}

const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'adj close'];

/**
 * The result table: the model beside the naive forecast per horizon (RMSE, MAE, MAPE, MASE, skill), and
 * the Diebold–Mariano verdict on the test split: "beats" only when the test says so, never on a point estimate.
 */
export function resultLines(result: TrainResult, target: string, runDir: string, guidance: string[] = []): string[] {
  const units = PRICE_COLUMNS.includes(target.toLowerCase()) ? 'price units' : target;
  const mapeOk = !mapeUnreliable(result.forecasts.map((f) => f.actual));
  // Each column's digits suit its values: a penny stock's RMSE 0.00458 is not 0.00.
  const all = result.horizons.flatMap((h) => [h.model, h.naive]);
  const column = (pick: (m: ErrorMeasures) => number, min: number) => columnFormat(all.map(pick), { min });
  const [rmse, mae, mape, mase] = [column((m) => m.rmse, 2), column((m) => m.mae, 2), column((m) => m.mape, 3), column((m) => m.mase, 3)];
  const skill = columnFormat([...result.horizons.map((h) => h.skill), 0], { min: 3 });
  const cells = (m: ErrorMeasures) => [rmse(m.rmse), mae(m.mae), mapeOk ? `${mape(m.mape)}%` : 'n/a', mase(m.mase)];
  const many = result.horizons.length > 1;
  const rows = [[`test (${units})`, 'RMSE', 'MAE', 'MAPE', 'MASE', 'skill']];
  for (const h of result.horizons) {
    const tag = many ? ` h${h.horizon}` : '';
    rows.push([`model${tag}`, ...cells(h.model), skill(h.skill)], [`naive (last ${target})${tag}`, ...cells(h.naive), skill(0)]);
  }
  const h1 = result.horizons[0]!;
  const ratio = h1.model.rmse / h1.naive.rmse;
  const change = ratio < 1 ? `RMSE ${((1 - ratio) * 100).toFixed(1)}% lower (skill ${h1.skill.toFixed(3)})` : `the model's RMSE is ${((ratio - 1) * 100).toFixed(1)}% higher`;
  const verdict = `${verdictOf(h1.dm, 1)} on the test split: ${change}; rnnkit backtest tests it over several folds`;
  const loss = result.trainLoss.length ? `final train loss ${lossText(result.trainLoss.at(-1)!)} · ${result.msPerEpoch.toFixed(2)} ms/epoch` : 'no training (--epochs 0)';
  const notes = [...(mapeOk ? [] : [MAPE_NOTE]), ...guidance].map((n) => `note: ${n}`);
  return [...textTable(rows), ...notes, verdict, ...intervalLine(result), ...baselineLine(result), `${loss} · run folder ${runDir}`];
}

/** With --interval, one line: the level, what calibrated it, and the test coverage per horizon. */
function intervalLine(result: TrainResult): string[] {
  if (!result.interval) return [];
  const { level, scale, calibrationWindows } = result.interval;
  const coverage = result.horizons.map((h) => `${result.horizons.length > 1 ? `h${h.horizon} ` : ''}${((h.coverage ?? NaN) * 100).toFixed(1)}%`).join(', ');
  return [`interval ${Math.round(level * 1000) / 10}% split-conformal (${scale}), calibrated on the last ${plural(calibrationWindows, 'training window')}, held out of the fit: test coverage ${coverage}`];
}

/** The one-line guidance when a level target's test values leave the range the scaler was fitted on. */
export function rangeLines(config: TrainConfig, loaded: LoadedRun): string[] {
  if (config.targetTransform !== 'none' || config.scaler === 'none') return [];
  const line = rangeGuidance(config.target, [rangeExcursion(loaded.series, loaded.prepared.rows.train, loaded.prepared.rows.test)], 'test split');
  return line ? [line] : [];
}

/** One line: the baselines' skill against naive at horizon 1 (with the DM p-value) and which is best. */
function baselineLine(result: TrainResult): string[] {
  if (!result.baselines?.length) return [];
  const each = result.baselines.map((b) => (b.unavailable !== undefined ? `${b.name} n/a` : `${b.name} ${b.horizons[0]!.skill.toFixed(3)} (DM p ${fmtP(b.horizons[0]!.dm.pValue)})`));
  const best = result.versusBest[0]!;
  return [`baselines, skill against naive at horizon 1: ${each.join(', ')}; best: ${best.best}${best.best === 'naive' ? '' : ` (the model's skill against it ${best.skill.toFixed(3)}, DM p ${fmtP(best.dm.pValue)})`}`];
}

const fmtP = (p: number) => (!Number.isFinite(p) ? 'n/a' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));
