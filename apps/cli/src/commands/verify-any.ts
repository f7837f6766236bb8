// `rnnkit verify --model F.onnx` without --run: any file, run in several runtimes on the same
// inputs, every output compared between every pair of runtimes that could run it.
import { DataError } from '@rnnkit/datasets';
import { compareValues, MAX_LOOP_STEPS, MAX_TENSOR_BYTES, readSignature, SeededInputError, seededInputs, type ModelSignature } from '@rnnkit/onnx';
import { readInputJson } from '../input-json.js';
import { readModelFile } from '../model-file.js';
import { DEFAULT_TIMEOUT_S, RUNTIMES, RuntimeRefusal, runOn, type HostTensor, type RuntimeName } from '../onnx-runtimes.js';
import { fixForNoRuntime } from '../runtime-advice.js';
import { stateInputNames, withZeroStates } from '../state-inputs.js';
import { metadataOrNull, MODEL_RUN_FLAGS, runLimits } from './run.js';
import { parseFlags } from '../parse-flags.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../usage-error.js';
import { printHelp } from '../print-help.js';

export const VERIFY_ANY_HELP = `Any ONNX file (without --run):
  rnnkit verify --model <file.onnx> [--runtimes <list>] [--dims <name=n,...> | --input <in.json>]
                [--seed <n>] [--atol <x>] [--rtol <x>] [--max-steps <n>] [--timeout <s>] [--json]

Runs the file in each runtime on the same inputs and compares every output between every pair
of runtimes that could run it. Exit 1 when a value differs by more than atol + rtol·|value|,
2 when fewer than two runtimes can run the file. Each runtime has a time limit (onnxruntime runs in
a child process, stopped then), so verify ends by itself on any file.

  --runtimes <list>    comma-separated: reference, onnxruntime-node, onnxruntime-web (default: all)
  --dims <name=n,...>  sizes of the inputs' symbolic dims, e.g. seq=6,batch=3 (default 3 each;
                       the seq dim of an rnnkit export: its metadata's seqLength)
  --input <in.json>    the inputs, as for rnnkit run, instead of seeded uniform values in [-1, 1)
  --seed <n>           seed of the random inputs (default 0)
  --atol <x>           absolute tolerance (default 1e-5)
  --rtol <x>           relative tolerance (default 1e-4)
  --max-steps <n>      loop iterations the reference evaluator may run in all (default ${MAX_LOOP_STEPS})
  --timeout <s>        seconds each runtime may take (default ${DEFAULT_TIMEOUT_S})`;

/** One output compared between two runtimes. */
interface Comparison {
  output: string;
  a: RuntimeName;
  b: RuntimeName;
  maxAbs: number;
  maxRel: number;
  ok: boolean;
  problem?: string;
}

const DEFAULT_DIM = 3;

