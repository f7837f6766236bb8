import { loadBundledCsv, parseCsv, type DateRange, type PriceTable } from '@rnnkit/datasets';
import './style.css';
import { lossChart, predictionChart, priceChart } from './charts.js';
import { BACKTEST_PREFIX, readBacktestControls } from './backtest-controls.js';
import { buildRecipeFields, nameOf, setRecipe } from './recipe-fields.js';
import { columnFormat, verdictOf, type RecipeName } from '@rnnkit/forecast';
import { clearBacktest, showBacktest } from './backtest-view.js';
import { readControls, TRAIN_PREFIX } from './controls.js';
import { download } from './download.js';
import { drawHeatmap } from './heatmap.js';
import { initOnnxPanel } from './onnx-panel.js';
import type { BacktestFiles, FromWorker, TrainOutcome, WebBacktestConfig, WebTrainConfig } from './protocol.js';
import type { BacktestResult } from '@rnnkit/forecast';
import type { DataPath } from './run-record.js';
import { clearNext, showNext } from './next-view.js';
import { ratioSplitDates } from './ratio-split.js';
import { FEATURES, headerColumns } from './columns.js';
import { applyUrlSettings, writeUrlSettings } from './url-state.js';
import { verifyInOnnxruntimeWeb } from './verify.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('controls');
const errorBox = $('error');
const trainButton = $<HTMLButtonElement>('train-button');
const stopButton = $<HTMLButtonElement>('stop-button');
const progress = $<HTMLProgressElement>('progress');
const progressText = $('progress-text');
const lossEl = $('loss-chart');
const backtestForm = $<HTMLFormElement>('backtest-controls');
const backtestButton = $<HTMLButtonElement>('backtest-button');
const backtestStop = $<HTMLButtonElement>('backtest-stop');
const backtestProgress = $<HTMLProgressElement>('backtest-progress');
const backtestText = $('backtest-progress-text');
const exportButtons = ['export-onnx', 'export-weights', 'verify-onnx', 'download-predictions', 'download-metrics'].map((id) => $<HTMLButtonElement>(id));
const backtestButtons = ['download-forecasts', 'download-backtest'].map((id) => $<HTMLButtonElement>(id));

/** The loaded CSV; `path` is the uploaded file's name (rnnkit's --data), null for the bundled one. */
let data: { csv: string; source: string; path: DataPath; table: PriceTable } | null = null;
let backtestDone: { config: WebBacktestConfig; result: BacktestResult; files: BacktestFiles } | null = null;
let trainedConfig: WebTrainConfig | null = null;
let outcome: TrainOutcome | null = null;
let worker: Worker;
let running: 'train' | 'backtest' | null = null;
let backtestStarted = 0;
let backtestConfig: WebBacktestConfig | null = null;

function showError(message: string): void {
  errorBox.textContent = message;
  errorBox.hidden = message === '';
}

let restarts = 0;

function startWorker(): void {
  worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onWorkerMessage(e.data);
  // A crashed worker is replaced (a few times at most), and the page stays usable.
  worker.onerror = (e) => {
    e.preventDefault();
    finishRun();
    worker.terminate();
    const again = restarts++ < 3;
    showError(`the training worker crashed: ${e.message || 'unknown error'}; ${again ? 'it was restarted, try again' : 'reload the page'}`);
    if (again) startWorker();
  };
}

let loss: number[] = [];
let chart: ReturnType<typeof lossChart> | null = null;
let frame = 0;

function onWorkerMessage(m: FromWorker): void {
  if (m.type === 'backend') $('backend').textContent = m.name;
  else if (m.type === 'progress') {
    loss.push(m.loss);
    progress.max = m.epochs;
    progress.value = m.epoch;
    progressText.textContent = `epoch ${m.epoch}/${m.epochs} · loss ${m.loss.toFixed(6)}`;
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      chart?.update(loss);
    });
  } else if (m.type === 'backtest-progress') {
    backtestProgress.max = m.folds * m.epochs;
    backtestProgress.value = (m.fold - 1) * m.epochs + m.epoch;
    backtestText.textContent = `fold ${m.fold}/${m.folds} · epoch ${m.epoch}/${m.epochs} · loss ${m.loss.toFixed(6)}`;
  } else if (m.type === 'backtest-done') {
    finishRun();
    backtestText.textContent = `done: ${m.result.folds.length} folds in ${((performance.now() - backtestStarted) / 1000).toFixed(1)} s`;
    showBacktest(m.result, backtestConfig!.target);
    backtestDone = { config: backtestConfig!, result: m.result, files: m.files };
    backtestButtons.forEach((b) => (b.disabled = false));
    if (outcome && trainedConfig) showNext($('next-panel'), outcome.next, trainedConfig, backtestDone);
  } else if (m.type === 'backtest-stopped') {
    finishRun();
    backtestText.textContent = `stopped during fold ${m.fold}; nothing half-done is shown`;
  } else if (m.type === 'error') {
    const job = running;
    finishRun();
    if (job === 'backtest') {
      backtestText.textContent = '';
      showBacktestError(m.message);
    } else showError(m.message);
  } else {
    finishRun();
    showOutcome(m.outcome);
  }
}

