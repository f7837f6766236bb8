import { DataError } from './data-error.js';
import { detectDelimiter, splitCsvLine } from './csv-line.js';
import { isIsoDate } from './iso-date.js';
import { sameColumn } from './column-name.js';

/** Dated rows of numbers read from a price file, always in ascending date order. */
export interface PriceTable {
  /** File name used in error messages. */
  source: string;
  /** YYYY-MM-DD date of each row, strictly ascending. */
  dates: string[];
  /** Column names in the caller's spelling; `values[i][j]` belongs to `columns[j]`. */
  columns: string[];
  /** `values[i][j]` = row i, column j. Always finite. */
  values: number[][];
  /** 1-based line in the file that row i came from. */
  lines: number[];
  /** Rows {@link parseCsv} left out, ascending by date; parseCsv always sets it. */
  skipped?: SkippedRow[];
}

/** A data row left out of a {@link PriceTable}, and why. */
export interface SkippedRow {
  /** YYYY-MM-DD date of the row. */
  date: string;
  /** 1-based line in the file. */
  line: number;
  /**
   * `no trading`: every value of the row is `null` or empty, as Yahoo writes days without trading;
   * `missing`: some requested values are (read with `missing: 'skip'`).
   */
  reason: 'no trading' | 'missing';
}

/** Options of {@link parseCsv}. */
export interface CsvOptions {
  /** File name for error messages; default `<csv>`. */
  source?: string;
  /** Columns to read, matched case-insensitively; the returned table uses this spelling. */
  columns: string[];
  /**
   * A row with some but not all values missing (`null` or empty in a requested column):
   * `'error'` (default) stops with a DataError naming its line, `'skip'` leaves it out and lists it in `skipped`.
   */
  missing?: 'error' | 'skip';
  /** How to ask for `missing: 'skip'` in the caller's terms, added to a missing-value error's fix (e.g. "pass --missing skip"). */
  skipHint?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// YYYY-MM-DD, optionally followed by a time that we drop (daily data).
const DATE_CELL =
  /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a Date + numeric columns CSV (Yahoo/Kaggle style) into a {@link PriceTable}.
 * Accepts `,` or `;`, a BOM, CRLF, quoted cells, extra columns and rows in
 * ascending or descending date order. Rows whose every value is `null` or empty
 * (days without trading) are left out and listed in `skipped`. Anything doubtful
 * throws a {@link DataError} naming the line; the result never holds NaN.
 */
export function parseCsv(
  text: string,
  options: CsvOptions,
): PriceTable & {
  /** Rows left out, ascending by date. */
  skipped: SkippedRow[];
} {
  const source = options.source ?? '<csv>';
  const fail = (line: number | undefined, problem: string, fix: string): DataError =>
    new DataError(source, line, problem, fix);

  // Blank lines are skipped anywhere, as pandas does.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((content, i) => ({ content, number: i + 1 }))
    .filter((l) => l.content.trim() !== '');
  const header = lines[0];
  if (!header) throw fail(undefined, 'file is empty', 'export the prices with a header line such as Date,Open,High,Low,Close');
  if (lines.length === 1) throw fail(header.number, 'no data rows after the header', 'add at least one row of prices');

  const delimiter = detectDelimiter(header.content);
  const names = splitCsvLine(header.content, delimiter)?.map((c) => c.trim());
  if (!names) throw fail(header.number, 'unbalanced double quotes in the header', 'close every quoted name with "');
  const findColumn = (wanted: string, fix: string): number => {
    const found = names.flatMap((n, k) => (sameColumn(n, wanted) ? [k] : []));
    if (found.length > 1) throw fail(header.number, `column ${wanted} appears ${found.length} times in the header`, 'keep one of them');
    if (found[0] === undefined) {
      throw fail(header.number, `no ${wanted} column (columns found: ${printable(names.join(', '))})`, fix);
    }
    return found[0];
  };
  const dateIndex = findColumn('Date', 'add a Date column with dates as YYYY-MM-DD');
  const indices = options.columns.map((c) => findColumn(c, 'add the column or use one of the columns found'));

  const dates: string[] = [];
  const values: number[][] = [];
  const numbers: number[] = [];
  const skipped: SkippedRow[] = [];
  const missingFix = `fill in the value or remove the row${options.skipHint ? `, or ${options.skipHint}` : ''}`;
  for (const { content, number } of lines.slice(1)) {
    const cells = splitCsvLine(content, delimiter);
    if (!cells) throw fail(number, 'unbalanced double quotes', 'close every quoted field with "');
    if (cells.length !== names.length) {
      const fix = cells.length < names.length ? 'add the missing values or remove the row' : 'remove the extra values';
      throw fail(number, `row has ${cells.length} cells but the header has ${names.length}`, fix);
    }
    const rawDate = cells[dateIndex] ?? '';
    const date = parseDateCell(rawDate);
    if (date === undefined) throw fail(number, `${quote(rawDate)} in column Date is not a date`, 'write dates as YYYY-MM-DD');
    // Yahoo writes a day without trading as a row of nulls: nothing to read, so it is left out and listed.
    if (names.length > 1 && cells.every((cell, k) => k === dateIndex || isMissing(cell))) {
      skipped.push({ date, line: number, reason: 'no trading' });
      continue;
    }
    const missing = options.columns.findIndex((_, j) => isMissing(cells[indices[j] ?? -1] ?? ''));
    if (missing >= 0) {
      if (options.missing === 'skip') {
        skipped.push({ date, line: number, reason: 'missing' });
        continue;
      }
      const cell = (cells[indices[missing] ?? -1] ?? '').trim();
      throw fail(number, `column ${options.columns[missing]} is ${cell === '' ? 'empty' : cell}`, missingFix);
    }
    dates.push(date);
    values.push(options.columns.map((name, j) => parseNumberCell(cells[indices[j] ?? -1] ?? '', name, number, fail)));
    numbers.push(number);
  }
  if (dates.length === 0) {
    const noTrading = skipped.filter((s) => s.reason === 'no trading').length;
    const why = noTrading === skipped.length ? 'every value null or empty' : `${noTrading} with every value null or empty, ${skipped.length - noTrading} with some missing`;
    throw fail(undefined, `all ${skipped.length} data rows were skipped (${why})`, noTrading === skipped.length ? 'export a date range with trading days' : 'fill in the missing values');
  }
  skipped.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
  const table = inAscendingOrder({ source, dates, columns: [...options.columns], values, lines: numbers }, fail);
  return { ...table, skipped };
}

/** An empty cell or `null`: how exports (Yahoo's among them) write a value that does not exist. */
function isMissing(cell: string): boolean {
  const text = cell.trim();
  return text === '' || text.toLowerCase() === 'null';
}

/** The YYYY-MM-DD part of a date cell, or undefined if it is not a real date. */
function parseDateCell(cell: string): string | undefined {
  const date = DATE_CELL.exec(cell.trim())?.[1];
  return date !== undefined && isIsoDate(date) ? date : undefined;
}

function parseNumberCell(
  cell: string,
  column: string,
  line: number,
  fail: (line: number, problem: string, fix: string) => DataError,
): number {
  const text = cell.trim();
  const value = NUMBER.test(text) ? Number(text) : NaN;
  if (Number.isFinite(value)) return value;
  const fix = text.includes(',')
    ? 'write plain numbers such as 1234.5 (dot for decimals, no thousands separators)'
    : 'fix the value or remove the row';
  throw fail(line, `${quote(cell)} in column ${column} is not a number`, fix);
}

/** Checks dates are unique and monotonic, and flips a descending table. */
function inAscendingOrder(
  table: PriceTable,
  fail: (line: number, problem: string, fix: string) => DataError,
): PriceTable {
  const { dates, lines } = table;
  const seen = new Map<string, number>();
  dates.forEach((date, i) => {
    const line = lines[i] ?? 0;
    const first = seen.get(date);
    if (first !== undefined) throw fail(line, `date ${date} repeats line ${first}`, 'keep one row per date');
    seen.set(date, line);
  });
  const ascending = dates.length < 2 || (dates[1] ?? '') > (dates[0] ?? '');
  for (let i = 2; i < dates.length; i++) {
    const date = dates[i] ?? '';
    const previous = dates[i - 1] ?? '';
    if (date > previous !== ascending) {
      const order = ascending ? 'ascending' : 'descending';
      throw fail(lines[i] ?? 0, `date ${date} after ${previous} (line ${lines[i - 1]}) breaks the ${order} date order of the rows above`, 'sort the rows by date');
    }
  }
  if (ascending) return table;
  return {
    ...table,
    dates: [...dates].reverse(),
    values: [...table.values].reverse(),
    lines: [...lines].reverse(),
  };
}

function quote(cell: string): string {
  return printable(JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell));
}

/**
 * Escapes characters that would break the one-line message or hide in it:
 * controls (VT, FF, NEL, …) and the Unicode line/paragraph separators, which
 * JSON.stringify leaves as they are.
 */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
