// importOnnx of a streaming export (rnnkit export --state): the state inputs become the trainable
// model's zero initial state, the state outputs are ignored, and export → import gives the same model.
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { Rng, tf, useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { metadataOf, sampleModel, tutorialData, type TutorialData } from './test-utils/tutorial-model.js';

let data: TutorialData;
beforeAll(async () => {
  await useBackend();
  data = await tutorialData();
});

const [SEQ, BATCH, F, H] = [6, 3, 4, 10];
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  return Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
};

describe('importOnnx of exportOnnx({ state: true })', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const layers of [1, 2]) {
      it(`${cell}, ${layers} layer(s): the imported model gives the original's output, and onnxruntime-node's from a zero state`, async () => {
        const model = sampleModel({ cell, layers, bias: true });
        const bytes = exportOnnx(model, { state: true, metadata: metadataOf(data) });
        const imported = importOnnx(bytes);
        expect(imported.metadata?.state?.inputs).toEqual(cell === 'lstm' ? ['initial_h', 'initial_c'] : ['initial_h']);
        expect(imported.layout).toBe('time-major');
        const rng = new Rng(3);
        const x = Float32Array.from({ length: SEQ * BATCH * F }, () => rng.uniform(0, 1));
        const want = model.forward(tf.tensor3d(x, [SEQ, BATCH, F])).dataSync();
        const got = imported.model.forward(tf.tensor3d(x, [SEQ, BATCH, F])).dataSync();

        const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
        const zero = new ort.Tensor('float32', new Float32Array(layers * BATCH * H), [layers, BATCH, H]);
        const feeds: Record<string, ort.Tensor> = { input: new ort.Tensor('float32', x, [SEQ, BATCH, F]), initial_h: zero };
        if (cell === 'lstm') feeds.initial_c = zero;
        const ortY = (await session.run(feeds)).output!.data as Float32Array;

        // Export → import → export: the second file runs as the first.
        const again = exportOnnx(imported.model, { state: true, metadata: metadataOf(data) });
        const session2 = await ort.InferenceSession.create(again, { intraOpNumThreads: 1, interOpNumThreads: 1 });
        const ortY2 = (await session2.run(feeds)).output!.data as Float32Array;

        const [vsModel, vsOrt, roundTrip] = [maxAbs(got, want), maxAbs(got, ortY), maxAbs(ortY2, ortY)];
        console.log(`state ${cell} ${layers}: max abs vs original ${vsModel.toExponential(2)}, vs onnxruntime-node ${vsOrt.toExponential(2)}, re-export ${roundTrip.toExponential(2)}`);
        expect(vsModel).toBeLessThan(1e-6);
        expect(vsOrt).toBeLessThan(1e-6);
        expect(roundTrip).toBeLessThan(1e-6);
        await session.release();
        await session2.release();
        imported.model.dispose();
        model.dispose();
      });
    }
  }

  it('with the scaler in the graph: imported in scaled units, as the original', () => {
    const model = sampleModel({ cell: 'gru', layers: 2, bias: true });
    const imported = importOnnx(exportOnnx(model, { state: true, withScaler: true, metadata: metadataOf(data) }));
    const rng = new Rng(4);
    const x = tf.tensor3d(Float32Array.from({ length: SEQ * BATCH * F }, () => rng.uniform(0, 1)), [SEQ, BATCH, F]);
    expect(maxAbs(imported.model.forward(x).dataSync(), model.forward(x).dataSync())).toBeLessThan(1e-6);
    imported.model.dispose();
    model.dispose();
  });
});
