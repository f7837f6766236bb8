import { formatInspection } from '@rnnkit/onnx';
import { inspectModelFile, readModelFile } from '../model-file.js';
import { loadsOn } from '../onnx-runtimes.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';
import { printHelp } from '../print-help.js';

export const INSPECT_HELP = `Usage: rnnkit inspect <file.onnx> [--json]

Shows an ONNX file: IR and opset versions, producer, inputs and outputs with their dims,
the nodes, the initializer shapes, the metadata, its model-local functions, its control-flow
nodes (If, Loop, Scan, at any depth) with their subgraphs' sizes, which runtimes load it
(reference, onnxruntime-node, onnxruntime-web: a session created, nothing run), and portability
warnings: layout=1 (refused by onnxruntime), GRU linear_before_reset=0 (PyTorch computes 1),
sequence_lens, LSTM (no kernel in onnxruntime-web's WebGL backend), loops without a trip count or
past the reference evaluator's step budget, opsets newer than a reader takes.

  --json       print the same as one JSON document
  -h, --help   show this help`;

/** `rnnkit inspect`: returns the exit code. */
export async function inspectCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, 1);
  if (values.help) return printHelp(INSPECT_HELP);
  const file = positionals[0];
  if (!file) throw new UsageError('name the ONNX file to inspect');
  const bytes = await readModelFile(file);
  const info = inspectModelFile(file, bytes);
  // onnxruntime loads the file in a child process (a native crash or hang stays there).
  for (const runtime of ['onnxruntime-node', 'onnxruntime-web'] as const) info.runtimes.push(await loadsOn(runtime, file, bytes));
  process.stdout.write(values.json ? `${JSON.stringify(info)}\n` : `${file}\n${formatInspection(info)}\n`);
  return 0;
}
