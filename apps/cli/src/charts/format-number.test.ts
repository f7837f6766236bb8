import { describe, it, expect } from 'vitest';
import { columnDecimals, columnFormat, formatAxisValue, formatFixed, formatSignificant, plainFixed, rmsePair } from './format-number.js';

describe('formatFixed', () => {
  it('groups thousands and keeps the requested decimals', () => {
    expect(formatFixed(72950.5, 2)).toBe('72,950.50');
    expect(formatFixed(1234567, 0)).toBe('1,234,567');
    expect(formatFixed(-1234.5, 1)).toBe('-1,234.5');
    expect(formatFixed(999, 0)).toBe('999');
  });

  it('never prints a negative zero', () => {
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatFixed(-0, 0)).toBe('0');
  });
});

describe('formatSignificant', () => {
  it('keeps three significant digits without trailing zeros', () => {
    expect(formatSignificant(0.0021345)).toBe('0.00213');
    expect(formatSignificant(0.002)).toBe('0.002');
    expect(formatSignificant(0.2)).toBe('0.2');
    expect(formatSignificant(12.345)).toBe('12.3');
  });

  it('switches to exponent form for tiny values and groups large ones', () => {
    expect(formatSignificant(1.5e-7)).toBe('1.5e-7');
    expect(formatSignificant(1e-5)).toBe('1e-5');
    expect(formatSignificant(72950)).toBe('72,950');
    expect(formatSignificant(0)).toBe('0');
  });
});

describe('formatAxisValue', () => {
  it('uses no decimals for coarse resolutions and enough for fine ones', () => {
    expect(formatAxisValue(66500.4, 1182)).toBe('66,500');
    expect(formatAxisValue(0.10123, 0.018)).toBe('0.101');
    expect(formatAxisValue(0.002, 0.018)).toBe('0.002');
  });
});

describe('columnFormat: digits that suit a table column', () => {
  it("keeps prices' cents and gives a penny stock's errors three significant digits", () => {
    expect([823.88, 20895.07].map(columnFormat([823.88, 20895.07]))).toEqual(['823.88', '20895.07']);
    expect([0.0919, 0.00458].map(columnFormat([0.0919, 0.00458]))).toEqual(['0.09190', '0.00458']);
    expect(columnFormat([0.00458])(0.00458)).not.toBe('0.00');
  });

  it('adds decimals until ranked values that differ print differently (at most four more)', () => {
    const rmse = Array.from({ length: 16 }, (_, k) => 0.7412 + k * 0.0003);
    const printed = rmse.map(columnFormat(rmse));
    expect(new Set(printed).size).toBe(16);
    expect(printed[0]).toBe('0.7412');
    expect(columnDecimals([1, 1 + 1e-15])).toBe(6); // float noise does not run on for ever
    expect(columnDecimals([74.1, 74.1])).toBe(2); // equal values need nothing more
    expect(columnDecimals([0.74, 0.74])).toBe(3); // three significant digits below 1
  });

  it('prints non-finite values as told, and no negative zero', () => {
    expect(columnFormat([Infinity, 1])(Infinity)).toBe('n/a');
    expect(columnFormat([Infinity, 1], {}, String)(Infinity)).toBe('Infinity');
    expect(plainFixed(-0.0001, 2)).toBe('0.00');
    expect(rmsePair(0.0919, 0.00458)).toBe('RMSE 0.09190 (naive 0.00458)');
  });
});
