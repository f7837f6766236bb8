import { describe, expect, it } from 'vitest';
import { columnIndex, sameColumn } from './column-name.js';

describe('column names', () => {
  it('match whatever their case and surrounding spaces', () => {
    expect(sameColumn('Close', 'close')).toBe(true);
    expect(sameColumn(' Adj Close ', 'adj close')).toBe(true);
    expect(sameColumn('Close', 'Closes')).toBe(false);
    expect(sameColumn('Adj Close', 'AdjClose')).toBe(false); // inner spaces count
    expect(columnIndex(['Date', 'Open', 'CLOSE'], 'close')).toBe(2);
    expect(columnIndex(['Date', 'Open'], 'Close')).toBe(-1);
  });
});
