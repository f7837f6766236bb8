import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonHas, rnnkit, tempDir } from './test-utils.js';

// An import refusal's advice depends on who wrote the file: never "pass a file written by rnnkit" for one
// that rnnkit wrote. onnx (Python) edits a real export: the head's Gemm becomes an op rnnkit does not import.
describe.skipIf(!pythonHas('onnx'))('model file refusals', () => {
  it("an rnnkit file that does not import is rnnkit's to fix; another producer's gets the usual advice", async () => {
    const dir = tempDir();
    const run = join(dir, 'run');
    expect((await rnnkit(['train', '--epochs', '1', '--out', run, '--quiet'])).code).toBe(0);
    const edit = (producer: string, out: string) => execFileSync('/usr/bin/python3', ['-c', [
      'import onnx, sys',
      'm = onnx.load(sys.argv[1])',
      "next(n for n in m.graph.node if n.op_type == 'Gemm').op_type = 'Softplus'",
      'm.producer_name = sys.argv[2]',
      'onnx.save(m, sys.argv[3])',
    ].join('\n'), join(run, 'model.onnx'), producer, out]);
    const own = join(dir, 'own.onnx');
    const other = join(dir, 'other.onnx');
    edit('rnnkit', own);
    edit('someone', other);
    const a = await rnnkit(['train', '--init', own, '--epochs', '0', '--out', join(dir, 'a')]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('rnnkit wrote this file but cannot import it: export the run again with rnnkit export');
    expect(a.stderr).not.toContain('pass an ONNX file written by rnnkit');
    const b = await rnnkit(['train', '--init', other, '--epochs', '0', '--out', join(dir, 'b')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('pass an ONNX file written by rnnkit (train or export) or by torch.onnx.export');
  });
});
