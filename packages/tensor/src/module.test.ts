import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from './backend.js';
import { Linear } from './linear.js';
import { Module } from './module.js';
import { Rng } from './random.js';

class TwoLayers extends Module {
  readonly w_x = this.addModule('w_x', new Linear(3, 2, { bias: false, rng: new Rng(1) }));
  readonly w_y = this.addModule('w_y', new Linear(2, 1, { rng: new Rng(2) }));
}

beforeAll(() => useBackend());

describe('Module', () => {
  it('names parameters like PyTorch with [out, in] shapes', () => {
    const m = new TwoLayers();
    expect(m.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['w_x.weight', [2, 3]],
      ['w_y.weight', [1, 2]],
      ['w_y.bias', [1]],
    ]);
    m.dispose();
  });

  it('round-trips a state dict exactly', () => {
    const a = new TwoLayers();
    const dict = { 'w_x.weight': [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], 'w_y.weight': [[1.5, -2]], 'w_y.bias': [0.25] };
    a.loadStateDict(dict);
    const back = a.stateDict();
    expect(back['w_y.bias']).toEqual([0.25]);
    expect((back['w_x.weight'] as number[][])[1]![2]).toBe(Math.fround(-0.6));
    const b = new TwoLayers();
    b.loadStateDict(JSON.parse(JSON.stringify(back)));
    expect(JSON.stringify(b.stateDict())).toBe(JSON.stringify(back));
    a.dispose(); b.dispose();
  });

  it('refuses a state dict with wrong names or shapes and changes nothing', () => {
    const m = new TwoLayers();
    const before = JSON.stringify(m.stateDict());
    expect(() => m.loadStateDict({ 'w_x.weight': [[1, 2, 3], [4, 5, 6]], 'w_y.weight': [[1, 2]] })).toThrow(/missing w_y.bias/);
    expect(() =>
      m.loadStateDict({ 'w_x.weight': [[1, 2, 3], [4, 5, 6]], 'w_y.weight': [[1, 2]], 'w_y.bias': [0], extra: [1] }),
    ).toThrow(/unexpected extra/);
    expect(() => m.loadStateDict({ 'w_x.weight': [[1, 2, 3], [4, 5, 6]], 'w_y.weight': [[1], [2]], 'w_y.bias': [0] })).toThrow(
      '"w_y.weight" has shape [2, 1], the model needs [1, 2]',
    );
    expect(() => m.loadStateDict({ 'w_x.weight': [[1, 2, 3], [4, 5]], 'w_y.weight': [[1, 2]], 'w_y.bias': [0] })).toThrow(/ragged/);
    expect(() => m.loadStateDict({ 'w_x.weight': [[1, 2, 3], [4, 5, 6]], 'w_y.weight': [[1, NaN]], 'w_y.bias': [0] })).toThrow(/finite/);
    expect(JSON.stringify(m.stateDict())).toBe(before);
    m.dispose();
  });

  it('frees its tensors on dispose', () => {
    const before = tf.memory().numTensors;
    new TwoLayers().dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
