import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { onnx } from './proto.js';
import { runOnnx } from './run-onnx.js';
import { pythonHas } from '../../../test-utils/python.js';
import { metadataOf, tutorialData, type TutorialData } from './test-utils/tutorial-model.js';

let data: TutorialData;
beforeAll(async () => {
  await useBackend();
  data = await tutorialData();
});

// PyTorch's relu and bidirectional stacks (scripts/torch_directions.py), imported, then exported by rnnkit.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/torch-directions/${name}`, import.meta.url));
const torch = JSON.parse(fixture('torch-directions.json').toString()) as { cases: Record<string, { input: number[][][]; output: number[] }> };
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
const maxError = (got: ArrayLike<number>, want: ArrayLike<number>) => Math.max(...Array.from(want, (w, i) => Math.abs(got[i]! - w)));
const hasPythonOnnx = pythonHas('onnx');

describe('exportOnnx of relu and bidirectional models', () => {
  for (const [name, c] of Object.entries(torch.cases)) {
    it(`${name}: direction and activations as PyTorch writes them, PyTorch's output in onnxruntime, export → import → export identical`, async () => {
      const { model } = importOnnx(fixture(`${name}.onnx`));
      for (const opset of [14, 22]) {
        for (const withScaler of [false, true]) {
          const bytes = exportOnnx(model, { opset, withScaler, metadata: metadataOf(data) });
          const node = onnx.ModelProto.decode(bytes).graph!.node!.find((n) => ['RNN', 'LSTM', 'GRU'].includes(n.opType!))!;
          const text = (a: string) => node.attribute!.filter((x) => x.name === a).flatMap((x) => (x.s?.length ? [x.s] : x.strings ?? [])).map((b) => new TextDecoder().decode(b));
          expect(text('direction')).toEqual(name.includes('bidirectional') ? ['bidirectional'] : []);
          if (model.cell === 'rnn') expect(text('activations')).toEqual(Array((model.config.bidirectional ? 2 : 1)).fill(name.includes('relu') ? 'Relu' : 'Tanh'));
          if (!withScaler) {
            const ort = await runOnnx(bytes, Float32Array.from(flat(c.input)), [6, 3, 4]);
            expect(maxError(ort, c.output)).toBeLessThan(1e-6);
          }
          const again = importOnnx(bytes).model;
          expect(again.config.bidirectional ?? false).toBe(model.config.bidirectional ?? false);
          expect(again.config.nonlinearity ?? 'tanh').toBe(model.config.nonlinearity ?? 'tanh');
          const x = tf.tensor3d(c.input);
          expect(maxError(again.forward(x).dataSync(), model.forward(x).dataSync())).toBe(0);
          expect(exportOnnx(again, { opset, withScaler, metadata: metadataOf(data) })).toEqual(bytes);
          again.dispose();
          if (hasPythonOnnx) {
            const file = join(mkdtempSync(join(tmpdir(), 'rnnkit-onnx-')), 'model.onnx');
            writeFileSync(file, bytes);
            execFileSync('/usr/bin/python3', ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file]);
          }
        }
      }
      model.dispose();
    });
  }

  it('refuses the unrolled style for them, in one line', () => {
    for (const name of ['rnn-relu-1', 'gru-bidirectional-1']) {
      const { model } = importOnnx(fixture(`${name}.onnx`));
      expect(() => exportOnnx(model, { style: 'unrolled', metadata: metadataOf(data) })).toThrow(/the unrolled style writes forward tanh stacks; export a (relu|bidirectional) model with the op style/);
      model.dispose();
    }
  });
});
