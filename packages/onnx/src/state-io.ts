import type { GraphBuilder } from './graph-builder.js';

/**
 * The names of a streaming export's state: inputs `initial_h` (and `initial_c` for LSTM) and
 * outputs `Y_h` (and `Y_c`), each [layers, batch, hidden] — PyTorch's h_0 / h_n layout, one row per
 * layer, bottom layer first.
 */
export const STATE_NAMES = { h: { input: 'initial_h', output: 'Y_h' }, c: { input: 'initial_c', output: 'Y_c' } } as const;

/** Layer k's initial state [1, batch, H] (ONNX's num_directions = 1) sliced from a [layers, batch, H] input. */
export function layerState(g: GraphBuilder, input: string, k: number, layers: number): string {
  // One layer needs no Slice: the input already has the op's shape.
  if (layers === 1) return input;
  return g.node('Slice', [input, g.int64(`state_start_${k}`, [k]), g.int64(`state_end_${k}`, [k + 1]), g.int64('axes_0', [0])])[0]!;
}

/** Writes the layers' final states (each [1, batch, H]) as the graph output `name` [layers, batch, H]. */
export function stackStates(g: GraphBuilder, finals: string[], name: string): void {
  g.node(finals.length === 1 ? 'Identity' : 'Concat', finals, finals.length === 1 ? {} : { axis: 0 }, [name]);
}
