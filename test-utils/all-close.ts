import { expect } from 'vitest';

/** A stated tolerance: |a - e| <= abs + rel * |e| for every number. */
export interface Tolerance {
  abs: number;
  rel: number;
}

/**
 * Asserts that two nested structures of numbers (arrays, objects) agree within `tol`, number by
 * number, and have the same shape and keys. Used wherever the expected numbers come from another
 * program or another machine (PyTorch, onnxruntime, numpy, committed fixtures): their last bits
 * depend on the CPU's vector units, so they are never compared bit-exactly.
 */
export function expectAllClose(actual: unknown, expected: unknown, tol: Tolerance, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} is a number`).toBe('number');
    const a = actual as number;
    const bound = tol.abs + tol.rel * Math.abs(expected);
    if (!(Math.abs(a - expected) <= bound)) {
      expect.fail(`${path}: ${a} differs from ${expected} by ${Math.abs(a - expected)}, beyond ${tol.abs} + ${tol.rel}·|expected|`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual) || ArrayBuffer.isView(actual), `${path} is an array`).toBe(true);
    const a = Array.from(actual as ArrayLike<unknown>);
    expect(a.length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectAllClose(a[i], e, tol, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectAllClose((actual as Record<string, unknown>)[k], e, tol, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