function finishRun(): void {
  running = null;
  stopButton.disabled = backtestStop.disabled = true;
  refreshControls();
}

function showBacktestError(message: string): void {
  const box = $('backtest-error');
  box.textContent = message;
  box.hidden = message === '';
}

function startBacktest(): void {
  const model = readControls(form, $('controls-error'));
  const settings = model && readBacktestControls(backtestForm, $('backtest-error'), model.horizon);
  if (!data || !model || !settings || running) return;
  clearBacktest();
  backtestDone = null;
  backtestButtons.forEach((b) => (b.disabled = true));
  running = 'backtest';
  backtestStarted = performance.now();
  trainButton.disabled = backtestButton.disabled = true;
  backtestStop.disabled = false;
  backtestProgress.value = 0;
  backtestText.textContent = 'starting…';
  backtestConfig = { ...model, ...settings };
  worker.postMessage({ type: 'backtest', csv: data.csv, source: data.source, data: data.path, config: backtestConfig });
}

function showOutcome(o: TrainOutcome): void {
  outcome = o;
  // How long Stop took, click to result, in the page's own clock (read by the e2e test).
  if (o.stopped && stopClicked) progressText.dataset.stopMs = String(Math.round(performance.now() - stopClicked));
  stopClicked = 0;
  chart?.update(o.trainLoss);
  lossEl.dataset.firstLoss = String(o.trainLoss[0]);
  lossEl.dataset.lastLoss = String(o.trainLoss[o.trainLoss.length - 1]);
  lossEl.setAttribute('aria-label', `Chart of the training loss per epoch: ${o.trainLoss[0]?.toPrecision(4)} at epoch 1, ${o.trainLoss.at(-1)?.toPrecision(4)} at epoch ${o.trainLoss.length}`);
  // Early stopping may end before the last epoch: a finished run's bar is full.
  if (!o.stopped) progress.max = progress.value = o.trainLoss.length;
  progressText.textContent = `${o.stopped ? 'stopped' : 'done'} after ${o.trainLoss.length} epochs · ${o.msPerEpoch.toFixed(o.msPerEpoch < 10 ? 2 : 1)} ms/epoch · final loss ${o.trainLoss.at(-1)?.toFixed(6) ?? 'n/a'}`;
  predictionChart($('prediction-chart'), o.dates, o.actual, o.predicted, o.naive, o.target);
  const table = $<HTMLTableElement>('metrics-table');
  // Each column with the digits its values need, as the CLI prints them (a penny stock's 0.00458 is not 0.00).
  const col = (pick: (m: TrainOutcome['model']) => number, min: number) => columnFormat([pick(o.model), pick(o.baseline)], { min });
  const [rmse, mae, mape, mase] = [col((m) => m.rmse, 2), col((m) => m.mae, 2), col((m) => m.mape, 3), col((m) => m.mase, 3)];
  const skills = columnFormat([o.skill, 0], { min: 3 });
  const row = (name: string, m: TrainOutcome['model'], skill: number) => `<tr><th>${name}</th><td>${rmse(m.rmse)}</td><td>${mae(m.mae)}</td><td>${mape(m.mape)}%</td><td>${mase(m.mase)}</td><td>${skills(skill)}</td></tr>`;
  table.tBodies[0]!.innerHTML = row('model', o.model, o.skill) + row('naive (last value)', o.baseline, 0);
  table.hidden = false;
  const ratio = o.model.rmse / o.baseline.rmse;
  // "Beats" only with a test behind it: the Diebold–Mariano verdict on the test split, as rnnkit train says it.
  const change = ratio < 1 ? `RMSE ${((1 - ratio) * 100).toFixed(1)}% lower` : `the model's RMSE is ${((ratio - 1) * 100).toFixed(1)}% higher`;
  const verdict = verdictOf(o.dm, 1);
  $('verdict').textContent = `${verdict[0]!.toUpperCase()}${verdict.slice(1)} on the test split: ${change}. A backtest tests it over several folds.`;
  drawHeatmap($<HTMLCanvasElement>('heatmap'), o.hidden, o.hiddenDates, o.hiddenSize);
  $('heatmap').setAttribute('aria-label', `Heatmap of the hidden state: ${o.hiddenDates.length} test days (${o.hiddenDates[0]} to ${o.hiddenDates.at(-1)}) by ${o.hiddenSize} hidden units, colours from blue −1 through white 0 to red +1`);
  exportButtons.forEach((b) => (b.disabled = false));
  $('verify-result').textContent = '';
  if (trainedConfig) showNext($('next-panel'), o.next, trainedConfig, backtestDone);
}

