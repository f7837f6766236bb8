/** A number or an arbitrarily nested array of numbers, as `tensor.tolist()` gives in PyTorch. */
export type NestedArray = number | NestedArray[];

/** Parameter name → values as nested arrays, e.g. `{"w_x.weight": [[...], ...]}`. */
export type StateDict = Record<string, NestedArray>;

/** Thrown when a state dict does not fit a model: wrong names, shapes or values. */
export class StateDictError extends Error {
  /** Always "StateDictError", for instanceof-free checks. */
  override name = 'StateDictError';
}

/** The shape of a nested array, checking that it is rectangular and all numbers are finite. */
export function shapeOf(value: NestedArray, name: string): number[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new StateDictError(`"${name}" holds ${value}; every value must be a finite number`);
    return [];
  }
  if (!Array.isArray(value)) throw new StateDictError(`"${name}" must be a number or nested arrays of numbers`);
  if (value.length === 0) return [0];
  const inner = shapeOf(value[0]!, name);
  for (const item of value) {
    if (shapeOf(item, name).join() !== inner.join()) throw new StateDictError(`"${name}" is ragged: every row must have the same length`);
  }
  return [value.length, ...inner];
}

/** Flattens a rectangular nested array in row-major order. */
export function flatten(value: NestedArray): number[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}
