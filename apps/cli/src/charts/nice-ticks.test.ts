import { describe, it, expect } from 'vitest';
import { logTicks, niceScale, niceStep, niceTicks, stepDecimals } from './nice-ticks.js';

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.17)).toBe(0.2);
    expect(niceStep(4000)).toBe(5000);
    expect(niceStep(1000)).toBe(1000);
    expect(niceStep(6)).toBe(10);
    expect(niceStep(0.0013)).toBe(0.002);
  });

  it('rejects non-positive steps', () => {
    expect(() => niceStep(0)).toThrow(RangeError);
    expect(() => niceStep(Number.NaN)).toThrow(RangeError);
  });
});

describe('niceTicks', () => {
  it('splits 0..1 into fifths without float noise', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('keeps ticks inside a price range', () => {
    expect(niceTicks(53000, 73000)).toEqual([55000, 60000, 65000, 70000]);
  });

  it('never exceeds maxCount', () => {
    for (const [lo, hi] of [[0, 1], [-3.7, 12.2], [0.0021, 0.2], [61234, 72950]] as const) {
      for (const count of [2, 3, 5, 8, 10]) expect(niceTicks(lo, hi, count).length).toBeLessThanOrEqual(count);
    }
  });

  it('handles reversed, flat and non-finite ranges', () => {
    expect(niceTicks(1, 0)).toEqual(niceTicks(0, 1));
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
  });

  it('handles negative ranges', () => {
    expect(niceTicks(-1, 1, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

describe('niceScale', () => {
  it('widens the domain to whole steps around the data', () => {
    expect(niceScale(53000, 73000)).toEqual({ min: 50000, max: 75000, step: 5000, ticks: [50000, 55000, 60000, 65000, 70000, 75000] });
  });

  it('uses the finest step that fits maxCount', () => {
    const scale = niceScale(60500, 70400, 8);
    expect(scale.step).toBe(2000);
    expect(scale.ticks).toEqual([60000, 62000, 64000, 66000, 68000, 70000, 72000]);
  });

  it('widens a flat range so min < max', () => {
    const scale = niceScale(100, 100);
    expect(scale.min).toBeLessThan(100);
    expect(scale.max).toBeGreaterThan(100);
    const zero = niceScale(0, 0);
    expect(zero.min).toBeLessThan(0);
    expect(zero.max).toBeGreaterThan(0);
  });

  it('rejects non-finite bounds', () => {
    expect(() => niceScale(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('logTicks', () => {
  it('uses powers of ten across several decades', () => {
    expect(logTicks(0.0005, 0.6)).toEqual([0.001, 0.01, 0.1]);
  });

  it('adds 2x and 5x ticks over a short span', () => {
    expect(logTicks(0.002, 0.2)).toEqual([0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]);
  });

  it('returns nothing for non-positive ranges', () => {
    expect(logTicks(0, 1)).toEqual([]);
  });
});

describe('stepDecimals', () => {
  it('counts the decimals a step needs', () => {
    expect(stepDecimals(5000)).toBe(0);
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(0.005)).toBe(3);
    expect(stepDecimals(0.001)).toBe(3);
  });
});
