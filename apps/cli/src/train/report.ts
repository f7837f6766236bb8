import type { ForecastData, ForecastMetrics } from '@rnnkit/datasets';
import { renderTextChart } from '../charts/text-chart.js';
import type { TrainConfig } from './train-config.js';
import type { TrainResult } from './train-run.js';

/** The text printed before training: data and model at a glance. */
export function headerLines(config: TrainConfig, source: string, data: ForecastData, parameters: number): string[] {
  const batch = config.batchSize === 'full' ? `full batch (${data.train.n})` : `batch ${config.batchSize}`;
  return [
    `data     ${source}: ${data.trainRows} train rows → ${data.train.n} windows, ${data.testRows} test rows → ${data.test.n} windows`,
    `         ${config.seqLen} days of ${config.features.join(',')} → next ${config.target}, ${config.scaler} scaling fitted on train rows`,
    `model    ${config.cell.toUpperCase()} ${config.features.length}→${config.hidden}→1 × ${config.layers} layer, ${parameters} parameters, ${config.init ? `weights from ${config.init}` : `seed ${config.seed}`}`,
    `training ${config.epochs} epochs, ${config.optimizer} lr ${config.lr}, ${batch}, backend ${config.backend}`,
  ];
}

/** The charts printed after training: loss curve and predicted vs actual test prices. */
export function chartLines(data: ForecastData, result: TrainResult, color: boolean): string {
  const loss = renderTextChart([{ label: 'train MSE (scaled)', values: result.trainLoss }], {
    title: 'Training loss', height: 8, logY: true, color, xLabels: ['epoch 1', `epoch ${result.trainLoss.length}`],
  });
  const { test } = data;
  const prices = renderTextChart(
    [
      { label: 'actual', values: test.actual },
      { label: 'predicted', values: result.predicted },
      { label: 'naive', values: test.lastValue },
    ],
    { title: `Test set: ${data.target}, actual vs predicted`, height: 12, color, xLabels: [test.dates[0]!, test.dates[test.n - 1]!], yFormat: (v) => v.toFixed(0) },
  );
  return `${loss}\n\n${prices}`;
}

/** The result table: the model beside the naive forecast, and which one wins. */
export function resultLines(result: TrainResult, target: string, runDir: string): string[] {
  const row = (name: string, m: ForecastMetrics) =>
    `${name.padEnd(22)}${m.rmse.toFixed(2).padStart(10)}${m.mae.toFixed(2).padStart(10)}${`${m.mape.toFixed(3)}%`.padStart(10)}`;
  const ratio = result.test.rmse / result.baseline.rmse;
  const verdict =
    ratio < 1
      ? `the model beats the naive forecast: RMSE ${((1 - ratio) * 100).toFixed(1)}% lower`
      : `the naive forecast wins: the model's RMSE is ${((ratio - 1) * 100).toFixed(1)}% higher`;
  return [
    `${'test (price units)'.padEnd(22)}${'RMSE'.padStart(10)}${'MAE'.padStart(10)}${'MAPE'.padStart(10)}`,
    row('model', result.test),
    row(`naive (last ${target})`, result.baseline),
    verdict,
    `final train loss ${result.trainLoss[result.trainLoss.length - 1]!.toFixed(6)} · ${result.msPerEpoch.toFixed(2)} ms/epoch · run folder ${runDir}`,
  ];
}
