// Size limits for untrusted files, checked before anything large is allocated.

/** The largest model file rnnkit reads. */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/** The largest tensor rnnkit reads from a file: recurrent forecasters are tiny. */
export const MAX_TENSOR_BYTES = 256 * 1024 * 1024;

/**
 * The reference evaluator's step budget: loop iterations (Loop, Scan, nested ones included) in one
 * run, so that a Loop with trip count 10^12 and no exit is refused instead of running for ever.
 * `rnnkit run` / `verify --max-steps N` sets it per run.
 */
export const MAX_LOOP_STEPS = 1_000_000;
