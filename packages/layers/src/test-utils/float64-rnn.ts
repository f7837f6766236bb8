// An independent float64 reference of the tutorial's model, written from the equations:
// h_t = tanh(W_x x_t + W_h h_{t-1}), y = W_y h_T + b, loss = mean((y - target)^2).
export type Weights = Record<string, number[][] | number[]>;

export function forward64(w: Weights, x: number[][][] /* [T][B][I] */, layers = 1): number[] {
  let seq = x;
  for (let k = 0; k < layers; k++) {
    const p = k === 0 ? '' : `l${k}.`;
    const wx = w[`${p}w_x.weight`] as number[][], wh = w[`${p}w_h.weight`] as number[][];
    let h = seq[0]!.map(() => wh.map(() => 0));
    seq = seq.map((xt) => (h = xt.map((xb, b) => wx.map((row, j) => Math.tanh(dot(row, xb) + dot(wh[j]!, h[b]!))))));
  }
  const wy = (w['w_y.weight'] as number[][])[0]!, by = (w['w_y.bias'] as number[])[0]!;
  return seq[seq.length - 1]!.map((h) => dot(wy, h) + by);
}

export function loss64(w: Weights, x: number[][][], target: number[], layers = 1): number {
  const y = forward64(w, x, layers);
  return y.reduce((s, v, i) => s + (v - target[i]!) ** 2, 0) / y.length;
}

/** Central finite differences of the loss for every element of every parameter. */
export function finiteDifferences(w: Weights, x: number[][][], target: number[], layers = 1, eps = 1e-6): Record<string, number[]> {
  const grads: Record<string, number[]> = {};
  for (const name of Object.keys(w)) {
    const flat = (w[name] as (number | number[])[]).flat() as number[];
    grads[name] = flat.map((_, i) => {
      const at = (delta: number) => {
        const copy = structuredClone(w);
        const v = copy[name]!;
        if (Array.isArray(v[0])) {
          const cols = (v[0] as number[]).length;
          (v as number[][])[Math.floor(i / cols)]![i % cols]! += delta;
        } else (v as number[])[i]! += delta;
        return loss64(copy, x, target, layers);
      };
      return (at(eps) - at(-eps)) / (2 * eps);
    });
  }
  return grads;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
