// One page load, used as a person would, in order: the default run against the CLI, Stop, three
// trainings with other settings and a CSV upload, a backtest, the ONNX check, accessibility and the
// phone width, and bad input. The tests share the page (serial): each is one named check.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations, focusStart, overflows, tabTo, tabWalk } from './a11y.mjs';
import { backtestRun } from './backtest.mjs';
import { ARTIFACTS, REPO_ROOT, TRAIN_TIMEOUT_MS, dateControls, downloadFrom, expect, expectDrawn, guard, inspectCanvas, setControl, syntheticCsv, test, trainNow, waitForBackend, type Guard } from './fixtures.js';
import { onnxReport, torchBiLstm } from './onnx-check.mjs';
import { cliDefaultRun, pageDefaultRun } from './speed.mjs';

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let seen: Guard;

test.beforeAll(async ({ browser, site }) => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  seen = await guard(context, page);
  const response = await page.goto(site.url, { waitUntil: 'load', timeout: 30_000 });
  expect(response?.ok(), `HTTP ${response?.status()} for ${site.url}`).toBe(true);
});

// Playwright traces this context too (trace: 'retain-on-failure'); the failure screenshot of the
// per-test page would show a blank page, so the shared page's is attached here.
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus) await info.attach('screenshot', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});
test.afterAll(async () => {
  await context?.close();
});

/** A full-page screenshot into e2e/artifacts. */
const screenshot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true, timeout: 30_000 });

test('the tfjs backend is webgl, wasm or cpu', async () => {
  expect(await waitForBackend(page)).toMatch(/wasm|cpu|webgl/);
});

test("the default run (100 epochs): ms/epoch ≤ 2× rnnkit train's, the final loss equal within 1e-5 relative", async () => {
  // A second round only when the first is over 2× (the machine is shared); the best of each side is compared.
  const rounds: { cli: { msPerEpoch: number; finalLoss: number }; web: { msPerEpoch: number; finalLoss: number } }[] = [];
  for (let round = 1; round <= 2; round++) {
    const cli = await cliDefaultRun(REPO_ROOT);
    const web = await pageDefaultRun(page, TRAIN_TIMEOUT_MS);
    rounds.push({ cli, web });
    expect(Math.abs(web.finalLoss - cli.finalLoss) / Math.abs(cli.finalLoss), `page loss ${web.finalLoss}, CLI ${cli.finalLoss}`).toBeLessThanOrEqual(1e-5);
    const bestWeb = Math.min(...rounds.map((r) => r.web.msPerEpoch));
    const bestCli = Math.min(...rounds.map((r) => r.cli.msPerEpoch));
    test.info().annotations.push({ type: `round ${round}`, description: `page ${web.msPerEpoch} ms/epoch, CLI ${cli.msPerEpoch.toFixed(2)} ms/epoch` });
    if (bestWeb <= 2 * bestCli) return;
    if (round === 2) expect(bestWeb, `best page ms/epoch vs 2 × best CLI ${bestCli.toFixed(2)}`).toBeLessThanOrEqual(2 * bestCli);
  }
});

test('Stop ends a long training within a second (the worker yields every 50 ms)', async () => {
  // Measured by the page, click to result (Playwright's round trips are not the page's delay). The
  // machine is shared: the best of up to three tries counts, and the second scales with the load per
  // core, at most 3 s; a worker that did not yield would run all 5000 epochs (over 6 s).
  const limit = 1000 * Math.min(3, Math.max(1, os.loadavg()[0]! / os.cpus().length));
  const tries: number[] = [];
  await setControl(page, 'epochs', '5000');
  while (tries.length < 3 && !(Math.min(...tries) <= limit)) {
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('progress-text')).toHaveText(/^epoch \d+\/5000/);
    await page.getByTestId('stop-button').click();
    await expect(page.getByTestId('progress-text')).toHaveText(/^stopped after \d+ epochs/, { timeout: 10_000 });
    tries.push(Number(await page.getByTestId('progress-text').getAttribute('data-stop-ms')));
  }
  test.info().annotations.push({ type: 'stop latency', description: `${tries.map((ms) => `${ms} ms`).join(', ')} (limit ${limit.toFixed(0)} ms)` });
  await setControl(page, 'epochs', '100');
  expect(Math.min(...tries), `stop latencies ${tries.join(', ')} ms`).toBeLessThanOrEqual(limit);
});

/** What a run leaves for the next one to differ from. */
interface RunSeen {
  lastLoss?: number;
  metrics?: string;
  onnx?: Buffer;
  weights?: string;
}

