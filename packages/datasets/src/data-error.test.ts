import { describe, expect, it } from 'vitest';
import { DataError } from './data-error.js';

describe('DataError', () => {
  it('formats file:line: problem; fix', () => {
    const error = new DataError('prices.csv', 57, '"abc" in column Close is not a number', 'fix the value or remove the row');
    expect(error.message).toBe('prices.csv:57: "abc" in column Close is not a number; fix the value or remove the row');
    expect(error.name).toBe('DataError');
    expect(error.file).toBe('prices.csv');
    expect(error.line).toBe(57);
    expect(error.problem).toBe('"abc" in column Close is not a number');
    expect(error.fix).toBe('fix the value or remove the row');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DataError);
  });

  it('omits the line when there is none', () => {
    const error = new DataError('prices.csv', undefined, 'file is empty', 'export it again');
    expect(error.message).toBe('prices.csv: file is empty; export it again');
    expect(error.line).toBeUndefined();
  });

  it('keeps the message on one line', () => {
    const error = new DataError('a.csv', 2, 'bad\r\nvalue', 'fix\nit');
    expect(error.message).toBe('a.csv:2: bad value; fix it');
  });
});
