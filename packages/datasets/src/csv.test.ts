import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { DataError } from './data-error.js';
import { catchError } from './test-utils/catch-error.js';

/** The DataError message parseCsv throws for `text`. */
function messageOf(text: string, columns = ['Close'], source = 'p.csv'): string {
  const error = catchError(() => parseCsv(text, { source, columns }));
  expect(error).toBeInstanceOf(DataError);
  return error.message;
}

describe('parseCsv: rows without values', () => {
  // As Yahoo Finance writes them: a day without trading is a row of nulls.
  const yahoo = [
    'Date,Open,High,Low,Close,Adj Close,Volume',
    '2020-01-02,null,null,null,null,null,null',
    '2020-01-03,null,null,null,null,null,null',
    '2020-01-06,10,12,9,11,10.5,100',
    '2020-01-07,,,,,,',
    '2020-01-08,11,13,10,12.5,12,200',
  ].join('\n');

  it('skips rows whose every value is null or empty and lists them by date', () => {
    const table = parseCsv(yahoo, { columns: ['Close'] });
    expect(table.dates).toEqual(['2020-01-06', '2020-01-08']);
    expect(table.values).toEqual([[11], [12.5]]);
    expect(table.lines).toEqual([4, 6]);
    expect(table.skipped).toEqual([
      { date: '2020-01-02', line: 2, reason: 'no trading' },
      { date: '2020-01-03', line: 3, reason: 'no trading' },
      { date: '2020-01-07', line: 5, reason: 'no trading' },
    ]);
  });

  it('lists skipped rows in date order in a descending file', () => {
    const text = 'Date,Close\n2020-01-08,3\n2020-01-07,null\n2020-01-06,2\n2020-01-03,NULL\n2020-01-02,1\n';
    const table = parseCsv(text, { columns: ['Close'] });
    expect(table.dates).toEqual(['2020-01-02', '2020-01-06', '2020-01-08']);
    expect(table.skipped.map((s) => [s.date, s.line])).toEqual([['2020-01-03', 5], ['2020-01-07', 3]]);
  });

  it('with missing: skip, leaves out partly missing rows too and says which', () => {
    const text = 'Date,Open,Close\n2020-01-02,1,2\n2020-01-03,null,2\n2020-01-06, ,\n2020-01-07,3,\n2020-01-08,4,5\n';
    const table = parseCsv(text, { columns: ['Open', 'Close'], missing: 'skip' });
    expect(table.dates).toEqual(['2020-01-02', '2020-01-08']);
    expect(table.skipped).toEqual([
      { date: '2020-01-03', line: 3, reason: 'missing' },
      { date: '2020-01-06', line: 4, reason: 'no trading' },
      { date: '2020-01-07', line: 5, reason: 'missing' },
    ]);
  });

  it('still rejects a bad number with missing: skip', () => {
    const error = catchError(() => parseCsv('Date,Open,Close\n2020-01-02,1,2\n2020-01-03,NaN,2\n', { source: 'p.csv', columns: ['Open', 'Close'], missing: 'skip' }));
    expect(error.message).toBe('p.csv:3: "NaN" in column Open is not a number; fix the value or remove the row');
  });

  it('refuses a file in which every row was skipped', () => {
    expect(messageOf('Date,Close,Volume\n2020-01-02,null,null\n2020-01-03,,\n')).toBe(
      'p.csv: all 2 data rows were skipped (every value null or empty); export a date range with trading days',
    );
  });
});

