/** A model file rnnkit cannot read or does not support; the message says why in one line. */
export class OnnxError extends Error {
  /** Always "OnnxError", for instanceof-free checks. */
  override name = 'OnnxError';

  constructor(message: string) {
    // Names inside a corrupt file may hold any bytes: keep the message one printable line.
    super(message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' '));
  }
}
