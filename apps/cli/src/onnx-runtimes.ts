// The three runtimes `rnnkit run` and `rnnkit verify` run an ONNX file in: rnnkit's reference
// evaluator (TypeScript, float64), onnxruntime-node (native CPU) and onnxruntime-web (its wasm
// backend, loaded in Node). Each takes and returns plain typed values; a runtime that cannot
// load or run the file throws a RuntimeRefusal with its reason on one line. Every run has limits
// (RunLimits): the reference evaluator's loop step budget and a time limit, and onnxruntime runs
// in a child process that is killed when its time is up (ort-child.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { loadReference, MAX_LOOP_STEPS, type DType } from '@rnnkit/onnx';
import { runInChild, type WireTensor } from './ort-child.js';

/** The runtimes, in the order they are tried and reported. */
export const RUNTIMES = ['reference', 'onnxruntime-node', 'onnxruntime-web'] as const;
/** One of RUNTIMES. */
export type RuntimeName = (typeof RUNTIMES)[number];

/** A tensor on the host side: element type, dims and values. */
export interface HostTensor {
  dtype: DType;
  dims: number[];
  data: ArrayLike<number>;
}

/** A runtime that cannot load or run the file; the message is its reason, one line. */
export class RuntimeRefusal extends Error {
  override name = 'RuntimeRefusal';
  constructor(readonly runtime: RuntimeName, reason: string) {
    super(reason.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').replace(/\s+/g, ' ').slice(0, 400));
  }
}

/** The default time limit of one run in one runtime (`--timeout`), in seconds. */
export const DEFAULT_TIMEOUT_S = 20;

/** The limits of one run: `--max-steps` (reference loop iterations) and `--timeout` (seconds, every runtime). */
export interface RunLimits {
  /** Loop iterations the reference evaluator may run (default MAX_LOOP_STEPS). */
  maxSteps?: number;
  /** Seconds each runtime may take (default DEFAULT_TIMEOUT_S). */
  timeoutS?: number;
}

/** Runs the model file in one runtime on `feeds`; returns every graph output and the runtime's version. */
export async function runOn(runtime: RuntimeName, modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>, limits: RunLimits = {}): Promise<{ outputs: Record<string, HostTensor>; version: string }> {
  try {
    if (runtime === 'reference') return { outputs: runReferenceFile(modelPath, bytes, feeds, limits), version: 'rnnkit reference (float64)' };
    return await runOrt(runtime, modelPath, bytes, feeds, limits.timeoutS ?? DEFAULT_TIMEOUT_S);
  } catch (err) {
    if (err instanceof RuntimeRefusal) throw err;
    const message = cleanOrtMessage(err instanceof Error ? err.message : String(err));
    // onnxruntime's kernels for RNN (and others) are float32 only; its message does not say so.
    const float64 = Object.values(feeds).some((t) => t.dtype === 'float64') && /Could not find an implementation for/.test(message);
    throw new RuntimeRefusal(runtime, float64 ? `${message} (no float64 kernel: ${runtime} runs this op in float32 only)` : message);
  }
}

function runReferenceFile(modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>, limits: RunLimits): Record<string, HostTensor> {
  const folder = dirname(resolve(modelPath));
  const model = loadReference(bytes, {
    maxSteps: limits.maxSteps ?? MAX_LOOP_STEPS,
    timeLimitMs: (limits.timeoutS ?? DEFAULT_TIMEOUT_S) * 1000,
    // External data sits beside the model; a location may not leave the model's folder.
    externalData: (location) => {
      const path = resolve(folder, location);
      if (relative(folder, path).startsWith('..')) throw new RuntimeRefusal('reference', `external data location "${location}" points outside the model's folder`);
      return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
    },
  });
  const out = model.run(feeds);
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, { dtype: t.dtype, dims: [...t.dims], data: t.data }]));
}

// ---- onnxruntime-node and onnxruntime-web: the same InferenceSession API, in a child process ----

const require = createRequire(import.meta.url);

