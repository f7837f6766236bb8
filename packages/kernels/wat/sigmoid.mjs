// σ(v) = ½ + ½·tanh(v/2) with the rational tanh: no exp, within 1.3e-7 of 1 / (1 + e^-v).
import { add, mul, set } from './wat.mjs';
import { tanh } from './tanh.mjs';

/** ½ + ½·t, t = tanh(v/2) (the constant `half` must be loaded). */
export const fromTanh = (t) => add('half', mul('half', t));

/** y = σ(v), through the locals x and x2 (as tanh). */
export const sigmoid = (y, v, x, x2) => [...tanh(y, mul('half', v), x, x2), set(y, fromTanh(y))];
