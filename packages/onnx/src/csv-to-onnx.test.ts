// The packages' types join: a CSV read from disk (@rnnkit/datasets) → windows (@rnnkit/forecast) → fit (@rnnkit/layers)
// → exportOnnx (@rnnkit/onnx), with nothing re-packed by hand in between (issue 26, item 8).
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parseCsv, TUTORIAL_SPLIT } from '@rnnkit/datasets';
import { decodeOutputs, prepareRun, seriesOf, type WindowSpec } from '@rnnkit/forecast';
import { fit, SequenceRegressor } from '@rnnkit/layers';
import { Rng, SGD, useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { verifyOnnx } from './run-onnx.js';

beforeAll(() => useBackend());

it('fit(model, run.train) and exportOnnx(model, { metadata }) take what prepareRun gives', async () => {
  const features = ['Open', 'High', 'Low', 'Close'];
  const file = new URL('../../datasets/data/samsung_005930.csv', import.meta.url);
  const table = parseCsv(readFileSync(file, 'utf8'), { source: 'samsung_005930.csv', columns: features });
  const series = seriesOf(table, features, 'Close');
  const spec: WindowSpec = { seqLength: 4, horizon: 1, scaler: 'minmax', targetTransform: 'none' };
  const data = prepareRun(series, { ...spec, split: TUTORIAL_SPLIT });
  const model = new SequenceRegressor({ inputSize: features.length, hiddenSize: 10, rng: new Rng(0) });
  const losses = await fit(model, data.train, { epochs: 30, optimizer: new SGD(model.parameters(), 0.05) });
  expect(losses).toHaveLength(30);
  expect(losses[29]!).toBeLessThan(losses[0]!);
  // The same run with the shape spelled out, as before: the same losses to the bit.
  const twin = new SequenceRegressor({ inputSize: 4, hiddenSize: 10, rng: new Rng(0) });
  const spelled = await fit(twin, { x: data.train.x, y: data.train.y, n: data.train.n, seqLength: 4, features: 4 }, { epochs: 30, optimizer: new SGD(twin.parameters(), 0.05) });
  expect(spelled).toEqual(losses);

  const { scaler } = data.encoding;
  const bytes = exportOnnx(model, { withScaler: true, metadata: { features, target: 'Close', seqLength: 4, scaler } });
  expect(importOnnx(bytes).metadata?.scaler).toEqual(scaler.toJSON());
  const prices = decodeOutputs(series, data.encoding, spec, data.test.origins, model.predict(data.test.x, data.test.n)).map(([p]) => p!);
  const report = await verifyOnnx(bytes, data.test.rawX, [4, data.test.n, 4], prices);
  expect(report.maxAbs / Math.max(...prices)).toBeLessThan(1e-5);
  model.dispose();
  twin.dispose();
});

it('a TrainingData whose arrays do not fit its shape is refused in one line', async () => {
  const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 3 });
  const data = { x: new Float32Array(4 * 5 * 4 + 1), y: new Float32Array(5), n: 5 };
  await expect(fit(model, data, { epochs: 1, optimizer: new SGD(model.parameters(), 0.1) })).rejects.toThrow(
    'TrainingData does not fit together: x has 81 values and y 5 for n 5, seqLength ?, inputSize 4, outputs ?; x must be [seqLength, n, inputSize] and y [n, outputs]');
  model.dispose();
});
