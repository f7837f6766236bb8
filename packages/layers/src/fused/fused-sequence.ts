import { tf } from '@rnnkit/tensor';
import { lastStep, type RecurrentCore, type RecurrentOutput } from '../recurrent-core.js';
import { createKernels, gruLayer, lstmLayer, rnnLayer, type Dims, type LayerRun, type LayerWeights } from '@rnnkit/kernels';

export const KERNELS = { rnn: rnnLayer, lstm: lstmLayer, gru: gruLayer } as const;

/**
 * The one instance of the kernels the fused ops share: one module memory, so that a layer's arrays
 * can stay there from its forward pass to its backward pass while the stack's other layers run.
 */
export const kernels = createKernels();
const FUSED_BACKENDS = new Set(['wasm', 'cpu']);
let enabled = true;
let dataInputs = false;

/**
 * Runs `f` (a training step) telling the fused kernels that the first layer's input is data,
 * whose gradient nobody reads, so its product is skipped. Outside, every input gets its gradient.
 */
export function withDataInputs<T>(f: () => T): T {
  dataInputs = true;
  try {
    return f();
  } finally {
    dataInputs = false;
  }
}

/** Turns the fused kernels off (or on): the op-by-op path is the reference they are tested against. */
export function setFusedKernels(on: boolean): void {
  enabled = on;
}

/** True when a layer should run as one fused op: on the wasm and cpu backends, unless turned off. */
export function useFused(): boolean {
  return enabled && FUSED_BACKENDS.has(tf.getBackend());
}

/** A whole stack's forward pass from a zero initial state, each layer as one fused op. */
export function fusedStack(core: RecurrentCore, x: tf.Tensor3D): RecurrentOutput {
  return tf.tidy(() => {
    let seq = core.batchFirst ? tf.transpose(x, [1, 0, 2]) : x;
    if (seq.shape[2] !== core.inputSize) throw new Error(`input has ${seq.shape[2]} features, the ${core.cell.toUpperCase()} expects ${core.inputSize}`);
    const finals = core.layerParameters().map(({ wIh, wHh, bIh, bHh }, k) => {
      seq = fusedSequence(core.cell, seq, bIh && bHh ? [wIh, wHh, bIh, bHh] : [wIh, wHh], core.hiddenSize, k === 0);
      return lastStep(seq);
    });
    return { output: core.batchFirst ? tf.transpose(seq, [1, 0, 2]) : seq, hN: tf.stack(finals) as tf.Tensor3D };
  });
}

/**
 * One recurrent layer over a whole time-major sequence as a single op: the forward pass and the
 * BPTT backward pass are each one JavaScript kernel, wired into autodiff with tf.customGrad.
 * `params` are [w_ih, w_hh] or [w_ih, w_hh, b_ih, b_hh]; returns every step's state [T, B, H].
 * `firstLayer` with `withDataInputs` skips the gradient of x (zeros): training data needs none.
 */
export function fusedSequence(cell: keyof typeof KERNELS, x: tf.Tensor3D, params: tf.Tensor[], hidden: number, firstLayer = false): tf.Tensor3D {
  const inputIsData = firstLayer && dataInputs;
  const op = tf.customGrad(((...args: unknown[]) => {
    const [input, ...ws] = args.slice(0, params.length + 1) as [tf.Tensor3D, ...tf.Tensor[]];
    const [T, B, I] = input.shape;
    // Float32 copies: the kernels see one array type only (see gemm.ts).
    const data = ws.map((w) => Float32Array.from(w.dataSync()));
    const weights: LayerWeights = { wIh: data[0]!, wHh: data[1]!, bIh: data[2] ?? null, bHh: data[3] ?? null };
    const d: Dims = { T, B, I, H: hidden };
    const run: LayerRun = KERNELS[cell](kernels, d, Float32Array.from(input.dataSync()), weights);
    return {
      value: tf.tensor3d(run.out, [T, B, hidden]),
      gradFunc: (dy: tf.Tensor) => {
        const g = run.backward(dy.dataSync(), !inputIsData);
        const grads = [tf.tensor3d(Float32Array.from(g.dx), [T, B, I]), tf.tensor(Float32Array.from(g.dWIh), ws[0]!.shape), tf.tensor(Float32Array.from(g.dWHh), ws[1]!.shape)];
        if (ws.length > 2) grads.push(tf.tensor(Float32Array.from(g.dBIh), ws[2]!.shape), tf.tensor(Float32Array.from(g.dBHh), ws[3]!.shape));
        return grads;
      },
    };
  }) as Parameters<typeof tf.customGrad>[0]);
  return op(x, ...params) as tf.Tensor3D;
}
