// Independent float64 references of PyTorch's nn.LSTM and nn.GRU equations (gate orders
// i,f,g,o and r,z,n), with the regressor head on the last step.
export type GatedWeights = Record<string, number[][] | number[]>;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const affine = (w: number[][], b: number[], x: number[]) => w.map((row, j) => row.reduce((s, v, i) => s + v * x[i]!, b[j]!));

export function gatedForward64(cell: 'lstm' | 'gru', w: GatedWeights, x: number[][][], layers = 1, linearBeforeReset = true): number[] {
  let seq = x;
  for (let k = 0; k < layers; k++) {
    const wi = w[`rnn.weight_ih_l${k}`] as number[][], wh = w[`rnn.weight_hh_l${k}`] as number[][];
    const bi = w[`rnn.bias_ih_l${k}`] as number[], bh = w[`rnn.bias_hh_l${k}`] as number[];
    const H = wh[0]!.length;
    let h = seq[0]!.map(() => new Array<number>(H).fill(0));
    let c = seq[0]!.map(() => new Array<number>(H).fill(0));
    seq = seq.map((xt) =>
      (h = xt.map((xb, b) => {
        const gx = affine(wi, bi, xb);
        if (cell === 'lstm') {
          const g = gx.map((v, j) => v + affine(wh, bh, h[b]!)[j]!);
          const cb = c[b]!.map((cv, j) => sigmoid(g[H + j]!) * cv + sigmoid(g[j]!) * Math.tanh(g[2 * H + j]!));
          c[b] = cb;
          return cb.map((cv, j) => sigmoid(g[3 * H + j]!) * Math.tanh(cv));
        }
        const gh = affine(wh, bh, h[b]!);
        const r = Array.from({ length: H }, (_, j) => sigmoid(gx[j]! + gh[j]!));
        const z = Array.from({ length: H }, (_, j) => sigmoid(gx[H + j]! + gh[H + j]!));
        const rh = h[b]!.map((v, j) => r[j]! * v);
        const hn = linearBeforeReset ? gh.slice(2 * H).map((v, j) => r[j]! * v) : affine(wh.slice(2 * H), bh.slice(2 * H), rh);
        const n = Array.from({ length: H }, (_, j) => Math.tanh(gx[2 * H + j]! + hn[j]!));
        return n.map((nv, j) => (1 - z[j]!) * nv + z[j]! * h[b]![j]!);
      })),
    );
    void c;
  }
  const hw = (w['head.weight'] as number[][])[0]!, hb = (w['head.bias'] as number[])[0]!;
  return seq[seq.length - 1]!.map((h) => h.reduce((s, v, i) => s + v * hw[i]!, hb));
}
