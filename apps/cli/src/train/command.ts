import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { DivergenceError } from '@rnnkit/layers';
import { useBackend } from '@rnnkit/tensor';
import { ProgressBar } from '../charts/progress-bar.js';
import { writeRunFolder } from '../atomic-write.js';
import { loadRunData } from './load-data.js';
import { chartLines, headerLines, rangeLines, resultLines } from './report.js';
import { RUN_FILE_NAMES, runFiles } from './run-files.js';
import { parseTrainArgs, TRAIN_HELP, type TrainConfig } from './train-config.js';
import { trainRun } from './train-run.js';
import { withMse } from '@rnnkit/forecast';
import { isOnnxInit, onnxInit } from './onnx-init.js';
import { CHECKPOINT_FILE, readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { UsageError } from '../usage-error.js';
import { LEGACY_DEFAULTS, modelOfConfig } from '../run-folder.js';
import { refuseUsedOutDir } from '../out-folder.js';
import { skippedRowLines } from '../skipped-rows.js';
import { onInterrupt } from '../signals.js';
import { printHelp } from '../print-help.js';

/** `rnnkit train`: returns the exit code. */
export async function trainCommand(args: string[]): Promise<number> {
  const parsed = parseTrainArgs(args);
  if (!parsed) return printHelp(TRAIN_HELP);
  // --resume: the checkpoint's settings, with this invocation's output choices.
  const resume = parsed.resume ? await readCheckpoint(parsed.resume) : undefined;
  const config: TrainConfig = resume ? { ...LEGACY_DEFAULTS, ...resume.config, out: parsed.resume, resume: parsed.resume, json: parsed.json, quiet: parsed.quiet, overwrite: false } : parsed;
  const say = (line: string) => !config.json && process.stdout.write(`${line}\n`);
  if (!resume && config.out !== null) await refuseUsedOutDir(config.out, config.overwrite);
  await useBackend(config.backend);
  // An ONNX --init file brings its model's shape (cell, hidden, layers, direction, activation).
  if (!resume && config.init && isOnnxInit(config.init)) Object.assign(config, (await onnxInit(config.init)).shape);
  const loaded = await loadRunData(config);
  config.trainingData = loaded.trainingData;
  config.out ??= defaultRunDir();
  const outDir = resolve(config.out);
  if (resume && resume.epoch >= config.epochs) throw new UsageError(`${config.out} already finished its ${config.epochs} epochs; nothing to resume`);

  const bar = new ProgressBar(process.stderr, config.epochs, { label: 'epochs' });
  const showProgress = !config.json && !config.quiet;
  if (showProgress) headerLines(config, loaded, parametersOf(config)).forEach(say);
  skippedRowLines(loaded.skipped).forEach(say);
  if (resume) say(`resuming at epoch ${resume.epoch + 1} of ${config.epochs} from ${config.out}`);
  // Ctrl-C or SIGTERM: finish the current epoch, write a checkpoint, exit 130.
  let signal: string | null = null;
  // Kept to the end: a signal during the writes below must not cut them short (see signals.ts).
  onInterrupt((name) => void (signal = name));
  let result;
  let lastCheckpoint = resume?.epoch ?? 0;
  try {
    result = await trainRun(config, loaded.series, loaded.prepared, {
      resume,
      checkpointEvery: config.checkpointEvery,
      shouldStop: () => signal !== null,
      onCheckpoint: async (state) => {
        await writeCheckpoint(outDir, { version: 1, config, ...state });
        lastCheckpoint = state.epoch;
      },
      onEpoch: async ({ epoch, loss }) => {
        if (showProgress) bar.update(epoch, `loss ${loss.toFixed(6)}`);
        await new Promise(setImmediate); // lets signals and output through
      },
    });
  } catch (err) {
    // Divergence: say where the last good state is.
    if (err instanceof DivergenceError && lastCheckpoint > 0) err.message += `; the last good checkpoint (epoch ${lastCheckpoint}) is in ${config.out}`;
    throw err;
  }
  if (showProgress) bar.finish();
  if (result.interrupted) {
    result.model.dispose();
    const epoch = result.trainLoss.length;
    process.stderr.write(`rnnkit train: ${signal} at epoch ${epoch} of ${config.epochs}: checkpoint written to ${config.out}; continue with rnnkit train --resume ${config.out}\n`);
    if (config.json) process.stdout.write(`${JSON.stringify({ runDir: outDir, interrupted: true, epochs: epoch })}\n`);
    return 130;
  }

  // Training is over: a signal from here on must not cut the writes or the report short, and the
  // finished run is kept rather than thrown away.
  const files = runFiles(config, loaded, result);
  await writeRunFolder(outDir, files);
  // The run is complete: nothing to resume, and no file of an overwritten run stays beside it.
  for (const name of [CHECKPOINT_FILE, ...RUN_FILE_NAMES.filter((n) => !(n in files))]) await rm(join(outDir, name), { force: true });
  if (signal) process.stderr.write(`rnnkit train: ${signal} after the last epoch: the finished run was written to ${config.out}\n`);
  if (config.json) {
    const { model: _m, forecasts: _f, horizons, ...summary } = result;
    const h1 = horizons[0]!;
    process.stdout.write(`${JSON.stringify({ runDir: outDir, epochs: result.trainLoss.length, finalLoss: result.trainLoss.at(-1) ?? null, skippedRows: loaded.skipped, ...summary, test: withMse(h1.model), baseline: withMse(h1.naive), skill: h1.skill, horizons })}\n`);
  } else {
    if (!config.quiet) say(`\n${chartLines(config, result, process.stdout.isTTY === true)}\n`);
    resultLines(result, config.target, config.out, rangeLines(config, loaded)).forEach(say);
  }
  result.model.dispose();
  return 0;
}

/** The number of trainable values of the config's model, as Module.parameters() lists them. */
function parametersOf(config: TrainConfig): number {
  const model = modelOfConfig(config);
  const count = model.parameters().reduce((sum, p) => sum + p.size, 0);
  model.dispose();
  return count;
}

/** runs/<local timestamp>, with a suffix if two runs start in the same second. */
function defaultRunDir(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
  let dir = `runs/${stamp}`;
  for (let i = 2; existsSync(dir); i++) dir = `runs/${stamp}-${i}`;
  return dir;
}
