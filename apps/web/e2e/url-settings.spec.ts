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
  // The backtest form's own recipe settings are plain rnnkit backtest's (the forecast recipe).
  const d = parseBacktestArgs([]);
  expect(await values(['cell', 'layers', 'target', 'horizon', 'seq-len', 'batch-size', 'seed', 'backtest-folds-input', 'backtest-test-size', 'backtest-interval']))
    .toEqual([d.cell, d.layers, d.target, d.horizon, d.seqLen, d.batchSize, d.seed, d.folds, d.testSize, d.interval ?? 'none'].map(String));
  expect(await values(['backtest-recipe', 'backtest-scaler', 'backtest-target-transform', 'backtest-input-transform', 'backtest-calendar', 'backtest-hidden', 'backtest-epochs', 'backtest-lr', 'backtest-optimizer', 'backtest-validation', 'backtest-patience']))
    .toEqual([d.recipe, d.scaler, d.targetTransform, d.inputTransform, d.calendar.length ? d.calendar.join(',') : 'none', d.hidden, d.epochs, d.lr, d.optimizer, d.validation, d.patience ?? 'off'].map(String));
  // The training form's recipe settings are plain rnnkit train's (the tutorial recipe), from its own parser.
  const { parseTrainArgs } = await import(pathToFileURL(path.join(REPO_ROOT, 'apps/cli/dist/train/train-config.js')).href);
  const tr = parseTrainArgs([]);
  const recipeIds = ['recipe', 'scaler', 'target-transform', 'input-transform', 'calendar', 'hidden', 'epochs', 'lr', 'optimizer', 'validation', 'patience'];
  const recipeValues = (c: typeof tr) => [c.recipe, c.scaler, c.targetTransform, c.inputTransform, c.calendar.length ? c.calendar.join(',') : 'none', c.hidden, c.epochs, c.lr, c.optimizer, c.validation, c.patience ?? 'off'].map(String);
  expect(await values(recipeIds)).toEqual(recipeValues(tr));
  expect(await values(['train-interval'])).toEqual([String(tr.interval ?? 'none')]);
  // Choosing the forecast recipe there sets them to rnnkit train --recipe forecast's, and the URL names only the recipe.
  await setControl(page, 'recipe', 'forecast');
  expect(await values(recipeIds)).toEqual(recipeValues(parseTrainArgs(['--recipe', 'forecast'])));
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ recipe: 'forecast' });
  // The training form refuses a patience without held-out windows in the same words as the backtest's.
  await setControl(page, 'validation', '0');
  await expect(page.getByTestId('controls-error')).toHaveText(/patience needs held-out windows/);
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await setControl(page, 'recipe', 'tutorial');
  await expect(page.getByTestId('controls-error')).toBeHidden();
  const t = parseBacktestArgs(['--recipe', 'tutorial']);
  // Choosing the tutorial recipe sets the backtest's recipe controls to rnnkit backtest --recipe tutorial's.
  await setControl(page, 'backtest-recipe', 'tutorial');
  expect(await values(['backtest-scaler', 'backtest-target-transform', 'backtest-input-transform', 'backtest-calendar', 'backtest-hidden', 'backtest-epochs', 'backtest-lr', 'backtest-optimizer', 'backtest-validation', 'backtest-patience']))
    .toEqual([t.scaler, t.targetTransform, t.inputTransform, 'none', t.hidden, t.epochs, t.lr, t.optimizer, t.validation, t.patience ?? 'off'].map(String));
  // A patience without held-out windows is refused in the form's words, as rnnkit's --patience without --validation.
  await setControl(page, 'backtest-patience', '5');
  await expect(page.getByTestId('backtest-error')).toHaveText(/patience needs held-out windows/);
  await expect(page.getByTestId('backtest-button')).toBeDisabled();
  await setControl(page, 'backtest-patience', 'off');
  await expect(page.getByTestId('backtest-error')).toBeHidden();
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