const ORT_TYPES: Partial<Record<DType, string>> = { float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', bool: 'bool', uint8: 'uint8', int8: 'int8' };

async function runOrt(runtime: RuntimeName, modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>, timeoutS: number) {
  let modulePath: string;
  try {
    modulePath = require.resolve(runtime);
  } catch {
    throw new RuntimeRefusal(runtime, `${runtime} is not installed (npm install ${runtime}@1.30.0)`);
  }
  const wire: Record<string, WireTensor> = {};
  for (const [name, t] of Object.entries(feeds)) {
    const type = ORT_TYPES[t.dtype];
    if (!type) throw new RuntimeRefusal(runtime, `inputs of type ${t.dtype} are not supported here`);
    wire[name] = { type, dims: t.dims, data: Array.from(t.data) };
  }
  const result = await runInChild({ runtime: runtime as 'onnxruntime-node', modulePath, modelPath: resolve(modelPath), bytes, feeds: wire }, timeoutS * 1000);
  if ('timedOut' in result) throw new RuntimeRefusal(runtime, `did not finish within ${timeoutS} s and was stopped`);
  if ('crashed' in result) throw new RuntimeRefusal(runtime, `crashed on the file (${result.crashed})`);
  if ('tooMuchMemory' in result) throw new RuntimeRefusal(runtime, `used more than ${result.tooMuchMemory / 2 ** 30} GB of memory and was stopped`);
  if ('error' in result) throw new Error(result.error);
  const outputs = Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, fromOrt(t)]));
  return { outputs, version: result.version };
}

/** Whether onnxruntime-node or -web loads the file (creates a session, runs nothing), within `timeoutS`. */
export async function loadsOn(runtime: 'onnxruntime-node' | 'onnxruntime-web', modelPath: string, bytes: Uint8Array, timeoutS = DEFAULT_TIMEOUT_S): Promise<{ name: string; loads: boolean; reason?: string }> {
  let modulePath: string;
  try {
    modulePath = require.resolve(runtime);
  } catch {
    return { name: runtime, loads: false, reason: `${runtime} is not installed (npm install ${runtime}@1.30.0)` };
  }
  const result = await runInChild({ runtime, modulePath, modelPath: resolve(modelPath), bytes, feeds: {}, loadOnly: true }, timeoutS * 1000);
  if ('timedOut' in result) return { name: runtime, loads: false, reason: `did not load the file within ${timeoutS} s` };
  if ('crashed' in result) return { name: runtime, loads: false, reason: `crashed on the file (${result.crashed})` };
  if ('tooMuchMemory' in result) return { name: runtime, loads: false, reason: `used more than ${result.tooMuchMemory / 2 ** 30} GB of memory loading the file` };
  if ('error' in result) return { name: runtime, loads: false, reason: new RuntimeRefusal(runtime, cleanOrtMessage(result.error)).message };
  return { name: runtime, loads: true };
}

function fromOrt(t: WireTensor): HostTensor {
  const dtype = (Object.entries(ORT_TYPES).find(([, v]) => v === t.type)?.[0] ?? 'float32') as DType;
  return { dtype, dims: [...t.dims], data: Array.from(t.data, (v) => Number(v)) };
}

/** onnxruntime's messages carry a "[ONNXRuntimeError] : 1 : FAIL :" prefix, the model's path and source positions. */
export function cleanOrtMessage(message: string): string {
  return message
    .replace(/\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/g, '')
    .replace(/Can't create a session\. ERROR_CODE: \d+, ERROR_MESSAGE: /, '')
    .replace(/failed to call OrtRun\(\)\. ERROR_CODE: \d+, ERROR_MESSAGE: /, '')
    .replace(/Exception during initialization: /, '')
    .replace(/Load model from \S+ failed:\s*/, '') // the path is already in rnnkit's message
    .replace(/\S+\.(h|cc):\d+ [A-Za-z_][\w:]* (?=[A-Z"])/g, '') // source file, line and a bare function name
    .replace(/\S+\.(h|cc):\d+ [^(]*\([^)]*\)\s*(\[[^\]]*\]\s*)?/g, '') // source file, line and C++ signature
    .replace(/ If you need support create a github issue with justification\./, '')
    .replace(/\s+/g, ' ')
    .trim();
}
