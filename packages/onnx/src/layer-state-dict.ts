import { tutorialName, type CellType } from '@rnnkit/layers';
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
 * Layer k's ONNX weights as PyTorch state-dict entries, for every cell: `rnn.weight_ih_l{k}`,
 * `rnn.weight_hh_l{k}`, `rnn.bias_ih_l{k}`, `rnn.bias_hh_l{k}` (`…_reverse` for the reverse
 * direction of a bidirectional layer), gates in PyTorch's order. ONNX's B is optional: a missing
 * one gives zero biases where `withBias` (always for lstm and gru, whose PyTorch modules have
 * biases); an rnn without biases has no bias entries. `modelStateDict` names them as the model does.
 */
export function layerStateDict(cell: CellType, k: number, layer: OnnxLayerWeights, withBias = layer.B !== null, reverse = false): StateDict {
  const { hidden: H, input: I, W, R, B } = layer;
  const order = cell === 'rnn' ? [0] : ONNX_TO_TORCH[cell];
  const G = order.length * H;
  const bias = B ? Array.from(B) : new Array<number>(2 * G).fill(0);
  const s = `l${k}${reverse ? '_reverse' : ''}`;
  const dict: StateDict = {
    [`rnn.weight_ih_${s}`]: rows(reorderBlocks(W, H, I, order), G, I),
    [`rnn.weight_hh_${s}`]: rows(reorderBlocks(R, H, H, order), G, H),
  };
  if (withBias || cell !== 'rnn') {
    dict[`rnn.bias_ih_${s}`] = reorderBlocks(bias.slice(0, G), H, 1, order);
    dict[`rnn.bias_hh_${s}`] = reorderBlocks(bias.slice(G), H, 1, order);
  }
  return dict;
}

/** A PyTorch-named state dict (`rnn.*`, `head.*`) under the model's names: the rnn cell's are the tutorial's (`w_x.weight`, …, `w_y.bias`). */
export function modelStateDict(cell: CellType, dict: StateDict): StateDict {
  return cell === 'rnn' ? Object.fromEntries(Object.entries(dict).map(([name, v]) => [tutorialName(name), v])) : dict;
}

/** A row-major [n, m] matrix as nested arrays. */
export function rows(values: ArrayLike<number>, n: number, m: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => values[i * m + j]!));
}
