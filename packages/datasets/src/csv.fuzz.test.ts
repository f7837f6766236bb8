/**
 * Property-based tests of parseCsv. Every property runs with a fixed seed so
 * CI is reproducible, and logs how many cases it ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, type PriceTable } from './csv.js';
import { DataError } from './data-error.js';
import { isIsoDate } from './iso-date.js';

const SEED = 20261128;
const SOURCE = 'fuzz.csv';
/** Everything Unicode counts as a line break (CR, LF, VT, FF, NEL, LS, PS). */
const ONE_LINE_BREAKS = /[\n\v\f\r\u0085\u2028\u2029]/;
const THOUSANDS_FIX = 'write plain numbers such as 1234.5 (dot for decimals, no thousands separators)';

/** Outcomes of expectTableOrDataError during the current property (shrinking included). */
const outcomes = { tables: 0, errors: 0 };

/** Runs one property with the fixed seed and prints its case count. */
function check(label: string, numRuns: number, property: fc.IRawProperty<any>): void {
  outcomes.tables = 0;
  outcomes.errors = 0;
  fc.assert(property, { seed: SEED, numRuns });
  const split = outcomes.tables + outcomes.errors > 0 ? ` (${outcomes.tables} tables, ${outcomes.errors} DataErrors)` : '';
  console.log(`csv fuzz: ${label}, ${numRuns} cases${split}`);
}

/** Number of lines parseCsv sees in `text` (same line breaks as the reader). */
function lineCount(text: string): number {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).length;
}

/** The DataError parseCsv throws; fails on a return or on any other exception. */
function dataErrorOf(text: string, columns: string[], missing?: 'skip'): DataError {
  let table: PriceTable | undefined;
  try {
    table = parseCsv(text, { source: SOURCE, columns, ...(missing ? { missing } : {}) });
  } catch (error) {
    if (error instanceof DataError) return error;
    throw new Error(`parseCsv threw a non-DataError for ${JSON.stringify(text)}: ${String(error)}`);
  }
  throw new Error(`parseCsv accepted ${JSON.stringify(text)} as ${JSON.stringify(table)}`);
}

/**
 * The robustness contract: a well-formed table or a one-line DataError naming
 * the source (and a line that exists); never another exception.
 */
function expectTableOrDataError(text: string, columns: string[]): void {
  let table: PriceTable;
  try {
    table = parseCsv(text, { source: SOURCE, columns });
  } catch (error) {
    if (!(error instanceof DataError)) {
      throw new Error(`parseCsv threw a non-DataError for ${JSON.stringify(text)}: ${String(error)}`);
    }
    expect(error.message.startsWith(`${SOURCE}:`)).toBe(true);
    expect(error.message).not.toMatch(ONE_LINE_BREAKS);
    expect(error.file).toBe(SOURCE);
    if (error.line !== undefined) {
      expect(Number.isInteger(error.line)).toBe(true);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lineCount(text));
      expect(error.message.startsWith(`${SOURCE}:${error.line}: `)).toBe(true);
    }
    outcomes.errors++;
    return;
  }
  outcomes.tables++;
  const n = lineCount(text);
  expect(table.source).toBe(SOURCE);
  expect(table.columns).toEqual(columns);
  expect(table.values.length).toBe(table.dates.length);
  expect(table.lines.length).toBe(table.dates.length);
  expect(table.dates.length).toBeGreaterThan(0);
  table.dates.forEach((date, i) => {
    expect(isIsoDate(date)).toBe(true);
    if (i > 0) expect(date > (table.dates[i - 1] ?? '')).toBe(true);
  });
  for (const row of table.values) {
    expect(row.length).toBe(columns.length);
    for (const v of row) expect(Number.isFinite(v)).toBe(true);
  }
  for (const line of table.lines) {
    expect(Number.isInteger(line)).toBe(true);
    expect(line).toBeGreaterThanOrEqual(2);
    expect(line).toBeLessThanOrEqual(n);
  }
  expect(new Set(table.lines).size).toBe(table.lines.length);
  // Skipped rows: real dates in ascending order, on lines of the file that no kept row came from.
  const kept = new Set(table.lines);
  (table.skipped ?? []).forEach((row, i, all) => {
    expect(isIsoDate(row.date)).toBe(true);
    if (i > 0) expect(row.date >= (all[i - 1]?.date ?? '')).toBe(true);
    expect(row.line).toBeGreaterThanOrEqual(2);
    expect(row.line).toBeLessThanOrEqual(n);
    expect(kept.has(row.line)).toBe(false);
    expect(row.reason).toBe('no trading');
  });
}

