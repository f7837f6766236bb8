// Streaming export: the state carried between calls in onnxruntime-node must reproduce one long call.
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { Rng, useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { inspectOnnx, formatInspection } from './inspect-onnx.js';
import { runReference } from './reference/index.js';
import { verifyOnnx } from './run-onnx.js';
import { scalerAffines } from './scaler-affines.js';
import { metadataOf, sampleModel, tutorialData, type TutorialData } from './test-utils/tutorial-model.js';

let data: TutorialData;
beforeAll(async () => {
  await useBackend();
  data = await tutorialData();
});

const [SEQ, BATCH, F, H] = [8, 3, 4, 10];

type Outputs = Record<string, Float32Array>;

/** One call of the model in onnxruntime-node: `days` time-major steps [days, BATCH, F] and the state. */
async function runOrt(session: ort.InferenceSession, x: Float32Array, days: number, state: Outputs): Promise<Outputs> {
  const feeds: Record<string, ort.Tensor> = { input: new ort.Tensor('float32', x, [days, BATCH, F]) };
  for (const [name, v] of Object.entries(state)) feeds[name] = new ort.Tensor('float32', v, [v.length / (BATCH * H), BATCH, H]);
  const out = await session.run(feeds);
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, t.data as Float32Array]));
}

/** The days [from, to) of a time-major [SEQ, BATCH, F] sequence. */
const days = (x: Float32Array, from: number, to: number) => x.slice(from * BATCH * F, to * BATCH * F);

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  return Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
};

/** Seeded scaled inputs in [0, 1), or the raw prices they stand for when the scaler is in the graph. */
function inputs(withScaler: boolean): Float32Array {
  const rng = new Rng(7);
  const scaled = Float32Array.from({ length: SEQ * BATCH * F }, () => rng.uniform(0, 1));
  if (!withScaler) return scaled;
  const maps = scalerAffines(data.scaler.toJSON(), data.features, data.target).features;
  return scaled.map((v, i) => (v - maps[i % F]!.offset) / maps[i % F]!.scale);
}

describe('exportOnnx({ state: true })', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const layers of [1, 2]) {
      for (const withScaler of [false, true]) {
        it(`${cell}, ${layers} layer(s)${withScaler ? ', with scaler' : ''}: half + half with the state carried over, and a day at a time, give the full run`, async () => {
          const model = sampleModel({ cell, layers, bias: true });
          const meta = metadataOf(data);
          const bytes = exportOnnx(model, { state: true, withScaler, metadata: meta });
          const plain = exportOnnx(model, { withScaler, metadata: meta });
          const names = cell === 'lstm' ? [['initial_h', 'Y_h'], ['initial_c', 'Y_c']] : [['initial_h', 'Y_h']];
          const zero = Object.fromEntries(names.map(([input]) => [input!, new Float32Array(layers * BATCH * H)]));
          const carry = (out: Outputs) => Object.fromEntries(names.map(([input, output]) => [input!, out[output!]!]));
          // The output in scaled units: price errors are ~0.01 in float32 near 70,000.
          const targetScale = withScaler ? data.scaler.affine(3).scale : 1;
          const x = inputs(withScaler);

          const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
          const plainSession = await ort.InferenceSession.create(plain, { intraOpNumThreads: 1, interOpNumThreads: 1 });
          const full = await runOrt(session, x, SEQ, zero);
          expect(Object.keys(full).sort()).toEqual(['output', ...names.map(([, o]) => o!)].sort());
          expect(full.Y_h!.length).toBe(layers * BATCH * H);

          // Zero state is the ordinary export.
          const ordinary = await runOrt(plainSession, x, SEQ, {});
          expect(maxAbs(full.output!, ordinary.output!) * targetScale).toBeLessThanOrEqual(1e-7);

          // Two halves, the first half's final state fed to the second.
          const first = await runOrt(session, days(x, 0, SEQ / 2), SEQ / 2, zero);
          const second = await runOrt(session, days(x, SEQ / 2, SEQ), SEQ / 2, carry(first));
          const halves = maxAbs(second.output!, full.output!) * targetScale;
          expect(halves).toBeLessThan(1e-6);
          for (const [, output] of names) expect(maxAbs(second[output!]!, full[output!]!)).toBeLessThan(1e-6);
          // The first half alone is not the full run: the state really carries information.
          expect(maxAbs(first.output!, full.output!) * targetScale).toBeGreaterThan(1e-3);

          // One day at a time, as a server would feed it.
          let state: Outputs = zero;
          let daily: Outputs = {};
          for (let t = 0; t < SEQ; t++) {
            daily = await runOrt(session, days(x, t, t + 1), 1, state);
            state = carry(daily);
          }
          expect(maxAbs(daily.output!, full.output!) * targetScale).toBeLessThan(1e-6);

          // The reference evaluator (float64) on the second half with the carried state agrees.
          const ref = runReference(bytes, {
            input: { dims: [SEQ / 2, BATCH, F], data: days(x, SEQ / 2, SEQ) },
            ...Object.fromEntries(names.map(([input, output]) => [input!, { dims: [layers, BATCH, H], data: first[output!]! }])),
          });
          expect(maxAbs(ref.output!.data, full.output!) * targetScale).toBeLessThan(1e-6);
          for (const [, output] of names) expect(maxAbs(ref[output!]!.data, full[output!]!)).toBeLessThan(1e-6);

          // The top layer's Y_h is the hidden state the head reads: rnnkit's own forward on the full sequence gives the output.
          if (!withScaler) expect(maxAbs(full.output!, model.predict(x, BATCH))).toBeLessThan(1e-5);
          await session.release();
          await plainSession.release();
          model.dispose();
        });
      }
    }
  }

  it('declares the state inputs and outputs [layers, batch, hidden] and records them in the metadata', () => {
    const model = sampleModel({ cell: 'lstm', layers: 2 });
    const info = inspectOnnx(exportOnnx(model, { state: true, metadata: metadataOf(data) }));
    expect(info.inputs).toEqual([
      { name: 'input', dims: ['seq', 'batch', 4] },
      { name: 'initial_h', dims: [2, 'batch', 10] },
      { name: 'initial_c', dims: [2, 'batch', 10] },
    ]);
    expect(info.outputs).toEqual([
      { name: 'output', dims: ['batch', 1] },
      { name: 'Y_h', dims: [2, 'batch', 10] },
      { name: 'Y_c', dims: [2, 'batch', 10] },
    ]);
    expect(JSON.parse(info.metadata['rnnkit.state']!)).toEqual({ inputs: ['initial_h', 'initial_c'], outputs: ['Y_h', 'Y_c'], layers: 2, hidden: 10 });
    expect(formatInspection(info)).toMatch(/streaming: state in initial_h, initial_c, out Y_h, Y_c, each \[2, batch, 10\]/);
    model.dispose();
  });

  it('verifyOnnx runs a stateful file from a zero state', async () => {
    const model = sampleModel({ cell: 'gru', layers: 2 });
    const { test } = data;
    const report = await verifyOnnx(exportOnnx(model, { state: true, metadata: metadataOf(data) }), test.x, [4, test.n, 4], model.predict(test.x, test.n));
    expect(report.maxAbs).toBeLessThan(1e-5);
    model.dispose();
  });

  it('refuses the unrolled style, whose steps are fixed and start from zero', () => {
    const model = sampleModel();
    expect(() => exportOnnx(model, { state: true, style: 'unrolled', metadata: metadataOf(data) })).toThrow('state needs style "op": the unrolled graph always reads 4 days from a zero state');
    model.dispose();
  });
});
