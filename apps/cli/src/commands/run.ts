import { DataError } from '@rnnkit/datasets';
import { MAX_LOOP_STEPS, readSignature, type RnnkitMetadata } from '@rnnkit/onnx';
import { readInputJson } from '../input-json.js';
import { metadataOf, readModelFile } from '../model-file.js';
import { DEFAULT_TIMEOUT_S, RUNTIMES, RuntimeRefusal, runOn, type HostTensor, type RunLimits, type RuntimeName } from '../onnx-runtimes.js';
import { adviceAfterRefusal } from '../runtime-advice.js';
import { stateInputNames, withZeroStates } from '../state-inputs.js';
import { parseFlags } from '../parse-flags.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { printHelp } from '../print-help.js';

export const RUN_HELP = `Usage: rnnkit run --model <file.onnx> --input <in.json> [--runtime <name>] [--json]
                  [--max-steps <n>] [--timeout <s>]

Runs any ONNX model on the inputs in a JSON file and prints its outputs. The default runtime is
rnnkit's reference evaluator: plain TypeScript in float64, for graphs of RNN, LSTM and GRU (every
attribute of the spec), the ops exporters put around them, Loop, Scan, If, the sequence ops and
model-local functions, opsets 7 to 22. A streaming (--state) export's initial_h / initial_c may be
left out: they start from zeros.

  --model <file.onnx>  the ONNX file (required)
  --input <in.json>    input name → {"dims": [..], "data": [..], "type": "float32"} (required);
                       type is the input's declared type by default: float32, float64, int32
                       (sequence_lens), int64 or bool
  --runtime <name>     reference (default), onnxruntime-node or onnxruntime-web (its wasm
                       backend, run in Node)
  --max-steps <n>      loop iterations the reference evaluator may run in all (default ${MAX_LOOP_STEPS})
  --timeout <s>        seconds the runtime may take; onnxruntime runs in a child process that is
                       stopped then (default ${DEFAULT_TIMEOUT_S})
  --json               print {"outputs": {name: {"dims", "data"}}} and nothing else
  -h, --help           show this help

Example: rnnkit run --model model.onnx --input in.json --runtime onnxruntime-web`;

/** `rnnkit run`: returns the exit code. */
export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    model: { type: 'string' },
    input: { type: 'string' },
    runtime: { type: 'string', default: 'reference' },
    ...MODEL_RUN_FLAGS,
  });
  if (values.help) return printHelp(RUN_HELP);
  if (!values.model) throw new UsageError('--model <file.onnx> is required');
  if (!values.input) throw new UsageError('--input <in.json> is required (input name → {"dims": [..], "data": [..]})');
  const runtime = values.runtime as RuntimeName;
  if (!RUNTIMES.includes(runtime)) throw new UsageError(`--runtime must be one of ${RUNTIMES.join(', ')}, not "${values.runtime}"`);

  const limits = runLimits(values['max-steps'], values.timeout);

  const bytes = await readModelFile(values.model);
  const signature = named(values.model, () => readSignature(bytes));
  const meta = metadataOrNull(values.model, bytes);
  const given = await readInputJson(values.input, signature.inputs, stateInputNames(meta));
  const feeds = withZeroStates(values.model, signature.inputs, given, meta);
  let result;
  try {
    result = await runOn(runtime, values.model, bytes, feeds, limits);
  } catch (err) {
    if (!(err instanceof RuntimeRefusal)) throw err;
    // Only advice that was tried: the other runtimes run on the same inputs.
    const { fix, others } = await adviceAfterRefusal(runtime, err.message, values.model, bytes, feeds, limits);
    throw new DataError(values.model, undefined, `${runtime} cannot run it: ${err.message}${others.length && !fix.includes('runs it') ? `; nor can ${others.join('; ')}` : ''}`, fix);
  }
  if (values.json) {
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, { dims: t.dims, data: Array.from(t.data) }]));
    process.stdout.write(`${JSON.stringify({ outputs })}\n`);
    return 0;
  }
  process.stdout.write(`${values.model} in ${result.version}\n${formatOutputs(result.outputs).join('\n')}\n`);
  return 0;
}

/** A short table: output name, type, dims, first values, min and max. */
export function formatOutputs(outputs: Record<string, HostTensor>): string[] {
  const fmt = (v: number) => (Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : v.toPrecision(6));
  const rows = Object.entries(outputs).map(([name, t]) => {
    const data = Array.from(t.data);
    const first = data.slice(0, 4).map(fmt).join(' ') + (data.length > 4 ? ' …' : '');
    const min = data.length ? fmt(data.reduce((a, b) => Math.min(a, b))) : '–', max = data.length ? fmt(data.reduce((a, b) => Math.max(a, b))) : '–';
    return [name, t.dtype, `[${t.dims.join(', ')}]`, first, min, max];
  });
  return textTable([['output', 'type', 'dims', 'first values', 'min', 'max'], ...rows]);
}

/** The file's rnnkit metadata, or null when it has none or it cannot be read (any ONNX file runs). */
export function metadataOrNull(path: string, bytes: Uint8Array): RnnkitMetadata | null {
  try {
    return metadataOf(path, bytes);
  } catch {
    return null;
  }
}

/** The flags --max-steps and --timeout of rnnkit run and verify, read by {@link runLimits}. */
const RUN_LIMIT_FLAGS = {
  'max-steps': { type: 'string', default: String(MAX_LOOP_STEPS) },
  timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_S) },
} as const;

/** The flags `run` and `verify` (without --run) share: the limits, --json and --help. */
export const MODEL_RUN_FLAGS = {
  ...RUN_LIMIT_FLAGS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** --max-steps and --timeout, checked: positive integers / seconds. */
export function runLimits(maxSteps: string, timeout: string): RunLimits {
  const steps = Number(maxSteps), seconds = Number(timeout);
  if (!Number.isSafeInteger(steps) || steps < 1) throw new UsageError(`--max-steps must be a positive integer, not "${maxSteps}"`);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, not "${timeout}"`);
  return { maxSteps: steps, timeoutS: seconds };
}

/** Runs `read`, turning an OnnxError into a DataError naming the file. */
function named<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if ((err as Error).name !== 'OnnxError') throw err;
    throw new DataError(path, undefined, (err as Error).message, 'pass an ONNX model file');
  }
}
