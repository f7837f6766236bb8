import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '@rnnkit/tensor';
import { readSignature, type ModelSignature } from './reference/graph.js';
import { SeededInputError, seededInputs } from './seeded-inputs.js';

const signature = (inputs: ModelSignature['inputs'], sequenceLens: ModelSignature['sequenceLens'] = {}): ModelSignature => ({ opset: 14, inputs, outputs: [], sequenceLens });

describe('seededInputs', () => {
  it('fills floats from the seeded generator in input order, float32 rounded, symbolic dims by sizeOf', () => {
    const sig = signature([{ name: 'x', dtype: 'float32', dims: ['seq', 'batch', 2] }, { name: 'y', dtype: 'float64', dims: ['batch'] }]);
    const { feeds, sizes } = seededInputs(sig, { seed: 7, sizeOf: (_, i) => [3, 2][i]! });
    expect(sizes).toEqual({ seq: 3, batch: 2 });
    expect(feeds.x!.dims).toEqual([3, 2, 2]);
    expect(feeds.y!.dims).toEqual([2]);
    const rng = new Rng(7);
    const draws = Array.from({ length: 14 }, () => rng.next() * 2 - 1);
    expect(feeds.x!.data).toEqual(draws.slice(0, 12).map(Math.fround));
    expect(feeds.y!.data).toEqual(draws.slice(12));
    for (const v of [...feeds.x!.data, ...feeds.y!.data]) expect(v >= -1 && v < 1).toBe(true);
  });

  it("draws a recurrent node's sequence_lens in 1..its X's time steps (layout 1: axis 1), after the floats", () => {
    const bytes = new Uint8Array(readFileSync(new URL('fixtures/gru-layout1-lbr0-seqlens.onnx', import.meta.url)));
    const sig = readSignature(bytes);
    const lens = Object.keys(sig.sequenceLens)[0]!;
    const { x, timeAxis } = sig.sequenceLens[lens]!;
    const { feeds } = seededInputs(sig, { seed: 3, sizeOf: (_, i) => 4 + i });
    const steps = feeds[x]!.dims[timeAxis]!;
    expect(timeAxis).toBe(1);
    expect(feeds[lens]!.dtype).toBe('int32');
    for (const v of feeds[lens]!.data) expect(Number.isInteger(v) && v >= 1 && v <= steps).toBe(true);
    expect(Object.keys(feeds)).toEqual(sig.inputs.map((i) => i.name));
  });

  it('gives other integer and bool inputs the chosen value, or refuses them; refuses no shape and too large in one line', () => {
    const ints = signature([{ name: 'k', dtype: 'int64', dims: [2] }, { name: 'flag', dtype: 'bool', dims: [] }]);
    expect(seededInputs(ints, { seed: 1, sizeOf: () => 3, integer: 1 }).feeds).toEqual({ k: { dtype: 'int64', dims: [2], data: [1, 1] }, flag: { dtype: 'bool', dims: [], data: [1] } });
    const refusal = (sig: ModelSignature, sizeOf = () => 3) => {
      try {
        seededInputs(sig, { seed: 1, sizeOf });
      } catch (err) {
        expect(err).toBeInstanceOf(SeededInputError);
        return (err as SeededInputError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(ints)).toBe('input "k" is int64, which cannot be filled with random values');
    expect(refusal(signature([{ name: 'x', dtype: 'float32', dims: null }]))).toBe('input "x" declares no shape');
    expect(refusal(signature([{ name: 'x', dtype: 'float32', dims: ['n', 4, 4] }]), () => 2 ** 31)).toBe('input "x" declares [2147483648, 4, 4] (256.0 GB as float64); seeded inputs are made up to 256 MB');
  });
});
