import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonHas } from '../../../../test-utils/python.js';
import { loadReference, type CompiledModel } from '../reference/graph.js';

// A corpus of ONNX files that a Python script writes at test time with PyTorch's own outputs beside
// them (corpus.json), run in the reference evaluator and compared with PyTorch and onnxruntime-node.

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

export interface TorchCorpus {
  /** The describe block's title. */
  title: string;
  /** The corpus in the summary line, e.g. "PyTorch corpus". */
  label: string;
  /** The writer, a file of the repository's scripts/ folder. */
  script: string;
  /** The title of the test of what the corpus covers, with the file count and opsets it must have. */
  covers: { title: string; files: number; opsets: number[] };
  /** The title of the comparison test, and what each file's nodes must include. */
  matches: { title: string; ops: (ops: Set<string>) => boolean };
}

/** The corpus's tests: it covers what it says, and every file matches PyTorch and onnxruntime-node. */
export function describeTorchCorpus(corpus: TorchCorpus): void {
  const hasTorch = pythonHas('torch', 'onnx');
  if (!hasTorch) console.log(`skipping the ${corpus.label}: /usr/bin/python3 cannot import torch and onnx (apt-get install python3-torch python3-onnx)`);
  describe.skipIf(!hasTorch)(corpus.title, () => {
    let dir = '';
    let cases: Case[] = [];
    const summary = { torch: 0, ort: 0, files: 0 };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'rnnkit-torch-corpus-'));
      execFileSync('/usr/bin/python3', [new URL(`../../../../scripts/${corpus.script}`, import.meta.url).pathname, '--out', dir], { stdio: 'pipe' });
      cases = (JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { cases: Case[] }).cases;
    }, 120_000);
    afterAll(() => {
      console.log(`${corpus.label}: ${summary.files} files, max abs error vs PyTorch ${summary.torch.toExponential(2)}, vs onnxruntime-node ${summary.ort.toExponential(2)}`);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(corpus.covers.title, () => {
      expect(cases.length).toBe(corpus.covers.files);
      expect(new Set(cases.map((c) => c.opset))).toEqual(new Set(corpus.covers.opsets));
    });

    it(corpus.matches.title, async () => {
      const ort = await import('onnxruntime-node');
      for (const c of cases) {
        const bytes = new Uint8Array(readFileSync(join(dir, c.file)));
        const model = loadReference(bytes);
        expect(corpus.matches.ops(new Set((model as CompiledModel)['order'].map((s) => s.node.opType ?? ''))), c.file).toBe(true);
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
      expect(summary.files).toBe(corpus.covers.files);
    }, 120_000);
  });
}
