// Issue 27: the training form runs rnnkit train's settings. A link with the forecast recipe, dayofweek
// covariates and a logret target trains on a CSV no other test uses (a seeded weekday-pattern
// series from @rnnkit/datasets' generator); the page's predictions.csv, weights.json, metrics.json and
// model.onnx must be `rnnkit train --recipe forecast --calendar dayofweek --target-transform logret`'s
// with the same seed: byte for byte, but where e2e/README.md says the two cannot agree (msPerEpoch,
// config.out, the AR baseline's last bits). Horizon 1: at horizon 2 the model's decoded figures went
// through Math.exp on other values and differed in the last bits (1e-15 relative) on this file. Then the new fields at 390 px: no overflow, axe-core clean.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { syntheticSeries, toYahooCsv } from '@rnnkit/datasets';
import { axeViolations, overflows } from './a11y.mjs';
import { ARTIFACTS, REPO_ROOT, TRAIN_TIMEOUT_MS, dateControls, downloadFrom, expect, test, waitForBackend, equalisedMetrics } from './fixtures.js';

const run = promisify(execFile);

/** 500 weekdays from 2016-03-01 with a Monday..Friday pattern in the log returns (seed 31). */
const weekdayCsv = () => toYahooCsv(syntheticSeries({ kind: 'weekday', length: 500, seed: 31, start: '2016-03-01' }).table);


// The link's settings: the recipe and covariates of the issue, the recipe's logret said again, 30 epochs at most (early stopping on).
const SETTINGS = { recipe: 'forecast', calendar: 'dayofweek', targetTransform: 'logret', epochs: '30' };
const CLI_FLAGS = ['--recipe', 'forecast', '--calendar', 'dayofweek', '--target-transform', 'logret', '--epochs', '30', '--seed', '0', '--quiet'];

