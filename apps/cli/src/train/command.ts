import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { useBackend } from '@rnnkit/tensor';
import { ProgressBar } from '../charts/progress-bar.js';
import { writeRunFolder } from '../atomic-write.js';
import { loadForecastData } from './load-data.js';
import { chartLines, headerLines, resultLines } from './report.js';
import { runFiles } from './run-files.js';
import { parseTrainArgs, TRAIN_HELP, type TrainConfig } from './train-config.js';
import { trainRun } from './train-run.js';

/** `rnnkit train`: returns the exit code. */
export async function trainCommand(args: string[]): Promise<number> {
  const config = parseTrainArgs(args);
  if (!config) {
    process.stdout.write(`${TRAIN_HELP}\n`);
    return 0;
  }
  const say = (line: string) => !config.json && process.stdout.write(`${line}\n`);
  await useBackend(config.backend);
  const { source, data } = await loadForecastData(config);
  config.out ??= defaultRunDir();
  const outDir = resolve(config.out);

  const bar = new ProgressBar(process.stderr, config.epochs, { label: 'epochs' });
  const showProgress = !config.json && !config.quiet;
  if (showProgress) headerLines(config, source, data, parametersOf(config)).forEach(say);
  const result = await trainRun(config, data, async ({ epoch, loss }) => {
    if (showProgress) bar.update(epoch, `loss ${loss.toFixed(6)}`);
    if (epoch % 25 === 0) await new Promise(setImmediate); // let signals and output through
  });
  if (showProgress) bar.finish();

  await writeRunFolder(outDir, runFiles(config, source, data, result));
  if (config.json) {
    const { model: _m, predicted: _p, ...summary } = result;
    process.stdout.write(`${JSON.stringify({ runDir: outDir, epochs: result.trainLoss.length, finalLoss: result.trainLoss.at(-1), ...summary })}\n`);
  } else {
    if (!config.quiet) say(`\n${chartLines(data, result, process.stdout.isTTY === true)}\n`);
    resultLines(result, config.target, config.out).forEach(say);
  }
  result.model.dispose();
  return 0;
}

/** Parameter count: per layer G·H·(in + H) weights (+ 2·G·H biases for lstm/gru), then the head. */
function parametersOf(config: TrainConfig): number {
  const { features, hidden: h, layers, cell } = config;
  const g = { rnn: 1, lstm: 4, gru: 3 }[cell];
  let total = h + 1;
  for (let k = 0; k < layers; k++) total += g * h * ((k === 0 ? features.length : h) + h) + (cell === 'rnn' ? 0 : 2 * g * h);
  return total;
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
