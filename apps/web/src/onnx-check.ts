// Checks any ONNX file in the page: what `rnnkit inspect` shows, then the file run in
// onnxruntime-web and in rnnkit's reference evaluator on the same seeded inputs, output by output.
import { compareValues, formatInspection, inspectOnnx, readSignature, runReference, seededInputs, type SeededInputs, type Tensor } from '@rnnkit/onnx';
import * as ort from 'onnxruntime-web/wasm';
import './ort-env.js';

/** Symbolic dims get small, distinct sizes (the first 3, the next 2, then 4, 5, …), so a swapped axis shows. */
const SMALL = [3, 2, 4, 5, 6, 7];

const TOLERANCE = 1e-5;
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
const exp = (v: number) => v.toExponential(1);

const ORT_ARRAYS: Record<string, (data: number[]) => ort.Tensor['data']> = {
  float32: (d) => Float32Array.from(d), float64: (d) => Float64Array.from(d), int32: (d) => Int32Array.from(d),
  int64: (d) => BigInt64Array.from(d, BigInt), int8: (d) => Int8Array.from(d), uint8: (d) => Uint8Array.from(d), bool: (d) => Uint8Array.from(d),
};

async function runOrt(bytes: Uint8Array, inputs: SeededInputs): Promise<Record<string, number[]>> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(inputs.feeds)) {
      const make = ORT_ARRAYS[t.dtype];
      if (!make) throw new Error(`input ${name} is ${t.dtype}, which this page does not feed to onnxruntime-web`);
      feeds[name] = new ort.Tensor(t.dtype as 'float32', make(Array.from(t.data)) as Float32Array, [...t.dims]);
    }
    const out = await session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([name, t]) => [name, Array.from(t.data as ArrayLike<number | bigint>, Number)]));
  } finally {
    await session.release();
  }
}

/** Max abs error and relative error (max abs over max |reference|) of one output; a NaN difference makes both NaN. */
function compare(got: number[], want: Float64Array): { abs: number; rel: number } {
  const d = compareValues(got, want, 1e-12);
  const abs = d.undefinedCount > 0 ? NaN : d.maxAbs;
  return { abs, rel: d.maxReference > 0 ? abs / d.maxReference : abs };
}

/** The report's lines: inputs, each runtime's outcome and the comparison, then the inspection. */
export async function checkOnnx(name: string, bytes: Uint8Array): Promise<string[]> {
  const lines = [`file ${name}, ${bytes.length} bytes`];
  let inspection: string;
  try {
    inspection = formatInspection(inspectOnnx(bytes));
  } catch (err) {
    return [...lines, `not a readable ONNX file: ${firstLine(err)}`];
  }
  let inputs: SeededInputs;
  try {
    inputs = seededInputs(readSignature(bytes), { seed: 1, sizeOf: (_, i) => SMALL[i % SMALL.length]!, integer: 1 });
  } catch (err) {
    return [...lines, `no seeded inputs: ${firstLine(err)}`, '', inspection];
  }
  const sizes = Object.entries(inputs.sizes).map(([k, v]) => `${k}=${v}`).join(', ');
  lines.push(`seeded inputs (seed 1${sizes ? `; ${sizes}` : ''}): ${Object.entries(inputs.feeds).map(([k, t]) => `${k} ${t.dtype} [${t.dims.join(', ')}]`).join(', ')}`);
  let reference: Record<string, Tensor> | null = null;
  try {
    reference = runReference(bytes, inputs.feeds);
    lines.push(`reference evaluator: ran, ${Object.entries(reference).map(([k, t]) => `${k} [${t.dims.join(', ')}]`).join(', ')}`);
  } catch (err) {
    lines.push(`reference evaluator refused: ${firstLine(err)}`);
  }
  let ortOut: Record<string, number[]> | null = null;
  try {
    ortOut = await runOrt(bytes, inputs);
    lines.push(`onnxruntime-web: ran, ${Object.keys(ortOut).join(', ')}`);
  } catch (err) {
    // Its messages carry a C++ source path and signature before the reason: keep the reason.
    lines.push(`onnxruntime-web refused: ${firstLine(err).replace(/\S+\.(?:h|cc|cpp):\d+\s+.*?\)\s*(?:\[[^\]]*\]\s*)?/, '')}`);
  }
  if (reference && ortOut) {
    const per = Object.entries(reference).map(([k, t]) => ({ k, ...(ortOut[k] ? compare(ortOut[k], t.data) : { abs: NaN, rel: NaN }) }));
    const abs = Math.max(...per.map((p) => p.abs)), rel = Math.max(...per.map((p) => p.rel));
    const ok = abs <= TOLERANCE || rel <= TOLERANCE;
    lines.push(`onnxruntime-web vs reference: max abs ${exp(abs)}, max rel ${exp(rel)} (${ok ? 'OK' : 'differs'})`);
    for (const p of per) lines.push(`  ${p.k}: max abs ${exp(p.abs)}, rel ${exp(p.rel)}`);
  }
  // The runtimes' verdict first, then what rnnkit inspect shows.
  return [...lines, '', inspection];
}
