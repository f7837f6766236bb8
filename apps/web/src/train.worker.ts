/// <reference lib="webworker" />
// Trains in a Web Worker so the page stays responsive: the same forecasting core
// (@rnnkit/forecast's runForecast) as the CLI's rnnkit train.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { parseCsv } from '@rnnkit/datasets';
import { BacktestStopped, backtestRecord, forecastsCsv, inputCount, jsonFile, metricsRecord, onnxMetadata, predictAt, predictionsCsv, prepareRun, runForecast, seriesColumns, seriesOf, type ForecastRunSpec } from '@rnnkit/forecast';
import { exportOnnx } from '@rnnkit/onnx';
import { tf } from '@rnnkit/tensor';
import { startBackend } from './backend.js';
import { FEATURES } from './columns.js';
import { backendFlag, backtestSettingsRecord, fileRecord, trainRecord, type DataPath } from './run-record.js';
import { runBacktest } from './backtest-job.js';
import { inputSpecOf, trainingSpecOf } from './run-spec.js';
import type { FromWorker, ToWorker, TrainOutcome, WebTrainConfig } from './protocol.js';
import { warmUp } from './warm-up.js';
import { yieldTimer } from './yield-timer.js';

const post = (message: FromWorker, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);
let stopRequested = false;

// The wasm binaries are bundled with the site: nothing is fetched from a CDN.
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl });
let backendName = '';
const ready = startBackend().then(async (name) => {
  backendName = name;
  post({ type: 'backend', name });
  // Only the fused kernels gain from it; a failed warm-up must not stop real runs.
  if (name.includes('fused')) await warmUp().catch(() => {});
});

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'stop') {
    stopRequested = true;
    return;
  }
  try {
    await ready;
    stopRequested = false;
    if (message.type === 'backtest') {
      const pause = yieldTimer();
      const result = await runBacktest(message.csv, message.source, message.config, {
        onEpoch: async (fold, { epoch, epochs, loss }) => {
          post({ type: 'backtest-progress', fold, folds: message.config.folds, epoch, epochs, loss });
          await pause();
        },
        shouldStop: () => stopRequested,
      });
      // backtest.json and forecasts.csv, written by the CLI's writers.
      const files = {
        'backtest.json': jsonFile(backtestRecord(backtestSettingsRecord(message.config, message.data, message.source, backendFlag(backendName)), result)),
        'forecasts.csv': forecastsCsv(result, message.config.interval !== null),
      };
      post({ type: 'backtest-done', result, files });
      return;
    }
    const outcome = await train(message.csv, message.source, message.data, message.config);
    post({ type: 'done', outcome }, [outcome.onnx.buffer as ArrayBuffer]);
  } catch (err) {
    if (err instanceof BacktestStopped) return post({ type: 'backtest-stopped', fold: err.fold });
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

async function train(csv: string, source: string, data: DataPath, config: WebTrainConfig): Promise<TrainOutcome> {
  const features = FEATURES;
  const table = parseCsv(csv, { source, columns: seriesColumns(FEATURES, config.target) });
  const series = seriesOf(table, features, config.target);
  // The run itself is the forecasting core's, with the spec rnnkit train builds (apps/cli/src/train/train-run.ts runSpec).
  const spec: ForecastRunSpec = {
    seqLength: config.seqLen, horizon: config.horizon, scaler: config.scaler, targetTransform: config.targetTransform, ...inputSpecOf(config), split: { train: config.train, test: config.test },
    model: { cell: config.cell, hidden: config.hidden, layers: config.layers, seed: config.seed },
    training: trainingSpecOf(config),
    ...(config.interval === null ? {} : { interval: config.interval }),
  };
  // Inputs per day: the transformed feature columns, then the calendar covariates.
  const inputs = inputCount(features.length, spec);
  const prepared = prepareRun(series, spec);
  const pause = yieldTimer(); // lets a 'stop' message in every 50 ms
  const result = await runForecast(series, spec, prepared, {
    onEpoch: async ({ epoch, epochs, loss }) => {
      post({ type: 'progress', epoch, epochs, loss });
      await pause();
    },
    shouldStop: () => stopRequested,
  });
  const { model } = result;
  try {
    const { test } = prepared;
    const tfjsOutput = model.predict(test.x, test.n);
    const hidden = tf.tidy(() => {
      const { hN } = model.core.forward(tf.tensor3d(test.x, [config.seqLen, test.n, inputs]));
      return tf.squeeze(tf.slice(hN, [hN.shape[0] - 1, 0, 0], [1, -1, -1]), [0]).dataSync() as Float32Array;
    });
    // The run's record as rnnkit train writes it (metrics.json's config, the ONNX metadata).
    const trainRows = series.rows.slice(prepared.rows.train.start, prepared.rows.train.end);
    const range = {
      columns: series.columns,
      min: series.columns.map((_, j) => trainRows.reduce((m, r) => Math.min(m, r[j]!), Infinity)),
      max: series.columns.map((_, j) => trainRows.reduce((m, r) => Math.max(m, r[j]!), -Infinity)),
    };
    const trainingData = { ...(await fileRecord(csv, data)), range };
    const record = trainRecord(config, data, source, backendFlag(backendName), trainingData);
    // The ONNX metadata's config is metrics.json's without the data record, as rnnkit train's.
    const { dataName: _n, trainingData: _t, ...settings } = record;
    const metadata = onnxMetadata(settings, prepared.encoding, trainingData);
    // The next days after the file's last day, from the window ending there.
    const last = series.dates.length - 1;
    const nextPredicted = predictAt(model, series, prepared.encoding, spec, [last])[0]!;
    const lastValue = series.rows[last]![series.targetCol]!;
    // The run's own interval around them: predicted ± half-width (times |last value| when relative), as around each test forecast.
    const iv = result.interval;
    const width = (k: number) => iv!.halfWidths[k]! * (iv!.scale === 'relative' ? Math.abs(lastValue) : 1);
    const next = {
      from: series.dates[last]!, last: lastValue, predicted: nextPredicted,
      ...(iv ? { interval: { level: iv.level, calibrationWindows: iv.calibrationWindows, lower: nextPredicted.map((p, k) => p - width(k)), upper: nextPredicted.map((p, k) => p + width(k)) } } : {}),
    };
    const files = {
      'predictions.csv': predictionsCsv(result.forecasts, config.horizon, result.interval !== undefined),
      'metrics.json': jsonFile(metricsRecord(record, result, prepared, table.skipped, config.targetTransform)),
    };
    const h1 = result.horizons[0]!;
    const h1Forecasts = result.forecasts.filter((f) => f.horizon === 1);
    return {
      trainLoss: result.trainLoss, stopped: result.interrupted, target: config.target, msPerEpoch: result.msPerEpoch,
      dates: h1Forecasts.map((f) => f.date), actual: h1Forecasts.map((f) => f.actual),
      predicted: h1Forecasts.map((f) => f.predicted), naive: h1Forecasts.map((f) => f.naive),
      hiddenDates: test.origins.map((o) => series.dates[o]!),
      model: h1.model, baseline: h1.naive, skill: h1.skill, dm: h1.dm,
      hidden, hiddenSize: config.hidden,
      testX: test.x, dims: [config.seqLen, test.n, inputs], tfjsOutput,
      // A copy: protobufjs hands out small encodings as views of its shared 8 KB pool, and
      // transferring that pool to the page would break every later export in this worker.
      onnx: exportOnnx(model, { metadata }).slice(),
      weightsJson: `${JSON.stringify(model.stateDict())}\n`,
      files, next,
    };
  } finally {
    model.dispose();
  }
}
