import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './did-you-mean.js';

describe('closest', () => {
  it('counts a swap of neighbours as one edit and finds the command meant', () => {
    expect(editDistance('trian', 'train')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('trian', ['train', 'compare', 'backtest'])).toBe('train');
    expect(closest('backtset', ['train', 'backtest'])).toBe('backtest');
    expect(closest('epoch', ['epochs', 'lr'])).toBe('epochs');
  });

  it('offers nothing for a name unlike any known one', () => {
    expect(closest('zzz', ['train', 'compare'])).toBeUndefined();
    expect(closest('fit', ['train', 'sweep'])).toBeUndefined();
  });
});
