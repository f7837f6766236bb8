import { compareValues } from './compare-values.js';
import { decodeModel } from './decode-model.js';
import { readMetadata } from './metadata.js';

/** The onnxruntime-node module, `typeof import('onnxruntime-node')`. */
export type OnnxRuntime = typeof import('onnxruntime-node');
/** Where onnxruntime-node comes from: the module itself, or a function that imports it. */
export type OnnxRuntimeSource = OnnxRuntime | (() => Promise<OnnxRuntime>);

// onnxruntime-node is an optional peer dependency: imported on first use, not at load time.
let source: () => Promise<OnnxRuntime> = () => import('onnxruntime-node');
let ortModule: Promise<OnnxRuntime> | null = null;

/**
 * Tells @rnnkit/onnx which onnxruntime-node to use, for applications whose own copy is not
 * resolvable from this package (a global install of several tarballs, bundlers). Without this
 * call, `import('onnxruntime-node')` runs on first use.
 */
export function useOnnxRuntime(ort: OnnxRuntimeSource): void {
  source = typeof ort === 'function' ? ort : () => Promise.resolve(ort);
  ortModule = null;
}

function loadOrt(): Promise<OnnxRuntime> {
  ortModule ??= source().catch(() => {
    ortModule = null;
    throw new Error('onnxruntime-node is not installed; run npm install onnxruntime-node@1.30.0 to verify or run ONNX models in Node');
  });
  return ortModule;
}

/** Named float32 inputs of a multi-input graph (e.g. a raw-price graph's `prices` and `calendar`). */
export type OnnxFeeds = Record<string, {
  /** The values, row-major. */
  data: Float32Array;
  /** The shape. */
  dims: number[];
}>;

/**
 * Runs a model in onnxruntime-node and returns the first output's values: a single-input model from
 * `input` of shape `dims`, or any model from named `feeds`. A streaming export
 * (`exportOnnx({ state: true })`) gets a zero initial state, which makes it the ordinary model.
 */
export async function runOnnx(bytes: Uint8Array, input: Float32Array, dims: number[]): Promise<Float32Array>;
export async function runOnnx(bytes: Uint8Array, feeds: OnnxFeeds): Promise<Float32Array>;
export async function runOnnx(bytes: Uint8Array, input: Float32Array | OnnxFeeds, dims?: number[]): Promise<Float32Array> {
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 4 });
  try {
    const feeds: Record<string, InstanceType<OnnxRuntime['Tensor']>> = {};
    if (input instanceof Float32Array) {
      feeds[session.inputNames[0]!] = new ort.Tensor('float32', input, dims!);
      const state = session.inputNames.length > 1 ? readMetadata(decodeModel(bytes).metadataProps ?? [])?.state : undefined;
      for (const name of state?.inputs ?? []) {
        const stateDims = [state!.layers, dims![1]!, state!.hidden];
        feeds[name] = new ort.Tensor('float32', new Float32Array(stateDims[0]! * stateDims[1]! * stateDims[2]!), stateDims);
      }
    } else {
      for (const [name, t] of Object.entries(input)) feeds[name] = new ort.Tensor('float32', t.data, t.dims);
    }
    const out = await session.run(feeds);
    return out[session.outputNames[0]!]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

/** How far onnxruntime's output is from the reference. */
export interface VerifyReport {
  /** Number of values compared. */
  n: number;
  /** Largest absolute difference. */
  maxAbs: number;
  /** Largest difference relative to the reference value. */
  maxRel: number;
  /** The runtime that ran the model, e.g. `onnxruntime-node 1.30.0`. */
  runtime: string;
}

/** Runs the model in onnxruntime-node (on `input` of shape `dims`, or on named `feeds`) and compares each output with `reference`. */
export async function verifyOnnx(bytes: Uint8Array, input: Float32Array, dims: number[], reference: ArrayLike<number>): Promise<VerifyReport>;
export async function verifyOnnx(bytes: Uint8Array, feeds: OnnxFeeds, reference: ArrayLike<number>): Promise<VerifyReport>;
export async function verifyOnnx(bytes: Uint8Array, input: Float32Array | OnnxFeeds, dims: number[] | ArrayLike<number>, reference?: ArrayLike<number>): Promise<VerifyReport> {
  const [got, expected] = input instanceof Float32Array ? [await runOnnx(bytes, input, dims as number[]), reference!] : [await runOnnx(bytes, input), dims];
  if (got.length !== expected.length) throw new Error(`onnxruntime returned ${got.length} values, the reference has ${expected.length}`);
  const d = compareValues(got, expected, 1e-12);
  // A NaN on either side is no agreement: it reads as a NaN error, which no tolerance passes.
  const nan = d.undefinedCount > 0 ? NaN : undefined;
  return { n: got.length, maxAbs: nan ?? d.maxAbs, maxRel: nan ?? d.maxRel, runtime: `onnxruntime-node ${await onnxruntimeVersion()}` };
}

/** The version of the onnxruntime-node in use (loading it if needed). */
export async function onnxruntimeVersion(): Promise<string> {
  return (await loadOrt()).env.versions.node ?? 'unknown';
}