// Once as the issue asks, once with the training form's Interval 90% (rnnkit train --interval 0.9).
for (const interval of [null, '0.9']) {
  test(`a training run with ?recipe=forecast&calendar=dayofweek (logret${interval ? `, interval ${interval}` : ''}) writes rnnkit train${interval ? ` --interval ${interval}` : ''}'s files, byte for byte; its fields fit 390 px`, async ({ page, site, guarded: _ }) => {
    test.setTimeout(5 * 60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnnkit-e2e-train-'));
    try {
      fs.writeFileSync(path.join(dir, 'weekday.csv'), weekdayCsv());
      await page.goto(`${site.url}?${new URLSearchParams({ ...SETTINGS, ...(interval ? { trainInterval: interval } : {}) })}`);
      await waitForBackend(page);
      // The recipe from the link set the controls it decides; the link's own values won.
      const values = async (ids: string[]) => Promise.all(ids.map((id) => page.getByTestId(id).inputValue()));
      expect(await values(['recipe', 'scaler', 'target-transform', 'input-transform', 'calendar', 'hidden', 'epochs', 'lr', 'optimizer', 'validation', 'patience', 'horizon']))
        .toEqual(['forecast', 'standard', 'logret', 'logret+ma200', 'dayofweek', '8', '30', '0.003', 'adam', '0.2', '50', '1']);
      // Once the bundled data is in, the address bar keeps only what differs from the recipe (its logret is no setting of its own).
      await expect(page.getByTestId('data-source')).toContainText('days');
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ recipe: 'forecast', calendar: 'dayofweek', epochs: '30', ...(interval ? { trainInterval: interval } : {}) });
      await page.getByTestId('csv-input').setInputFiles(path.join(dir, 'weekday.csv'));
      await expect(page.getByTestId('data-source')).toContainText('weekday.csv');
      const dates = await dateControls(page);
      // Early stopping (patience 50) may end before the 30th epoch: "done after n epochs" with n ≤ 30.
      await page.getByTestId('train-button').click();
      await expect(page.getByTestId('progress-text')).toHaveText(/^done after \d+ epochs/, { timeout: TRAIN_TIMEOUT_MS });
      const downloaded: Record<string, Buffer> = {};
      for (const id of ['download-predictions', 'download-metrics', 'export-weights', 'export-onnx']) {
        const { name, bytes } = await downloadFrom(page, id, `train${interval ? '-interval' : ''}-${id}`);
        downloaded[name] = bytes;
      }
      await expect(page.getByTestId('next-forecast')).toBeVisible();
      expect(await page.getByTestId('next-forecast').locator('tbody tr').count()).toBe(1);

      const bin = path.join(REPO_ROOT, 'apps/cli/dist/bin.js');
      await run(process.execPath, [bin, 'train', '--data', 'weekday.csv', ...CLI_FLAGS, ...(interval ? ['--interval', interval] : []), '--train-range', `${dates['train-from']}:${dates['train-to']}`, '--test-range', `${dates['test-from']}:${dates['test-to']}`, '--out', 'tr'], { cwd: dir, timeout: 180_000 });
      const cli = (file: string) => fs.readFileSync(path.join(dir, 'tr', file));

      expect(downloaded['predictions.csv']!.toString(), 'predictions.csv byte-identical').toBe(cli('predictions.csv').toString());
      expect(downloaded['weights.json']!.toString(), 'weights.json byte-identical').toBe(cli('weights.json').toString());
      const cliMetrics = JSON.parse(cli('metrics.json').toString());
      const pageMetrics = JSON.parse(downloaded['metrics.json']!.toString());
      // The run had the settings asked for: the recipe's input side, the covariates, early stopping, the fitted input scaler.
      expect(cliMetrics.config).toMatchObject({ recipe: 'forecast', scaler: 'standard', inputTransform: 'logret+ma200', calendar: ['dayofweek'], targetTransform: 'logret', validation: 0.2, patience: 50, horizon: 1, epochs: 30 });
      expect(Object.keys(cliMetrics)).toContain('inputScaler');
      expect(cliMetrics.config.interval).toBe(interval === null ? null : Number(interval));
      if (interval) {
        expect(downloaded['predictions.csv']!.toString().split('\n')[0]).toBe('date,actual,predicted,naive,lower,upper');
        expect(cliMetrics.horizons[0].coverage).toBeGreaterThan(0);
        // The next-day forecast carries the run's own interval.
        await expect(page.getByTestId('next-forecast').locator('tbody td').nth(1)).toHaveText(/^[\d.]+ – [\d.]+$/);
        await expect(page.getByTestId('next-verdict')).toContainText('90% split-conformal, calibrated on the last');
      }
      expect(pageMetrics.config.out).toBeNull();
      expect(cliMetrics.config.out).toBe('tr');
      // The AR baseline and the DM p-values may differ in their last bits between Node and Chromium: within 1e-12, then set equal.
      const eq = equalisedMetrics(pageMetrics, cliMetrics);
      expect(eq.problems, 'the AR baseline and the DM p-values within 1e-12 relative').toEqual([]);
      expect(eq.page, 'metrics.json equal but msPerEpoch, config.out, the AR baseline and the last bits of the DM p-values').toBe(eq.cli);
      test.info().annotations.push({ type: 'metrics.json', description: downloaded['metrics.json']!.equals(cli('metrics.json')) ? 'byte-identical' : 'equal after msPerEpoch, config.out (and the AR baseline) are set equal' });
      // model.onnx: its metadata (inputs, inputScaler, calendar…) is the CLI's; only config.out differs ("tr" vs null, the same length).
      const cliOnnx = cli('model.onnx');
      for (const key of ['rnnkit.inputs', 'rnnkit.inputScaler', 'rnnkit.calendar', 'rnnkit.inputTransform']) expect(cliOnnx.includes(Buffer.from(key)), key).toBe(true);
      expect(cliOnnx.includes(Buffer.from('"out":"tr"'))).toBe(true);
      const onnxOutNull = Buffer.from(cliOnnx.toString('latin1').replace('"out":"tr"', '"out":null'), 'latin1');
      expect(downloaded['model.onnx']!.equals(onnxOutNull), 'model.onnx equal to the CLI\'s with config.out set equal').toBe(true);
      // The CLI also writes the raw-price graph (prices and the calendar in, the price out); the page offers model.onnx.
      expect(fs.existsSync(path.join(dir, 'tr', 'model.with-scaler.onnx')), 'the raw-price graph for derived inputs').toBe(true);

      // The longer form at a phone's width: nothing overflows, axe-core finds nothing serious or critical.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      await page.getByTestId('recipe').scrollIntoViewIfNeeded();
      await page.locator('#controls-panel').screenshot({ path: path.join(ARTIFACTS, `train-form-390${interval ? '-interval' : ''}.png`) });
      expect(await overflows(page)).toEqual([]);
      expect((await axeViolations(page)).map((v: { id: string }) => v.id)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
