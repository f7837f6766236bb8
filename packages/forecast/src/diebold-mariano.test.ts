import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Rng } from '@rnnkit/tensor';
import { pythonHas } from '../../../test-utils/python.js';
import { dieboldMariano } from './diebold-mariano.js';
import { incompleteBeta, studentTTwoSided } from './student-t.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("Student's t", () => {
  it('matches closed forms: df 1 is Cauchy, df 2 has p = 1 − |t|/√(t²+2)', () => {
    for (const t of [0.1, 0.7, 1, 2.5, 10, 80]) {
      expect(rel(studentTTwoSided(t, 1), 1 - (2 / Math.PI) * Math.atan(t))).toBeLessThan(1e-12);
      expect(rel(studentTTwoSided(t, 2), 1 - t / Math.sqrt(t * t + 2))).toBeLessThan(1e-12);
    }
    expect(studentTTwoSided(0, 30)).toBeCloseTo(1, 14);
  });

  it('I_x(a, b) is symmetric and matches x^a for b = 1', () => {
    for (const x of [0.05, 0.3, 0.5, 0.9]) {
      expect(rel(incompleteBeta(x, 3.5, 1), x ** 3.5)).toBeLessThan(1e-12);
      expect(incompleteBeta(x, 2.5, 7) + incompleteBeta(1 - x, 7, 2.5)).toBeCloseTo(1, 13);
    }
  });
});

const hasScipy = pythonHas('numpy', 'scipy');
describe.runIf(hasScipy)('against numpy + scipy.stats.t (Debian python3-scipy)', () => {
  const rng = new Rng(11);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const cases = [
    { n: 57, h: 1, shift: 0 }, { n: 300, h: 1, shift: 0.3 }, { n: 120, h: 3, shift: -0.2 }, { n: 40, h: 5, shift: 0.1 }, { n: 1000, h: 2, shift: 0 },
  ].map(({ n, h, shift }) => {
    // Model errors with some autocorrelation (as multi-step errors have), naive errors plain.
    const e1: number[] = [];
    for (let t = 0; t < n; t++) e1.push(0.6 * (e1[t - 1] ?? 0) + normal() * (1 + shift));
    return { e1, e2: Array.from({ length: n }, normal), h };
  });
  const tGrid = [[0.3, 5], [2.2, 56], [-4.1, 299], [1.96, 1000], [12, 9], [0.01, 3]];
  const reference = JSON.parse(execFileSync('/usr/bin/python3', [new URL('../scripts/dm_reference.py', import.meta.url).pathname], { input: JSON.stringify({ cases, t: tGrid }) }).toString()) as { dm: [number, number][]; t: number[] };

  it('the DM statistic and p-value agree within 1e-9 relative', () => {
    cases.forEach((c, i) => {
      const got = dieboldMariano(c.e1, c.e2, c.h);
      const [statistic, p] = reference.dm[i]!;
      expect(rel(got.statistic, statistic)).toBeLessThan(1e-9);
      expect(rel(got.pValue, p)).toBeLessThan(1e-9);
    });
  });

  it('two-sided t p-values agree within 1e-10 relative', () => {
    tGrid.forEach(([t, df], i) => expect(rel(studentTTwoSided(t!, df!), reference.t[i]!)).toBeLessThan(1e-10));
  });
});

describe('dieboldMariano edge cases', () => {
  it('identical losses give statistic 0 and p 1', () => {
    expect(dieboldMariano([1, -2, 3], [-1, 2, -3])).toEqual({ statistic: 0, pValue: 1 });
  });
  it('a clearly better model has a negative statistic and a small p', () => {
    const naive = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) * 3);
    const model = naive.map((e) => e * 0.5);
    const dm = dieboldMariano(model, naive, 1);
    expect(dm.statistic).toBeLessThan(-5);
    expect(dm.pValue).toBeLessThan(1e-6);
  });
});
