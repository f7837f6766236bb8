// exp and log that give the same bits in every JavaScript engine. Math.exp and Math.log are only
// "implementation-approximated": Node 20's V8 and Chromium 156's disagree in the last bit for about
// one argument in ten, which would make the page's files differ from the CLI's. These are fdlibm's
// e_exp.c and e_log.c (Sun Microsystems, 1993: "Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice is preserved") in float64 arithmetic, which
// IEEE 754 fixes to the bit; they agree with Node 20's Math.exp and Math.log bit for bit.

const view = new DataView(new ArrayBuffer(8));
const high = (x: number): number => (view.setFloat64(0, x), view.getInt32(0));
const low = (x: number): number => (view.setFloat64(0, x), view.getInt32(4));
const withHigh = (x: number, hi: number): number => (view.setFloat64(0, x), view.setInt32(0, hi), view.getFloat64(0));
const fromWords = (hi: number, lo: number): number => (view.setInt32(0, hi), view.setInt32(4, lo), view.getFloat64(0));

const LN2_HI = 6.93147180369123816490e-1, LN2_LO = 1.90821492927058770002e-10, INV_LN2 = 1.44269504088896338700;
const P1 = 1.66666666666666019037e-1, P2 = -2.77777777770155933842e-3, P3 = 6.61375632143793436117e-5, P4 = -1.65339022054652515390e-6, P5 = 4.13813679705723846039e-8;

/** e^x, as fdlibm computes it: x = k·ln 2 + r, |r| ≤ ln 2 / 2, then a rational approximation of e^r. */
export function exp(x: number): number {
  const word = high(x), hx = word & 0x7fffffff, negative = word < 0;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78
    if (hx >= 0x7ff00000) return Number.isNaN(x) ? NaN : negative ? 0 : Infinity;
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.45133219101941108420e2) return 0;
  }
  let k = 0, hi = 0, lo = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln 2 / 2
    if (hx < 0x3ff0a2b2) {
      hi = x - (negative ? -LN2_HI : LN2_HI);
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    if (x === 1) return Math.E; // as V8 (fdlibm's rounds e^1 one ulp up); Math.E is the same constant everywhere
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2⁻²⁸
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * fromWords(0x7fe00000, 0) : y * fromWords((0x3ff + k) << 20, 0);
  return y * fromWords((0x3ff + k + 1000) << 20, 0) * fromWords(0x3ff00000 - (1000 << 20), 0); // 2^(k+1000) · 2^-1000
}

const LG1 = 6.666666666666735130e-1, LG2 = 3.999999999940941908e-1, LG3 = 2.857142874366239149e-1, LG4 = 2.222219843214978396e-1, LG5 = 1.818357216161805012e-1, LG6 = 1.531383769920937332e-1, LG7 = 1.479819860511658591e-1;

/** ln x, as fdlibm computes it: x = 2^k·(1 + f), √2/2 < 1 + f < √2, then a series in s = f / (2 + f). */
export function log(x: number): number {
  let hx = high(x), k = 0;
  if (hx < 0x00100000) {
    // x < 2⁻¹⁰²², zero or negative
    if (((hx & 0x7fffffff) | low(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= 1.8014398509481984e16; // 2⁵⁴: subnormal to normal
    hx = high(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000)); // x or x / 2, in [√2/2, √2)
  k += i >> 20;
  const f = x - 1, dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2⁻²⁰
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f), z = s * s, w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6)), t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/** ∛x for x ≥ 0: e^(ln x / 3) and one Newton step, in the same portable arithmetic (Math.cbrt differs between engines too). */
export function cbrt(x: number): number {
  if (!(x > 0) || x === Infinity) return x;
  const y = exp(log(x) / 3);
  return y - (y * y * y - x) / (3 * y * y);
}
