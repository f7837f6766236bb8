import { describe, expect, it } from 'vitest';
import { createScaler, scalerFromJSON } from './scaler.js';
import type { ScalerKind, ScalerState } from './scaler.js';

const train = [
  [100, 5],
  [120, 1],
  [90, 3],
];
const other = [
  [130, 0],
  [95, 4],
];

describe('createScaler / scalerFromJSON', () => {
  it.each<ScalerKind>(['minmax', 'standard', 'none'])('%s survives a JSON round trip', (kind) => {
    const scaler = createScaler(kind, ['Close', 'Volume']).fit(train);
    expect(scaler.kind).toBe(kind);
    expect(scaler.columns).toEqual(['Close', 'Volume']);
    const restored = scalerFromJSON(JSON.parse(JSON.stringify(scaler)) as ScalerState);
    expect(restored.kind).toBe(kind);
    expect(restored.transform(other)).toEqual(scaler.transform(other));
    expect(restored.inverseTransform(other)).toEqual(scaler.inverseTransform(other));
    expect(restored.affine(1)).toEqual(scaler.affine(1));
  });

  it('creates the scaler asked for', () => {
    const minmax = createScaler('minmax', ['Close']).fit([[90], [130]]);
    expect(minmax.transform([[100]])[0]![0]).toBeCloseTo(0.25, 15);
    const standard = createScaler('standard', ['Close']).fit([[90], [130]]);
    expect(standard.transform([[100]])[0]![0]).toBeCloseTo(-0.5, 15);
  });

  it('rejects unknown kinds and broken states', () => {
    expect(() => createScaler('robust' as ScalerKind, ['a'])).toThrow(/unknown scaler "robust"/);
    expect(() => scalerFromJSON({ kind: 'minmax', columns: ['a', 'b'], min: [0, 1], max: [1] })).toThrow(
      'scaler state: minmax needs max as 2 finite numbers',
    );
    expect(() => scalerFromJSON({ kind: 'standard', columns: ['a'], mean: [0] })).toThrow(/needs std/);
    expect(() => scalerFromJSON({ kind: 'minmax', columns: ['a'], min: [Number.NaN], max: [1] })).toThrow(/needs min/);
    expect(() => scalerFromJSON({ kind: 'other' as ScalerKind, columns: [] })).toThrow(/unknown kind/);
  });
});
