import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from './test-utils.js';
import { walkCsv } from './test-utils/walk-csv.js';

// A sub-dollar stock: the walk's prices / 2000 (about 0.09), each cell with 8 decimals.
const dir = tempDir();
const csv = join(dir, 'penny.csv');
writeFileSync(csv, walkCsv(300, 5).replace(/^(\d{4}-\d\d-\d\d),([\d.]+),([\d.]+),([\d.]+),([\d.]+),([\d.]+)/gm, (_, d, ...p: string[]) => [d, ...p.slice(0, 5).map((v) => (Number(v) / 2000).toFixed(8))].join(',')));

/** The figure as printed, read back: it must name the value to three significant digits. */
const closeTo3 = (printed: string, value: number) => expect(Math.abs(Number(printed) - value)).toBeLessThanOrEqual(0.005 * Math.abs(value));

describe('a penny stock prints its errors with the digits they need', () => {
  it('train: the result table and the chart axis read real values, not 0.00 and 0 / 0 / 0', async () => {
    const out = join(dir, 'train');
    const r = await rnnkit(['train', '--data', csv, '--epochs', '3', '--out', out]);
    expect(r.code).toBe(0);
    const m = readJson(join(out, 'metrics.json'));
    expect(m.baseline.rmse).toBeLessThan(0.01);
    const naive = r.stdout.split('\n').find((l) => l.startsWith('naive (last Close)'))!.trim().split(/ +/);
    closeTo3(naive[3]!, m.baseline.rmse);
    closeTo3(naive[4]!, m.baseline.mae);
    const model = r.stdout.split('\n').find((l) => /^model +\d/.test(l))!.trim().split(/ +/);
    closeTo3(model[1]!, m.test.rmse);
    // The test-set chart's y labels: distinct numbers in the prices' range.
    const chart = r.stdout.slice(r.stdout.indexOf('Test set:'));
    const labels = [...chart.matchAll(/^ *([\d.,]+) [┤│┼]/gm)].map((x) => x[1]!);
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) expect(Number(l)).toBeGreaterThan(0);
  });

  it('compare and backtest: the naive RMSE to three significant digits', async () => {
    const c = await rnnkit(['compare', '--data', csv, '--cells', 'rnn', '--seeds', '1', '--epochs', '2']);
    expect(c.code).toBe(0);
    const cj = JSON.parse((await rnnkit(['compare', '--data', csv, '--cells', 'rnn', '--seeds', '1', '--epochs', '2', '--json'])).stdout);
    const row = c.stdout.split('\n').find((l) => l.startsWith('rnn '))!.trim().split(/ {2,}/);
    closeTo3(row[6]!, cj.naive.rmse);
    const out = join(dir, 'bt');
    const b = await rnnkit(['backtest', '--data', csv, '--epochs', '2', '--folds', '2', '--test-size', '30', '--out', out, '--quiet']);
    expect(b.code).toBe(0);
    const bj = readJson(join(out, 'backtest.json'));
    const pooled = b.stdout.split('\n').find((l) => /^1 +60 /.test(l))!.trim().split(/ +/);
    closeTo3(pooled[6]!, bj.horizons[0].naive.rmse);
  });
});
