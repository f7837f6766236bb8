import { describe, expect, it } from 'vitest';
import { createScaler } from '@rnnkit/datasets';
import { scalerAffines } from './scaler-affines.js';

describe('scalerAffines', () => {
  // Columns fitted in a different order and case from the model's features.
  const rows = [[10, 1, 100], [30, 5, 300], [20, 3, 250]];
  const state = createScaler('minmax', ['close', 'Open', 'High']).fit(rows).toJSON();

  it('gives each feature and the target its own minmax map, scaled = (raw - min) / (max - min)', () => {
    const { features, target } = scalerAffines(state, ['Open', 'HIGH'], 'Close');
    const expectMap = (m: { scale: number; offset: number }, min: number, max: number) => {
      expect(m.scale).toBeCloseTo(1 / (max - min), 15);
      expect(m.offset).toBeCloseTo(-min / (max - min), 15);
    };
    expectMap(features[0]!, 1, 5);
    expectMap(features[1]!, 100, 300);
    expectMap(target, 10, 30);
    expect(3 * features[0]!.scale + features[0]!.offset).toBeCloseTo(0.5, 15);
  });

  it('names a column the scaler was not fitted on', () => {
    expect(() => scalerAffines(state, ['Volume'], 'close')).toThrow('the scaler has no column "Volume"; it was fitted on close, Open, High');
  });
});
