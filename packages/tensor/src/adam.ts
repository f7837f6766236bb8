import * as tf from '@tensorflow/tfjs';
import { gradientOf, type Gradients, type Optimizer } from './optimizer.js';

/** Adam's hyper-parameters, PyTorch's defaults. */
export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Adam, computed in the same order as torch.optim.Adam so float32 results agree. */
export class Adam implements Optimizer {
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(private readonly params: tf.Variable[], readonly lr: number, options: AdamOptions = {}) {
    if (!(lr > 0)) throw new RangeError(`learning rate must be > 0, got ${lr}`);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.m = params.map((p) => tf.variable(tf.zerosLike(p), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p), false));
  }

  step(grads: Gradients): void {
    this.t += 1;
    const stepSize = this.lr / (1 - this.beta1 ** this.t);
    const correction2Sqrt = Math.sqrt(1 - this.beta2 ** this.t);
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = gradientOf(grads, p);
        const m = this.m[i]!;
        const v = this.v[i]!;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.mul(g, g), 1 - this.beta2)));
        const denom = tf.add(tf.div(tf.sqrt(v), correction2Sqrt), this.eps);
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
      });
    });
  }

  dispose(): void {
    for (const s of [...this.m, ...this.v]) s.dispose();
  }
}
