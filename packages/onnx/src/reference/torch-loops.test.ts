import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonHas } from '../../../../test-utils/python.js';
import { loadReference } from './graph.js';

// Recurrences written as Python loops (the tutorial's scratch Elman RNN, LSTM and GRU cells, an
// `if` in the body, a while loop with a break, a list of steps stacked), torch.jit.script +
// torch.onnx.export at opsets 13 and 16, generated at test time by scripts/torch_scripted_loops.py:
// ONNX Loop nodes with If and sequence ops inside, compared with PyTorch's own outputs and with
// onnxruntime-node.

const hasTorch = pythonHas('torch', 'onnx');
if (!hasTorch) console.log('skipping the scripted-loop corpus: /usr/bin/python3 cannot import torch and onnx (apt-get install python3-torch python3-onnx)');

interface Json { dims: number[]; data: number[] }
interface Case { file: string; opset: number; inputs: Record<string, Json>; outputs: Record<string, Json> }

const TOL = { abs: 1e-5, rel: 1e-4 };
/** Largest |a - e| and the worst ratio to the allowed error abs + rel·|e| (≤ 1 passes). */
function compare(got: ArrayLike<number>, want: ArrayLike<number>) {
  expect(got.length).toBe(want.length);
  let maxAbs = 0, worst = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    maxAbs = Math.max(maxAbs, d);
    worst = Math.max(worst, d / (TOL.abs + TOL.rel * Math.abs(want[i]!)));
  }
  return { maxAbs, worst };
}

describe.skipIf(!hasTorch)('reference evaluator on torch.jit.script loops', () => {
  let dir = '';
  let cases: Case[] = [];
  const summary = { torch: 0, ort: 0, files: 0 };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rnnkit-torch-loops-'));
    execFileSync('/usr/bin/python3', [new URL('../../../../scripts/torch_scripted_loops.py', import.meta.url).pathname, '--out', dir], { stdio: 'pipe' });
    cases = (JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { cases: Case[] }).cases;
  }, 120_000);
  afterAll(() => {
    console.log(`scripted loops: ${summary.files} files, max abs error vs PyTorch ${summary.torch.toExponential(2)}, vs onnxruntime-node ${summary.ort.toExponential(2)}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('covers Elman, LSTM-cell, GRU-cell, if-in-body and while-break loops at opsets 13 and 16', () => {
    expect(cases.length).toBe(10);
    expect(new Set(cases.map((c) => c.opset))).toEqual(new Set([13, 16]));
  });

  it('every file is a Loop and matches PyTorch and onnxruntime-node', async () => {
    const ort = await import('onnxruntime-node');
    for (const c of cases) {
      const bytes = new Uint8Array(readFileSync(join(dir, c.file)));
      const model = loadReference(bytes);
      expect(model['order'].some((s) => s.node.opType === 'Loop'), c.file).toBe(true);
      const got = model.run(Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, { dims: v.dims, data: v.data }])));
      const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 4 });
      const feeds = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, new ort.Tensor('float32', Float32Array.from(v.data), v.dims)]));
      const fromOrt = await session.run(feeds);
      await session.release();
      for (const [name, want] of Object.entries(c.outputs)) {
        expect(got[name]!.dims, `${c.file} ${name} dims`).toEqual(want.dims);
        const vsTorch = compare(got[name]!.data, want.data);
        const vsOrt = compare(got[name]!.data, Array.from(fromOrt[name]!.data as ArrayLike<number | bigint>, Number));
        expect(vsTorch.worst, `${c.file} ${name} vs PyTorch (max abs ${vsTorch.maxAbs})`).toBeLessThanOrEqual(1);
        expect(vsOrt.worst, `${c.file} ${name} vs onnxruntime-node (max abs ${vsOrt.maxAbs})`).toBeLessThanOrEqual(1);
        summary.torch = Math.max(summary.torch, vsTorch.maxAbs);
        summary.ort = Math.max(summary.ort, vsOrt.maxAbs);
      }
      summary.files++;
    }
    expect(summary.files).toBe(10);
  }, 120_000);
});
