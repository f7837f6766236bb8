// The page's downloads against rnnkit's files for the same CSV, settings and seed: a CSV no other
// test uses (a seeded random walk with an Adj Close column), the target Adj Close, target transform
// logret, a 2-fold backtest with a 90% interval. forecasts.csv, backtest.json, predictions.csv and
// weights.json must be byte-identical; metrics.json and model.onnx differ only where they must.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, TRAIN_TIMEOUT_MS, dateControls, downloadFrom, expect, setControl, test, trainNow, waitForBackend, equalisedMetrics } from './fixtures.js';

const run = promisify(execFile);

/** 400 weekdays of a seeded random walk from 2019-01-01, with an Adj Close column and a Volume. */
function randomWalkCsv(): string {
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  let close = 50;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let t = Date.UTC(2019, 0, 1), n = 0; n < 400; t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() % 6 === 0) continue;
    const open = close;
    close = +(close * (1 + (random() - 0.5) * 0.04)).toFixed(2);
    lines.push(`${day.toISOString().slice(0, 10)},${open},${(Math.max(open, close) + 0.5).toFixed(2)},${(Math.min(open, close) - 0.5).toFixed(2)},${close},${(close * 0.98).toFixed(4)},${1000 + n}`);
    n++;
  }
  return `${lines.join('\n')}\n`;
}


// The training form's settings, and the backtest's: its tutorial recipe with the same changes (rnnkit backtest --recipe tutorial).
const SETTINGS = { targetTransform: 'logret', epochs: '15', optimizer: 'adam', lr: '0.01', btRecipe: 'tutorial', btTargetTransform: 'logret', btEpochs: '15', btOptimizer: 'adam', btLr: '0.01', folds: '2', testSize: '30', interval: '0.9' };
const CLI_FLAGS = ['--target', 'Adj Close', '--target-transform', 'logret', '--epochs', '15', '--optimizer', 'adam', '--lr', '0.01', '--quiet'];

