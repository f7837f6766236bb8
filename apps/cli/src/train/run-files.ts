import type { ForecastData } from '@rnnkit/datasets';
import { exportOnnx } from '@rnnkit/onnx';
import { onnxMetadata } from '../run-folder.js';
import { renderRunSvg } from '../charts/svg-chart.js';
import { recordedSettings, type TrainConfig } from './train-config.js';
import type { TrainResult } from './train-run.js';

/** The contents of every file of a run folder, by file name. */
export function runFiles(config: TrainConfig, source: string, data: ForecastData, result: TrainResult): Record<string, string | Uint8Array> {
  const { test } = data;
  const metadata = onnxMetadata(config, data.scaler.toJSON());
  const metrics = {
    config: resolvedConfig(config, source),
    trainLoss: result.trainLoss,
    test: result.test,
    baseline: result.baseline,
    testScaledMse: result.testScaledMse,
    msPerEpoch: result.msPerEpoch,
    windows: { train: data.train.n, test: test.n },
  };
  const csv = ['date,actual,predicted,naive', ...test.dates.map((d, i) => `${d},${test.actual[i]},${round(result.predicted[i]!)},${test.lastValue[i]}`)];
  const chart = renderRunSvg({
    title: `rnnkit ${config.cell.toUpperCase()}: next-day ${config.target} of ${source}`,
    subtitle: `test RMSE ${result.test.rmse.toFixed(2)} (naive ${result.baseline.rmse.toFixed(2)}) · hidden ${config.hidden} · ${config.epochs} epochs · ${config.optimizer} lr ${config.lr}`,
    trainLoss: result.trainLoss,
    dates: test.dates,
    actual: test.actual,
    predicted: result.predicted,
    naive: test.lastValue,
  });
  return {
    'weights.json': `${JSON.stringify(result.model.stateDict())}\n`,
    'metrics.json': `${JSON.stringify(metrics, null, 2)}\n`,
    'predictions.csv': `${csv.join('\n')}\n`,
    'scaler.json': `${JSON.stringify(data.scaler.toJSON(), null, 2)}\n`,
    'chart.svg': chart,
    'model.onnx': exportOnnx(result.model, { metadata }),
    'model.with-scaler.onnx': exportOnnx(result.model, { metadata, withScaler: config.scaler !== 'none' }),
  };
}

/** The config as written to metrics.json: every setting, with defaults filled in. */
export function resolvedConfig(config: TrainConfig, source: string): Record<string, unknown> {
  return { ...recordedSettings(config), dataName: source };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
