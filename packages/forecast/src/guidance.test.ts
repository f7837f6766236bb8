import { describe, expect, it } from 'vitest';
import { mapeUnreliable, rangeExcursion, rangeGuidance } from './guidance.js';
import type { Series } from './series.js';

const series = (close: number[]): Series => ({ source: 's', dates: close.map((_, i) => `d${i}`), columns: ['Close'], rows: close.map((c) => [c]), featureCount: 1, targetCol: 0 });

describe('guidance', () => {
  it('rangeExcursion: the furthest test value beyond the training range, as a share of that range', () => {
    const s = series([10, 20, 15, 12, 26, 9]);
    expect(rangeExcursion(s, { start: 0, end: 4 }, { start: 4, end: 6 })).toBeCloseTo(0.6, 12); // (26 − 20) / 10
    expect(rangeExcursion(s, { start: 0, end: 4 }, { start: 2, end: 4 })).toBe(0);
    expect(rangeGuidance('Close', [0, 0.6, 0.25], 'test block')).toBe('the Close of 2 of 3 test blocks lies outside the range the scaler was fitted on (up to 60% of that range beyond it), which a level target cannot forecast: use --target-transform logret (or --recipe forecast)');
    expect(rangeGuidance('Close', [0], 'test split')).toBeNull();
  });

  it('mapeUnreliable: a series that crosses zero, touches it, or comes within 5% of its mean absolute value', () => {
    expect(mapeUnreliable([100, 101, 99])).toBe(false);
    expect(mapeUnreliable([3, -1, 2])).toBe(true);
    expect(mapeUnreliable([3, 0, 2])).toBe(true);
    expect(mapeUnreliable([100, 3, 100])).toBe(true); // 3 < 5% of 67.7
    expect(mapeUnreliable([100, 4.6, 100])).toBe(false);
  });
});
