/// <reference lib="webworker" />
// Trains in a Web Worker so the page stays responsive: the same data pipeline and training loop
// (@rnnkit/datasets, @rnnkit/layers `fit`) as the CLI.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { forecastMetrics, parseCsv, prepareForecastData } from '@rnnkit/datasets';
import { fit, SequenceRegressor } from '@rnnkit/layers';
import { exportOnnx } from '@rnnkit/onnx';
import { Adam, Rng, SGD, tf, useBackend } from '@rnnkit/tensor';
import type { FromWorker, ToWorker, TrainOutcome, WebTrainConfig } from './protocol.js';

const post = (message: FromWorker, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer);
let stopRequested = false;

// The wasm binaries are bundled with the site: nothing is fetched from a CDN.
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl });
const ready = useBackend().then((name) => post({ type: 'backend', name }));

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'stop') {
    stopRequested = true;
    return;
  }
  try {
    await ready;
    stopRequested = false;
    const outcome = await train(message.csv, message.source, message.config);
    post({ type: 'done', outcome }, [outcome.onnx.buffer as ArrayBuffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

async function train(csv: string, source: string, config: WebTrainConfig): Promise<TrainOutcome> {
  const features = ['Open', 'High', 'Low', 'Close'];
  const table = parseCsv(csv, { source, columns: features });
  const data = prepareForecastData(table, { features, target: 'Close', seqLength: config.seqLen, scaler: 'minmax', split: { train: config.train, test: config.test } });
  const rng = new Rng(config.seed);
  const model = new SequenceRegressor({ cell: config.cell, inputSize: features.length, hiddenSize: config.hidden, rng });
  const optimizer = config.optimizer === 'adam' ? new Adam(model.parameters(), config.lr) : new SGD(model.parameters(), config.lr);
  const { train: tr, test } = data;
  const started = performance.now();
  try {
    const trainLoss = await fit(model, { x: tr.x, y: tr.y, n: tr.n, seqLength: config.seqLen, features: features.length }, {
      epochs: config.epochs, optimizer, batchSize: config.batchSize, rng,
      onEpoch: async ({ epoch, epochs, loss }) => {
        post({ type: 'progress', epoch, epochs, loss });
        await new Promise((resolve) => setTimeout(resolve, 0)); // lets a 'stop' message in
        return !stopRequested;
      },
    });
    const msPerEpoch = (performance.now() - started) / trainLoss.length;
    const tfjsOutput = model.predict(test.x, test.n);
    const predicted = data.toPrice(tfjsOutput);
    const hidden = tf.tidy(() => {
      const { hN } = model.core.forward(tf.tensor3d(test.x, [config.seqLen, test.n, features.length]));
      return tf.squeeze(tf.slice(hN, [hN.shape[0] - 1, 0, 0], [1, -1, -1]), [0]).dataSync() as Float32Array;
    });
    const metadata = { features, target: 'Close', seqLength: config.seqLen, scaler: data.scaler.toJSON(), config: { ...config } };
    return {
      trainLoss, stopped: trainLoss.length < config.epochs, msPerEpoch,
      dates: test.dates, actual: test.actual, predicted, naive: test.lastValue,
      model: forecastMetrics(test.actual, predicted), baseline: forecastMetrics(test.actual, test.lastValue),
      hidden, hiddenSize: config.hidden,
      testX: test.x, dims: [config.seqLen, test.n, features.length], tfjsOutput,
      onnx: exportOnnx(model, { metadata }),
      weightsJson: `${JSON.stringify(model.stateDict())}\n`,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
