// σ(v) = ½ + ½·tanh(v/2) with the rational tanh: no exp, within 1.3e-7 of 1 / (1 + e^-v). The
// cells take tanh of v/2 in lockstep with their other gates (tanhLockstep), then this.
import { fma } from './wat.mjs';

/** ½ + ½·t, t = tanh(v/2) (the constant `half` must be loaded); one relaxed_madd with `relaxed`. */
export const fromTanh = (t, relaxed = false) => fma('half', 'half', t, relaxed);
