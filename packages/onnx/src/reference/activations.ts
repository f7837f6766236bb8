// The activation functions of ONNX's RNN, LSTM and GRU (the `activations` attribute), with the
// alpha/beta defaults of the ONNX operators of the same name. The elementwise ops Relu, Tanh,
// Sigmoid, LeakyRelu, Elu, ... use the same functions.
import { OnnxError } from '../onnx-error.js';

/** A scalar activation function. */
export type Activation = (x: number) => number;

interface ActivationSpec {
  /** alpha's default, null when alpha is not used, undefined when it has no default (must be given). */
  alpha: number | null | undefined;
  /** beta's default, as for alpha. */
  beta: number | null | undefined;
  make(alpha: number, beta: number): Activation;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** The functions of the ONNX RNN spec, by name. */
export const ACTIVATIONS: Record<string, ActivationSpec> = {
  Relu: { alpha: null, beta: null, make: () => (x) => Math.max(0, x) },
  Tanh: { alpha: null, beta: null, make: () => Math.tanh },
  Sigmoid: { alpha: null, beta: null, make: () => sigmoid },
  Affine: { alpha: 1, beta: 0, make: (a, b) => (x) => a * x + b },
  LeakyRelu: { alpha: 0.01, beta: null, make: (a) => (x) => (x >= 0 ? x : a * x) },
  ThresholdedRelu: { alpha: 1, beta: null, make: (a) => (x) => (x >= a ? x : 0) }, // the RNN spec's form; the op uses x > alpha
  ScaledTanh: { alpha: undefined, beta: undefined, make: (a, b) => (x) => a * Math.tanh(b * x) },
  HardSigmoid: { alpha: 0.2, beta: 0.5, make: (a, b) => (x) => Math.min(Math.max(a * x + b, 0), 1) },
  Elu: { alpha: 1, beta: null, make: (a) => (x) => (x >= 0 ? x : a * (Math.exp(x) - 1)) },
  Softsign: { alpha: null, beta: null, make: () => (x) => x / (1 + Math.abs(x)) },
  Softplus: { alpha: null, beta: null, make: () => softplus },
};

/** The spec's name for `name`, matched case-insensitively as onnxruntime does, or an error. */
function specName(name: string): string {
  const found = Object.keys(ACTIVATIONS).find((k) => k.toLowerCase() === name.toLowerCase());
  if (!found) throw new OnnxError(`activation "${name}" is not supported (${Object.keys(ACTIVATIONS).join(', ')} are)`);
  return found;
}

/** One activation with explicit alpha/beta (undefined: the default). */
export function activation(name: string, alpha?: number, beta?: number): Activation {
  const key = specName(name);
  const spec = ACTIVATIONS[key]!;
  const a = alpha ?? spec.alpha, b = beta ?? spec.beta;
  if (a === undefined || b === undefined) throw new OnnxError(`activation ${key} needs alpha and beta (activation_alpha/activation_beta): ONNX defines no default`);
  return spec.make(a ?? 0, b ?? 0);
}

/**
 * The activations of a recurrent node, per direction: `names` (default `defaults` for each
 * direction) with activation_alpha/activation_beta consumed in order by the functions that take
 * them (as onnxruntime reads them), each missing value taking the ONNX operator's default.
 */
export function recurrentActivations(names: string[] | undefined, alphas: number[], betas: number[], defaults: string[], directions: number): Activation[][] {
  let list = names ?? [];
  if (list.length === 0) list = Array.from({ length: directions }, () => defaults).flat();
  else if (list.length === defaults.length && directions === 2) list = [...list, ...list];
  if (list.length !== defaults.length * directions) {
    throw new OnnxError(`activations lists ${list.length} functions; this node needs ${defaults.length} per direction × ${directions} (${defaults.join(', ')})`);
  }
  let ai = 0, bi = 0;
  const fns = list.map((name) => {
    const spec = ACTIVATIONS[specName(name)]!;
    const alpha = spec.alpha !== null && ai < alphas.length ? alphas[ai++] : undefined;
    const beta = spec.beta !== null && bi < betas.length ? betas[bi++] : undefined;
    return activation(name, alpha, beta);
  });
  return Array.from({ length: directions }, (_, d) => fns.slice(d * defaults.length, (d + 1) * defaults.length));
}
