import { DataError } from '@rnnkit/datasets';
import { decodeOutputs, describeModel, priceWindowsAt } from '@rnnkit/forecast';
import { verifyOnnx } from '@rnnkit/onnx/node';
import { useBackend } from '@rnnkit/tensor';
import { metadataOf, readModelFile } from '../model-file.js';
import type { TrainConfig } from '../train/train-config.js';
import { parseFlags } from '../parse-flags.js';
import { modelFromRun, readRunFolder } from '../run-folder.js';
import { loadRunData } from '../train/load-data.js';
import { priceFeeds } from '../predict/model-inputs.js';
import { UsageError } from '../usage-error.js';
import { VERIFY_ANY_HELP, verifyAnyCommand } from './verify-any.js';
import { printHelp } from '../print-help.js';

export const VERIFY_HELP = `Usage: rnnkit verify --model <file.onnx> [--run <dir>] [--json]

With --run: runs the model in onnxruntime-node and the run's test windows through rnnkit, and
reports the largest absolute and relative differences. Exit code 1 when the max abs error exceeds
1e-5 (for a model with its scaler inside, measured in scaled units: price error × the target's scale).
A raw-price graph (a with-scaler file of a run with derived inputs or a diff/logret target) gets the
test windows' raw rows and is compared with the run's decoded forecasts, the prices of predictions.csv;
its error is measured relative to the largest forecast (its output is a float32 price).

  --model <file.onnx>  the ONNX file (required)
  --run <dir>          compare with this run's weights on its test windows
  --json               print one JSON summary
  -h, --help           show this help

${VERIFY_ANY_HELP}`;

const TOLERANCE = 1e-5;

/** `rnnkit verify`: returns the exit code. */
export async function verifyCommand(args: string[]): Promise<number> {
  // Without --run, any ONNX file is compared across runtimes (verify-any.ts).
  if (!args.some((a) => a === '--run' || a.startsWith('--run=') || a === '-h' || a === '--help')) return verifyAnyCommand(args);
  const { values } = parseFlags(args, { model: { type: 'string' }, run: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return printHelp(VERIFY_HELP);
  if (!values.model) throw new UsageError('--model <file.onnx> is required');
  if (!values.run) throw new UsageError('--run <dir> needs a run folder; without --run, verify compares runtimes');
  await useBackend();
  const bytes = await readModelFile(values.model);
  const meta = metadataOf(values.model, bytes);
  if (!meta) throw new DataError(values.model, undefined, 'has no rnnkit metadata, so it cannot be matched with a run', 'drop --run to compare it across runtimes');
  const run = await readRunFolder(values.run);
  // The file must be the run's model: comparing other shapes would report a meaningless error.
  const fileShape = shapeOf(meta.config as Partial<TrainConfig> | undefined, meta.cell, meta.features.length);
  const runShape = shapeOf(run.config, run.config.cell, run.config.features.length);
  if (fileShape !== runShape) throw new DataError(values.model, undefined, `is ${fileShape} but run ${values.run} is ${runShape}`, 'verify a model exported from this run, or pass its own run folder');
  // Prices out: the plain with-scaler graph, or a raw-price graph (rnnkit.rawInput, also without a scaler).
  const withScaler = meta.withScaler && (meta.scaler !== null || meta.rawInput !== undefined);
  const model = modelFromRun(run);
  const F = model.config.inputSize;

  // Inputs: the run's test windows (time-major, as rnnkit exports them).
  const { prepared, series } = await loadRunData({ ...run.config, json: true, quiet: true });
  const { x: scaled, rawX: raw, n: batch } = prepared.test;
  const seq = run.config.seqLen;
  const source = `${batch} test windows of ${values.run}`;
  let targetScale = withScaler && meta.scaler ? Math.abs(prepared.encoding.scaler.affine(series.targetCol).scale) : 1;
  const outputs = model.predict(scaled, batch);
  model.dispose();
  let report;
  if (meta.rawInput) {
    // A raw-price graph: the test windows' raw rows in, rnnkit's decoded forecasts (predictions.csv's) as the reference.
    const spec = { seqLength: seq, horizon: run.config.horizon ?? 1, scaler: run.config.scaler, targetTransform: run.config.targetTransform ?? 'none' };
    const reference = decodeOutputs(series, prepared.encoding, spec, prepared.test.origins, outputs).flat();
    report = await verifyOnnx(bytes, priceFeeds(meta.rawInput, priceWindowsAt(series, prepared.encoding, prepared.test.origins, seq)), reference);
    // Its output is a float32 price, exact to about 6e-8 of the price whatever the learned units are, so
    // the error is measured against the largest forecast (on a price near 100 a scaled-unit measure read
    // 2 float32 steps of the price as a failure).
    targetScale = 1 / Math.max(...reference.map(Math.abs));
  } else {
    const reference = withScaler ? prepared.encoding.scaler.inverseColumn(Array.from(outputs), series.targetCol) : outputs;
    report = await verifyOnnx(bytes, withScaler ? raw : scaled, [seq, batch, F], reference);
  }

  const measured = report.maxAbs * targetScale;
  const ok = measured <= TOLERANCE;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ model: values.model, run: values.run ?? null, inputs: source, ...report, withScaler, maxAbsScaled: withScaler ? measured : report.maxAbs, tolerance: TOLERANCE, ok })}\n`);
  } else {
    const units = withScaler ? ` (price units; ${measured.toExponential(2)} ${meta.rawInput ? 'relative to the largest forecast' : 'in scaled units'})` : '';
    process.stdout.write(
      `${values.model} in ${report.runtime} vs rnnkit (weights of ${values.run}) on ${source}\n` +
        `max abs error ${report.maxAbs.toExponential(2)}${units}, max rel error ${report.maxRel.toExponential(2)}: ` +
        `${ok ? 'OK' : 'FAILED'} (tolerance ${TOLERANCE})\n`,
    );
  }
  return ok ? 0 : 1;
}

/** E.g. "RNN 4→10→1 × 1 layer": cell, features, hidden units, outputs and layers of a recorded config. */
function shapeOf(config: Partial<TrainConfig> | undefined, cell: string | undefined, features: number): string {
  return describeModel({ cell: cell ?? config?.cell ?? 'rnn', hidden: config?.hidden ?? '?', layers: config?.layers ?? 1 }, features, config?.horizon ?? 1);
}
