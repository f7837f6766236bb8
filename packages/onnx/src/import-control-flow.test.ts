import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonHas } from '../../../test-utils/python.js';
import { importOnnx } from './import-onnx.js';
import { buildModelWithFunctions } from './test-utils/control-flow-model.js';

// importOnnx on recurrences that are control flow or functions: one line naming the node and why.
describe('importOnnx refuses a recurrence written as a loop or a function, in one line', () => {
  it.skipIf(!pythonHas('torch', 'onnx'))('a torch.jit.script Elman loop: the Loop node named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-import-loop-'));
    try {
      execFileSync('/usr/bin/python3', [new URL('../../../scripts/torch_scripted_loops.py', import.meta.url).pathname, '--out', dir], { stdio: 'pipe' });
      const bytes = new Uint8Array(readFileSync(join(dir, 'elman-loop-opset16.onnx')));
      expect(() => importOnnx(bytes)).toThrow(/^node "\/Loop" \(Loop\): the recurrence is a Loop over the cell's arithmetic \(what torch.jit.script exports for a Python loop\), which rnnkit does not import into a trainable layer$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a function-wrapped cell: the calling node and the function named', () => {
    const bytes = buildModelWithFunctions({
      opset: 18,
      nodes: [{ op: 'Cell', domain: 'local', name: 'cell', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', type: 'float32', dims: [1, 1, 2] }], outputs: [{ name: 'y', type: 'float32' }],
      functions: [{ domain: 'local', name: 'Cell', inputs: ['x'], outputs: ['y'], nodes: [{ op: 'Tanh', inputs: ['x'], outputs: ['y'] }] }],
    });
    expect(() => importOnnx(bytes)).toThrow(/^node "cell" \(Cell\): calls the model-local function local\.Cell, which rnnkit does not import into a trainable layer$/);
  });
});
