import { scalerAffines } from '@rnnkit/onnx';
import { verifyOnnx } from '@rnnkit/onnx/node';
import { Rng, useBackend } from '@rnnkit/tensor';
import { importModelFile, readModelFile } from '../model-file.js';
import { parseFlags } from '../parse-flags.js';
import { modelFromRun, readRunFolder } from '../run-folder.js';
import { loadRunData } from '../train/load-data.js';
import { UsageError } from '../usage-error.js';
import { VERIFY_ANY_HELP, verifyAnyCommand } from './verify-any.js';

export const VERIFY_HELP = `Usage: rnnkit verify --model <file.onnx> [--run <dir>] [--json]

With --run: runs the model in onnxruntime-node and the run's test windows through rnnkit, and
reports the largest absolute and relative differences. Exit code 1 when the max abs error exceeds
1e-5 (for a model with its scaler inside, measured in scaled units: price error × the target's scale).

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
  if (values.help) {
    process.stdout.write(`${VERIFY_HELP}\n`);
    return 0;
  }
  if (!values.model) throw new UsageError('--model <file.onnx> is required');
  await useBackend();
  const bytes = await readModelFile(values.model);
  const imported = importModelFile(values.model, bytes);
  const meta = imported.metadata;
  const withScaler = meta?.withScaler === true && meta.scaler !== null;
  const run = values.run ? await readRunFolder(values.run) : null;
  const model = run ? modelFromRun(run) : imported.model;
  const F = model.config.inputSize;

  // Inputs: the run's test windows, or seeded uniform values in scaled units.
  let scaled: Float32Array, raw: Float32Array | null = null, seq: number, batch: number, source: string;
  let toPrice = (v: Float32Array): ArrayLike<number> => v;
  let targetScale = 1;
  if (run) {
    const { prepared, series } = await loadRunData({ ...run.config, json: true, quiet: true });
    ({ x: scaled, rawX: raw, n: batch } = prepared.test);
    seq = run.config.seqLen;
    toPrice = (v) => prepared.encoding.scaler.inverseColumn(Array.from(v), series.targetCol);
    source = `${batch} test windows of ${values.run}`;
  } else {
    const time = imported.layout === 'time-major' ? 0 : 1;
    seq = imported.inputDims[time] ?? meta?.seqLength ?? 4;
    batch = imported.inputDims[1 - time] ?? 16;
    const rng = new Rng(0);
    scaled = Float32Array.from({ length: seq * batch * F }, () => rng.next());
    source = `${batch} seeded random windows of ${seq} steps`;
  }
  if (withScaler) {
    const { features: maps, target: t } = scalerAffines(meta!.scaler!, meta!.features, meta!.target);
    raw ??= Float32Array.from(scaled, (v, i) => (v - maps[i % F]!.offset) / maps[i % F]!.scale);
    if (!run) toPrice = (v) => Array.from(v, (y) => (y - t.offset) / t.scale);
    targetScale = Math.abs(t.scale);
  }
  const reference = withScaler ? toPrice(model.predict(scaled, batch)) : model.predict(scaled, batch);
  const input = withScaler ? raw! : scaled;
  const ortInput = imported.layout === 'batch-major' ? transpose01(input, seq, batch, F) : input;
  const dims = imported.layout === 'batch-major' ? [batch, seq, F] : [seq, batch, F];
  const report = await verifyOnnx(bytes, ortInput, dims, reference);
  model.dispose();
  if (run) imported.model.dispose();

  const measured = report.maxAbs * targetScale;
  const ok = measured <= TOLERANCE;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ model: values.model, run: values.run ?? null, inputs: source, ...report, withScaler, maxAbsScaled: withScaler ? measured : report.maxAbs, tolerance: TOLERANCE, ok })}\n`);
  } else {
    const units = withScaler ? ` (price units; ${measured.toExponential(2)} in scaled units)` : '';
    process.stdout.write(
      `${values.model} in ${report.runtime} vs rnnkit ${values.run ? `(weights of ${values.run})` : '(imported from the file)'} on ${source}\n` +
        `max abs error ${report.maxAbs.toExponential(2)}${units}, max rel error ${report.maxRel.toExponential(2)}: ` +
        `${ok ? 'OK' : 'FAILED'} (tolerance ${TOLERANCE})\n`,
    );
  }
  return ok ? 0 : 1;
}

/** [a, b, f] → [b, a, f]. */
function transpose01(x: Float32Array, a: number, b: number, f: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) for (let k = 0; k < f; k++) out[(j * a + i) * f + k] = x[(i * b + j) * f + k]!;
  return out;
}
