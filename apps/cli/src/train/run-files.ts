import { jsonFile, metricsRecord, onnxMetadata, predictionsCsv } from '@rnnkit/forecast';
import { exportOnnx, needsPriceGraph } from '@rnnkit/onnx';
import { renderRunSvg } from '../charts/svg-chart.js';
import type { LoadedRun } from './load-data.js';
import { recordedSettings, type TrainConfig } from './train-config.js';
import type { TrainResult } from './train-run.js';
import { plural } from '../plural.js';
import { rmsePair } from '../charts/format-number.js';

/** The contents of every file of a run folder, by file name. */
export function runFiles(config: TrainConfig, loaded: LoadedRun, result: TrainResult): Record<string, string | Uint8Array> {
  const { source, prepared } = loaded;
  const metadata = onnxMetadata(recordedSettings(config), prepared.encoding, config.trainingData);
  const h1 = result.horizons[0]!;
  const metrics = metricsRecord(resolvedConfig(config, source), result, prepared, loaded.skipped, config.targetTransform);
  const h1Forecasts = result.forecasts.filter((f) => f.horizon === 1);
  const chart = renderRunSvg({
    title: `rnnkit ${config.cell.toUpperCase()}: next-day ${config.target} of ${source}`,
    subtitle: `test ${rmsePair(h1.model.rmse, h1.naive.rmse)} · hidden ${config.hidden} × ${plural(config.layers, 'layer')} · ${plural(config.epochs, 'epoch')} · ${config.optimizer} lr ${config.lr} · ${config.batchSize === 'full' ? 'full batch' : `batch ${config.batchSize}`}`,
    trainLoss: result.trainLoss,
    dates: h1Forecasts.map((f) => f.date),
    actual: h1Forecasts.map((f) => f.actual),
    predicted: h1Forecasts.map((f) => f.predicted),
    naive: h1Forecasts.map((f) => f.naive),
  });
  const files: Record<string, string | Uint8Array> = {
    'weights.json': `${JSON.stringify(result.model.stateDict())}\n`,
    'metrics.json': jsonFile(metrics),
    'predictions.csv': predictionsCsv(result.forecasts, config.horizon, result.interval !== undefined),
    'scaler.json': `${JSON.stringify(prepared.encoding.scaler.toJSON(), null, 2)}\n`,
    'chart.svg': chart,
    'model.onnx': exportOnnx(result.model, { metadata }),
  };
  // Raw prices in, prices out, for every run: plain inputs and target scale in the graph (a scaler-none run's
  // file is the plain model); derived inputs or a diff/logret target make the raw-price graph (inputs `prices`,
  // and `calendar` with calendar covariates), which transforms, scales and decodes in the graph.
  files['model.with-scaler.onnx'] = exportOnnx(result.model, { metadata, withScaler: config.scaler !== 'none' || needsPriceGraph(metadata) });
  return files;
}

/** The config as written to metrics.json: every setting, with defaults filled in, and the data record. */
export function resolvedConfig(config: TrainConfig, source: string): Record<string, unknown> {
  return { ...recordedSettings(config), dataName: source, ...(config.trainingData ? { trainingData: config.trainingData } : {}) };
}

/** Every file a run folder may hold: files of an overwritten run that this one does not write are removed. */
export const RUN_FILE_NAMES = ['weights.json', 'metrics.json', 'predictions.csv', 'scaler.json', 'chart.svg', 'model.onnx', 'model.with-scaler.onnx'];
