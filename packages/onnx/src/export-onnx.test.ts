import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { formatInspection, inspectOnnx } from './inspect-onnx.js';
import { verifyOnnx } from './run-onnx.js';
import { pythonHas } from '../../../test-utils/python.js';
import { metadataOf, sampleModel, tutorialData, type TutorialData } from './test-utils/tutorial-model.js';

let data: TutorialData;
beforeAll(async () => {
  await useBackend();
  data = await tutorialData();
});

const hasPythonOnnx = pythonHas('onnx');

/** onnx.checker.check_model(full_check=True) of Debian's python3-onnx. */
function checkModel(bytes: Uint8Array): void {
  const file = join(mkdtempSync(join(tmpdir(), 'rnnkit-onnx-')), 'model.onnx');
  writeFileSync(file, bytes);
  execFileSync('/usr/bin/python3', ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file]);
}

describe('exportOnnx', () => {
  const variants = [
    ...['op', 'unrolled'].flatMap((style) => [14, 22].flatMap((opset) => [false, true].map((withScaler) => ({ cell: 'rnn' as const, style, opset, withScaler })))),
    ...(['lstm', 'gru'] as const).flatMap((cell) => ['op', 'unrolled'].flatMap((style) => [14, 22].flatMap((opset) => [false, true].map((withScaler) => ({ cell, style, opset, withScaler }))))),
  ];
  for (const { cell, style, opset, withScaler } of variants) {
    for (const layers of [1, 2]) {
      it(`${cell}, ${style} style, opset ${opset}, ${withScaler ? 'with' : 'without'} scaler, ${layers} layer(s): onnxruntime matches rnnkit on the test windows`, async () => {
        const model = sampleModel({ cell, layers });
        const bytes = exportOnnx(model, { style: style as 'op' | 'unrolled', opset, withScaler, metadata: metadataOf(data) });
        const { test } = data;
        const scaled = model.predict(test.x, test.n);
        const input = withScaler ? test.rawX : test.x;
        const reference = withScaler ? data.toPrice(scaled) : Array.from(scaled);
        const report = await verifyOnnx(bytes, input, [4, test.n, 4], reference);
        expect(report.n).toBe(57);
        // With the scaler the output is a price: compare in scaled units, where 1e-5 is meaningful for float32.
        const targetScale = data.scaler.affine(3).scale;
        expect(withScaler ? report.maxAbs * targetScale : report.maxAbs).toBeLessThan(1e-5);
        if (withScaler) expect(report.maxAbs).toBeGreaterThan(0); // really in price units, not a copy of the scaled output
        if (hasPythonOnnx) checkModel(bytes);
        model.dispose();
      });
    }
  }

  it('declares time-major dims, symbolic seq and batch, and rnnkit metadata', () => {
    const model = sampleModel();
    const info = inspectOnnx(exportOnnx(model, { metadata: metadataOf(data) }));
    expect(info.inputs).toEqual([{ name: 'input', dims: ['seq', 'batch', 4] }]);
    expect(info.outputs).toEqual([{ name: 'output', dims: ['batch', 1] }]);
    expect(info.opsets).toEqual([{ domain: 'ai.onnx', version: 14 }]);
    expect(info.producer).toBe('rnnkit 0.1.0');
    expect(info.nodes.map((n) => n.op)).toEqual(['RNN', 'Squeeze', 'Squeeze', 'Gemm']);
    expect(info.initializers.find((t) => t.name === 'rnn.W')?.dims).toEqual([1, 10, 4]);
    expect(JSON.parse(info.metadata['rnnkit.features']!)).toEqual(['Open', 'High', 'Low', 'Close']);
    expect(JSON.parse(info.metadata['rnnkit.scaler']!).kind).toBe('minmax');
  });

  it('refuses opsets outside 14..22 and a scaler-less withScaler', () => {
    const model = sampleModel();
    expect(() => exportOnnx(model, { opset: 13, metadata: metadataOf(data) })).toThrow('opset 13 is not supported; use 14 to 22');
    expect(() => exportOnnx(model, { withScaler: true, metadata: { ...metadataOf(data), scaler: null } })).toThrow(/needs the fitted scaler/);
  });

  it('writes LSTM and GRU as ONNX LSTM and GRU nodes, or unrolled without them', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const model = sampleModel({ cell });
      const info = inspectOnnx(exportOnnx(model, { metadata: metadataOf(data) }));
      expect(info.nodes.map((n) => n.op)).toEqual([cell.toUpperCase(), 'Squeeze', 'Squeeze', 'Gemm']);
      expect(info.initializers.find((t) => t.name === 'rnn.W')?.dims).toEqual([1, cell === 'lstm' ? 40 : 30, 4]);
      const ops = new Set(inspectOnnx(exportOnnx(model, { style: 'unrolled', metadata: metadataOf(data) })).nodes.map((n) => n.op));
      expect([...ops].sort()).toEqual(['Add', 'Gather', 'Gemm', 'Mul', 'Sigmoid', 'Split', ...(cell === 'gru' ? ['Sub'] : []), 'Tanh']);
    }
  });
  // Export, import, export again for every style: round-trip.test.ts.
});

describe('exportOnnx bytes', () => {
  it('own their buffer, so transferring it to another thread detaches nothing else', async () => {
    const model = sampleModel();
    const bytes = exportOnnx(model, { metadata: metadataOf(data) });
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    model.dispose();
  });
});

it('the inspection text of an rnnkit file (with metadata) has no trailing spaces on any line', () => {
  const model = sampleModel();
  const text = formatInspection(inspectOnnx(exportOnnx(model, { metadata: metadataOf(data) })));
  expect(text).toMatch(/\nmetadata   \d+\n/);
  expect(text.split('\n').filter((l) => / $/.test(l))).toEqual([]);
  model.dispose();
});
