// PyTorch and ONNX order the gate blocks of LSTM and GRU weights differently:
// LSTM: PyTorch i, f, g, o; ONNX i, o, f, c.   GRU: PyTorch r, z, n; ONNX z, r, h.

/** For each ONNX block, the PyTorch block it comes from. */
export const TORCH_TO_ONNX = { lstm: [0, 3, 1, 2], gru: [1, 0, 2] } as const;
/** For each PyTorch block, the ONNX block it comes from. */
export const ONNX_TO_TORCH = { lstm: [0, 2, 3, 1], gru: [1, 0, 2] } as const;

/** Reorders the row blocks of a [blocks·H, cols] row-major matrix (cols = 1 for a bias). */
export function reorderBlocks(values: ArrayLike<number>, hidden: number, cols: number, order: readonly number[]): number[] {
  const size = hidden * cols;
  return order.flatMap((b) => Array.from({ length: size }, (_, i) => values[b * size + i]!));
}