const columnSets = fc.constantFrom<string[]>(['Close'], ['Open', 'Close'], ['close'], [], ['Adj Close', 'Volume']);

// ---------------------------------------------------------------------------
// Generated valid CSVs, shared by properties 2-4.
// ---------------------------------------------------------------------------

const KNOWN = ['Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'];

const isoDate = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const price = fc.oneof(
  { weight: 10, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-6, max: 1e9 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2_000_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e-300, 1e300, 5e-324, Number.MAX_VALUE, 1.7976931348623157e308, 2.5e-308, 0.1 + 0.2) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-300, max: 1e300 }) },
);

/** Header names that cannot be confused with Date or a known price column. */
const extraName = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9 _]{0,8}[A-Za-z0-9]$/)
  .filter((s) => !['date', ...KNOWN.map((k) => k.toLowerCase())].includes(s.trim().toLowerCase()));

/** Cells of non-requested columns: anything but quotes, line breaks or the delimiter. */
const extraCell = (delimiter: string): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'abcXYZ 0123456789./-_n', delimiter === ',' ? ';' : ','), maxLength: 8 });

interface CsvModel {
  delimiter: ',' | ';';
  eol: '\n' | '\r\n';
  bom: boolean;
  trailingNewline: boolean;
  /** Header cells in file order (already case-mixed, maybe quoted/padded). */
  header: string[];
  /** For each header position: 'date', a requested column index, or 'extra'. */
  roles: Array<'date' | number | 'extra'>;
  /** Requested columns in the caller's spelling. */
  columns: string[];
  /** Data rows in file order. */
  rows: Array<{ date: string; values: number[]; cells: string[] }>;
  /** Blank lines inserted before data row i (index rows.length = at the end). */
  blanksBefore: string[][];
}

const csvModel: fc.Arbitrary<CsvModel> = fc
  .record({
    delimiter: fc.constantFrom<',' | ';'>(',', ';'),
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    bom: fc.boolean(),
    trailingNewline: fc.boolean(),
    requested: fc.shuffledSubarray(KNOWN, { minLength: 1 }),
    extraKnown: fc.subarray(KNOWN),
    extras: fc.uniqueArray(extraName, { maxLength: 3, selector: (s) => s.trim().toLowerCase() }),
    dates: fc.uniqueArray(isoDate, { minLength: 1, maxLength: 40 }),
    descending: fc.boolean(),
  })
  .chain((base) => {
    const extraKnown = base.extraKnown.filter((k) => !base.requested.includes(k));
    const headerRoles: Array<{ name: string; role: 'date' | number | 'extra' }> = [
      { name: 'Date', role: 'date' },
      ...base.requested.map((name, j) => ({ name, role: j })),
      ...[...extraKnown, ...base.extras].map((name) => ({ name, role: 'extra' as const })),
    ];
    const dates = [...base.dates].sort();
    if (base.descending) dates.reverse();
    const n = dates.length;
    const width = headerRoles.length;
    return fc.record({
      order: fc.shuffledSubarray(headerRoles, { minLength: width, maxLength: width }),
      padHeader: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
      callerSpelling: fc.tuple(...base.requested.map((c) => fc.mixedCase(fc.constant(c)))),
      quoteHeader: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
      values: fc.array(fc.array(price, { minLength: base.requested.length, maxLength: base.requested.length }), {
        minLength: n,
        maxLength: n,
      }),
      cellStyle: fc.array(fc.array(fc.nat(7), { minLength: width, maxLength: width }), { minLength: n, maxLength: n }),
      extraCells: fc.array(fc.array(extraCell(base.delimiter), { minLength: width, maxLength: width }), {
        minLength: n,
        maxLength: n,
      }),
      timeSuffix: fc.array(fc.constantFrom('', '', '', ' 00:00:00', 'T09:30:00Z', 'T00:00:00+09:00'), {
        minLength: n,
        maxLength: n,
      }),
      blanksBefore: fc.array(fc.array(fc.constantFrom('', ' ', '\t', '  '), { maxLength: 2 }), {
        minLength: n + 1,
        maxLength: n + 1,
      }),
      withBlanks: fc.nat(3),
      headerCaseStrings: fc.tuple(...headerRoles.map((h) => fc.mixedCase(fc.constant(h.name)))),
    }).map((r): CsvModel => {
      const caseOf = new Map(headerRoles.map((h, k) => [h, r.headerCaseStrings[k] ?? h.name]));
      const header = r.order.map((h, k) => {
        const name = caseOf.get(h) ?? h.name;
        const padded = r.padHeader[k] ? ` ${name} ` : name;
        return r.quoteHeader[k] ? `"${padded}"` : padded;
      });
      const rows = dates.map((date, i) => {
        const values = r.values[i] ?? [];
        const cells = r.order.map((h, k) => {
          const style = r.cellStyle[i]?.[k] ?? 0;
          let cell: string;
          if (h.role === 'date') cell = date + (r.timeSuffix[i] ?? '');
          else if (h.role === 'extra') cell = r.extraCells[i]?.[k] ?? '';
          else cell = String(values[h.role]);
          if (h.role !== 'extra' && style === 1) cell = `"${cell}"`;
          if (h.role !== 'extra' && style === 2) cell = ` ${cell}\t`;
          return cell;
        });
        return { date, values, cells };
      });
      return {
        delimiter: base.delimiter,
        eol: base.eol,
        bom: base.bom,
        trailingNewline: base.trailingNewline,
        header,
        roles: r.order.map((h) => h.role),
        columns: r.callerSpelling,
        rows,
        blanksBefore: r.withBlanks === 0 ? r.blanksBefore : r.blanksBefore.map(() => []),
      };
    });
  });

