import { describe, expect, it } from 'vitest';
import { detectDelimiter, splitCsvLine } from './csv-line.js';

describe('splitCsvLine', () => {
  it('splits plain cells, keeping empty ones', () => {
    expect(splitCsvLine('a,b,,d,', ',')).toEqual(['a', 'b', '', 'd', '']);
    expect(splitCsvLine('a;b', ';')).toEqual(['a', 'b']);
    expect(splitCsvLine('', ',')).toEqual(['']);
  });

  it('unquotes quoted cells with delimiters and doubled quotes inside', () => {
    expect(splitCsvLine('"2020-01-02","1,5", "say ""hi""" ,x', ',')).toEqual(['2020-01-02', '1,5', 'say "hi"', 'x']);
    expect(splitCsvLine('"",""', ',')).toEqual(['', '']);
  });

  it('rejects unbalanced quotes and text after a closing quote', () => {
    expect(splitCsvLine('"abc,1', ',')).toBeUndefined();
    expect(splitCsvLine('"ab"c,1', ',')).toBeUndefined();
  });
});

describe('detectDelimiter', () => {
  it('picks the separator of the header', () => {
    expect(detectDelimiter('Date,Open,Close')).toBe(',');
    expect(detectDelimiter('Date;Open;Close')).toBe(';');
    expect(detectDelimiter('Date;"Open,raw";Close')).toBe(';');
    expect(detectDelimiter('Date')).toBe(',');
  });
});
