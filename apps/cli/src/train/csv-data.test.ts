import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';
import { priceCsv } from '../test-prices.js';

// Another stock's prices, 2019-01-02 onwards: none of the tutorial's Samsung dates (2020-06..2023-07) is needed.
const dir = tempDir();
const csv = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const prices = priceCsv({ days: 300, nullDays: ['2019-07-04', '2019-07-05'] });
const file = csv('aapl.csv', prices.text);

describe('rnnkit train --data: the split and the rows it reads', () => {
  it('tests on the last 20% of the file and prints both date ranges', async () => {
    const out = join(dir, 'run');
    const r = await rnnkit(['train', '--data', file, '--epochs', '2', '--out', out]);
    expect(r.code).toBe(0);
    const n = prices.closes.length; // 298 rows with values
    const test = Math.round(n * 0.2);
    const [d, train] = [prices.dates, n - test];
    expect(r.stdout).toContain(`data     ${file}: train ${d[0]}..${d[train - 1]} (${train} rows → ${train - 4} windows), test ${d[train]}..${d[n - 1]} (${test} rows → ${test - 4} windows)\n`);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.config).toMatchObject({ testRatio: 0.2, trainRange: null, testRange: null });
    expect(metrics.windows).toEqual({ train: train - 4, test: test - 4 });
  });

  it('skips and reports the days Yahoo wrote as rows of nulls', async () => {
    const out = join(dir, 'run-nulls');
    const r = await rnnkit(['train', '--data', file, '--epochs', '1', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^skipped 2 rows with no trading \(all null\): 2019-07-04, 2019-07-05$/m);
    const lineOf = (date: string) => prices.text.split('\n').findIndex((l) => l.startsWith(date)) + 1;
    expect(readJson(join(out, 'metrics.json')).skippedRows).toEqual([
      { date: '2019-07-04', line: lineOf('2019-07-04'), reason: 'no trading' },
      { date: '2019-07-05', line: lineOf('2019-07-05'), reason: 'no trading' },
    ]);
  });

  it('refuses a partly missing row with file and line, and skips it with --missing skip', async () => {
    const lines = prices.text.split('\n');
    lines[10] = lines[10]!.replace(/^([^,]+),[^,]+,/, '$1,null,');
    const partial = csv('partial.csv', lines.join('\n'));
    const out = join(dir, 'run-partial');
    const refused = await rnnkit(['train', '--data', partial, '--epochs', '1', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`rnnkit train: ${partial}:11: column Open is null; fill in the value or remove the row, or pass --missing skip to leave such rows out\n`);
    expect(existsSync(out)).toBe(false);
    const skipped = await rnnkit(['train', '--data', partial, '--missing', 'skip', '--epochs', '1', '--quiet', '--out', out]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain(`skipped 1 row with missing values (--missing skip): ${lines[10]!.slice(0, 10)}\n`);
  });

  it('takes dates for another file only as a pair', async () => {
    const r = await rnnkit(['train', '--data', file, '--test-range', '2019-10-01:2019-12-31', '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rnnkit train: with --data, give both --train-range and --test-range, or neither to test on the last 20% (--test-ratio 0.2); see rnnkit train --help\n');
    const both = await rnnkit(['train', '--data', file, '--train-range', '2019-01-01:2019-09-30', '--test-range', '2019-10-01:2019-12-31', '--epochs', '1', '--json', '--out', join(dir, 'ranges')]);
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).runDir).toBe(join(dir, 'ranges'));
  });

  it('compare prints the same split', async () => {
    const r = await rnnkit(['compare', '--data', file, '--cells', 'rnn', '--seeds', '1', '--epochs', '1']);
    expect(r.code).toBe(0);
    const n = prices.closes.length, train = n - Math.round(n * 0.2), d = prices.dates;
    expect(r.stdout).toContain(`\ntrain ${d[0]}..${d[train - 1]} (${train} rows → ${train - 4} windows), test ${d[train]}..${d[n - 1]} (${n - train} rows → ${n - train - 4} windows)\n`);
    expect(r.stdout).toContain('skipped 2 rows with no trading (all null): 2019-07-04, 2019-07-05\n');
  });
});
