// tanh as a rational function, the float32 approximation Eigen uses: x·P(x²) / Q(x²) on x clamped
// to ±7.905 (where it reaches ±1 in float32); within 2.6e-7 of tanh everywhere. kernel-math.ts has the
// same numbers in JavaScript.
import { div, fma, mul, set, val } from './wat.mjs';

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

const name = ([n]) => n;

/**
 * x·P(s) / Q(s), x already clamped, s = x² and s2 = s², by Estrin's scheme: P as pairs of terms
 * joined by s2 and s2² (a chain of about 7 operations where Horner's rule has 14). The long
 * dependent chains, not the operation count, bounded the cells' steps: the core holds too few of
 * them in flight to fill its pipes. With `relaxed` each a + b·c is one relaxed_madd: 9 of its 20
 * operations fewer, and one rounding each instead of two.
 */
export function rational(x, s, s2, relaxed = false) {
  const [a1, a3, a5, a7, a9, a11, a13] = P.map(name), [b0, b2, b4, b6] = Q.map(name);
  const pair = (c0, c1) => fma(c0, s, c1, relaxed); // c₀ + s·c₁
  const p = fma(fma(pair(a1, a3), s2, pair(a5, a7), relaxed), mul(s2, s2), fma(pair(a9, a11), s2, a13, relaxed), relaxed);
  const q = fma(pair(b0, b2), s2, pair(b4, b6), relaxed);
  return div(mul(x, p), q);
}

/** y = tanh(v), through the locals x (clamped v), s = x² and s2 = x⁴ (y may be any of them). */
export const tanh = (y, v, x, s, s2, relaxed = false) => [set(x, clamp(v)), set(s, mul(x, x)), set(s2, mul(s, s)), set(y, rational(x, s, s2, relaxed))];

/**
 * tanh of several values in lockstep, `chains` naming each one's locals (x<c> clamped, then
 * s<c> = x², p<c> = x⁴, y<c> the result): each statement of every chain before the next, so that
 * an out-of-order core has independent work at hand. The same operations as `tanh`, so bit-identical results.
 */
export function tanhLockstep(chains, relaxed = false) {
  return [
    ...chains.map((c) => set(`s${c}`, mul(`x${c}`, `x${c}`))),
    ...chains.map((c) => set(`p${c}`, mul(`s${c}`, `s${c}`))),
    ...chains.map((c) => set(`y${c}`, rational(`x${c}`, `s${c}`, `p${c}`, relaxed))),
  ];
}
