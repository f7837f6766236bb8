// tanh as a rational function, the float32 approximation Eigen uses: x·P(x²) / Q(x²) on x clamped
// to ±7.905 (where it reaches ±1 in float32); within 2.6e-7 of tanh everywhere. kernel-math.ts has the
// same numbers in JavaScript.
import { add, div, mul, set, val } from './wat.mjs';

const CLAMP = '7.90531110763549805';
/** P's coefficients, x¹ to x¹³, and Q's, x⁰ to x⁶. */
export const P = [['a1', '4.89352455891786e-3'], ['a3', '6.37261928875436e-4'], ['a5', '1.48572235717979e-5'], ['a7', '5.12229709037114e-8'], ['a9', '-8.60467152213735e-11'], ['a11', '2.00018790482477e-13'], ['a13', '-2.76076847742355e-16']];
export const Q = [['b0', '4.89352518554385e-3'], ['b2', '2.268434632439e-3'], ['b4', '1.18534705686654e-4'], ['b6', '1.19825839466702e-6']];

const f32x4 = (v) => `(v128.const f32x4 ${v} ${v} ${v} ${v})`;
/** The constants tanh needs (see constants.mjs), in order: the clamp's bounds, then P's and Q's coefficients. */
export const TANH_CONSTANTS = [['lo', f32x4(`-${CLAMP}`)], ['hi', f32x4(CLAMP)], ...[...P, ...Q].map(([n, v]) => [n, f32x4(v)])];
export const TANH_NAMES = TANH_CONSTANTS.map(([n]) => n);

/** v clamped to [lo, hi]. */
export const clamp = (v) => `(f32x4.pmax (local.get $lo) (f32x4.pmin (local.get $hi) ${val(v)}))`;

/** c₀ + x²·(c₁ + x²·(c₂ + …)): Horner's rule, nested. */
const horner = (x2, cs) => (cs.length === 1 ? `(local.get $${cs[0][0]})` : add(cs[0][0], mul(x2, horner(x2, cs.slice(1)))));

/** x·P(x²) / Q(x²), x already clamped and x2 = x·x. */
export const rational = (x, x2) => div(mul(x, horner(x2, P)), horner(x2, Q));

/** y = tanh(v), through the locals x (clamped v) and x2. */
export const tanh = (y, v, x, x2) => [set(x, clamp(v)), set(x2, mul(x, x)), set(y, rational(x, x2))];

/**
 * tanh of several values in lockstep, `chains` naming each one's locals (x<c> clamped, then
 * s<c> = x², p<c> and q<c> the partial sums, y<c> the result): each Horner step of every chain
 * before the next, so that an out-of-order core has independent work instead of one chain's latency
 * to wait on. The same operations as `tanh`, so bit-identical results.
 */
export function tanhLockstep(chains) {
  const lines = chains.map((c) => set(`s${c}`, mul(`x${c}`, `x${c}`)));
  const pSteps = P.slice(1).reverse(), qSteps = Q.slice(1).reverse(); // innermost first
  const step = (acc, [coef], first, c) => set(`${acc}${c}`, first ? mul(`s${c}`, coef) : mul(`s${c}`, add(coef, `${acc}${c}`)));
  for (let i = 0; i < pSteps.length; i++) {
    for (const c of chains) lines.push(step('p', pSteps[i], i === 0, c));
    if (i < qSteps.length) for (const c of chains) lines.push(step('q', qSteps[i], i === 0, c));
  }
  for (const c of chains) lines.push(set(`y${c}`, div(mul(`x${c}`, add(P[0][0], `p${c}`)), add(Q[0][0], `q${c}`))));
  return lines;
}
