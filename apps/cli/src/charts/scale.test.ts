import { describe, it, expect } from 'vitest';
import { linearScale, logScale } from './scale.js';

describe('linearScale', () => {
  it('maps domain ends onto range ends, including reversed y ranges', () => {
    const y = linearScale([60000, 74000], [672, 408]);
    expect(y(60000)).toBe(672);
    expect(y(74000)).toBe(408);
    expect(y(67000)).toBe(540);
  });

  it('maps a zero-width domain to the middle of the range', () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
    expect(linearScale([3, 3], [0, 100])(Number.NaN)).toBeNaN();
  });
});

describe('logScale', () => {
  it('spaces decades evenly', () => {
    const y = logScale([0.001, 1], [300, 0]);
    expect(y(0.001)).toBeCloseTo(300);
    expect(y(0.01)).toBeCloseTo(200);
    expect(y(1)).toBeCloseTo(0);
  });

  it('maps non-positive values to NaN and rejects non-positive domains', () => {
    expect(logScale([1, 10], [0, 1])(0)).toBeNaN();
    expect(() => logScale([0, 10], [0, 1])).toThrow(RangeError);
  });
});
