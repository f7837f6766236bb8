// Seeded inputs for any ONNX file: each graph input gets values of its declared type and shape,
// symbolic dims set to small sizes (the first name 3, the next 2, then 4, 5, ...).
import type { ModelSignature, TensorInput } from '@rnnkit/onnx';
import { Rng } from '@rnnkit/tensor';

const SMALL = [3, 2, 4, 5, 6, 7];

export interface SeededInputs {
  feeds: Record<string, TensorInput & { dtype: NonNullable<TensorInput['dtype']> }>;
  /** Symbolic dim → the size chosen, e.g. { seq: 3, batch: 2 }. */
  sizes: Record<string, number>;
}

/** Inputs for every graph input: floats uniform in [−1, 1), integers 1 (a valid length or index). */
export function seededInputs(signature: ModelSignature, seed = 1): SeededInputs {
  const rng = new Rng(seed); // the project's seeded generator, as the CLI's verify uses
  const sizes: Record<string, number> = {};
  const feeds: SeededInputs['feeds'] = {};
  for (const input of signature.inputs) {
    if (input.dims === null) throw new Error(`input ${input.name} declares no shape, so no input can be made for it`);
    if (input.dtype === null) throw new Error(`input ${input.name} has a type this page cannot feed`);
    const dims = input.dims.map((d) => (typeof d === 'number' && d > 0 ? d : (sizes[String(d)] ??= SMALL[Object.keys(sizes).length % SMALL.length]!)));
    const n = dims.reduce((a, d) => a * d, 1);
    const float = input.dtype.startsWith('float');
    const data = Array.from({ length: n }, () => (float ? Math.fround(rng.next() * 2 - 1) : 1));
    feeds[input.name] = { dtype: input.dtype, dims, data };
  }
  return { feeds, sizes };
}
