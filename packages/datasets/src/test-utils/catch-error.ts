/** Runs `fn` and returns what it threw; fails the test if it did not throw. */
export function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`threw a non-Error: ${String(error)}`);
  }
  throw new Error('expected an error, but nothing was thrown');
}
