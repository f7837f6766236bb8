import type { tf } from '#tfjs';

/** Gradients keyed by the variable's `name`, as `tf.variableGrads` returns them. */
export type Gradients = tf.NamedTensorMap;

/** Updates parameters from their gradients. */
export interface Optimizer {
  /** The learning rate. */
  readonly lr: number;
  /** Applies one update to every parameter that has a gradient. */
  step(grads: Gradients): void;
  /** Frees the optimizer's own tensors (moment estimates). */
  dispose(): void;
}

/** The gradient of `p`, or an error naming the parameter that has none. */
export function gradientOf(grads: Gradients, p: tf.Variable): tf.Tensor {
  const g = grads[p.name];
  if (!g) throw new Error(`no gradient for parameter ${p.name}`);
  return g;
}