/** The checks of one training run with `cell` and `epochs`: it shows, draws, exports and verifies its own results. */
function trainingRun(name: string, cell: string, epochs: number, prev: RunSeen, own: RunSeen): void {
  test(`${name}: a ${cell} trains ${epochs} epochs (progress ${epochs}/${epochs}, "done after ${epochs} epochs", metrics ≥ 2 rows)`, async () => {
    await setControl(page, 'cell', cell);
    await setControl(page, 'epochs', String(epochs));
    await trainNow(page, epochs);
    await expect(page.getByTestId('progress')).toHaveJSProperty('value', epochs);
    await expect(page.getByTestId('progress')).toHaveJSProperty('max', epochs);
    await expect(page.getByTestId('metrics-table')).toBeVisible();
    expect(await page.getByTestId('metrics-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    // The one-split verdict is the DM test's, as rnnkit train's: never "beats" on a lower RMSE alone.
    await expect(page.locator('#verdict')).toHaveText(/^(The model beats the naive forecast|The naive forecast is better|No evidence that the model beats the naive forecast) at horizon 1 \(DM −?[\d.]+, p = [\d.e+-]+\) on the test split: /);
  });

  test(`${name}: shows its own results (the loss fell; loss and metrics differ from the previous run's)`, async () => {
    const chart = page.getByTestId('loss-chart');
    const first = Number(await chart.getAttribute('data-first-loss'));
    const last = Number(await chart.getAttribute('data-last-loss'));
    expect(last).toBeLessThan(first);
    own.lastLoss = last;
    own.metrics = (await page.getByTestId('metrics-table').innerText()).trim();
    if (prev.lastLoss !== undefined) expect(last).not.toBe(prev.lastLoss);
    if (prev.metrics !== undefined) expect(own.metrics).not.toBe(prev.metrics);
  });

  test(`${name}: the loss, prediction and hidden-state charts are drawn`, async () => {
    for (const id of ['loss-chart', 'prediction-chart', 'heatmap']) await expectDrawn(page, id);
    // The heatmap names its axes (days × units), and is no 12 px strip; naive is the last series drawn (on top).
    await expect(page.getByTestId('heatmap')).toHaveAttribute('aria-label', /\d+ test days \(.+ to .+\) by \d+ hidden units/);
    expect((await page.getByTestId('heatmap').boundingBox())!.height).toBeGreaterThan(150);
    expect((await page.getByTestId('prediction-chart').locator('.u-legend .u-label').allTextContents()).at(-1)).toBe('naive (last value)');
  });

  test(`${name}: model.onnx is its own (> 500 bytes, "rnnkit", "${cell.toUpperCase()}", not the previous run's)`, async () => {
    const { bytes } = await downloadFrom(page, 'export-onnx', `${name.replace(/\W+/g, '-')}-model.onnx`);
    expect(bytes.length).toBeGreaterThan(500);
    for (const word of ['rnnkit', cell.toUpperCase()]) expect(bytes.includes(Buffer.from(word)), `contains ${word}`).toBe(true);
    if (prev.onnx) expect(prev.onnx.equals(bytes)).toBe(false);
    own.onnx = bytes;
  });

  test(`${name}: weights.json is its own state dict of arrays`, async () => {
    const text = (await downloadFrom(page, 'export-weights', `${name.replace(/\W+/g, '-')}-weights.json`)).bytes.toString('utf8');
    const dict = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(dict).length).toBeGreaterThan(0);
    expect(Object.values(dict).every(Array.isArray)).toBe(true);
    if (prev.weights !== undefined) expect(text).not.toBe(prev.weights);
    own.weights = text;
  });

  test(`${name}: Verify: onnxruntime-web matches tfjs, max abs difference < 1e-4`, async () => {
    await page.getByTestId('verify-onnx').click();
    await expect(page.getByTestId('verify-result')).toHaveText(/max abs difference|failed/, { timeout: 60_000 });
    const text = (await page.getByTestId('verify-result').textContent()) ?? '';
    const m = /max abs difference ([-+\d.e]+)/.exec(text);
    expect(m, text).not.toBeNull();
    expect(Math.abs(Number(m![1]))).toBeLessThan(1e-4);
  });

  test(`${name}: the next-days forecast is shown, a number beside naive (the last value)`, async () => {
    const table = page.getByTestId('next-forecast');
    await expect(table).toBeVisible();
    const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(Number(cells[0])).toBeGreaterThan(0);
    expect(await table.locator('caption').innerText()).toContain(`last value ${cells[2]}`);
  });
}

const run1: RunSeen = {};
const run2: RunSeen = {};
trainingRun('run 1', 'rnn', 20, {}, run1);

test('screenshot after a training run at 1280 px', async () => {
  await screenshot('after-training.png');
});

test('backtest, 2 folds × 30 days, 20 epochs adam, 90% interval: a verdict naming DM and p, 2 fold rows, pooled beside naive, a drawn chart', async () => {
  const r = await backtestRun(page, { epochs: '20', optimizer: 'adam', lr: '0.01', 'backtest-recipe': 'tutorial', 'backtest-epochs': '20', 'backtest-optimizer': 'adam', 'backtest-lr': '0.01', 'backtest-folds-input': '2', 'backtest-test-size': '30', horizon: '1', 'backtest-interval': '0.9' }, TRAIN_TIMEOUT_MS);
  expect(r.error, 'no backtest error').toBeUndefined();
  const p = /DM (−?-?[\d.]+), p = ([\d.e+-]+)/.exec(r.verdict ?? '');
  expect(p, `verdict ${r.verdict}`).not.toBeNull();
  expect(Number(p![2])).toBeGreaterThanOrEqual(0);
  expect(Number(p![2])).toBeLessThanOrEqual(1);
  expect([r.folds, r.pooled]).toEqual([2, 2]);
  expect((await inspectCanvas(page, 'backtest-chart')).fraction).toBeGreaterThan(0.01);
  expect((await page.getByTestId('backtest-chart').locator('.u-legend .u-label').allTextContents()).at(-1)).toBe('naive (last value)');
});

test('the next-days forecast of a model with the backtest\'s settings shows its interval and verdict', async () => {
  await trainNow(page, 20);
  const row = page.getByTestId('next-forecast').locator('tbody tr').first();
  const [model, interval] = await row.locator('td').allInnerTexts();
  const [low, high] = interval!.split(' – ').map(Number);
  expect(low).toBeLessThan(Number(model));
  expect(high).toBeGreaterThan(Number(model));
  await expect(page.getByTestId('next-verdict')).toHaveText(/^Backtest: .*DM .*Interval: 90% conformal/);
});

test('screenshot of the backtest at 1280 px', async () => {
  await screenshot('backtest.png');
});

test('a long backtest stops on Stop, saying during which fold', async () => {
  const r = await backtestRun(page, { 'backtest-epochs': '3000' }, TRAIN_TIMEOUT_MS, { stopAfterMs: 300 });
  expect(r.stopped).toMatch(/^stopped during fold \d+/);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // The small backtest again, so that its tables are on the page for the audits below.
  await backtestRun(page, { 'backtest-epochs': '20' }, TRAIN_TIMEOUT_MS);
  for (const [id, value] of Object.entries({ epochs: '100', optimizer: 'sgd', lr: '0.005' })) await setControl(page, id, value);
});

test('check an ONNX file: a PyTorch bidirectional LSTM runs in onnxruntime-web and the reference with max abs error ≤ 1e-5', async () => {
  const torch = await torchBiLstm(path.join(ARTIFACTS, 'torch-bilstm.onnx'));
  test.skip(Boolean(torch.skip), torch.skip);
  expect(torch.error).toBeUndefined();
  const text = await onnxReport(page, 'torch-bilstm.onnx', torch.bytes, 60_000);
  const line = text.split('\n').find((l: string) => l.startsWith('onnxruntime-web vs reference'));
  const m = line && /max abs ([\d.e+-]+)/.exec(line);
  expect(m, text).toBeTruthy();
  expect(Number(m![1])).toBeLessThanOrEqual(1e-5);
  for (const word of ['LSTM', 'input', 'seq']) expect(text).toContain(word);
});

test("check an ONNX file: ONNX's test_simple_rnn_batchwise, dropped on the page, is refused by onnxruntime-web in one line, and the reference still runs it", async () => {
  const bytes = fs.readFileSync(path.join(REPO_ROOT, 'packages/onnx/test-data/onnx-backend/test_simple_rnn_batchwise/model.onnx'));
  const text: string = await onnxReport(page, 'test_simple_rnn_batchwise.onnx', bytes, 60_000, { drop: true });
  const lines = text.split('\n');
  expect(lines.filter((l) => l.startsWith('onnxruntime-web refused'))).toHaveLength(1);
  expect(lines.some((l) => l.startsWith('reference evaluator: ran'))).toBe(true);
  expect(text).toContain('layout=1');
  await screenshot('onnx-check.png');
});

test('axe-core after the runs: no violation of impact serious or critical', async () => {
  const bad = await axeViolations(page);
  expect(bad.map((v: { impact: string; id: string; help: string; nodes: string[] }) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 4).join(', ')}`)).toEqual([]);
});

test('keyboard: Tab reaches every enabled control once, in page order, each with a visible focus ring', async () => {
  const { reached, missed } = await tabWalk(page);
  expect(missed).toEqual([]);
  const order = reached.map((r: { index: number }) => r.index);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(reached.filter((r: { indicator: boolean }) => !r.indicator).map((r: { name: string }) => r.name)).toEqual([]);
});

test('keyboard only: Tab to Epochs, type 3, Tab to Train, Enter trains 3 epochs', async () => {
  await focusStart(page);
  await tabTo(page, 'epochs');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await tabTo(page, 'train-button');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('progress-text')).toHaveText(/^done after 3 epochs/, { timeout: TRAIN_TIMEOUT_MS });
});

test('at 390×844 nothing overflows the viewport or its card, and axe-core stays clean (screenshot phone-390.png)', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.waitForTimeout(300); // charts resize on the next frame
    await screenshot('phone-390.png');
    expect(await overflows(page)).toEqual([]);
    // Every scroll region fits its card; the tables inside scroll, and their dates stay on one line.
    const broken = await page.evaluate(() => [...document.querySelectorAll('.table-scroll td, .table-scroll th')]
      .filter((c) => c.getClientRects().length > 0 && /\d{4}-\d{2}-\d{2}/.test(c.textContent!) && c.getClientRects()[0]!.height > 2.2 * parseFloat(getComputedStyle(c).lineHeight || '16'))
      .map((c) => c.textContent));
    expect(broken).toEqual([]);
    expect((await axeViolations(page)).map((v: { id: string }) => v.id)).toEqual([]);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

trainingRun('run 2', 'gru', 15, run1, run2);

const upload = syntheticCsv(147);
test('uploading a CSV resets the four dates to its span: first 80% train, last 20% test', async () => {
  await page.getByTestId('csv-input').setInputFiles({ name: 'uploaded.csv', mimeType: 'text/csv', buffer: Buffer.from(upload.csv) });
  await expect(page.getByTestId('data-source')).toContainText('uploaded.csv');
  const n = upload.dates.length;
  const cut = n - Math.round(n * 0.2); // the CLI's --test-ratio 0.2
  expect(await dateControls(page)).toEqual({ 'train-from': upload.dates[0], 'train-to': upload.dates[cut - 1], 'test-from': upload.dates[cut], 'test-to': upload.dates[n - 1] });
});

trainingRun('run 3', 'lstm', 12, run2, {});

test('screenshot after three runs', async () => {
  await screenshot('after-three-runs.png');
});

test('a CSV too short to split shows an inline error naming it, and the dates stay', async () => {
  const before = await dateControls(page);
  await page.getByTestId('csv-input').setInputFiles({ name: 'short.csv', mimeType: 'text/csv', buffer: Buffer.from(syntheticCsv(2).csv) });
  await expect(page.getByTestId('error')).toHaveText(/short\.csv.*too few rows/);
  expect(await dateControls(page)).toEqual(before);
});

test('a malformed CSV shows a visible inline error naming bad.csv and line 3; Train stays visible', async () => {
  await page.getByTestId('csv-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Open,High,Low,Close\n2020-01-01,1,2,3,4\n2020-01-02,abc,2,3,4\n') });
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('error')).toContainText('bad.csv');
  await expect(page.getByTestId('error')).toContainText('3');
  await expect(page.getByTestId('train-button')).toBeVisible();
});

test('an invalid control value is refused at the control (Train disabled, message shown), then accepted', async () => {
  await setControl(page, 'epochs', '0');
  await expect(page.getByTestId('controls-error')).toHaveText(/Epochs must be a whole number from 1/);
  await expect(page.getByTestId('epochs')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await setControl(page, 'epochs', '20');
  await expect(page.getByTestId('controls-error')).toBeHidden();
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await screenshot('bad-csv.png');
});

test('a horizon not below the backtest test size is refused in the form\'s words, as rnnkit backtest refuses it', async () => {
  await setControl(page, 'backtest-test-size', '3');
  await setControl(page, 'horizon', '3');
  await expect(page.getByTestId('backtest-error')).toHaveText(/the horizon \(3 days, under Model and training\) must be below the test size/);
  await expect(page.getByTestId('backtest-button')).toBeDisabled();
  await setControl(page, 'horizon', '1');
  await expect(page.getByTestId('backtest-error')).toBeHidden();
});

test('throughout: no request left localhost, no console error, no uncaught page error', async () => {
  await page.waitForTimeout(300); // late messages
  expect(seen).toEqual({ blocked: [], consoleErrors: [], pageErrors: [] });
});
