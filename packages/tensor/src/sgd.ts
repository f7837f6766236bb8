import { tf } from '#tfjs';
import { gradientOf, type Gradients, type Optimizer } from './optimizer.js';

/** Plain stochastic gradient descent, as torch.optim.SGD without momentum: p ← p − lr·g. */
export class SGD implements Optimizer {
  constructor(private readonly params: tf.Variable[], readonly lr: number) {
    if (!(lr > 0)) throw new RangeError(`learning rate must be > 0, got ${lr}`);
  }

  step(grads: Gradients): void {
    tf.tidy(() => {
      for (const p of this.params) p.assign(tf.sub(p, tf.mul(gradientOf(grads, p), this.lr)));
    });
  }

  dispose(): void {}
}
