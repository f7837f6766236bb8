// Inputs `rnnkit run` and `verify` may leave out: a streaming (`--state`) export's initial_h and
// initial_c, which start from zeros, as for the first day fed (packages/onnx README, streaming export).
import { DataError } from '@rnnkit/datasets';
import type { RnnkitMetadata, ValueSignature } from '@rnnkit/onnx';
import type { HostTensor } from './onnx-runtimes.js';

/** The names of the state inputs of a streaming export, from its metadata (none for other files). */
export function stateInputNames(meta: RnnkitMetadata | null): string[] {
  return meta?.state?.inputs ?? [];
}

/**
 * `feeds` with each missing state input as zeros of [layers, batch, hidden]: the symbolic batch dim
 * takes its size from a fed input that declares the same dim.
 */
export function withZeroStates(model: string, inputs: ValueSignature[], feeds: Record<string, HostTensor>, meta: RnnkitMetadata | null): Record<string, HostTensor> {
  const sizes = new Map<string, number>();
  for (const input of inputs) {
    const fed = feeds[input.name];
    if (fed) (input.dims ?? []).forEach((d, i) => typeof d === 'string' && fed.dims[i] !== undefined && sizes.set(d, fed.dims[i]!));
  }
  const out = { ...feeds };
  for (const name of stateInputNames(meta)) {
    if (out[name]) continue;
    const input = inputs.find((i) => i.name === name);
    if (!input) continue;
    const dims = (input.dims ?? []).map((d) => (typeof d === 'number' ? d : sizes.get(d)));
    if (!input.dims || dims.some((d) => d === undefined)) throw new DataError(model, undefined, `state input "${name}" is not given and its dims [${(input.dims ?? []).join(', ')}] cannot be told from the other inputs`, `give "${name}" in the input file`);
    const shape = dims as number[];
    out[name] = { dtype: input.dtype ?? 'float32', dims: shape, data: new Float64Array(shape.reduce((a, d) => a * d, 1)) };
  }
  return Object.fromEntries(inputs.filter((i) => out[i.name]).map((i) => [i.name, out[i.name]!]));
}
