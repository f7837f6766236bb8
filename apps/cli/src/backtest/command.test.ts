import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonHas, readJson, rnnkit, tempDir } from '../test-utils.js';
import { walkCsv } from '../test-utils/walk-csv.js';

const dir = tempDir();
const csv = join(dir, 'walk.csv');
writeFileSync(csv, walkCsv(420, 7));
const base = ['backtest', '--recipe', 'tutorial', '--data', csv, '--folds', '3', '--test-size', '40', '--epochs', '20', '--optimizer', 'adam', '--lr', '0.01', '--target-transform', 'diff', '--hidden', '8', '--quiet'];

describe('rnnkit backtest', () => {
  it('writes backtest.json, forecasts.csv and chart.svg, prints the tables and the verdict', async () => {
    const out = join(dir, 'a');
    const r = await rnnkit([...base, '--horizon', '3', '--interval', '0.8', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^verdict: (the model beats the naive forecast|no evidence that the model beats the naive forecast|the naive forecast is better) at horizon 1 \(DM −?\d+\.\d\d, p = [\d.e-]+\)$/m);
    const result = readJson(join(out, 'backtest.json'));
    expect(result.folds).toHaveLength(3);
    expect(result.horizons.map((h: { horizon: number; n: number }) => [h.horizon, h.n])).toEqual([[1, 120], [2, 117], [3, 114]]);
    // A verdict per horizon, and the baselines beside naive with the verdict against the best of them.
    expect(result.horizons.map((h: { verdict: string }) => h.verdict)).toEqual([result.verdict, expect.stringMatching(/ at horizon 2 \(DM /), expect.stringMatching(/ at horizon 3 \(DM /)]);
    expect(r.stdout).toMatch(/^Baselines, pooled/m);
    expect(r.stdout).toMatch(/^seasonal naive +1 +[\d.]+ /m);
    expect(r.stdout).toMatch(/^AR\(4\) log returns +3 /m);
    expect(r.stdout).toContain(`         ${result.baselineVerdict}\n`);
    expect(result.baselineVerdict).toMatch(/^(naive is the best baseline at horizon 1 \(seasonal naive, drift, AR\(4\) log returns do no better\)|(the model beats|no evidence that the model beats) the best baseline, .+, at horizon 1 \(DM|the best baseline, .+, is better than the model at horizon 1 \(DM)/);
    const lines = readFileSync(join(out, 'forecasts.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('fold,origin,date,horizon,actual,predicted,naive,lower,upper');
    // Relative intervals: within a fold and horizon, (upper − predicted) / naive is one ratio.
    expect(result.intervalScale).toBe('relative');
    const ratios = new Set(lines.slice(1).map((l) => l.split(',').map(Number)).filter((c) => c[0] === 2 && c[3] === 1).map((c) => ((c[8]! - c[5]!) / c[6]!).toPrecision(9)));
    expect(ratios.size).toBe(1);
    expect(lines).toHaveLength(1 + 120 + 117 + 114);
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toContain('fold 3');
  });

  const hasScipy = pythonHas('numpy', 'scipy');
  it.runIf(hasScipy)('fold dates, naive metrics, MASE scales, DM and coverage agree with an independent computation from the raw CSV (numpy, scipy)', () => {
    const out = join(dir, 'a');
    const got = readJson(join(out, 'backtest.json'));
    const ref = JSON.parse(execFileSync('/usr/bin/python3', [new URL('../../../../scripts/backtest_reference.py', import.meta.url).pathname, csv, out]).toString());
    const close = (a: number, b: number, tol: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
    got.folds.forEach((f: any, k: number) => {
      const r = ref.folds[k];
      expect([f.train.from, f.train.to, f.test.from, f.test.to, f.test.days]).toEqual([r.train.from, r.train.to, r.test.from, r.test.to, r.test.days]);
      for (const m of ['rmse', 'mae', 'mape', 'mase']) close(f.naive[m], r.naive[m], 1e-9);
      close(f.maseScale, r.maseScale, 1e-12);
    });
    got.horizons.forEach((h: any, k: number) => {
      const r = ref.horizons[k];
      expect(h.n).toBe(r.n);
      close(h.dm.statistic, r.dm.statistic, 1e-8);
      close(h.dm.pValue, r.dm.pValue, 1e-8);
      expect(h.coverage).toBe(r.coverage);
    });
    // The baselines, refitted from the raw CSV: RMSE, skill and DM against naive per horizon.
    expect(got.baselines.map((b: any) => b.name)).toEqual(Object.keys(ref.baselines));
    got.baselines.forEach((b: any) => b.horizons.forEach((h: any, k: number) => {
      const r = ref.baselines[b.name][k];
      expect(h.n).toBe(r.n);
      close(h.errors.rmse, r.rmse, 1e-9);
      close(h.skill, r.skill, 1e-9);
      close(h.dm.statistic, r.dm.statistic, 1e-7);
      close(h.dm.pValue, r.dm.pValue, 1e-7);
    }));
    got.versusBest.forEach((v: any, k: number) => {
      expect(v.best).toBe(ref.versusBest[k].best);
      close(v.dm.statistic, ref.versusBest[k].dm.statistic, 1e-7);
      close(v.dm.pValue, ref.versusBest[k].dm.pValue, 1e-7);
    });
  });

  it('the same seed gives a byte-identical forecasts.csv; --json prints backtest.json alone', async () => {
    const [a, b] = [join(dir, 's1'), join(dir, 's2')];
    const runs = await Promise.all([rnnkit([...base, '--out', a]), rnnkit([...base, '--out', b, '--json'])]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(readFileSync(join(a, 'forecasts.csv')).equals(readFileSync(join(b, 'forecasts.csv')))).toBe(true);
    expect(JSON.parse(runs[1]!.stdout)).toEqual(readJson(join(b, 'backtest.json')));
  });

  const bad: [string, string[], RegExp][] = [
    ['more folds than the data holds', ['--folds', '30'], /30 folds of 40 days need 1206 rows but the data holds 420; use at most 10 folds/],
    ['a test size below 1', ['--test-size', '0'], /--test-size must be/],
    ['a horizon not below the test size', ['--horizon', '40'], /--horizon 40 must be below --test-size 40/],
    ['an unknown flag', ['--bogus'], /Unknown option '--bogus'/],
    ['sliding without a train size', ['--window', 'sliding'], /--window sliding needs --train-size/],
  ];
  for (const [what, extra, message] of bad) {
    it(`${what}: one line, exit 2, no output folder`, async () => {
      const out = join(dir, `bad-${extra.join('')}`);
      const r = await rnnkit([...base, ...extra, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('refuses a non-empty --out folder unless --overwrite', async () => {
    const out = join(dir, 'a');
    const r = await rnnkit([...base, '--out', out]);
    expect([r.code, r.stderr.trim()]).toEqual([2, `rnnkit backtest: ${out} already exists and is not empty; choose another --out or pass --overwrite; see rnnkit backtest --help`]);
  });
});
