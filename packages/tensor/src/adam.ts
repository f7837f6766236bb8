import { tf } from '#tfjs';
import { gradientOf, type Gradients, type Optimizer } from './optimizer.js';

/** Adam's hyper-parameters, PyTorch's defaults. */
export interface AdamOptions {
  /** Decay rate of the first-moment (mean) estimate (default 0.9). */
  beta1?: number;
  /** Decay rate of the second-moment (squared-gradient) estimate (default 0.999). */
  beta2?: number;
  /** Added to the denominator √v̂ for numerical stability (default 1e-8). */
  eps?: number;
}

/** Adam's state: step count and flat moment estimates per parameter. */
export interface AdamState {
  /** Steps taken so far (0 before the first). */
  t: number;
  /** First-moment estimates: one flat row-major array per parameter, in parameter order. */
  m: number[][];
  /** Second-moment estimates, laid out as `m`. */
  v: number[][];
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

  /** The moment estimates and step count, for checkpoints. */
  getState(): AdamState {
    return { t: this.t, m: this.m.map((s) => Array.from(s.dataSync())), v: this.v.map((s) => Array.from(s.dataSync())) };
  }

  /** Restores `getState()`'s result: the next step continues exactly. */
  setState(state: AdamState): void {
    if (state.m.length !== this.m.length || state.v.length !== this.v.length) throw new Error('Adam state does not fit these parameters');
    this.t = state.t;
    tf.tidy(() => {
      this.m.forEach((s, i) => s.assign(tf.tensor(state.m[i]!, s.shape, 'float32')));
      this.v.forEach((s, i) => s.assign(tf.tensor(state.v[i]!, s.shape, 'float32')));
    });
  }

  dispose(): void {
    for (const s of [...this.m, ...this.v]) s.dispose();
  }
}
