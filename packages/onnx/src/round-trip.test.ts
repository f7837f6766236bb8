// Every style exportOnnx writes must import back to the model it came from (issue 26, build item 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceRegressor, tutorialName, type CellType } from '@rnnkit/layers';
import { Rng, useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { onnx } from './proto.js';
import { runOnnx } from './run-onnx.js';
import { scalerAffines } from './scaler-affines.js';
import { metadataOf, tutorialData, type TutorialData } from './test-utils/tutorial-model.js';

let data: TutorialData;
beforeAll(async () => {
  await useBackend();
  data = await tutorialData();
});

interface Variant {
  cell: CellType;
  style: 'op' | 'unrolled';
  withScaler: boolean;
  state: boolean;
  horizon: number;
  layers: number;
  bias: boolean;
}

/** The whole matrix `rnnkit export` can write: --state exists for the op style only (the unrolled one refuses it). */
const variants: Variant[] = (['rnn', 'lstm', 'gru'] as const).flatMap((cell) =>
  (['op', 'unrolled'] as const).flatMap((style) =>
    [false, true].flatMap((withScaler) =>
      (style === 'op' ? [false, true] : [false]).flatMap((state) =>
        [1, 3].flatMap((horizon) =>
          [1, 2].flatMap((layers) =>
            // The rnn has biases off (the tutorial's) or on (nn.RNN's); lstm and gru always have them.
            (cell === 'rnn' ? [false, true] : [true]).map((bias) => ({ cell, style, withScaler, state, horizon, layers, bias }))))))));

/** max |a − b| / max(|b|, 1e-12) over every value. */
function maxRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  return Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!) / Math.max(Math.abs(b[i]!), 1e-12)), 0);
}

const worst = { import: 0, onnxruntime: 0 };
afterAll(() => console.log(`round trip over ${variants.length} styles: max relative difference ${worst.import} (import vs model), max absolute ${worst.onnxruntime.toExponential(2)} in scaled units (onnxruntime vs import)`));

describe('every exported style imports back to the same model', () => {
  it('covers every cell, style, scaler, state, horizon and depth', () => {
    // op: scaler × state × horizon × layers = 16, unrolled 8; the rnn twice (with and without biases).
    expect(variants).toHaveLength(2 * 24 + 24 + 24);
  });

  for (const v of variants) {
    const name = `${v.cell}, ${v.style}${v.withScaler ? ', with scaler' : ''}${v.state ? ', --state' : ''}, horizon ${v.horizon}, ${v.layers} layer(s)${v.cell === 'rnn' && v.bias ? ', biases' : ''}`;
    it(name, async () => {
      const model = new SequenceRegressor({ cell: v.cell, inputSize: 4, hiddenSize: 10, numLayers: v.layers, outputSize: v.horizon, bias: v.bias, rng: new Rng(7) });
      const metadata = { ...metadataOf(data), ...(v.horizon > 1 ? { horizon: v.horizon } : {}) };
      const bytes = exportOnnx(model, { style: v.style, withScaler: v.withScaler, state: v.state, metadata });
      const imported = importOnnx(bytes);
      try {
        expect(imported.metadata?.style).toBe(v.style);
        expect(imported.metadata?.withScaler).toBe(v.withScaler);
        expect(imported.model.config).toMatchObject({ cell: v.cell, numLayers: v.layers, outputSize: v.horizon, hiddenSize: 10, inputSize: 4 });
        expect(imported.model.stateDict()).toEqual(model.stateDict());
        const { test } = data;
        const want = model.predict(test.x, test.n);
        const got = imported.model.predict(test.x, test.n);
        expect(got.length).toBe(test.n * v.horizon);
        const rel = maxRelative(got, want);
        expect(rel).toBeLessThanOrEqual(1e-6);
        worst.import = Math.max(worst.import, rel);
        // The same file again from the imported model: nothing was lost or renamed on the way.
        expect(Buffer.from(exportOnnx(imported.model, { style: v.style, withScaler: v.withScaler, state: v.state, metadata })).equals(Buffer.from(bytes))).toBe(true);
        // And the file itself computes what the imported model does (onnxruntime-node, float32 kernels of its own).
        const ort = await runOnnx(bytes, v.withScaler ? test.rawX : test.x, [4, test.n, 4]);
        const { target } = scalerAffines(data.scaler.toJSON(), data.features, data.target);
        const scaledOrt = v.withScaler ? Array.from(ort, (p) => p * target.scale + target.offset) : ort;
        const abs = Array.from(scaledOrt).reduce((m, p, i) => Math.max(m, Math.abs(p - got[i]!)), 0);
        expect(abs).toBeLessThan(1e-5);
        worst.onnxruntime = Math.max(worst.onnxruntime, abs);
      } finally {
        model.dispose();
        imported.model.dispose();
      }
    });
  }
});

it('an unrolled rnn file of rnnkit before 0.2, whose initializers had the tutorial\'s names, still imports', () => {
  const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 10, numLayers: 2, bias: true, rng: new Rng(7) });
  const proto = onnx.ModelProto.decode(exportOnnx(model, { style: 'unrolled', metadata: metadataOf(data) }));
  const rename = (n: string) => (n.startsWith('rnn.') ? tutorialName(n) : n);
  for (const t of proto.graph!.initializer!) t.name = rename(t.name!);
  for (const n of proto.graph!.node!) n.input = n.input!.map(rename);
  expect(proto.graph!.initializer!.map((t) => t.name)).toContain('l1.w_h.bias');
  const imported = importOnnx(onnx.ModelProto.encode(proto).finish());
  expect(imported.model.stateDict()).toEqual(model.stateDict());
  model.dispose();
  imported.model.dispose();
});
