import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Rng } from '@rnnkit/tensor';
import { pythonHas } from '../../../test-utils/python.js';
import { spaTest } from './spa.js';
import { politisWhiteBlockLength, stationaryBootstrapIndices } from './stationary-bootstrap.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** m series of n loss differentials: AR(1) with coefficient phi, unit innovations, means mu[k]. */
function differentials(rng: Rng, n: number, mu: number[], phi = 0): number[][] {
  return mu.map((m) => {
    const row: number[] = [];
    let e = 0;
    for (let t = 0; t < n; t++) {
      e = phi * e + rng.normal();
      row.push(m + e);
    }
    return row;
  });
}

const hasNumpy = pythonHas('numpy');
describe.runIf(hasNumpy)('against an independent numpy implementation of Hansen (2005), same seeded draws', () => {
  const rng = new Rng(5);
  const cases = [
    { d: differentials(rng, 120, [0, -0.1, 0.05, 0.2], 0.4), bootstrap: 400, blockLength: null, seed: 3 },
    { d: differentials(rng, 80, Array(10).fill(-0.05)), bootstrap: 300, blockLength: 4, seed: 7 },
    { d: differentials(rng, 250, [0.1], 0.6), bootstrap: 500, blockLength: 2.5, seed: 11 },
    { d: differentials(rng, 60, [-0.8, -1.2, 0.02, -0.3, -2], 0.2), bootstrap: 400, blockLength: 1, seed: 1 },
  ];
  const series = [differentials(rng, 300, [0])[0]!, differentials(rng, 300, [0], 0.7)[0]!, differentials(rng, 1000, [0], 0.9)[0]!, differentials(rng, 50, [0], -0.5)[0]!];
  const reference = JSON.parse(execFileSync('/usr/bin/python3', [new URL('../scripts/spa_reference.py', import.meta.url).pathname], { input: JSON.stringify({ cases, series }) }).toString()) as {
    spa: { statistic: number; pValue: number; pLower: number; pUpper: number; best: number; blockLength: number }[];
    politisWhite: number[];
  };

  it('the statistic agrees within 1e-12 relative and the three p-values exactly (same bootstrap draws)', () => {
    cases.forEach((c, i) => {
      const got = spaTest(c.d, { bootstrap: c.bootstrap, blockLength: c.blockLength ?? undefined, seed: c.seed });
      const want = reference.spa[i]!;
      expect(rel(got.blockLength, want.blockLength)).toBeLessThan(1e-12);
      expect(got.best).toBe(want.best);
      if (want.statistic === 0) expect(got.statistic).toBe(0);
      else expect(rel(got.statistic, want.statistic)).toBeLessThan(1e-12);
      expect([got.pValue, got.pLower, got.pUpper]).toEqual([want.pValue, want.pLower, want.pUpper]);
      expect(got.pLower).toBeLessThanOrEqual(got.pValue);
      expect(got.pValue).toBeLessThanOrEqual(got.pUpper);
    });
    // The cases are not degenerate: case 4 (one model level, the rest far worse) separates the three p-values.
    expect(reference.spa[3]!.pUpper).toBeGreaterThan(reference.spa[3]!.pValue);
  });

  it('the Politis–White block length agrees within 1e-12 relative and grows with the serial correlation', () => {
    series.forEach((x, i) => expect(rel(politisWhiteBlockLength(x), reference.politisWhite[i]!)).toBeLessThan(1e-12));
    expect(reference.politisWhite[1]!).toBeGreaterThan(reference.politisWhite[0]! + 1);
    expect(reference.politisWhite[2]!).toBeGreaterThan(reference.politisWhite[1]!);
  });
});

describe('stationary bootstrap', () => {
  it('its blocks have geometric lengths with the asked mean, and it wraps around', () => {
    const tau = stationaryBootstrapIndices(200_000, 8, new Rng(2));
    let starts = 0;
    for (let t = 1; t < tau.length; t++) if (tau[t] !== (tau[t - 1]! + 1) % 200_000) starts++;
    // P(a new block) = 1/8, less the draws that land on the continuation by chance (1/n).
    expect(tau.length / (starts + 1)).toBeGreaterThan(7.8);
    expect(tau.length / (starts + 1)).toBeLessThan(8.2);
    const rng = new Rng(3);
    let wraps = 0;
    for (let b = 0; b < 100; b++) {
      const short = stationaryBootstrapIndices(50, 8, rng);
      for (let t = 1; t < 50; t++) if (short[t - 1] === 49 && short[t] === 0) wraps++;
    }
    expect(wraps).toBeGreaterThan(20); // ≈ 100 × 49/50 × 7/8 continuations from index 49
  });
});

/** Share of `sims` simulated sets of differentials that SPA_c rejects at 5%. */
function rejectionRate(sims: number, n: number, mu: number[], phi: number, seed: number): number {
  const rng = new Rng(seed);
  let rejected = 0;
  for (let s = 0; s < sims; s++) if (spaTest(differentials(rng, n, mu, phi), { bootstrap: 299, seed: s }).pValue < 0.05) rejected++;
  return rejected / sims;
}

describe('SPA calibration and power (simulated loss differentials)', () => {
  // 400 simulations at a true level of 5%: the binomial 99.9% band is 5% ± 3.3 × 1.09% = [1.4%, 8.6%].
  it('no edge, five models level with the benchmark: rejects about 5% of the time', () => {
    const rate = rejectionRate(400, 150, [0, 0, 0, 0, 0], 0, 1);
    expect(rate).toBeGreaterThan(0.014);
    expect(rate).toBeLessThan(0.086);
  });

  it('no edge, two level and three far worse models: SPA_c still rejects about 5% (the worse ones do not dilute it)', () => {
    const rate = rejectionRate(400, 150, [0, 0, -0.5, -0.5, -0.5], 0, 2);
    expect(rate).toBeGreaterThan(0.014);
    expect(rate).toBeLessThan(0.086);
  });

  it('one model of five with an edge of 0.3 standard deviations a day: rejects in at least 85% of 100 simulations', () => {
    expect(rejectionRate(100, 150, [0.3, 0, 0, 0, 0], 0, 3)).toBeGreaterThan(0.85);
  });

  it('a model identical to the benchmark is left out, and with no other model p is 1', () => {
    const zero = Array(50).fill(0);
    expect(spaTest([zero]).pValue).toBe(1);
    const rng = new Rng(9);
    const d = differentials(rng, 50, [0.5]);
    expect(spaTest([zero, d[0]!], { seed: 4, blockLength: 2 })).toEqual({ ...spaTest([d[0]!], { seed: 4, blockLength: 2 }), best: 1, models: 2 });
  });
});
