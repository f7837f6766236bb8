// Seeded inputs for any ONNX file, the same in `rnnkit verify` and the page's file check: each graph
// input gets values of its declared type and shape, so two runtimes can be compared on them.
import { Rng } from '@rnnkit/tensor';
import { MAX_TENSOR_BYTES } from './limits.js';
import type { ModelSignature, ValueSignature } from './reference/graph.js';
import type { DType } from './reference/tensor.js';

/** One input made by {@link seededInputs}. */
export interface SeededTensor {
  /** The input's declared type. */
  dtype: DType;
  /** Its dims, symbolic ones set to the sizes chosen. */
  dims: number[];
  /** Its values, row-major. */
  data: number[];
}

/** What {@link seededInputs} makes. */
export interface SeededInputs {
  /** One tensor per graph input, in the signature's order. */
  feeds: Record<string, SeededTensor>;
  /** The size chosen for each symbolic dim, e.g. { seq: 3, batch: 2 }. */
  sizes: Record<string, number>;
}

/** How {@link seededInputs} fills a signature. */
export interface SeededInputOptions {
  /** Seed of the project's generator (`Rng`). */
  seed: number;
  /** The size of a symbolic or unknown dim, by its name and the order in which it was first met (0, 1, …). */
  sizeOf(symbol: string, index: number): number;
  /** The value of an integer or bool input that is no recurrent node's sequence_lens; without it such an input is refused. */
  integer?: number;
}

/** Why an input cannot be made: no declared shape, more than MAX_TENSOR_BYTES as float64, or a type without seeded values. */
export class SeededInputError extends Error {
  /** Always "SeededInputError", for instanceof-free checks. */
  override name = 'SeededInputError';
  /** The message without the limit, e.g. `input "x" declares [2147483648, 4, 4] (256.0 GB as float64)`, for an app to add its own words. */
  readonly detail: string;

  constructor(
    /** What is wrong with the input. */
    readonly problem: 'no-shape' | 'too-large' | 'type',
    /** The input's name. */
    readonly input: string,
    /** The dims it would have had (too-large only). */
    readonly dims: number[] = [],
    /** Its declared type, null when undeclared. */
    readonly dtype: DType | null = null,
  ) {
    const detail = problem === 'no-shape' ? `input "${input}" declares no shape`
      : problem === 'too-large' ? `input "${input}" declares [${dims.join(', ')}] (${((dims.reduce((a, d) => a * d, 1) * 8) / 2 ** 30).toFixed(1)} GB as float64)`
        : `input "${input}" is ${dtype ?? 'of an undeclared type'}, which cannot be filled with random values`;
    super(problem === 'too-large' ? `${detail}; seeded inputs are made up to ${MAX_TENSOR_BYTES / 2 ** 20} MB` : detail);
    this.detail = detail;
  }
}

/**
 * Inputs for every graph input, in its order: floats uniform in [−1, 1) (float32 ones rounded to float32),
 * drawn first in input order; then a recurrent node's int32 sequence_lens, uniform in 1..its X's time steps;
 * other integer inputs `options.integer`. Also returns the size chosen for each symbolic dim.
 */
export function seededInputs(signature: ModelSignature, options: SeededInputOptions): SeededInputs {
  const rng = new Rng(options.seed);
  const sizes: Record<string, number> = {};
  const feeds: Record<string, SeededTensor> = {};
  const dimsOf = (input: ValueSignature) => {
    if (!input.dims) throw new SeededInputError('no-shape', input.name);
    const dims = input.dims.map((d) => (typeof d === 'number' && d > 0 ? d : (sizes[String(d)] ??= options.sizeOf(String(d), Object.keys(sizes).length))));
    const size = dims.reduce((a, d) => a * d, 1);
    if (size * 8 > MAX_TENSOR_BYTES) throw new SeededInputError('too-large', input.name, dims);
    return { dims, size };
  };
  for (const input of signature.inputs.filter((i) => i.dtype === 'float32' || i.dtype === 'float64')) {
    const { dims, size } = dimsOf(input);
    const round = input.dtype === 'float32' ? Math.fround : (v: number) => v;
    feeds[input.name] = { dtype: input.dtype!, dims, data: Array.from({ length: size }, () => round(rng.next() * 2 - 1)) };
  }
  for (const input of signature.inputs.filter((i) => !feeds[i.name])) {
    const of = signature.sequenceLens[input.name];
    const steps = of && input.dtype === 'int32' && feeds[of.x] ? feeds[of.x]!.dims[of.timeAxis] : undefined;
    const integer = input.dtype !== null && !input.dtype.startsWith('float') ? options.integer : undefined;
    if (steps === undefined && integer === undefined) throw new SeededInputError('type', input.name, [], input.dtype);
    const { dims, size } = dimsOf(input);
    feeds[input.name] = { dtype: input.dtype!, dims, data: Array.from({ length: size }, () => (steps === undefined ? integer! : Math.min(steps, 1 + Math.floor(rng.next() * steps)))) };
  }
  return { feeds: Object.fromEntries(signature.inputs.map((i) => [i.name, feeds[i.name]!])), sizes };
}
