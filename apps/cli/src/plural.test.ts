import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it('uses the singular for exactly one, the plural otherwise', () => {
    expect([0, 1, 2, 3000].map((n) => plural(n, 'layer'))).toEqual(['0 layers', '1 layer', '2 layers', '3000 layers']);
  });

  it('adds -es after a hissing end: two trial processes, not processs', () => {
    expect([1, 2].map((n) => plural(n, 'trial process'))).toEqual(['1 trial process', '2 trial processes']);
    expect(plural(3, 'batch')).toBe('3 batches');
    expect(plural(2, 'epoch')).toBe('2 epochs');
  });
});