/** Removes the previous run's results, so a failed run cannot look like a finished one. */
function clearOutcome(): void {
  outcome = null;
  exportButtons.forEach((b) => (b.disabled = true));
  delete lossEl.dataset.firstLoss;
  delete lossEl.dataset.lastLoss;
  $('prediction-chart').replaceChildren();
  $('metrics-table').hidden = true;
  $('verdict').textContent = '';
  const heatmap = $<HTMLCanvasElement>('heatmap');
  heatmap.width = heatmap.height = 1;
  heatmap.style.width = heatmap.style.height = '';
  $('verify-result').textContent = '';
  clearNext($('next-panel'));
}

function train(config: WebTrainConfig): void {
  if (!data) return showError('no data loaded yet');
  showError('');
  clearOutcome();
  running = 'train';
  trainButton.disabled = backtestButton.disabled = true;
  stopButton.disabled = false;
  loss = [];
  chart = lossChart(lossEl);
  progressText.textContent = 'starting…';
  progress.value = 0;
  progress.max = config.epochs;
  trainedConfig = config;
  worker.postMessage({ type: 'train', csv: data.csv, source: data.source, data: data.path, config });
}

/** Loads a CSV; with `testRatio` (uploads) the date controls move to the file's own span. */
function useData(csv: string, source: string, path: DataPath, testRatio?: number): void {
  try {
    const table = parseCsv(csv, { source, columns: FEATURES });
    const split = testRatio === undefined ? null : ratioSplitDates(table, testRatio);
    data = { csv, source, path, table };
    // A backtest of other data must not stay on the page as if it were about this one.
    clearBacktest();
    backtestDone = null;
    backtestButtons.forEach((b) => (b.disabled = true));
    setTargetChoices(headerColumns(csv));
    showError('');
    $('data-source').textContent = `${source}: ${table.dates.length} days, ${table.dates[0]} to ${table.dates.at(-1)}`;
    if (split) setDates(split.train, split.test);
    refreshControls();
  } catch (err) {
    // The previous data stays loaded; the message names the file and line.
    showError(err instanceof Error ? err.message : String(err));
  }
}

/** The target column's choices: the file's columns but the date, Close chosen unless the URL or the user chose another that the file has. */
function setTargetChoices(columns: string[]): void {
  const select = form.elements.namedItem('target') as HTMLSelectElement;
  const wanted = pendingTarget ?? select.value;
  select.replaceChildren(...columns.map((c) => new Option(c, c, c === 'Close', c === 'Close')));
  if (columns.includes(wanted)) select.value = wanted;
  pendingTarget = null;
}

function setDates(train: DateRange, test: DateRange): void {
  const set = (name: string, value: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = value);
  set('trainFrom', train.from);
  set('trainTo', train.to);
  set('testFrom', test.from);
  set('testTo', test.to);
}

/** Re-reads the controls: marks bad ones, enables Train when all are good, redraws the ranges. */
function refreshControls(): void {
  const config = readControls(form, $('controls-error'));
  const settings = config && readBacktestControls(backtestForm, $('backtest-error'), config.horizon);
  trainButton.disabled = running !== null || config === null;
  backtestButton.disabled = running !== null || settings === null;
  writeUrlSettings([form, backtestForm]);
  if (!data) return;
  // The target column's prices (another column than Close is read on demand; a bad one is named in the error box).
  let target = data.table.values.map((v) => v[3]!);
  const column = config?.target ?? 'Close';
  if (column !== 'Close') {
    try {
      target = parseCsv(data.csv, { source: data.source, columns: [column] }).values.map((v) => v[0]!);
    } catch (err) {
      showError(err instanceof Error ? err.message : String(err));
    }
  }
  priceChart($('price-chart'), data.table.dates, target, config?.train ?? { from: '', to: '' }, config?.test ?? { from: '', to: '' }, column);
}