/** `rnnkit verify` without --run: returns the exit code. */
export async function verifyAnyCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    model: { type: 'string' },
    runtimes: { type: 'string', default: RUNTIMES.join(',') },
    dims: { type: 'string' },
    input: { type: 'string' },
    seed: { type: 'string', default: '0' },
    atol: { type: 'string', default: '1e-5' },
    rtol: { type: 'string', default: '1e-4' },
    ...MODEL_RUN_FLAGS,
  });
  if (values.help) return printHelp(VERIFY_ANY_HELP);
  if (!values.model) throw new UsageError('--model <file.onnx> is required');
  const runtimes = values.runtimes.split(',').map((r) => r.trim()).filter(Boolean) as RuntimeName[];
  const unknown = runtimes.find((r) => !RUNTIMES.includes(r));
  if (unknown !== undefined) throw new UsageError(`--runtimes: "${unknown}" is not one of ${RUNTIMES.join(', ')}`);
  if (runtimes.length < 2) throw new UsageError('--runtimes needs at least two runtimes to compare');
  const atol = number(values.atol, '--atol'), rtol = number(values.rtol, '--rtol'), seed = number(values.seed, '--seed');
  if (values.dims && values.input) throw new UsageError('give --dims or --input, not both');
  const limits = runLimits(values['max-steps'], values.timeout);

  const bytes = await readModelFile(values.model);
  let signature;
  try {
    signature = readSignature(bytes);
  } catch (err) {
    throw new DataError(values.model, undefined, (err as Error).message, 'pass an ONNX model file');
  }
  const meta = metadataOrNull(values.model, bytes);
  const symbols = parseDims(values.dims);
  // An rnnkit export's time dim (the first of its input) is as long as the windows it was trained on.
  const seqSymbol = signature.inputs[0]?.dims?.[0];
  if (meta && typeof seqSymbol === 'string' && !symbols.has(seqSymbol)) symbols.set(seqSymbol, meta.seqLength);
  const given = values.input ? await readInputJson(values.input, signature.inputs, stateInputNames(meta)) : randomFeeds(values.model, signature, symbols, seed);
  const feeds = withZeroStates(values.model, signature.inputs, given, meta);
  const used = [...new Set(signature.inputs.flatMap((i) => (i.dims ?? []).filter((d): d is string => typeof d === 'string')))];

  // Each runtime on the same feeds; a refusal is reported, not fatal.
  const results = new Map<RuntimeName, { outputs: Record<string, HostTensor>; version: string }>();
  const refused = new Map<RuntimeName, string>();
  for (const runtime of runtimes) {
    try {
      results.set(runtime, await runOn(runtime, values.model, bytes, feeds, limits));
    } catch (err) {
      if (!(err instanceof RuntimeRefusal)) throw err;
      refused.set(runtime, err.message);
    }
  }
  if (results.size < 2) {
    const why = [...refused].map(([r, m]) => `${r}: ${m}`).join('; ');
    // With no runtime at all the file itself is at fault: the first reason (the reference evaluator's, when asked) names it.
    if (results.size === 0) throw new DataError(values.model, undefined, `no runtime can run it: ${why}`, fixForNoRuntime([...refused.values()]));
    const only = [...results.keys()][0]!;
    const untried = RUNTIMES.filter((r) => !runtimes.includes(r));
    throw new DataError(values.model, undefined, `only ${only} could run it, nothing to compare with (${why})`, `rnnkit run --runtime ${only} runs it${untried.length ? `; --runtimes ${[only, ...untried].join(',')} also tries ${untried.join(', ')}` : ''}`);
  }

  const comparisons: Comparison[] = [];
  const ran = [...results.keys()];
  for (const output of signature.outputs.map((o) => o.name)) {
    for (let i = 0; i < ran.length; i++) {
      for (let j = i + 1; j < ran.length; j++) comparisons.push(compare(output, ran[i]!, results.get(ran[i]!)!.outputs[output], ran[j]!, results.get(ran[j]!)!.outputs[output], atol, rtol));
    }
  }
  const ok = comparisons.every((c) => c.ok);
  const inputs = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, { type: t.dtype, dims: t.dims }]));
  const source = values.input ? values.input : `seeded random inputs (seed ${seed})`;

  if (values.json) {
    process.stdout.write(`${JSON.stringify({
      model: values.model, inputs: source, feeds: inputs,
      runtimes: Object.fromEntries(runtimes.map((r) => [r, results.has(r) ? { version: results.get(r)!.version } : { refused: refused.get(r) }])),
      comparisons, atol, rtol, ok,
    })}\n`);
    return ok ? 0 : 1;
  }
  const dimNote = values.input || used.length === 0 ? '' : ` (${used.map((s) => `${s}=${symbols.get(s) ?? DEFAULT_DIM}`).join(', ')}${used.some((s) => !symbols.has(s)) ? '; set with --dims' : ''})`;
  const fmt = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : String(v));
  const lines = [
    `${values.model} on ${source}${dimNote}`,
    `inputs    ${Object.entries(inputs).map(([k, t]) => `${k} ${t.type} [${t.dims.join(', ')}]`).join(', ')}`,
    `ran       ${[...results.values()].map((r) => r.version).join(', ')}`,
    ...[...refused].map(([r, m]) => `refused   ${r}: ${m}`),
    '',
    ...textTable([['output', 'runtimes', 'max abs', 'max rel', ''], ...comparisons.map((c) => [c.output, `${c.a} vs ${c.b}`, fmt(c.maxAbs), fmt(c.maxRel), c.problem ?? (c.ok ? 'ok' : 'FAILED')])]),
    '',
    `${ok ? 'OK' : 'FAILED'}: ${ok ? 'every value within' : 'some values differ by more than'} atol ${values.atol} + rtol ${values.rtol}·|value|`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return ok ? 0 : 1;
}

/** Max abs and rel difference of one output between two runtimes; pass when |a-b| ≤ atol + rtol·|b| everywhere. */
function compare(output: string, a: RuntimeName, ta: HostTensor | undefined, b: RuntimeName, tb: HostTensor | undefined, atol: number, rtol: number): Comparison {
  const base = { output, a, b, maxAbs: NaN, maxRel: NaN, ok: false };
  if (!ta || !tb) return { ...base, problem: `missing in ${!ta ? a : b}` };
  if (ta.dims.join() !== tb.dims.join()) return { ...base, problem: `dims differ: [${ta.dims.join(', ')}] vs [${tb.dims.join(', ')}]` };
  const d = compareValues(ta.data, tb.data, 1e-30, { atol, rtol });
  return { output, a, b, maxAbs: d.maxAbs, maxRel: d.maxRel, ok: d.nanMismatches === 0 && d.beyond === 0 };
}

/** `seq=6,batch=3` → Map. */
function parseDims(text: string | undefined): Map<string, number> {
  const map = new Map<string, number>();
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const m = /^\s*([^=\s]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--dims: "${part}" is not name=size (e.g. --dims seq=6,batch=3)`);
    map.set(m[1]!, Number(m[2]));
  }
  return map;
}

function number(text: string, flag: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0) throw new UsageError(`${flag} must be a non-negative number, not "${text}"`);
  return v;
}

/**
 * Seeded uniform values in [-1, 1) of each input's declared shape, the size checked before
 * allocating; a recurrent node's int32 sequence_lens input gets seeded lengths from 1 to the
 * sequence length of the X it measures.
 */
function randomFeeds(model: string, signature: ModelSignature, symbols: Map<string, number>, seed: number): Record<string, HostTensor> {
  try {
    return seededInputs(signature, { seed, sizeOf: (symbol) => symbols.get(symbol) ?? DEFAULT_DIM }).feeds;
  } catch (err) {
    if (!(err instanceof SeededInputError)) throw err;
    const fix = { 'no-shape': 'give the inputs with --input in.json', 'too-large': 'give smaller --dims or the inputs with --input in.json', type: 'give its values with --input in.json' }[err.problem];
    const problem = err.problem === 'too-large' ? `${err.detail}; rnnkit verify generates inputs up to ${MAX_TENSOR_BYTES / 2 ** 20} MB` : err.message;
    throw new DataError(model, undefined, problem, fix);
  }
}
