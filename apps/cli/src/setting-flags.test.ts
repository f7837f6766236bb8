import { DataError } from '@rnnkit/datasets';
import { describe, expect, it } from 'vitest';
import { inFlagTerms } from './setting-flags.js';

describe("library settings in the CLI's terms", () => {
  it('says the settings an error names as flags, and nothing else', () => {
    const err = new DataError('a.csv', undefined, 'horizon 3 must be below testSize 2', 'lower horizon or raise testSize', ['horizon', 'testSize']);
    expect(err.setting).toBe('horizon');
    expect(inFlagTerms(err.message, err.settings)).toBe('a.csv: --horizon 3 must be below --test-size 2; lower --horizon or raise --test-size');
    expect(inFlagTerms('a.csv: training range 2020-01-01:2020-02-01 has 3 rows; widen split.train or lower seqLength', ['seqLength', 'split.train']))
      .toBe('a.csv: training range 2020-01-01:2020-02-01 has 3 rows; widen --train-range or lower --seq-len');
    expect(inFlagTerms('a.csv: 5 folds of 60 days need 400 rows; use at most 2 folds, a smaller testSize', ['folds', 'testSize'])).toBe('a.csv: 5 folds of 60 days need 400 rows; use at most 2 folds, a smaller --test-size');
    expect(inFlagTerms('a.csv: horizon 3', [])).toBe('a.csv: horizon 3');
  });
});
