/** A model file rnnkit cannot read or does not support; the message says why in one line. */
export class OnnxError extends Error {
  override name = 'OnnxError';
}
