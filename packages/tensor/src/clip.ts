import { tf } from '#tfjs';
import type { Gradients } from './optimizer.js';

/**
 * Scales all gradients together so that their global L2 norm is at most `maxNorm`,
 * as torch.nn.utils.clip_grad_norm_. Returns the new gradients and the norm before clipping;
 * the caller disposes both the old and the new maps.
 */
export function clipGradNorm(grads: Gradients, maxNorm: number): {
  /** The scaled gradients, new tensors under the same names. */
  grads: Gradients;
  /** Global L2 norm before clipping. */
  norm: number;
} {
  const names = Object.keys(grads);
  const norm = tf.tidy(() => Math.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]!)))).dataSync()[0]!));
  const coef = Math.min(maxNorm / (norm + 1e-6), 1);
  const clipped: Gradients = {};
  for (const n of names) clipped[n] = tf.mul(grads[n]!, coef);
  return { grads: clipped, norm };
}
