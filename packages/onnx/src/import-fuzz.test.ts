import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@rnnkit/tensor';
import { importOnnx } from './import-onnx.js';
import { inspectOnnx } from './inspect-onnx.js';
import { floatTensor, onnx } from './proto.js';

beforeAll(() => useBackend());

const good = new Uint8Array(readFileSync(new URL('./fixtures/torch-rnn.onnx', import.meta.url)));
const SEED = 20261128;

/** importOnnx and inspectOnnx either succeed or throw one-line OnnxErrors: never another exception. */
function readsOrRefuses(bytes: Uint8Array): boolean {
  for (const read of [() => importOnnx(bytes).model.dispose(), () => inspectOnnx(bytes)]) {
    try {
      read();
    } catch (err) {
      if (!(err instanceof Error) || err.name !== 'OnnxError' || err.message.includes('\n')) throw err;
    }
  }
  return true;
}

describe('ONNX import of untrusted bytes', () => {
  it('random bytes', () => {
    const runs = 1500;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), readsOrRefuses), { seed: SEED, numRuns: runs });
    console.log(`onnx fuzz: random bytes, ${runs} cases`);
  });

  it('every truncation of a real model', () => {
    for (let n = 0; n < good.length; n++) readsOrRefuses(good.subarray(0, n));
    console.log(`onnx fuzz: truncations, ${good.length} cases`);
  });

  it('random mutations of a real model', () => {
    const runs = 1500;
    const mutation = fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(mutation, (edits) => {
      const bytes = good.slice();
      for (const [at, value] of edits) bytes[at] = value;
      return readsOrRefuses(bytes);
    }), { seed: SEED, numRuns: runs });
    console.log(`onnx fuzz: mutations, ${runs} cases`);
  });

  it('refuses a file that claims a 10 GB tensor before allocating it', () => {
    const proto = onnx.ModelProto.decode(good);
    const w = proto.graph!.initializer!.find((t) => t.name === 'head.weight')!;
    Object.assign(w, floatTensor('head.weight', [1, 8], new Float32Array(8)), { dims: [50000, 50000] });
    const bytes = onnx.ModelProto.encode(proto).finish();
    expect(bytes.length).toBeLessThan(10_000);
    const before = process.memoryUsage().rss;
    expect(() => importOnnx(bytes)).toThrow('tensor head.weight claims [50000,50000] (9.3 GB); rnnkit reads tensors up to 256 MB');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 2 ** 20);
  });
});
