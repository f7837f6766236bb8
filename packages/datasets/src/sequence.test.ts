import { describe, expect, it } from 'vitest';
import { makeSequenceData, toTimeMajor } from './sequence.js';

// Row i is [i, 10 + i], so every window's content is easy to predict.
const rows = Array.from({ length: 6 }, (_, i) => [i, 10 + i]);

describe('makeSequenceData', () => {
  it('gives N - seqLength windows and the target of the following row', () => {
    const { x, y } = makeSequenceData(rows, 4, 1);
    expect(x).toEqual([
      [[0, 10], [1, 11], [2, 12], [3, 13]],
      [[1, 11], [2, 12], [3, 13], [4, 14]],
    ]);
    expect(y).toEqual([14, 15]);
    expect(makeSequenceData(rows, 1, 0)).toEqual({ x: rows.slice(0, 5).map((r) => [r]), y: [1, 2, 3, 4, 5] });
  });

  it('gives no windows when there are not more rows than seqLength', () => {
    expect(makeSequenceData(rows, 5, 0).y).toEqual([5]);
    expect(makeSequenceData(rows, 6, 0)).toEqual({ x: [], y: [] });
    expect(makeSequenceData(rows, 9, 0)).toEqual({ x: [], y: [] });
    expect(makeSequenceData([], 2, 0)).toEqual({ x: [], y: [] });
  });

  it('copies rows', () => {
    const { x } = makeSequenceData(rows, 2, 0);
    x[0]![0]![0] = 99;
    expect(rows[0]![0]).toBe(0);
  });

  it('rejects bad arguments', () => {
    expect(() => makeSequenceData(rows, 0, 0)).toThrow(/sequence length 0/);
    expect(() => makeSequenceData(rows, 1.5, 0)).toThrow(RangeError);
    expect(() => makeSequenceData(rows, 2, 2)).toThrow(/target index 2 is outside 0..1/);
  });
});

describe('toTimeMajor', () => {
  it('lays windows out as [seq, batch, features]', () => {
    const x = [
      [[1, 2], [3, 4], [5, 6]],
      [[7, 8], [9, 10], [11, 12]],
    ];
    expect(Array.from(toTimeMajor(x))).toEqual([1, 2, 7, 8, 3, 4, 9, 10, 5, 6, 11, 12]);
  });

  it('follows index = (t * batch + b) * features + f', () => {
    const batch = 3;
    const seq = 4;
    const features = 2;
    const x = Array.from({ length: batch }, (_, b) => Array.from({ length: seq }, (_, t) => Array.from({ length: features }, (_, f) => 100 * b + 10 * t + f)));
    const flat = toTimeMajor(x);
    expect(flat.length).toBe(24);
    for (let b = 0; b < batch; b++) for (let t = 0; t < seq; t++) for (let f = 0; f < features; f++) {
      expect(flat[(t * batch + b) * features + f]).toBe(100 * b + 10 * t + f);
    }
  });

  it('rounds to float32 and rejects ragged input', () => {
    expect(toTimeMajor([[[0.1]]])[0]).toBe(Math.fround(0.1));
    expect(toTimeMajor([]).length).toBe(0);
    expect(() => toTimeMajor([[[1], [2]], [[1]]])).toThrow(/window 1 has 1 steps, expected 2/);
    expect(() => toTimeMajor([[[1, 2]], [[1]]])).toThrow(/window 1, step 0 has 1 features, expected 2/);
  });
});
