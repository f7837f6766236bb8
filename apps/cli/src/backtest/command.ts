import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backtest, BacktestStopped, describeModel, inputCount, MAPE_NOTE, mapeUnreliable, rangeGuidance, seriesColumns, seriesOf, rowsInRange, type BacktestSpec } from '@rnnkit/forecast';
import { useBackend } from '@rnnkit/tensor';
import { DataError } from '@rnnkit/datasets';
import { writeRunFolder } from '../atomic-write.js';
import { ProgressBar } from '../charts/progress-bar.js';
import { defaultOutDir } from '../default-out-dir.js';
import { loadPriceTable } from '../train/load-data.js';
import { skippedRowLines } from '../skipped-rows.js';
import { UsageError } from '../usage-error.js';
import { BACKTEST_HELP, givenBacktestFlags, parseBacktestArgs, type BacktestConfig } from './backtest-config.js';
import { adoptInitSettings } from './init-settings.js';
import { backtestFiles, backtestJson } from './backtest-files.js';
import { baselineLines, foldLines, pooledLines, verdictLines } from './backtest-report.js';
import { plural } from '../plural.js';
import { readBacktestInit } from './backtest-init.js';
import { onInterrupt } from '../signals.js';
import { inputSpec, trainingSpec } from '../run-flags.js';
import { printHelp } from '../print-help.js';

/** The forecasting core's spec for a parsed command line. */
export function backtestSpec(config: BacktestConfig, rows?: BacktestSpec['rows']): BacktestSpec {
  return {
    seqLength: config.seqLen, horizon: config.horizon, scaler: config.scaler, targetTransform: config.targetTransform, ...inputSpec(config),
    folds: config.folds, testSize: config.testSize, window: config.window, ...(config.trainSize === null ? {} : { trainSize: config.trainSize }),
    ...(config.interval === null ? {} : { interval: config.interval }), ...(rows ? { rows } : {}),
    model: { cell: config.cell, hidden: config.hidden, layers: config.layers, seed: config.seed },
    training: trainingSpec(config),
  };
}

