// The settings in the URL: a shared link fills the form, and a change shows in the address bar.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, expect, setControl, test, waitForBackend } from './fixtures.js';

test('a link with settings fills both forms; the defaults are rnnkit\'s', async ({ page, site, guarded: _ }) => {
  await page.goto(`${site.url}?cell=gru&hidden=16&layers=2&targetTransform=diff&horizon=3&epochs=50&lr=0.01&optimizer=adam&folds=3&testSize=40&interval=0.8`);
  await waitForBackend(page);
  const values = async (ids: string[]) => Promise.all(ids.map((id) => page.getByTestId(id).inputValue()));
  expect(await values(['cell', 'hidden', 'layers', 'target-transform', 'horizon', 'epochs', 'lr', 'optimizer', 'backtest-folds-input', 'backtest-test-size', 'backtest-interval']))
    .toEqual(['gru', '16', '2', 'diff', '3', '50', '0.01', 'adam', '3', '40', '0.8']);
  await page.goto(site.url);
  await waitForBackend(page);
  // rnnkit backtest's defaults, from the CLI's own parser with no flags: a change there fails this until the page follows.
  const { parseBacktestArgs } = await import(pathToFileURL(path.join(REPO_ROOT, 'apps/cli/dist/backtest/backtest-config.js')).href);
  const d = parseBacktestArgs([]);
  expect(await values(['cell', 'hidden', 'layers', 'target', 'target-transform', 'horizon', 'seq-len', 'epochs', 'lr', 'optimizer', 'batch-size', 'seed', 'backtest-folds-input', 'backtest-test-size', 'backtest-interval']))
    .toEqual([d.cell, d.hidden, d.layers, d.target, d.targetTransform, d.horizon, d.seqLen, d.epochs, d.lr, d.optimizer, d.batchSize, d.seed, d.folds, d.testSize, d.interval ?? 'none'].map(String));
  expect([d.features, d.scaler, d.window, d.trainSize], 'the settings the page does not offer keep their defaults').toEqual([['Open', 'High', 'Low', 'Close'], 'minmax', 'expanding', null]);
});

test('changing a setting writes it into the URL (only what differs from the defaults)', async ({ page, site, guarded: _ }) => {
  await page.goto(site.url);
  await waitForBackend(page);
  expect(new URL(page.url()).search).toBe('');
  await setControl(page, 'cell', 'lstm');
  await setControl(page, 'backtest-folds-input', '3');
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ cell: 'lstm', folds: '3' });
  await setControl(page, 'cell', 'rnn');
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ folds: '3' });
});

test('the target column offers the file\'s columns; Adj Close is a choice when the file has it', async ({ page, site, guarded: _ }) => {
  await page.goto(site.url);
  await waitForBackend(page);
  await expect(page.getByTestId('data-source')).toContainText('days');
  const csv = 'Date,Open,High,Low,Close,Adj Close\n' + Array.from({ length: 40 }, (_, i) => `2021-02-${String(1 + (i % 28)).padStart(2, '0')}`).slice(0, 28).map((d, i) => `${d},${10 + i},${11 + i},${9 + i},${10 + i},${9.5 + i}`).join('\n') + '\n';
  await page.getByTestId('csv-input').setInputFiles({ name: 'adj.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('data-source')).toContainText('adj.csv');
  expect(await page.getByTestId('target').locator('option').allTextContents()).toEqual(['Open', 'High', 'Low', 'Close', 'Adj Close']);
  await expect(page.getByTestId('target')).toHaveValue('Close');
});
