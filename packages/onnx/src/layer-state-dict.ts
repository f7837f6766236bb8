import type { CellType } from '@rnnkit/layers';
import type { StateDict } from '@rnnkit/tensor';
import { ONNX_TO_TORCH, reorderBlocks } from './gate-order.js';

/** One layer's ONNX weights: W [1, G·H, I], R [1, G·H, H], B [1, 2·G·H] or null. */
export interface OnnxLayerWeights {
  hidden: number;
  input: number;
  W: ArrayLike<number>;
  R: ArrayLike<number>;
  B: ArrayLike<number> | null;
}

/**
 * Layer k's ONNX weights as rnnkit state-dict entries with PyTorch's names and gate order:
 * `w_x.*`, `w_h.*` (`l{k}.` prefixed) for rnn; `rnn.weight_ih_l{k}`, … for lstm and gru.
 * ONNX's B is optional: a missing one gives zero biases where `withBias` (always for lstm and gru,
 * whose PyTorch modules have biases).
 */
export function layerStateDict(cell: CellType, k: number, layer: OnnxLayerWeights, withBias = layer.B !== null): StateDict {
  const { hidden: H, input: I, W, R, B } = layer;
  const G = (cell === 'rnn' ? 1 : ONNX_TO_TORCH[cell].length) * H;
  const bias = B ? Array.from(B) : new Array<number>(2 * G).fill(0);
  if (cell === 'rnn') {
    const p = k === 0 ? '' : `l${k}.`;
    const dict: StateDict = { [`${p}w_x.weight`]: rows(W, H, I), [`${p}w_h.weight`]: rows(R, H, H) };
    if (withBias) Object.assign(dict, { [`${p}w_x.bias`]: bias.slice(0, H), [`${p}w_h.bias`]: bias.slice(H) });
    return dict;
  }
  const order = ONNX_TO_TORCH[cell];
  return {
    [`rnn.weight_ih_l${k}`]: rows(reorderBlocks(W, H, I, order), G, I),
    [`rnn.weight_hh_l${k}`]: rows(reorderBlocks(R, H, H, order), G, H),
    [`rnn.bias_ih_l${k}`]: reorderBlocks(bias.slice(0, G), H, 1, order),
    [`rnn.bias_hh_l${k}`]: reorderBlocks(bias.slice(G), H, 1, order),
  };
}

/** A row-major [n, m] matrix as nested arrays. */
export function rows(values: ArrayLike<number>, n: number, m: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => values[i * m + j]!));
}