test('downloads from the page are the bytes rnnkit writes for the same CSV and settings (Adj Close, logret, a 2-fold backtest with a 90% interval)', async ({ page, site, guarded: _ }) => {
  test.setTimeout(5 * 60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnkit-e2e-bytes-'));
  try {
    fs.writeFileSync(path.join(dir, 'walk.csv'), randomWalkCsv());
    // The settings come in through the URL, as a shared link would bring them.
    await page.goto(`${site.url}?${new URLSearchParams(SETTINGS)}`);
    await waitForBackend(page);
    await page.getByTestId('csv-input').setInputFiles(path.join(dir, 'walk.csv'));
    await expect(page.getByTestId('data-source')).toContainText('walk.csv');
    await setControl(page, 'target', 'Adj Close');
    const dates = await dateControls(page);
    await trainNow(page, 15);
    await page.getByTestId('backtest-button').click();
    await expect(page.getByTestId('backtest-verdict')).not.toBeEmpty({ timeout: TRAIN_TIMEOUT_MS });
    const downloaded: Record<string, Buffer> = {};
    for (const id of ['download-predictions', 'download-metrics', 'export-weights', 'export-onnx', 'download-forecasts', 'download-backtest']) {
      const { name, bytes } = await downloadFrom(page, id, `bytes-${id}`);
      downloaded[name] = bytes;
    }

    // The CLI in a folder holding the same file, so --data (recorded in the files) is the same name.
    const bin = path.join(REPO_ROOT, 'apps/cli/dist/bin.js');
    await run(process.execPath, [bin, 'backtest', '--recipe', 'tutorial', '--data', 'walk.csv', ...CLI_FLAGS, '--folds', '2', '--test-size', '30', '--interval', '0.9', '--range', `${dates['train-from']}:${dates['test-to']}`, '--out', 'bt'], { cwd: dir, timeout: 180_000 });
    await run(process.execPath, [bin, 'train', '--data', 'walk.csv', ...CLI_FLAGS, '--train-range', `${dates['train-from']}:${dates['train-to']}`, '--test-range', `${dates['test-from']}:${dates['test-to']}`, '--out', 'tr'], { cwd: dir, timeout: 180_000 });
    const cli = (file: string) => fs.readFileSync(path.join(dir, file));

    expect(downloaded['forecasts.csv']!.toString()).toBe(cli('bt/forecasts.csv').toString());
    expect(downloaded['backtest.json']!.toString()).toBe(cli('bt/backtest.json').toString());
    expect(downloaded['predictions.csv']!.toString()).toBe(cli('tr/predictions.csv').toString());
    expect(downloaded['weights.json']!.toString()).toBe(cli('tr/weights.json').toString());
    // metrics.json: msPerEpoch is each side's own speed, config.out the CLI's folder (the page writes none, null).
    // The AR(4) log-returns baseline and the DM p-values go through Math.log, Math.exp and Math.pow, whose
    // last bits differ between Node 20's V8 and Chromium's (e2e/README.md): they are compared within 1e-12
    // relative. With those set equal the bytes must match.
    const cliMetrics = JSON.parse(cli('tr/metrics.json').toString());
    const pageMetrics = JSON.parse(downloaded['metrics.json']!.toString());
    expect(JSON.stringify(pageMetrics, null, 2) + '\n').toBe(downloaded['metrics.json']!.toString()); // the page's bytes are that JSON
    expect(pageMetrics.config.out).toBeNull();
    expect(cliMetrics.config.out).toBe('tr');
    const eq = equalisedMetrics(pageMetrics, cliMetrics);
    expect(eq.problems, 'the AR baseline and the DM p-values within 1e-12 relative').toEqual([]);
    expect(eq.page).toBe(eq.cli);
    // model.onnx: its metadata holds the same config, so config.out differs ("tr" vs null, the same length).
    const cliOnnx = cli('tr/model.onnx');
    expect(cliOnnx.includes(Buffer.from('"out":"tr"'))).toBe(true);
    const onnxOutNull = Buffer.from(cliOnnx.toString('latin1').replace('"out":"tr"', '"out":null'), 'latin1');
    expect(downloaded['model.onnx']!.equals(onnxOutNull), 'model.onnx equal to the CLI\'s with config.out set equal').toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Issue 27: the page's backtest with only the target transform logret chosen (its recipe the default,
// forecast: standard scaler, logret+ma200 inputs, adam, early stopping) is `rnnkit backtest --target-transform logret`.
// Only the folds (2 × 30 days, for a short run) and the range the page always uses are set on both sides.
for (const calendar of ['none', 'dayofweek']) {
  test(`the page's default backtest (forecast recipe, target logret${calendar === 'none' ? '' : `, calendar ${calendar}`}) is rnnkit backtest --target-transform logret${calendar === 'none' ? '' : ` --calendar ${calendar}`}, byte for byte`, async ({ page, site, guarded: _ }) => {
    test.setTimeout(6 * 60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnkit-e2e-recipe-'));
    try {
      fs.writeFileSync(path.join(dir, 'walk.csv'), randomWalkCsv());
      await page.goto(`${site.url}?folds=2&testSize=30`);
      await waitForBackend(page);
      await page.getByTestId('csv-input').setInputFiles(path.join(dir, 'walk.csv'));
      await expect(page.getByTestId('data-source')).toContainText('walk.csv');
      await expect(page.getByTestId('backtest-recipe')).toHaveValue('forecast');
      await setControl(page, 'backtest-target-transform', 'logret');
      if (calendar !== 'none') await setControl(page, 'backtest-calendar', calendar);
      const dates = await dateControls(page);
      await page.getByTestId('backtest-button').click();
      await expect(page.getByTestId('backtest-verdict')).not.toBeEmpty({ timeout: TRAIN_TIMEOUT_MS });
      const forecasts = (await downloadFrom(page, 'download-forecasts', `recipe-${calendar}-forecasts`)).bytes;
      const json = (await downloadFrom(page, 'download-backtest', `recipe-${calendar}-backtest`)).bytes;

      const bin = path.join(REPO_ROOT, 'apps/cli/dist/bin.js');
      const flags = ['--data', 'walk.csv', '--target-transform', 'logret', '--seed', '0', ...(calendar === 'none' ? [] : ['--calendar', calendar]), '--folds', '2', '--test-size', '30', '--range', `${dates['train-from']}:${dates['test-to']}`, '--quiet', '--out', 'bt'];
      await run(process.execPath, [bin, 'backtest', ...flags], { cwd: dir, timeout: 300_000 });
      const cli = (file: string) => fs.readFileSync(path.join(dir, file));
      expect(forecasts.toString(), 'forecasts.csv byte-identical').toBe(cli('bt/forecasts.csv').toString());
      const cliJson = JSON.parse(cli('bt/backtest.json').toString());
      expect(cliJson.config.recipe).toBe('forecast');
      expect(cliJson.config.inputTransform).toBe('logret+ma200');
      expect(json.toString(), 'backtest.json byte-identical').toBe(cli('bt/backtest.json').toString());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
