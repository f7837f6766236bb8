import { describe, it, expect } from 'vitest';
import { formatAxisValue, formatFixed, formatSignificant } from './format-number.js';

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