/** `rnnkit backtest`: returns the exit code. */
export async function backtestCommand(args: string[]): Promise<number> {
  const config = parseBacktestArgs(args);
  if (!config) return printHelp(BACKTEST_HELP);
  const say = (line: string) => !config.json && process.stdout.write(`${line}\n`);
  config.out ??= defaultOutDir('backtest-');
  const outDir = resolve(config.out);
  if (!config.overwrite && (await readdir(outDir).then((f) => f.length > 0, () => false))) {
    throw new UsageError(`${config.out} already exists and is not empty; choose another --out or pass --overwrite`);
  }
  await useBackend(config.backend);
  // --init: a given model, read with the settings it was trained with (unless flags say otherwise), its
  // shape replacing --cell/--hidden/--layers (an ONNX file's), maybe its own scaler.
  const adopted = await adoptInitSettings(config, givenBacktestFlags(args));
  const given = config.init === null ? null : await readBacktestInit(config.init, config);
  if (given?.shape) Object.assign(config, { cell: given.shape.cell, hidden: given.shape.hidden, layers: given.shape.layers });
  const { source, table } = await loadPriceTable(config.data, seriesColumns(config.features, config.target), config.missing);
  const series = seriesOf(table, config.features, config.target);
  const rows = config.range ? rowsInRange(series, config.range) : undefined;
  if (rows && rows.end <= rows.start) throw new DataError(source, undefined, `--range ${config.range!.from}:${config.range!.to} holds no rows (the data covers ${series.dates[0]}..${series.dates.at(-1)})`, 'choose dates inside the data');
  const spec = backtestSpec(config, rows);
  if (given) {
    spec.init = given.init;
    spec.model = { ...spec.model, ...given.shape };
    if (given.encodingFor) spec.encoding = given.encodingFor(series);
  }

  const showProgress = !config.json && !config.quiet;
  const span = rows ?? { start: 0, end: series.dates.length };
  say(`data     ${source}: ${span.end - span.start} rows ${series.dates[span.start]}..${series.dates[span.end - 1]}`);
  say(`         ${config.seqLen} days of ${config.features.join(',')} (${config.inputTransform}${config.calendar.length ? ` + ${config.calendar.join(',')} of the target day` : ''}) → ${config.target} ${config.horizon === 1 ? 'next day' : `1..${config.horizon} days ahead`}, target ${config.targetTransform}, ${config.scaler} scaling per fold, recipe ${config.recipe}`);
  say(`folds    ${config.folds} × ${config.testSize} days, ${config.window} window${config.trainSize ? ` of ${config.trainSize} rows` : ''}${config.interval ? `, ${config.interval} conformal intervals` : ''}`);
  say(`model    ${describeModel(config, inputCount(config.features.length, config), config.horizon)}, seed ${config.seed}, ${config.validation > 0 ? `at most ${plural(config.epochs, 'epoch')}, early stopping on the last ${Math.round(config.validation * 100)}% of each fold's training windows${config.patience === null ? '' : ` (patience ${config.patience})`}` : plural(config.epochs, 'epoch')} ${config.optimizer} lr ${config.lr}`);
  if (adopted?.adopted.length) say(`init     ${adopted.adopted.join(' ')}: taken from ${adopted.from}`);
  if (given) say(`init     ${config.init}: ${given.scaler === 'file' ? `the file's own ${spec.encoding!.scaler.kind} scaler in every fold` : "each fold's fitted scaler"}${config.epochs === 0 ? ', evaluated as given (0 epochs)' : ''}`);
  skippedRowLines(table.skipped).forEach(say);
  const totalEpochs = Math.max(1, config.folds * config.epochs);
  const bar = new ProgressBar(process.stderr, totalEpochs, { label: 'epochs' });
  let signal: string | null = null;
  const stopListening = onInterrupt((name) => void (signal = name));
  let result;
  try {
    result = await backtest(series, spec, {
      shouldStop: () => signal !== null,
      onEpoch: async (fold, info) => {
        if (showProgress) bar.update((fold - 1) * config.epochs + info.epoch, `fold ${fold}/${config.folds} · loss ${info.loss.toFixed(6)}`);
        await new Promise(setImmediate); // lets signals and output through
      },
    });
  } catch (err) {
    if (err instanceof BacktestStopped) {
      process.stderr.write(`\nrnnkit backtest: ${signal} during fold ${err.fold} of ${config.folds}; nothing written\n`);
      return 130;
    }
    throw err;
  } finally {
    stopListening();
  }
  if (showProgress) bar.finish();
  const initRecord = given ? { file: config.init!, scaler: given.scaler } : undefined;
  await writeRunFolder(outDir, backtestFiles(config, source, result, initRecord));
  if (config.json) {
    process.stdout.write(`${JSON.stringify(backtestJson(config, source, result, initRecord))}\n`);
    return 0;
  }
  say('');
  const mape = !mapeUnreliable(result.forecasts.map((f) => f.actual));
  say('Per fold, horizon 1');
  foldLines(result, mape).forEach(say);
  say('');
  say(`Pooled over ${plural(config.folds, 'fold')} (MASE against the mean of the folds' in-sample naive MAE)`);
  pooledLines(result, config.interval, mape).forEach(say);
  if (!mape) say(`note: ${MAPE_NOTE}`);
  const range = config.targetTransform === 'none' && config.scaler !== 'none' ? rangeGuidance(config.target, result.folds.map((f) => f.rangeExcursion), 'test block') : null;
  if (range) say(`note: ${range}`);
  say('');
  say('Baselines, pooled (skill = 1 − RMSE / naive RMSE; DM and p against naive)');
  baselineLines(result).forEach(say);
  say('');
  verdictLines(result).forEach(say);
  say(`${(result.ms / 1000).toFixed(1)} s · output folder ${config.out}`);
  return 0;
}
