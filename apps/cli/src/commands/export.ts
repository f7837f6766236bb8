import { scalerFromJSON } from '@rnnkit/datasets';
import { onnxMetadata } from '@rnnkit/forecast';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { exportOnnx } from '@rnnkit/onnx';
import { useBackend } from '@rnnkit/tensor';
import { writeFileAtomic } from '../atomic-write.js';
import { oneOf, positiveInt } from '../flags.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable } from '../flag-table.js';
import { modelFromRun, readRunFolder } from '../run-folder.js';
import { recordedSettings } from '../train/train-config.js';
import { UsageError } from '../usage-error.js';
import { printHelp } from '../print-help.js';

/** `rnnkit export`'s flags: parsing, defaults and --help come from this table. */
const EXPORT_FLAGS = {
  run: { value: '<dir>', help: 'a run folder written by rnnkit train (required)' },
  out: { value: '<file.onnx>', help: 'the file to write (required)' },
  opset: { value: '<n>', default: '14', help: 'ONNX opset, 14 to 22 (default {default})' },
  'with-scaler': { help: 'put the scaling into the graph: raw prices in, a price out (runs with an input\ntransform, calendar covariates or a diff/logret target: inputs "prices"\n[batch, rows, columns] and "calendar" [batch, covariates], see rnnkit.rawInput)' },
  style: { value: '<op|unrolled>', default: 'op', help: "ONNX's RNN, LSTM or GRU op (default), or unrolled: MatMul/Add/Tanh per step\n(and Sigmoid/Mul/Sub for LSTM and GRU), for runtimes without the recurrent ops" },
  state: {
    help: 'streaming: inputs "initial_h" (and "initial_c" for LSTM) and outputs "Y_h"\n("Y_c"), each [layers, batch, hidden], so a server can feed a day at a time\nand pass Y_h back as the next initial_h (zeros to start); needs --style op',
  },
  ...HELP_FLAG,
} as const satisfies FlagTable;

export const EXPORT_HELP = `Usage: rnnkit export --run <dir> --out <file.onnx> [options]

Writes a trained run as an ONNX model: input "input" [seq, batch, features] (time-major),
output "output" [batch, horizon] (one column per day ahead: [batch, 1] for a run trained with the
default --horizon 1); features, target, window length, scaler and config in its metadata.

${flagHelp(EXPORT_FLAGS, 21)}`;

/** `rnnkit export`: returns the exit code. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseTable(args, EXPORT_FLAGS);
  if (values.help) return printHelp(EXPORT_HELP);
  if (!values.run || !values.out) throw new UsageError('--run <dir> and --out <file.onnx> are required');
  const opset = positiveInt('--opset', values.opset);
  if (opset < 14 || opset > 22) throw new UsageError(`--opset must be between 14 and 22, got ${opset}`);
  const style = oneOf('--style', values.style, ['op', 'unrolled'] as const);
  if (values.state && style !== 'op') throw new UsageError('--state needs --style op: the unrolled graph always reads the whole window from a zero state');
  await useBackend();
  const run = await readRunFolder(values.run);
  const model = modelFromRun(run);
  const bytes = exportOnnx(model, { opset, style, state: values.state, withScaler: values['with-scaler'], metadata: onnxMetadata(recordedSettings(run.config), { scaler: scalerFromJSON(run.scaler), targetScale: run.targetScale, ...(run.inputScaler ? { inputScaler: scalerFromJSON(run.inputScaler) } : {}) }, run.config.trainingData) });
  const stateNote = values.state ? `, state initial_h → Y_h${model.cell === 'lstm' ? ', initial_c → Y_c' : ''}` : '';
  model.dispose();
  await mkdir(dirname(resolve(values.out)), { recursive: true }); // as train --out makes its folders
  await writeFileAtomic(resolve(values.out), bytes);
  process.stdout.write(`wrote ${values.out} (${bytes.length} bytes, ${style} style, opset ${opset}${values['with-scaler'] ? ', raw prices in, price out' : ''}${stateNote})\n`);
  return 0;
}
