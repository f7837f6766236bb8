import { tf } from '@rnnkit/tensor';

// The LSTM and GRU steps, with PyTorch's equations and gate order. `xProj` is the input's
// projection x W_ihᵀ + b_ih, computed for all time steps at once by the caller.

/** LSTM (gates i, f, g, o): c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). */
export function lstmStep(xProj: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, wHh: tf.Tensor2D, bHh: tf.Tensor1D): {
  /** New hidden state h' `[batch, H]`. */
  h: tf.Tensor2D;
  /** New cell state c' `[batch, H]`. */
  c: tf.Tensor2D;
} {
  const gates = tf.add(xProj, tf.add(tf.matMul(h, wHh, false, true), bHh));
  const [i, f, g, o] = tf.split(gates, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const cNext = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g))) as tf.Tensor2D;
  return { h: tf.mul(tf.sigmoid(o), tf.tanh(cNext)) as tf.Tensor2D, c: cNext };
}

/**
 * GRU (gates r, z, n): r = σ(x_r + h_r), z = σ(x_z + h_z), h' = (1 − z)·n + z·h with
 * n = tanh(x_n + r·(h W_hnᵀ + b_hn)) as PyTorch (ONNX linear_before_reset=1), or, with
 * linearBeforeReset false (ONNX's default), n = tanh(x_n + (r·h) W_hnᵀ + b_hn).
 */
export function gruStep(xProj: tf.Tensor2D, h: tf.Tensor2D, wHh: tf.Tensor2D, bHh: tf.Tensor1D, linearBeforeReset = true): tf.Tensor2D {
  const [xr, xz, xn] = tf.split(xProj, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const [wr, wz, wn] = tf.split(wHh, 3, 0) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const [br, bz, bn] = tf.split(bHh, 3, 0) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  const project = (v: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.add(tf.matMul(v, w, false, true), b);
  const r = tf.sigmoid(tf.add(xr, project(h, wr, br)));
  const z = tf.sigmoid(tf.add(xz, project(h, wz, bz)));
  const recurrent = linearBeforeReset ? tf.mul(r, project(h, wn, bn)) : project(tf.mul(r, h) as tf.Tensor2D, wn, bn);
  const n = tf.tanh(tf.add(xn, recurrent));
  return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
}