/** Renders a model; `lines[i]` is the 1-based line of data row i. */
function render(model: CsvModel): { text: string; lines: number[] } {
  const out: string[] = [model.header.join(model.delimiter)];
  const lines: number[] = [];
  model.rows.forEach((row, i) => {
    out.push(...(model.blanksBefore[i] ?? []));
    lines.push(out.length + 1);
    out.push(row.cells.join(model.delimiter));
  });
  out.push(...(model.blanksBefore[model.rows.length] ?? []));
  const text = (model.bom ? '\uFEFF' : '') + out.join(model.eol) + (model.trailingNewline ? model.eol : '');
  return { text, lines };
}

/**
 * Independent, deliberately naive reader for the generated files: split lines,
 * split by the delimiter, strip one pair of quotes, match names ignoring case,
 * Number() the cells, sort by date.
 */
function referenceParse(text: string, columns: string[]): { dates: string[]; values: number[][]; lines: number[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const numbered = body
    .split(/\r?\n/)
    .map((content, i) => ({ content, line: i + 1 }))
    .filter((l) => l.content.trim() !== '');
  const [head, ...data] = numbered;
  if (!head) throw new Error('reference: no header');
  const delimiter = head.content.includes(';') ? ';' : ',';
  const unquote = (cell: string): string => {
    const t = cell.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  };
  const names = head.content.split(delimiter).map((c) => unquote(c).toLowerCase());
  const dateAt = names.indexOf('date');
  const at = columns.map((c) => names.indexOf(c.toLowerCase()));
  const rows = data.map(({ content, line }) => {
    const cells = content.split(delimiter).map(unquote);
    return {
      date: (cells[dateAt] ?? '').slice(0, 10),
      values: at.map((k) => Number(cells[k])),
      line,
    };
  });
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { dates: rows.map((r) => r.date), values: rows.map((r) => r.values), lines: rows.map((r) => r.line) };
}

// ---------------------------------------------------------------------------
// 1. Robustness on arbitrary input.
// ---------------------------------------------------------------------------

/** Pieces that make random text look like a price file, to get past the header. */
const csvToken = fc.constantFrom(
  'Date', 'date', 'Close', 'Open', 'Adj Close', 'Volume', ',', ',', ';', '"', '""', '\n', '\n', '\r\n', '\r', ' ', '\t',
  '2020-01-0', '2020-02-29', '2021-02-29', '1999-12-31', '0000-01-01', '9999-12-31', 'T09:30:00Z', ' 00:00',
  '0', '1', '7', '.', '-', '+', 'e', 'E', '1e308', '1e309', '5e-324', 'NaN', 'Infinity', 'null', '\uFEFF', '\u00a0',
  '\u2028', '\u0085', '\ufffd', 'é', '\ud83d\ude00', '\ud800',
);
const csvLike = fc.oneof(
  fc.array(csvToken, { maxLength: 120 }).map((t) => t.join('')),
  fc.array(csvToken, { maxLength: 80 }).map((t) => `Date,Close\n${t.join('')}`),
  fc.array(csvToken, { maxLength: 80 }).map((t) => `Date;Open;Close\r\n2020-01-02;1;2\r\n${t.join('')}`),
);

/** A valid file with a few random characters inserted, deleted or replaced. */
const mutatedCsv = csvModel.chain((model) => {
  const { text } = render(model);
  const edit = fc.record({
    at: fc.nat(text.length),
    remove: fc.nat(3),
    insert: fc.string({ unit: fc.constantFrom(',', ';', '"', '\n', '\r', ' ', '-', '.', 'e', '0', '9', 'x', '\ufffd'), maxLength: 3 }),
  });
  return fc.record({
    columns: fc.constant(model.columns),
    text: fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
      edits.reduce((t, e) => t.slice(0, Math.min(e.at, t.length)) + e.insert + t.slice(Math.min(e.at, t.length) + e.remove), text),
    ),
  });
});

