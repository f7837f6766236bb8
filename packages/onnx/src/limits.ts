// Size limits for untrusted files, checked before anything large is allocated.

/** The largest model file rnnkit reads. */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/** The largest tensor rnnkit reads from a file: recurrent forecasters are tiny. */
export const MAX_TENSOR_BYTES = 256 * 1024 * 1024;
