import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModelWithFunctions, subgraph } from '../../../../packages/onnx/src/test-utils/control-flow-model.js';
import { tensorProto } from '../../../../packages/onnx/src/test-utils/onnx-model.js';
import { rnnkit, tempDir } from '../test-utils.js';

// `rnnkit inspect` on a file with a model-local function, a Loop nested in a Loop and a while loop:
// the functions, the control-flow nodes with their subgraphs' sizes, and which runtimes load it.
const dir = tempDir('rnnkit-inspect-cf-');

function model(): string {
  const inner = subgraph({
    nodes: [{ op: 'Identity', inputs: ['c'], outputs: ['c2'] }, { op: 'Step', domain: 'local', inputs: ['v'], outputs: ['v2'] }],
    inputs: [{ name: 'j', type: 'int64', dims: [] }, { name: 'c', type: 'bool', dims: [] }, { name: 'v', type: 'float32', dims: [1] }],
    outputs: [{ name: 'c2', type: 'bool' }, { name: 'v2', type: 'float32' }],
  });
  const outer = subgraph({
    nodes: [{ op: 'Identity', inputs: ['oc'], outputs: ['oc2'] }, { op: 'Loop', name: 'inner', inputs: ['three', '', 'a'], outputs: ['a2'], attrs: { body: { g: inner } } }],
    inputs: [{ name: 'i', type: 'int64', dims: [] }, { name: 'oc', type: 'bool', dims: [] }, { name: 'a', type: 'float32', dims: [1] }],
    outputs: [{ name: 'oc2', type: 'bool' }, { name: 'a2', type: 'float32' }],
  });
  const file = join(dir, 'nested.onnx');
  writeFileSync(file, buildModelWithFunctions({
    opset: 17,
    nodes: [{ op: 'Loop', name: 'outer', inputs: ['', 'go', 'a0'], outputs: ['a'], attrs: { body: { g: outer } } }],
    inputs: [{ name: 'a0', type: 'float32', dims: [1] }],
    outputs: [{ name: 'a', type: 'float32', dims: [1] }],
    initializers: [tensorProto('three', 'int64', [], [3]), { name: 'go', dims: [], dataType: 9, int32Data: [1] }],
    functions: [{ domain: 'local', name: 'Step', inputs: ['x'], outputs: ['y'], attributes: ['alpha'], nodes: [{ op: 'Tanh', inputs: ['x'], outputs: ['t'] }, { op: 'Neg', inputs: ['t'], outputs: ['y'] }] }],
  }));
  return file;
}

describe('rnnkit inspect on control flow and functions', () => {
  it('lists the function, both loops with their body sizes, the runtimes that load it, and warns of the while loop', async () => {
    const file = model();
    const r = await rnnkit(['inspect', file]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('functions  1\n  local.Step(x) → y: 2 nodes, attributes alpha\n');
    expect(r.stdout).toContain('control flow 2\n  Loop  outer: body 4 nodes, 3 in → 2 out\n  Loop  outer/inner: body 2 nodes, 3 in → 2 out\n');
    expect(r.stdout).toContain('runtimes   reference loads it, onnxruntime-node loads it, onnxruntime-web loads it\n');
    expect(r.stdout).toMatch(/! node "outer" \(Loop\): no trip count, it runs while its condition holds: the reference evaluator stops after 1000000 loop iterations in all/);
    const json = JSON.parse((await rnnkit(['inspect', file, '--json'])).stdout);
    expect(json.functions).toEqual([{ domain: 'local', name: 'Step', inputs: ['x'], outputs: ['y'], attributes: ['alpha'], nodes: 2 }]);
    expect(json.controlFlow[1]).toEqual({ path: 'outer/inner', op: 'Loop', graphs: [{ attribute: 'body', nodes: 2, inputs: 3, outputs: 2 }] });
    expect(json.runtimes.map((x: { name: string; loads: boolean }) => [x.name, x.loads])).toEqual([['reference', true], ['onnxruntime-node', true], ['onnxruntime-web', true]]);
  }, 60_000);

  it('names the runtime that refuses, and why, in one line each', async () => {
    const file = join(dir, 'unknown-op.onnx');
    writeFileSync(file, buildModelWithFunctions({ opset: 17, nodes: [{ op: 'Foo', domain: 'other', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', type: 'float32', dims: [1] }], outputs: [{ name: 'y', type: 'float32' }], functions: [] }));
    const r = await rnnkit(['inspect', file]);
    expect(r.stdout).toContain('runtimes   reference refuses it, onnxruntime-node refuses it, onnxruntime-web refuses it\n');
    expect(r.stdout).toMatch(/\n {2}reference: node "n0" \(Foo\): domain "other" is not supported by the reference evaluator/);
    expect(r.stdout).toMatch(/\n {2}onnxruntime-node: .*other/);
  }, 60_000);
});