describe('parseCsv fuzz: arbitrary input gives a table or a one-line DataError', () => {
  it('escapes Unicode line breaks in messages (found by the token soup: "Date,Close\\n\\u2028,")', () => {
    const error = dataErrorOf('Date,Close\n\u2028,1\n', ['Close']);
    expect(error.message).toBe(`${SOURCE}:2: "\\u2028" in column Date is not a date; write dates as YYYY-MM-DD`);
    const header = dataErrorOf('Date,Op\u2029e\u000bn\n2020-01-02,1\n', ['Close']);
    expect(header.message).toBe(
      `${SOURCE}:1: no Close column (columns found: Date, Op\\u2029e\\u000bn); add the column or use one of the columns found`,
    );
  });

  it('random bytes decoded as UTF-8', () => {
    check(
      'random bytes',
      2000,
      fc.property(fc.uint8Array({ maxLength: 400 }), columnSets, (bytes, columns) => {
        expectTableOrDataError(new TextDecoder().decode(bytes), columns);
      }),
    );
  });

  it('random bytes after a valid header', () => {
    check(
      'random bytes after a header',
      1000,
      fc.property(fc.uint8Array({ maxLength: 400 }), columnSets, (bytes, columns) => {
        expectTableOrDataError(`Date,Open,Close,Adj Close,Volume\n${new TextDecoder().decode(bytes)}`, columns);
      }),
    );
  });

  it('random strings (grapheme, binary code points, UTF-16 units)', () => {
    const anyString = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'binary-ascii', maxLength: 300 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
    );
    check(
      'random strings',
      2000,
      fc.property(anyString, columnSets, (text, columns) => {
        expectTableOrDataError(text, columns);
      }),
    );
  });

  it('csv-like token soup', () => {
    check(
      'csv-like token soup',
      2000,
      fc.property(csvLike, columnSets, (text, columns) => {
        expectTableOrDataError(text, columns);
      }),
    );
  });

  it('valid files with random edits', () => {
    check(
      'mutated valid files',
      1000,
      fc.property(mutatedCsv, ({ text, columns }) => {
        expectTableOrDataError(text, columns);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// 2. Valid files agree with the reference reader.
// ---------------------------------------------------------------------------

describe('parseCsv fuzz: valid generated files', () => {
  it('match an independent reference parse', () => {
    check(
      'valid generated files',
      1000,
      fc.property(csvModel, (model) => {
        const { text, lines } = render(model);
        const table = parseCsv(text, { source: SOURCE, columns: model.columns });
        const expected = referenceParse(text, model.columns);
        expect(table.source).toBe(SOURCE);
        expect(table.columns).toEqual(model.columns);
        expect(table.dates).toEqual(expected.dates);
        expect(table.values).toEqual(expected.values);
        expect(table.lines).toEqual(expected.lines);
        // And against the model itself: String(n) round-trips exactly.
        const byDate = new Map(model.rows.map((r, i) => [r.date, { values: r.values, line: lines[i] }]));
        table.dates.forEach((date, i) => {
          const row = byDate.get(date);
          expect(row).toBeDefined();
          expect(table.lines[i]).toBe(row?.line);
          (table.values[i] ?? []).forEach((v, j) => expect(Object.is(v, row?.values[j])).toBe(true));
        });
        expect([...table.dates].sort()).toEqual(table.dates);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// 3. A single bad numeric cell is reported on its own line.
// ---------------------------------------------------------------------------

/** A valid model plus the (row, requested column) of one cell to spoil. */
const spoiled = <T>(bad: fc.Arbitrary<T>) =>
  csvModel.chain((model) =>
    fc.record({
      model: fc.constant(model),
      row: fc.nat(model.rows.length - 1),
      column: fc.nat(model.columns.length - 1),
      bad,
    }),
  );

/** Renders `model` with the cell of requested column `column` in row `row` replaced by `cell`. */
function renderWith(model: CsvModel, row: number, column: number, cell: string): { text: string; line: number } {
  const position = model.roles.indexOf(column);
  const rows = model.rows.map((r, i) =>
    i === row ? { ...r, cells: r.cells.map((c, k) => (k === position ? cell : c)) } : r,
  );
  const { text, lines } = render({ ...model, rows });
  return { text, line: lines[row] ?? -1 };
}

/** What parseCsv counts as a missing value: empty or `null` once trimmed and unquoted. */
const isMissingCell = (cell: string): boolean => ['', 'null'].includes(cell.replace(/^\s*"(.*)"\s*$/, '$1').trim().toLowerCase());

/** True when every cell of data row `row` but its date and the one at requested column `column` is missing. */
function othersMissing(model: CsvModel, row: number, column: number): boolean {
  const cells = model.rows[row]?.cells ?? [];
  return model.roles.every((role, k) => role === 'date' || role === column || isMissingCell(cells[k] ?? ''));
}

/** Expects `text` to read as the reference parse without the rows on `lines`, those listed as skipped for `reason`. */
function expectSkipped(text: string, model: CsvModel, lines: number[], reason: 'no trading' | 'missing', missing?: 'skip'): void {
  const expected = referenceParse(text, model.columns);
  const keep = expected.lines.map((line) => !lines.includes(line));
  if (!keep.includes(true)) {
    expect(dataErrorOf(text, model.columns, missing).message).toMatch(new RegExp(`^${SOURCE}: all ${lines.length} data rows were skipped`));
    return;
  }
  const table = parseCsv(text, { source: SOURCE, columns: model.columns, ...(missing ? { missing } : {}) });
  expect(table.dates).toEqual(expected.dates.filter((_, i) => keep[i]));
  expect(table.values).toEqual(expected.values.filter((_, i) => keep[i]));
  expect(table.lines).toEqual(expected.lines.filter((_, i) => keep[i]));
  const skipped = expected.lines.flatMap((line, i) => (keep[i] ? [] : [{ date: expected.dates[i], line, reason }]));
  expect(table.skipped).toEqual(skipped);
}

describe('parseCsv fuzz: missing or malformed values', () => {
  const bad = fc.constantFrom('', ' ', 'NaN', 'nan', 'null', 'NULL', 'abc', '1,234', '"1,234"', '""', '"null"', 'Infinity', '1e999', '-');

  it('name the right line, unless the row is left with no value at all (a day without trading)', () => {
    check(
      'missing values',
      1000,
      fc.property(spoiled(bad), ({ model, row, column, bad: cell }) => {
        const { text, line } = renderWith(model, row, column, cell);
        if (isMissingCell(cell) && othersMissing(model, row, column)) {
          expectSkipped(text, model, [line], 'no trading');
          return;
        }
        const error = dataErrorOf(text, model.columns);
        expect(error.message.startsWith(`${SOURCE}:${line}: `)).toBe(true);
        expect(error.line).toBe(line);
        expect(error.message).not.toMatch(ONE_LINE_BREAKS);
        const splitsCell = cell === '1,234' && model.delimiter === ',';
        if (splitsCell) expect(error.problem).toMatch(/^row has \d+ cells but the header has \d+$/);
        else expect(error.problem).toContain(`column ${model.columns[column]}`);
      }),
    );
  });

  it('with missing: skip, leave the row out and list it; other bad values still name the line', () => {
    check(
      'missing values, skipped',
      1000,
      fc.property(spoiled(bad), ({ model, row, column, bad: cell }) => {
        const { text, line } = renderWith(model, row, column, cell);
        if (isMissingCell(cell)) {
          expectSkipped(text, model, [line], othersMissing(model, row, column) ? 'no trading' : 'missing', 'skip');
          return;
        }
        expect(dataErrorOf(text, model.columns, 'skip').line).toBe(line);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// 3b. Days without trading (rows of nulls, as Yahoo writes them) are left out and listed.
// ---------------------------------------------------------------------------

describe('parseCsv fuzz: days without trading', () => {
  it('are left out, listed by date and line, and the other rows read as before', () => {
    const withNullDays = csvModel.chain((model) =>
      fc.record({
        model: fc.constant(model),
        days: fc.uniqueArray(
          fc.record({
            at: fc.nat(model.rows.length),
            date: isoDate.filter((d) => !model.rows.some((r) => r.date === d)),
            cells: fc.array(fc.constantFrom('null', 'null', 'NULL', '', ' ', '"null"', '""'), { minLength: model.roles.length, maxLength: model.roles.length }),
          }),
          { minLength: 1, maxLength: 5, selector: (d) => d.date },
        ),
      }),
    );
    check(
      'days without trading',
      500,
      fc.property(withNullDays, ({ model, days }) => {
        const rows = [...model.rows];
        // Insert from the back so each `at` refers to the original rows.
        for (const day of [...days].sort((a, b) => b.at - a.at)) {
          rows.splice(day.at, 0, { date: day.date, values: [], cells: model.roles.map((role, k) => (role === 'date' ? day.date : (day.cells[k] ?? 'null'))) });
        }
        const { text, lines } = render({ ...model, rows, blanksBefore: rows.map(() => []).concat([[]]) });
        const nullLines = rows.flatMap((r, i) => (r.values.length === 0 ? [lines[i]!] : []));
        expectSkipped(text, model, nullLines, 'no trading');
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// 4. Thousands separators (and decimal commas) are rejected, never misread.
// ---------------------------------------------------------------------------

/** 1234567.5 -> "1,234,567.5" (or "1.234.567,5" in European style). */
function groupThousands(int: number, decimals: string, european: boolean): string {
  const grouped = String(int).replace(/\B(?=(\d{3})+$)/g, european ? '.' : ',');
  if (decimals === '') return grouped;
  return `${grouped}${european ? ',' : '.'}${decimals}`;
}

describe('parseCsv fuzz: thousands separators', () => {
  it('are rejected with a DataError naming the line and the fix', () => {
    const grouped = fc
      .record({
        int: fc.integer({ min: 1000, max: 999_999_999_999 }),
        decimals: fc.constantFrom('', '5', '25', '125', '0'),
        european: fc.boolean(),
        sign: fc.constantFrom('', '', '-'),
      })
      // "1.000" alone is a plain decimal number, so European grouping always carries a decimal comma.
      .map(({ int, decimals, european, sign }) => sign + groupThousands(int, european && decimals === '' ? '5' : decimals, european));
    check(
      'thousands separators',
      1000,
      fc.property(spoiled(fc.tuple(grouped, fc.boolean())), ({ model, row, column, bad: [number, quoted] }) => {
        // Unquoted "1,234" in a comma file is a cell-count error (property 3); quote there.
        const cell = quoted || model.delimiter === ',' ? `"${number}"` : number;
        const { text, line } = renderWith(model, row, column, cell);
        const error = dataErrorOf(text, model.columns);
        expect(error.message).toBe(
          `${SOURCE}:${line}: ${JSON.stringify(number)} in column ${model.columns[column]} is not a number; ${THOUSANDS_FIX}`,
        );
      }),
    );
  });
});
