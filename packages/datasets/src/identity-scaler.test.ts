import { describe, expect, it } from 'vitest';
import { IdentityScaler } from './identity-scaler.js';

describe('IdentityScaler', () => {
  it('passes values through in both directions, as copies', () => {
    const rows = [[1.5, -2], [3, 4]];
    const scaler = new IdentityScaler(['a', 'b']).fit(rows);
    const out = scaler.transform(rows);
    expect(out).toEqual(rows);
    expect(out[0]).not.toBe(rows[0]);
    expect(scaler.inverseTransform(out)).toEqual(rows);
    expect(scaler.inverseColumn([7, 8], 1)).toEqual([7, 8]);
    expect(scaler.affine(1)).toEqual({ scale: 1, offset: 0 });
    expect(scaler.toJSON()).toEqual({ kind: 'none', columns: ['a', 'b'] });
  });

  it('still wants fit first, like the other scalers', () => {
    expect(() => new IdentityScaler(['a']).transform([[1]])).toThrow(/none scaler: transform called before fit/);
  });
});
