import type { CellType } from '@rnnkit/layers';
import type { StateDict } from '@rnnkit/tensor';
import { ONNX_TO_TORCH, reorderBlocks } from './gate-order.js';

/** One layer's (one direction's) ONNX weights: W [1, G·H, I], R [1, G·H, H], B [1, 2·G·H] or null. */
export interface OnnxLayerWeights {
  /** Hidden units H. */
  hidden: number;
  /** Input features I. */
  input: number;
  /** W, row-major, ONNX's gate order. */
  W: ArrayLike<number>;
  /** R, row-major, ONNX's gate order. */
  R: ArrayLike<number>;
  /** B = [Wb, Rb], or null when the node has none. */
  B: ArrayLike<number> | null;
}

/**
 * Layer k's ONNX weights as rnnkit state-dict entries with PyTorch's names and gate order:
 * `w_x.*`, `w_h.*` (`l{k}.` prefixed) for rnn; `rnn.weight_ih_l{k}`, … for lstm and gru.
 * ONNX's B is optional: a missing one gives zero biases where `withBias` (always for lstm and gru,
 * whose PyTorch modules have biases). `reverse`: the reverse direction of a bidirectional layer,
 * `l{k}_reverse.w_x.*` (rnn) or `rnn.weight_ih_l{k}_reverse`, … (lstm, gru).
 */
export function layerStateDict(cell: CellType, k: number, layer: OnnxLayerWeights, withBias = layer.B !== null, reverse = false): StateDict {
  const { hidden: H, input: I, W, R, B } = layer;
  const G = (cell === 'rnn' ? 1 : ONNX_TO_TORCH[cell].length) * H;
  const bias = B ? Array.from(B) : new Array<number>(2 * G).fill(0);
  if (cell === 'rnn') {
    const p = reverse ? `l${k}_reverse.` : k === 0 ? '' : `l${k}.`;
    const dict: StateDict = { [`${p}w_x.weight`]: rows(W, H, I), [`${p}w_h.weight`]: rows(R, H, H) };
    if (withBias) Object.assign(dict, { [`${p}w_x.bias`]: bias.slice(0, H), [`${p}w_h.bias`]: bias.slice(H) });
    return dict;
  }
  const order = ONNX_TO_TORCH[cell];
  const s = `l${k}${reverse ? '_reverse' : ''}`;
  return {
    [`rnn.weight_ih_${s}`]: rows(reorderBlocks(W, H, I, order), G, I),
    [`rnn.weight_hh_${s}`]: rows(reorderBlocks(R, H, H, order), G, H),
    [`rnn.bias_ih_${s}`]: reorderBlocks(bias.slice(0, G), H, 1, order),
    [`rnn.bias_hh_${s}`]: reorderBlocks(bias.slice(G), H, 1, order),
  };
}

/** A row-major [n, m] matrix as nested arrays. */
export function rows(values: ArrayLike<number>, n: number, m: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => values[i * m + j]!));
}
