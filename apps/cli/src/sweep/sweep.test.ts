import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';
import { killAll, startRnnkit, stop } from '../test-utils/processes.js';
import { walkCsv } from '../test-utils/walk-csv.js';
import { pythonHas } from '../test-utils.js';

const hasNumpy = pythonHas('numpy');

const dir = tempDir('rnnkit-sweep-');
mkdirSync(join(dir, 'data'));
writeFileSync(join(dir, 'data', 'walk.csv'), walkCsv(220, 11));
const base = { recipe: 'tutorial', data: 'data/walk.csv', folds: 2, 'test-size': 20, epochs: 15, optimizer: 'adam', lr: 0.01, 'target-transform': 'diff' };
const gridFile = (name: string, grid: object) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(grid));
  return path;
};
const small = gridFile('grid.json', { base, grid: { hidden: [4, 8], seed: [0, 1, 2] } });
/** trials.jsonl as id → line without its timing, which differs run to run. */
const figures = (out: string) => new Map(readFileSync(join(out, 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => {
  const { ms: _ms, ...rest } = JSON.parse(l);
  return [rest.id as string, rest];
}));

afterAll(killAll);

describe('rnnkit sweep', () => {
  it('runs every trial once, prints the leaderboard, the spread over seeds and the count beside naive', async () => {
    const r = await rnnkit(['sweep', '--grid', small, '--out', join(dir, 'w1'), '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('grid.json: 6 trials (hidden × seed = 2 × 3)');
    expect(r.stdout).toContain('Leaderboard: 6 of 6 trials finished, by pooled horizon-1 RMSE');
    expect(r.stdout).toMatch(/^id +hidden +seed +RMSE +MAE +MASE +naive RMSE +skill +DM +p +verdict$/m);
    expect(r.stdout).toMatch(/^Spread over seeds/m);
    expect(r.stdout).toMatch(/^\d of 6 trials beat the naive forecast at p < 0.05/m);
    expect(r.stdout).toMatch(/^Baselines on the folds of \w{12}, skill against naive at horizon 1: seasonal naive -?\d\.\d{3} \(p [\d.e-]+\), drift -?\d\.\d{3} \(p [\d.e-]+\), AR\(4\) log returns -?\d\.\d{3} \(p [\d.e-]+\); /m);
    const lines = figures(join(dir, 'w1'));
    expect(lines.size).toBe(6);
    const summary = readJson(join(dir, 'w1', 'summary.json'));
    expect(summary.leaderboard.map((t: { id: string }) => t.id).sort()).toEqual([...lines.keys()].sort());
    const rmse = summary.leaderboard.map((t: { model: { rmse: number } }) => t.model.rmse);
    expect(rmse).toEqual([...rmse].sort((a, b) => a - b));
    expect(summary.settings.map((s: { seeds: number[] }) => s.seeds)).toEqual([[0, 1, 2], [0, 1, 2]]);
  });

  it('a trial has the figures of rnnkit backtest with the same flags', async () => {
    const line = [...figures(join(dir, 'w1')).values()].find((l) => l.params.hidden === 8 && l.params.seed === 2)!;
    const r = await rnnkit(['backtest', '--data', join(dir, 'data', 'walk.csv'), ...Object.entries(base).filter(([k]) => k !== 'data').flatMap(([k, v]) => [`--${k}`, String(v)]), '--hidden', '8', '--seed', '2', '--json', '--out', join(dir, 'bt')]);
    const h1 = JSON.parse(r.stdout).horizons[0];
    const { forecasts, baselines, versusBest, ...scores } = line;
    const bt = JSON.parse(r.stdout);
    expect(scores).toEqual({ id: line.id, params: line.params, model: h1.model, naive: h1.naive, skill: h1.skill, dm: h1.dm });
    expect(baselines).toEqual(bt.baselines.map((b: any) => ({ name: b.name, rmse: b.horizons[0].errors.rmse, skill: b.horizons[0].skill, dm: b.horizons[0].dm })));
    expect(versusBest).toEqual({ best: bt.versusBest[0].best, skill: bt.versusBest[0].skill, dm: bt.versusBest[0].dm });
    // The line keeps the pooled horizon-1 forecasts, as backtest's forecasts.csv has them, by date.
    const rows = readFileSync(join(dir, 'bt', 'forecasts.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((c) => c[3] === '1');
    expect(forecasts).toEqual({ date: rows.map((c) => c[2]), actual: rows.map((c) => Number(c[4])), predicted: rows.map((c) => Number(c[5])), naive: rows.map((c) => Number(c[6])) });
  });

  it.runIf(hasNumpy)("summary.json's SPA test is the numpy reference's on the trials' forecasts, and the summary says it in words", async () => {
    const summary = readJson(join(dir, 'w1', 'summary.json'));
    const lines = [...figures(join(dir, 'w1')).values()].sort((a, b) => a.model.rmse - b.model.rmse || (a.id < b.id ? -1 : 1));
    const d = lines.map((l) => l.forecasts.actual.map((a: number, i: number) => (a - l.forecasts.naive[i]) ** 2 - (a - l.forecasts.predicted[i]) ** 2));
    const script = new URL('../../../../packages/forecast/scripts/spa_reference.py', import.meta.url).pathname;
    const [want] = JSON.parse(execFileSync('/usr/bin/python3', [script], { input: JSON.stringify({ cases: [{ d, bootstrap: 1000, blockLength: null, seed: 0 }] }) }).toString()).spa;
    const { spa } = summary;
    expect([spa.trials, spa.days, spa.bootstrap, spa.seed]).toEqual([6, 40, 1000, 0]);
    expect(spa.method).toMatch(/^Hansen \(2005\) SPA/);
    expect(Math.abs(spa.statistic - want.statistic)).toBeLessThan(1e-12 * Math.max(1, want.statistic));
    expect(Math.abs(spa.blockLength - want.blockLength)).toBeLessThan(1e-12 * want.blockLength);
    expect([spa.pValue, spa.pLower, spa.pUpper]).toEqual([want.pValue, want.pLower, want.pUpper]);
    expect(spa.best).toBe(lines[want.best].id);
    // A random walk: nothing to beat, and the terminal says so in words.
    expect(spa.pValue).toBeGreaterThanOrEqual(0.05);
    const r = await rnnkit(['sweep', '--grid', small, '--out', join(dir, 'w1')]);
    expect(r.stdout).toContain(`SPA: the best of 6 configurations does not beat the naive forecast after correcting for the 6 tries (SPA p = ${spa.pValue.toFixed(3)}; Hansen's SPA, 40 days`);
    // --seed and --bootstrap set the resampling; the same ones give the same p, as the reference does.
    cpSync(join(dir, 'w1'), join(dir, 'w1-seeded'), { recursive: true }); // the finished trials, summarized again
    const again = await rnnkit(['sweep', '--grid', small, '--out', join(dir, 'w1-seeded'), '--seed', '7', '--bootstrap', '400', '--json']);
    const [seeded] = JSON.parse(execFileSync('/usr/bin/python3', [script], { input: JSON.stringify({ cases: [{ d, bootstrap: 400, blockLength: null, seed: 7 }] }) }).toString()).spa;
    expect(JSON.parse(again.stdout).spa).toMatchObject({ seed: 7, bootstrap: 400, pValue: seeded.pValue, pLower: seeded.pLower, pUpper: seeded.pUpper });
  });

  it('--workers 2 gives the same trials and figures as --workers 1, and the same summary.json; --json prints it alone', async () => {
    const r = await rnnkit(['sweep', '--grid', small, '--out', join(dir, 'w2'), '--workers', '2', '--json']);
    expect(r.code).toBe(0);
    expect(figures(join(dir, 'w2'))).toEqual(figures(join(dir, 'w1')));
    const summary = readFileSync(join(dir, 'w2', 'summary.json'), 'utf8');
    expect(summary).toBe(readFileSync(join(dir, 'w1', 'summary.json'), 'utf8'));
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(summary));
  });

  it('SIGKILLed part-way (and a torn last line), run again: every trial exactly once, earlier lines unchanged', async () => {
    const out = join(dir, 'killed');
    const slow = gridFile('slow.json', { base: { ...base, epochs: 150 }, grid: { hidden: [4, 8], seed: [0, 1, 2] } });
    const run = startRnnkit(['sweep', '--grid', slow, '--out', out, '--workers', '1']);
    const file = join(out, 'trials.jsonl');
    while (!(existsSync(file) && readFileSync(file, 'utf8').split('\n').length > 2)) await new Promise((r) => setTimeout(r, 50));
    await stop(run);
    const before = readFileSync(file, 'utf8');
    const kept = before.slice(0, before.lastIndexOf('\n') + 1);
    expect(kept.split('\n').length - 1).toBeGreaterThanOrEqual(2);
    expect(kept.split('\n').length - 1).toBeLessThan(6);
    appendFileSync(file, '{"id":"torn-by-a-cra'); // what a crash in the middle of a write could leave
    const r = await rnnkit(['sweep', '--grid', slow, '--out', out, '--workers', '2']);
    expect(r.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(kept)).toBe(true);
    const ids = after.trim().split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const again = await rnnkit(['sweep', '--grid', slow, '--out', out]);
    expect(again.stdout).toContain('6 already in');
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('Ctrl-C stops after the running trial: exit 130, only whole lines', async () => {
    const out = join(dir, 'interrupted');
    const slow = gridFile('slow2.json', { base: { ...base, epochs: 150 }, grid: { hidden: [4, 8], seed: [3, 4, 5] } });
    const run = startRnnkit(['sweep', '--grid', slow, '--out', out, '--workers', '1']);
    await run.waitFor(/to run on/);
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.output()).toMatch(/SIGINT: stopping after the running trials/);
    const text = readFileSync(join(out, 'trials.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const n = text.trim().split('\n').length;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThan(6);
    expect(run.output()).toContain(`${n} of 6 trials are in`);
  });

  it('a trial whose training diverges is recorded with its error and listed; the others still run', async () => {
    const out = join(dir, 'diverged');
    const r = await rnnkit(['sweep', '--grid', gridFile('diverge.json', { base: { ...base, optimizer: 'sgd', lr: undefined }, grid: { lr: [0.01, 1e6] } }), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^failed +\w{12} \(lr=1000000\): training diverged at epoch \d+: the loss /m);
    const summary = readJson(join(out, 'summary.json'));
    expect([summary.finished, summary.leaderboard.length, summary.failed.length]).toEqual([2, 1, 1]);
    expect(summary.leaderboard[0].params.lr).toBe(0.01);
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"base": {"epochs": 5,}', /^rnnkit sweep: .*bad\.json: is not JSON \(.*\); write e\.g\. /],
    ['an unknown flag', JSON.stringify({ base, grid: { hiden: [4, 8] } }), /^rnnkit sweep: .*bad\.json: Unknown option '--hiden'; did you mean --hidden\?; fix the grid/],
    ['a bad value', JSON.stringify({ base, grid: { cell: ['rnn', 'transformer'] } }), /^rnnkit sweep: .*bad\.json: --cell must be one of rnn, lstm, gru, got "transformer"/],
    ['a single value in grid', JSON.stringify({ base, grid: { hidden: 8 } }), /bad\.json: grid\.hidden must be a non-empty list/],
    ['a sweep-level key', JSON.stringify({ base: { ...base, out: 'x' }, grid: {} }), /bad\.json: "out" is a setting of the sweep, not of a trial/],
    ['folds that do not fit the data', JSON.stringify({ base: { ...base, folds: 30 }, grid: {} }), /data\/walk\.csv: 30 folds of 20 days need/],
    ['a missing CSV', JSON.stringify({ base: { ...base, data: 'nope.csv' }, grid: {} }), /bad\.json: cannot read the CSV "nope\.csv" \(no such file\); data paths are relative to the grid file/],
  ];
  it.each(bad)('a grid with %s: one line, exit 2, no output folder', async (_what, text, message) => {
    writeFileSync(join(dir, 'bad.json'), text);
    const out = join(dir, 'never');
    const r = await rnnkit(['sweep', '--grid', join(dir, 'bad.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a different grid on an existing folder is refused: one line, exit 2, the folder untouched', async () => {
    const before = readFileSync(join(dir, 'w1', 'trials.jsonl'), 'utf8');
    const other = gridFile('other.json', { base, grid: { hidden: [4, 16], seed: [0, 1, 2] } });
    const r = await rnnkit(['sweep', '--grid', other, '--out', join(dir, 'w1')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/w1\/grid\.json: this folder holds a sweep of a different grid/);
    expect(readFileSync(join(dir, 'w1', 'trials.jsonl'), 'utf8')).toBe(before);
  });
});
