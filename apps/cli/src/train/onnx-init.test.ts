import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';
import { torchToRnnkit } from '../../../../test-utils/torch-names.js';
import { buildModel, tensorProto } from '../../../../packages/onnx/src/test-utils/onnx-model.js';

// torch.onnx.export files of relu and bidirectional stacks (scripts/torch_directions.py) and their PyTorch state dicts.
const dir = new URL('../../../../packages/onnx/src/fixtures/torch-directions/', import.meta.url).pathname;
const torch = JSON.parse(readFileSync(join(dir, 'torch-directions.json'), 'utf8')) as { cases: Record<string, { stateDict: Record<string, unknown> }> };
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);

describe('rnnkit train --init model.onnx', () => {
  for (const [name, cell, options] of [
    ['lstm-bidirectional-2', 'lstm', { bidirectional: true }],
    ['rnn-relu-bidirectional-2', 'rnn', { bidirectional: true, nonlinearity: 'relu', bias: true }],
  ] as const) {
    it(`${name}: builds the file's model with PyTorch's weights, trains it, and its model.onnx verifies`, async () => {
      const out = join(tempDir(), 'run');
      const zero = await rnnkit(['train', '--init', join(dir, `${name}.onnx`), '--epochs', '0', '--out', out, '--quiet']);
      expect(zero.code, zero.stderr).toBe(0);
      const metrics = readJson(join(out, 'metrics.json'));
      expect(metrics.config).toMatchObject({ cell, hidden: 5, layers: 2, modelOptions: options });
      const weights = readJson(join(out, 'weights.json')) as Record<string, unknown>;
      const want = torchToRnnkit(cell, torch.cases[name]!.stateDict);
      expect(Object.keys(weights).sort()).toEqual(Object.keys(want).sort());
      for (const [k, v] of Object.entries(want)) expect(flat(weights[k])).toEqual(flat(v).map(Math.fround));

      const trained = join(tempDir(), 'run');
      const run = await rnnkit(['train', '--init', join(dir, `${name}.onnx`), '--epochs', '3', '--optimizer', 'adam', '--lr', '0.01', '--out', trained, '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      const loss = readJson(join(trained, 'metrics.json')).trainLoss as number[];
      expect(loss[2]!).toBeLessThan(loss[0]!);
      const verify = await rnnkit(['verify', '--model', join(trained, 'model.onnx'), '--run', trained]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    });
  }

  it('a file whose inputs do not fit the data: one line naming it, exit 2', async () => {
    const r = await rnnkit(['train', '--init', join(dir, 'rnn-relu-1.onnx'), '--features', 'Open,High', '--out', join(tempDir(), 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/rnn-relu-1\.onnx: "w_x\.weight" has shape \[5, 4\], the model needs \[5, 2\]/);
  });
});

describe('rnnkit train --init with a broken graph', () => {
  it('a cycle: one line naming it, advice to export again (not "pass a torch.onnx.export file"), exit 2, no folder', async () => {
    const dirOut = tempDir();
    const file = join(dirOut, 'cycle.onnx');
    writeFileSync(file, buildModel({
      opset: 14,
      nodes: [
        { op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 2 } },
        { op: 'Add', name: 'c1', inputs: ['h', 'q'], outputs: ['p'] },
        { op: 'Relu', name: 'c2', inputs: ['p'], outputs: ['q'] },
      ],
      inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', 4] }], outputs: [{ name: 'h' }],
      initializers: [tensorProto('w', 'float32', [1, 2, 4], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]), tensorProto('r', 'float32', [1, 2, 2], [0.5, 0.6, 0.7, 0.8])],
    }));
    const out = join(dirOut, 'run');
    const r = await rnnkit(['train', '--init', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^rnnkit train: ${file}: the graph has a cycle: node "c[12]" .*; the file is damaged or hand-edited: export the model again\n$`));
    expect(existsSync(out)).toBe(false);
  });
});
