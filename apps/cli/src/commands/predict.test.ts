import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CSV, rnnkit, tempDir } from '../test-utils.js';
import { priceCsv } from '../test-prices.js';

// A model trained on another stock than the bundled one: prices around 150, two days without trading.
const dir = tempDir();
const prices = priceCsv({ days: 300, nullDays: ['2019-07-04', '2019-07-05'] });

beforeAll(async () => {
  writeFileSync(join(dir, 'aapl.csv'), prices.text);
  const r = await rnnkit(['train', '--data', 'aapl.csv', '--epochs', '3', '--quiet', '--out', 'run'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 60_000);

describe('rnnkit predict with a model trained on a --data file', () => {
  it('records the file, its sha256 and the training range in the ONNX metadata', async () => {
    const info = JSON.parse((await rnnkit(['inspect', join(dir, 'run', 'model.onnx'), '--json'])).stdout);
    const record = JSON.parse(info.metadata['rnnkit.trainingData']);
    expect(record).toMatchObject({ file: 'aapl.csv', bundled: false, sha256: createHash('sha256').update(prices.text).digest('hex') });
    expect(record.range.columns).toEqual(['Open', 'High', 'Low', 'Close']);
    const trainCloses = prices.closes.slice(0, prices.closes.length - Math.round(prices.closes.length * 0.2));
    expect(record.range.min[3]).toBe(Math.min(...trainCloses));
    expect(record.range.max[3]).toBe(Math.max(...trainCloses));
  });

  it('without --data, predicts from that file and names it', async () => {
    const r = await rnnkit(['predict', '--model', join('run', 'model.onnx')], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const last = prices.closes.at(-1)!.toLocaleString('en-US', { maximumFractionDigits: 2 });
    expect(r.stdout).toMatch(new RegExp(`^Close on the trading day after ${prices.dates.at(-1)}: [\\d.]+ \\([+-][\\d.]+% vs the last Close ${last}, which`));
    expect(r.stdout).toContain(`from 4 days ${prices.dates.at(-4)}..${prices.dates.at(-1)} of aapl.csv, the model's training data\n`);
    expect(r.stdout).toContain('skipped 2 rows with no trading (all null): 2019-07-04, 2019-07-05\n');
    expect(r.stdout).not.toContain('note:');
  });

  it("says how the model's run did against naive on its test set, from the metrics.json beside it", async () => {
    const metrics = JSON.parse(readFileSync(join(dir, 'run', 'metrics.json'), 'utf8'));
    const ratio = metrics.test.rmse / metrics.baseline.rmse;
    const r = await rnnkit(['predict', '--model', join('run', 'model.onnx')], dir);
    expect(r.code).toBe(0);
    const how = ratio > 1 ? `${((ratio - 1) * 100).toFixed(0)}% above` : `${((1 - ratio) * 100).toFixed(1)}% below`;
    expect(r.stdout).toContain(`on its test set this model's RMSE was ${how} the naive forecast's (`);
    // The claim is the DM test's, as metrics.json records it: never "beat" on the lower RMSE alone.
    expect(metrics.horizons[0].verdict).toMatch(/^(no evidence that the model beats|the model beats|the naive forecast is better)/);
    expect(r.stdout).toContain(`: ${metrics.horizons[0].verdict}\n`);
    const json = JSON.parse((await rnnkit(['predict', '--model', join('run', 'model.onnx'), '--json'], dir)).stdout);
    expect(json.testVsNaive).toMatchObject({ modelRmse: metrics.test.rmse, naiveRmse: metrics.baseline.rmse });
    // A copy away from its run folder has no record: nothing is claimed.
    writeFileSync(join(dir, 'alone.onnx'), readFileSync(join(dir, 'run', 'model.onnx')));
    const alone = await rnnkit(['predict', '--model', 'alone.onnx', '--data', 'aapl.csv'], dir);
    expect(alone.code).toBe(0);
    expect(alone.stdout).not.toContain('this model');
  });

  it('refuses the bundled Samsung prices, far outside the training range, unless told to ignore it', async () => {
    const r = await rnnkit(['predict', '--model', join(dir, 'run', 'model.onnx'), '--data', BUNDLED_CSV]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/samsung_005930\.csv: Close 57,000 on 2024-11-08 is \d+× the largest Close the model was trained on \([\d.,]+\.\.[\d.,]+ in aapl\.csv\); pass --data with the series the model was trained on, or --ignore-range to predict anyway\n$/);
    const forced = await rnnkit(['predict', '--model', join(dir, 'run', 'model.onnx'), '--data', BUNDLED_CSV, '--ignore-range', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ lastValue: 57000, trainedOn: 'aapl.csv', notes: ['the model was trained on aapl.csv, not on this file'] });
  });

  it('says when the file has changed since training, and predicts from its new rows', async () => {
    const changed = tempDir();
    writeFileSync(join(changed, 'aapl.csv'), prices.text);
    appendFileSync(join(changed, 'aapl.csv'), '2030-01-02,150,152,149,151.5,151.5,1000\n');
    const r = await rnnkit(['predict', '--model', join(dir, 'run', 'model.onnx'), '--json'], changed);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      data: 'aapl.csv', lastValue: 151.5, window: { to: '2030-01-02' },
      notes: ['aapl.csv has changed since the model was trained on it (another sha256); predicting from its rows as they are now'],
    });
  });

  it('without --data and without the file, asks for --data in one line, exit 2', async () => {
    renameSync(join(dir, 'aapl.csv'), join(dir, 'moved.csv'));
    const r = await rnnkit(['predict', '--model', join('run', 'model.onnx')], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`rnnkit predict: aapl.csv: the model was trained on this file and it is not there (looked from ${realpathSync(dir)}); pass --data <csv> with the prices to predict from\n`);
    const moved = await rnnkit(['predict', '--model', join('run', 'model.onnx'), '--data', 'moved.csv', '--json'], dir);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout).notes).toEqual([]); // the same bytes under another name: the same data
  });
});
