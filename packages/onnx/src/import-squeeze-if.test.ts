// torch.onnx.export writes out[-1:].squeeze(0) on a dynamic dim as If(dim 0 == 1, Squeeze, Identity):
// importOnnx traces through it when the squeezed axis is provably 1, and refuses any other If in one line.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { tf, useBackend } from '@rnnkit/tensor';
import { importOnnx } from './import-onnx.js';
import { onnx, type GraphProto, type NodeProto } from './proto.js';

beforeAll(() => useBackend());

interface Json { dims: number[]; data: number[] }
const heads = new URL('./fixtures/heads/', import.meta.url);
const FILE = 'lstm-bidirectional-squeeze-if-opset12.onnx';
const c = (JSON.parse(readFileSync(new URL('heads.json', heads), 'utf8')) as { cases: { file: string; inputs: Record<string, Json>; outputs: Record<string, Json> }[] }).cases.find((k) => k.file === FILE)!;
const bytes = new Uint8Array(readFileSync(new URL(FILE, heads)));
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  return Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - Number(b[i]))), 0);
};

describe('importOnnx of PyTorch\'s squeeze(0) as If', () => {
  it(`${FILE}: the imported model gives PyTorch's output and onnxruntime-node's`, async () => {
    const { model } = importOnnx(bytes);
    const x = c.inputs.x!;
    const got = model.forward(tf.tensor3d(x.data, x.dims as [number, number, number])).dataSync();
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    const ortY = (await session.run({ x: new ort.Tensor('float32', Float32Array.from(x.data), x.dims) })).y!.data as Float32Array;
    const vsTorch = maxAbs(got, c.outputs.y!.data), vsOrt = maxAbs(got, ortY);
    console.log(`squeeze-if: max abs vs PyTorch ${vsTorch.toExponential(2)}, vs onnxruntime-node ${vsOrt.toExponential(2)}`);
    expect(vsTorch).toBeLessThan(1e-6);
    expect(vsOrt).toBeLessThan(1e-6);
    await session.release();
    model.dispose();
  });

  const edited = (edit: (graph: GraphProto, ifNode: NodeProto) => void) => {
    const m = onnx.ModelProto.decode(bytes);
    const ifNode = m.graph!.node!.find((n) => n.opType === 'If')!;
    edit(m.graph!, ifNode);
    return onnx.ModelProto.encode(m).finish();
  };
  const oneLine = (b: Uint8Array, pattern: RegExp) => {
    let message = '';
    try { importOnnx(b); } catch (err) { message = (err as Error).message; }
    expect(message).toMatch(pattern);
    expect(message.split('\n')).toHaveLength(1);
  };

  it('branches swapped (Identity when the dim is 1): refused, saying what to do', () => {
    oneLine(edited((_, n) => {
      const [a, b] = [n.attribute!.find((x) => x.name === 'then_branch')!, n.attribute!.find((x) => x.name === 'else_branch')!];
      [a.name, b.name] = [b.name, a.name];
    }), /^the head reads If node .*: its then_branch is Identity, not Squeeze; .*write y\[-1\] instead of y\[-1:\]\.squeeze\(0\), or export with fixed shapes \(no dynamic_axes\)$/);
  });

  it('a condition other than "dim == 1": refused', () => {
    oneLine(edited((g, n) => {
      const eq = g.node!.find((k) => k.output![0] === n.input![0])!;
      const one = g.node!.find((k) => k.output![0] === eq.input![1])!;
      one.attribute![0]!.t!.rawData = new Uint8Array(new BigInt64Array([2n]).buffer);
    }), /^the head reads If node .*: its condition is not "dim 0 of .* == 1"; /);
  });
});
