// The three runtimes `rnnkit run` and `rnnkit verify` run an ONNX file in: rnnkit's reference
// evaluator (TypeScript, float64), onnxruntime-node (native CPU) and onnxruntime-web (its wasm
// backend, loaded in Node). Each takes and returns plain typed values; a runtime that cannot
// load or run the file throws a RuntimeRefusal with its reason on one line.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { loadReference, type DType } from '@rnnkit/onnx';

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

/** Runs the model file in one runtime on `feeds`; returns every graph output and the runtime's version. */
export async function runOn(runtime: RuntimeName, modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>): Promise<{ outputs: Record<string, HostTensor>; version: string }> {
  try {
    if (runtime === 'reference') return { outputs: runReferenceFile(modelPath, bytes, feeds), version: 'rnnkit reference (float64)' };
    return await runOrt(runtime, modelPath, bytes, feeds);
  } catch (err) {
    if (err instanceof RuntimeRefusal) throw err;
    const message = cleanOrtMessage(err instanceof Error ? err.message : String(err));
    // onnxruntime's kernels for RNN (and others) are float32 only; its message does not say so.
    const float64 = Object.values(feeds).some((t) => t.dtype === 'float64') && /Could not find an implementation for/.test(message);
    throw new RuntimeRefusal(runtime, float64 ? `${message} (no float64 kernel: ${runtime} runs this op in float32 only)` : message);
  }
}

function runReferenceFile(modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>): Record<string, HostTensor> {
  const folder = dirname(resolve(modelPath));
  const model = loadReference(bytes, {
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

// ---- onnxruntime-node and onnxruntime-web share the InferenceSession API ----

type Ort = typeof import('onnxruntime-node');
const require = createRequire(import.meta.url);
const loaded = new Map<RuntimeName, Promise<Ort>>();

function loadOrt(runtime: RuntimeName): Promise<Ort> {
  let ort = loaded.get(runtime);
  if (!ort) {
    ort = (async () => {
      try {
        if (runtime === 'onnxruntime-node') return (await import('onnxruntime-node')) as Ort;
        // onnxruntime-web's Node build of the wasm backend, one thread (no worker files).
        const web = (await import(require.resolve('onnxruntime-web'))) as Ort & { env: { wasm: { numThreads: number } } };
        web.env.wasm.numThreads = 1;
        return web;
      } catch {
        throw new RuntimeRefusal(runtime, `${runtime} is not installed (npm install ${runtime}@1.30.0)`);
      }
    })();
    loaded.set(runtime, ort);
  }
  return ort;
}

const ORT_TYPES: Partial<Record<DType, string>> = { float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', bool: 'bool', uint8: 'uint8', int8: 'int8' };

async function runOrt(runtime: RuntimeName, modelPath: string, bytes: Uint8Array, feeds: Record<string, HostTensor>) {
  const ort = await loadOrt(runtime);
  const options = runtime === 'onnxruntime-node' ? { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4 as const } : { executionProviders: ['wasm'], logSeverityLevel: 4 as const };
  // onnxruntime-node opens the file itself so that external data beside it is found.
  const session = await (runtime === 'onnxruntime-node' ? ort.InferenceSession.create(resolve(modelPath), options) : ort.InferenceSession.create(bytes, options));
  try {
    const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, toOrt(ort, runtime, t)]));
    // Run options too: onnxruntime-web's kernels otherwise print their failures to stderr themselves.
    const out = await session.run(ortFeeds, { logSeverityLevel: 4 });
    const outputs = Object.fromEntries(session.outputNames.map((name) => [name, fromOrt(out[name]!)]));
    const versions = ort.env.versions as Record<string, string | undefined>;
    return { outputs, version: `${runtime} ${versions.node ?? versions.web ?? versions.common ?? ''}`.trim() };
  } finally {
    await session.release();
  }
}

function toOrt(ort: Ort, runtime: RuntimeName, t: HostTensor) {
  const type = ORT_TYPES[t.dtype];
  if (!type) throw new RuntimeRefusal(runtime, `inputs of type ${t.dtype} are not supported here`);
  const data =
    type === 'float32' ? Float32Array.from(t.data) : type === 'float64' ? Float64Array.from(t.data) : type === 'int32' ? Int32Array.from(t.data)
      : type === 'int64' ? BigInt64Array.from(Array.from(t.data, (v) => BigInt(v))) : type === 'int8' ? Int8Array.from(t.data) : Uint8Array.from(t.data);
  return new ort.Tensor(type as 'float32', data as Float32Array, t.dims);
}

function fromOrt(t: { type: string; dims: readonly number[]; data: unknown }): HostTensor {
  const data = t.data as ArrayLike<number | bigint>;
  const dtype = (Object.entries(ORT_TYPES).find(([, v]) => v === t.type)?.[0] ?? 'float32') as DType;
  return { dtype, dims: [...t.dims], data: Array.from(data, (v) => Number(v)) };
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
