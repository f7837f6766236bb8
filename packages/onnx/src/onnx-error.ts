/** A model file rnnkit cannot read or does not support; the message says why in one line. */
export class OnnxError extends Error {
  /** Always "OnnxError", for instanceof-free checks. */
  override name = 'OnnxError';

  constructor(message: string) {
    // Names inside a corrupt file may hold any bytes: keep the message one printable line.
    super(message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' '));
  }
}

/**
 * Any failure while reading untrusted bytes as one clear OnnxError, never a crash: OnnxErrors as
 * they are, a state dict that does not fit by its own message, anything else as a malformed model.
 */
export function toOnnxError(err: unknown): OnnxError {
  if (err instanceof OnnxError) return err;
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  if (err instanceof Error && err.name === 'StateDictError') return new OnnxError(message);
  return new OnnxError(`malformed ONNX model (${message})`);
}

/** Runs `read` over untrusted bytes: whatever it throws comes out as one clear OnnxError (see toOnnxError). */
export function readingOnnx<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw toOnnxError(err);
  }
}
