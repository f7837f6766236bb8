import { DataError } from '@rnnkit/datasets';
import { readSignature } from '@rnnkit/onnx';
import { readInputJson } from '../input-json.js';
import { readModelFile } from '../model-file.js';
import { RUNTIMES, RuntimeRefusal, runOn, type HostTensor, type RuntimeName } from '../onnx-runtimes.js';
import { parseFlags } from '../parse-flags.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';

export const RUN_HELP = `Usage: rnnkit run --model <file.onnx> --input <in.json> [--runtime <name>] [--json]

Runs any ONNX model on the inputs in a JSON file and prints its outputs. The default runtime is
rnnkit's reference evaluator: plain TypeScript in float64, for graphs of RNN, LSTM and GRU (every
attribute of the spec) and the ops exporters put around them, opsets 7 to 22.

  --model <file.onnx>  the ONNX file (required)
  --input <in.json>    input name → {"dims": [..], "data": [..], "type": "float32"} (required);
                       type is the input's declared type by default: float32, float64, int32
                       (sequence_lens), int64 or bool
  --runtime <name>     reference (default), onnxruntime-node or onnxruntime-web (its wasm
                       backend, run in Node)
  --json               print {"outputs": {name: {"dims", "data"}}} and nothing else
  -h, --help           show this help

Example: rnnkit run --model model.onnx --input in.json --runtime onnxruntime-web`;

/** `rnnkit run`: returns the exit code. */
export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    model: { type: 'string' },
    input: { type: 'string' },
    runtime: { type: 'string', default: 'reference' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${RUN_HELP}\n`);
    return 0;
  }
  if (!values.model) throw new UsageError('--model <file.onnx> is required');
  if (!values.input) throw new UsageError('--input <in.json> is required (input name → {"dims": [..], "data": [..]})');
  const runtime = values.runtime as RuntimeName;
  if (!RUNTIMES.includes(runtime)) throw new UsageError(`--runtime must be one of ${RUNTIMES.join(', ')}, not "${values.runtime}"`);

  const bytes = await readModelFile(values.model);
  const signature = named(values.model, () => readSignature(bytes));
  const feeds = await readInputJson(values.input, signature.inputs);
  let result;
  try {
    result = await runOn(runtime, values.model, bytes, feeds);
  } catch (err) {
    if (err instanceof RuntimeRefusal) throw new DataError(values.model, undefined, `${runtime} cannot run it: ${err.message}`, runtime === 'reference' ? 'try --runtime onnxruntime-node' : 'try --runtime reference');
    throw err;
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

/** Runs `read`, turning an OnnxError into a DataError naming the file. */
function named<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if ((err as Error).name !== 'OnnxError') throw err;
    throw new DataError(path, undefined, (err as Error).message, 'pass an ONNX model file');
  }
}
