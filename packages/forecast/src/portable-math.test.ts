import { describe, expect, it } from 'vitest';
import { exp, log } from './portable-math.js';

let seed = 20261203;
const uniform = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ulps = (a: number, b: number) => {
  const v = new DataView(new ArrayBuffer(16));
  v.setFloat64(0, a), v.setFloat64(8, b);
  return Number(v.getBigInt64(0) - v.getBigInt64(8));
};
const node20 = process.versions.node.startsWith('20.');

describe('portable exp and log', () => {
  // fdlibm's results, which Node 20's V8 also computes (its ieee754::exp and ::log are fdlibm's)
  for (const [name, f, ref, draw] of [
    ['exp', exp, Math.exp, () => (uniform() - 0.5) * 1400],
    ['exp near 0', exp, Math.exp, () => (uniform() - 0.5) * 2],
    ['log', log, Math.log, () => uniform() * 10],
    ['log over many binades', log, Math.log, () => 2 ** ((uniform() - 0.5) * 2000) * uniform()],
    ['log near 1', log, Math.log, () => 1 + (uniform() - 0.5) * 1e-5],
  ] as const) {
    it(`${name}: within one ulp of Math.${ref.name}${node20 ? ', and bit for bit on Node 20' : ''}`, () => {
      let worst = 0, differ = 0;
      for (let i = 0; i < 200_000; i++) {
        const x = draw(), d = Math.abs(ulps(f(x), ref(x)));
        worst = Math.max(worst, d);
        if (d) differ++;
      }
      expect(worst).toBeLessThanOrEqual(1);
      if (node20) expect(differ).toBe(0);
    });
  }

  it('has the edge cases of Math.exp and Math.log', () => {
    for (const x of [0, -0, 1, -1, 709.78, 709.79, -745.13, -745.14, -1e-300, 1e-300, Infinity, -Infinity, NaN, 2 ** -1060]) expect(exp(x)).toBe(Math.exp(x));
    for (const x of [0, -0, 1, 2, Math.E, 5e-324, 2 ** -1030, Number.MAX_VALUE, Infinity, -1, -Infinity, NaN]) expect(log(x)).toBe(Math.log(x));
    expect(log(Math.E)).toBe(1);
    expect(exp(1)).toBe(Math.E);
  });
});