async function readFile(file: File): Promise<void> {
  if (file.size > 50 * 1024 * 1024) return showError(`${file.name}: the file is larger than 50 MB; pass daily prices only`);
  // Like the CLI with --data and no ranges: the last 20% of the file is the test set.
  useData(await file.text(), file.name, file.name, 0.2);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const config = readControls(form, $('controls-error'));
  if (config && !running) train(config);
});
form.addEventListener('change', refreshControls);
let stopClicked = 0;
stopButton.addEventListener('click', () => {
  stopClicked = performance.now();
  worker.postMessage({ type: 'stop' });
});
backtestStop.addEventListener('click', () => worker.postMessage({ type: 'stop' }));
backtestForm.addEventListener('submit', (e) => {
  e.preventDefault();
  startBacktest();
});
backtestForm.addEventListener('change', refreshControls);
$<HTMLInputElement>('csv-input').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) void readFile(file);
});
const drop = $('drop-zone');
drop.addEventListener('dragover', (e) => e.preventDefault());
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const file = e.dataTransfer?.files[0];
  if (file) void readFile(file);
});
$('export-onnx').addEventListener('click', () => outcome && download('model.onnx', outcome.onnx, 'application/octet-stream'));
$('export-weights').addEventListener('click', () => outcome && download('weights.json', outcome.weightsJson, 'application/json'));
$('download-predictions').addEventListener('click', () => outcome && download('predictions.csv', outcome.files['predictions.csv'], 'text/csv'));
$('download-metrics').addEventListener('click', () => outcome && download('metrics.json', outcome.files['metrics.json'], 'application/json'));
$('download-forecasts').addEventListener('click', () => backtestDone && download('forecasts.csv', backtestDone.files['forecasts.csv'], 'text/csv'));
$('download-backtest').addEventListener('click', () => backtestDone && download('backtest.json', backtestDone.files['backtest.json'], 'application/json'));
$('verify-onnx').addEventListener('click', async () => {
  if (!outcome) return;
  const result = $('verify-result');
  result.textContent = 'running the exported model in onnxruntime-web…';
  try {
    const { maxAbs, n } = await verifyInOnnxruntimeWeb(outcome.onnx, outcome.testX, outcome.dims, outcome.tfjsOutput);
    result.textContent = `onnxruntime-web vs tfjs on ${n} test windows: max abs difference ${maxAbs.toExponential(2)} (${maxAbs < 1e-4 ? 'OK' : 'too large'})`;
  } catch (err) {
    result.textContent = `onnxruntime-web failed: ${err instanceof Error ? err.message : String(err)}`;
  }
});

// The heatmap is drawn at its card's width: redraw it when that changes (a rotated phone, a resized window).
let heatmapWidth = 0;
new ResizeObserver(() => {
  const width = $('heatmap').parentElement!.clientWidth;
  if (outcome && width !== heatmapWidth) drawHeatmap($<HTMLCanvasElement>('heatmap'), outcome.hidden, outcome.hiddenDates, outcome.hiddenSize);
  heatmapWidth = width;
}).observe($('heatmap').parentElement!);
// A shared link's settings; the target column waits for the data's columns.
let pendingTarget: string | null = new URLSearchParams(location.search).get('target');
// Each form's recipe and the controls it decides: rnnkit train's default recipe (tutorial) and rnnkit backtest's (forecast).
buildRecipeFields($('train-recipe-fields'), TRAIN_PREFIX, '', 'tutorial', 'rnnkit train');
buildRecipeFields($('backtest-recipe-fields'), BACKTEST_PREFIX, 'backtest-', 'forecast', 'rnnkit backtest');
// A link's recipe sets the controls it decides, then the link's own values win: as --recipe and the flags given.
const fromUrl = applyUrlSettings([form, backtestForm], location.search);
const recipes = ([[form, TRAIN_PREFIX], [backtestForm, BACKTEST_PREFIX]] as const).filter(([, prefix]) => fromUrl.includes(nameOf(prefix, 'recipe')));
for (const [f, prefix] of recipes) setRecipe(f, prefix, (f.elements.namedItem(nameOf(prefix, 'recipe')) as HTMLSelectElement).value as RecipeName);
if (recipes.length) applyUrlSettings([form, backtestForm], location.search);
initOnnxPanel();
startWorker();
chart = lossChart(lossEl);
loadBundledCsv().then((csv) => useData(csv, 'samsung_005930.csv (bundled)', null), (err: unknown) => showError(`could not load the bundled data: ${String(err)}`));