describe('parseCsv: reading', () => {
  it('reads the requested columns in the requested order, ignoring the rest', () => {
    const text = 'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,12,9,11,10.5,100\n2020-01-03,11,13,10,12.5,12,n/a\n';
    const table = parseCsv(text, { columns: ['Close', 'Open'] });
    expect(table).toEqual({
      source: '<csv>',
      dates: ['2020-01-02', '2020-01-03'],
      columns: ['Close', 'Open'],
      values: [[11, 10], [12.5, 11]],
      lines: [2, 3],
      skipped: [],
    });
  });

  it('matches header names case-insensitively and trimmed, keeping the caller spelling', () => {
    const table = parseCsv(' DATE , close ,ADJ CLOSE\n2020-01-02,5,4.5\n', { columns: ['Close', 'Adj Close'] });
    expect(table.columns).toEqual(['Close', 'Adj Close']);
    expect(table.values).toEqual([[5, 4.5]]);
  });

  it('strips a BOM, handles CRLF and ignores blank lines', () => {
    const table = parseCsv('\uFEFFDate,Close\r\n2020-01-02,1\r\n\r\n2020-01-03,2\r\n\r\n\r\n', { columns: ['Close'] });
    expect(table.dates).toEqual(['2020-01-02', '2020-01-03']);
    expect(table.values).toEqual([[1], [2]]);
    expect(table.lines).toEqual([2, 4]);
  });

  it('detects semicolons', () => {
    const table = parseCsv('Date;Open;Close\n2020-01-02;1.5;2\n2020-01-03;2.5;3\n', { columns: ['Open', 'Close'] });
    expect(table.values).toEqual([[1.5, 2], [2.5, 3]]);
  });

  it('reads double-quoted fields, including delimiters and quotes inside', () => {
    const text = '"Date","Close","Name"\n"2020-01-02","101.5","Samsung, ""Elec"""\n';
    const table = parseCsv(text, { columns: ['Close'] });
    expect(table.dates).toEqual(['2020-01-02']);
    expect(table.values).toEqual([[101.5]]);
  });

  it('drops a time part after a space or T', () => {
    const table = parseCsv('Date,Close\n2020-01-02 00:00:00,1\n2020-01-03T09:30:00Z,2\n2020-01-06T00:00:00+09:00,3\n', { columns: ['Close'] });
    expect(table.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
  });

  it('reads plain decimal and scientific numbers', () => {
    const text = 'Date,Close\n2020-01-01,1.5e3\n2020-01-02,+2\n2020-01-03,.5\n2020-01-04,5.\n2020-01-05, -7.25E-1 \n2020-01-06,"0012"\n';
    expect(parseCsv(text, { columns: ['Close'] }).values.flat()).toEqual([1500, 2, 0.5, 5, -0.725, 12]);
  });

  it('returns descending files in ascending order, with the original line numbers', () => {
    const table = parseCsv('Date,Close\n2020-01-06,3\n2020-01-03,2\n2020-01-02,1\n', { columns: ['Close'] });
    expect(table.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
    expect(table.values).toEqual([[1], [2], [3]]);
    expect(table.lines).toEqual([4, 3, 2]);
  });

  it('accepts a single data row', () => {
    expect(parseCsv('Date,Close\n2020-01-02,7', { columns: ['Close'] }).values).toEqual([[7]]);
  });
});

describe('parseCsv: errors name the line and the fix', () => {
  it('rejects an empty file', () => {
    expect(messageOf('')).toBe('p.csv: file is empty; export the prices with a header line such as Date,Open,High,Low,Close');
    expect(messageOf('\uFEFF\r\n  \n')).toMatch(/^p\.csv: file is empty; /);
    expect(catchError(() => parseCsv('', { columns: [] })).message).toMatch(/^<csv>: file is empty; /);
  });

  it('rejects a header without rows', () => {
    expect(messageOf('\nDate,Close\r\n\r\n')).toBe('p.csv:2: no data rows after the header; add at least one row of prices');
  });

  it('names a missing column and lists the columns found', () => {
    expect(messageOf('Date,Open\n2020-01-02,1\n', ['Open', 'Close'])).toBe(
      'p.csv:1: no Close column (columns found: Date, Open); add the column or use one of the columns found',
    );
    expect(messageOf('Day,Close\n2020-01-02,1\n')).toBe(
      'p.csv:1: no Date column (columns found: Day, Close); add a Date column with dates as YYYY-MM-DD',
    );
  });

  it('rejects a column that appears twice', () => {
    expect(messageOf('Date,Close,close\n2020-01-02,1,1\n')).toBe('p.csv:1: column Close appears 2 times in the header; keep one of them');
  });

  it('rejects rows with too few or too many cells', () => {
    expect(messageOf('Date,Open,Close\n2020-01-02,1,2\n2020-01-03,1\n')).toBe(
      'p.csv:3: row has 2 cells but the header has 3; add the missing values or remove the row',
    );
    expect(messageOf('Date,Close\n2020-01-02,1,2\n')).toBe('p.csv:2: row has 3 cells but the header has 2; remove the extra values');
  });

  it('rejects unbalanced quotes', () => {
    expect(messageOf('Date,Close\n2020-01-02,"1\n')).toBe('p.csv:2: unbalanced double quotes; close every quoted field with "');
  });

  it.each(['2020/01/02', '02-01-2020', '2021-02-29', '2020-13-01', '2020-01-02X', ''])('rejects the date %j', (date) => {
    expect(messageOf(`Date,Close\n2020-01-01,1\n${date},2\n`)).toBe(
      `p.csv:3: ${JSON.stringify(date)} in column Date is not a date; write dates as YYYY-MM-DD`,
    );
  });

  it('names the exact line of a bad number', () => {
    const rows = Array.from({ length: 55 }, (_, i) => `${2000 + i}-01-03,${i + 1}`);
    const text = ['Date,Close', ...rows, '2060-01-03,abc', '2061-01-03,5'].join('\n');
    expect(catchError(() => parseCsv(text, { source: 'prices.csv', columns: ['Close'] })).message).toBe(
      'prices.csv:57: "abc" in column Close is not a number; fix the value or remove the row',
    );
  });

  it.each(['NaN', 'nan', 'Infinity', '-Infinity', '-', '1e999', '0x10', '1_000', '12abc', '1.2.3'])('rejects the number %j', (cell) => {
    expect(messageOf(`Date,Open,Close\n2020-01-02,1,2\n2020-01-03,${cell},2\n`, ['Open', 'Close'])).toBe(
      `p.csv:3: ${JSON.stringify(cell)} in column Open is not a number; fix the value or remove the row`,
    );
  });

  it('suggests dots for decimal commas', () => {
    expect(messageOf('Date;Close\n2020-01-02;1,5\n')).toBe(
      'p.csv:2: "1,5" in column Close is not a number; write plain numbers such as 1234.5 (dot for decimals, no thousands separators)',
    );
  });

  it('rejects an empty cell', () => {
    expect(messageOf('Date,Open,Close\n2020-01-02,1, \n', ['Open', 'Close'])).toBe(
      'p.csv:2: column Close is empty; fill in the value or remove the row',
    );
  });

  it('rejects a partly null row, with the caller\'s way to skip such rows in the fix', () => {
    const text = 'Date,Open,Close,Volume\n2020-01-02,1,2,3\n2020-01-03,null,2,null\n';
    expect(messageOf(text, ['Open', 'Close'])).toBe('p.csv:3: column Open is null; fill in the value or remove the row');
    const error = catchError(() => parseCsv(text, { source: 'p.csv', columns: ['Open', 'Close'], skipHint: 'pass --missing skip' }));
    expect(error.message).toBe('p.csv:3: column Open is null; fill in the value or remove the row, or pass --missing skip');
  });

  it('names both lines of a duplicated date', () => {
    expect(messageOf('Date,Close\n2020-01-02,1\n2020-01-03,2\n2020-01-02 10:00,3\n')).toBe(
      'p.csv:4: date 2020-01-02 repeats line 2; keep one row per date',
    );
  });

  it('names the first line that breaks an ascending order', () => {
    expect(messageOf('Date,Close\n2020-01-02,1\n2020-01-03,2\n2020-01-06,3\n2020-01-05,4\n2020-01-04,5\n')).toBe(
      'p.csv:5: date 2020-01-05 after 2020-01-06 (line 4) breaks the ascending date order of the rows above; sort the rows by date',
    );
  });

  it('names the first line that breaks a descending order', () => {
    expect(messageOf('Date,Close\n2020-01-06,1\n2020-01-03,2\n2020-01-07,3\n')).toBe(
      'p.csv:4: date 2020-01-07 after 2020-01-03 (line 3) breaks the descending date order of the rows above; sort the rows by date',
    );
  });

  it('reports the error as a DataError with file and line', () => {
    const error = catchError(() => parseCsv('Date,Close\n2020-01-02,x\n', { source: 'q.csv', columns: ['Close'] }));
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).file).toBe('q.csv');
    expect((error as DataError).line).toBe(2);
  });
});
