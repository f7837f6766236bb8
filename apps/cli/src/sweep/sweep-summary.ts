import { verdictOf, VERDICT_ALPHA, type ErrorMeasures } from '@rnnkit/forecast';
import { textTable } from '../text-table.js';
import type { Grid } from './grid.js';
import { beatsNaive, canonicalJson, type TrialLine, type TrialParams } from './trial.js';
import { columnFormat } from '../charts/format-number.js';

/** summary.json: deterministic for a given set of finished trials (sorted, no timings). */
export interface SweepSummary {
  trials: number;
  finished: number;
  /** Trials whose model beats naive at p < 0.05 (DM test, pooled horizon-1 forecasts). */
  beatNaive: number;
  /** Finished trials by pooled RMSE, then id. */
  leaderboard: { rank: number; id: string; params: TrialParams; model: ErrorMeasures; naive: ErrorMeasures; skill: number; dm: { statistic: number; pValue: number }; verdict: string }[];
  /** Trials that differ only in seed, grouped: the spread of their RMSE, by median. */
  settings: { params: TrialParams; seeds: (string | number)[]; rmse: { median: number; min: number; max: number }; beatNaive: number }[];
  /** Trials the data or the training refused (e.g. divergence). */
  failed: { id: string; params: TrialParams; error: string }[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The summary of the finished lines of a grid of `total` trials. */
export function summarize(lines: TrialLine[], total: number): SweepSummary {
  const done = lines.filter((l) => l.model !== undefined).sort((a, b) => a.model!.rmse - b.model!.rmse || byId(a, b));
  const groups = new Map<string, TrialLine[]>();
  for (const l of done) {
    const { seed: _seed, ...rest } = l.params;
    const key = canonicalJson(rest);
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const settings = [...groups.values()].map((g) => {
    const { seed: _seed, ...params } = g[0]!.params;
    const rmse = g.map((l) => l.model!.rmse);
    return { params, seeds: g.map((l) => l.params.seed ?? 0).sort((a, b) => Number(a) - Number(b)), rmse: { median: median(rmse), min: Math.min(...rmse), max: Math.max(...rmse) }, beatNaive: g.filter(beatsNaive).length };
  });
  settings.sort((a, b) => a.rmse.median - b.rmse.median || (canonicalJson(a.params) < canonicalJson(b.params) ? -1 : 1));
  return {
    trials: total,
    finished: lines.length,
    beatNaive: done.filter(beatsNaive).length,
    leaderboard: done.map((l, i) => ({ rank: i + 1, id: l.id, params: l.params, model: l.model!, naive: l.naive!, skill: l.skill!, dm: l.dm!, verdict: verdictOf(l.dm!, 1) })),
    settings,
    failed: lines.filter((l) => l.error !== undefined).sort(byId).map((l) => ({ id: l.id, params: l.params, error: l.error! })),
  };
}

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const p = (v: number) => (!Number.isFinite(v) ? 'n/a' : v < 0.001 ? v.toExponential(1) : v.toFixed(3));
const short = (dm: { statistic: number; pValue: number }) => (!(dm.pValue < VERDICT_ALPHA) ? 'no evidence' : dm.statistic < 0 ? 'beats naive' : 'naive better');
const TOP = 20;

/** The ranked rows: RMSE, MAE and naive RMSE with the digits that tell the ranks apart, MASE and skill likewise. */
function leaderboardTable(shown: SweepSummary['leaderboard'], keys: string[]): string[] {
  const errors = columnFormat(shown.flatMap((t) => [t.model.rmse, t.model.mae, t.naive.rmse]));
  const ratios = columnFormat(shown.flatMap((t) => [t.model.mase, t.skill]), { min: 3 });
  return textTable([
    ['id', ...keys, 'RMSE', 'MAE', 'MASE', 'naive RMSE', 'skill', 'DM', 'p', 'verdict'],
    ...shown.map((t) => [t.id, ...keys.map((k) => String(t.params[k])), errors(t.model.rmse), errors(t.model.mae), ratios(t.model.mase), errors(t.naive.rmse), ratios(t.skill), f2(t.dm.statistic), p(t.dm.pValue), short(t.dm)]),
  ]);
}

/** The leaderboard, the spread over seeds and the count beside naive, as terminal lines. */
export function leaderboardLines(summary: SweepSummary, grid: Grid): string[] {
  const keys = Object.keys(grid.grid); // the settings that vary are the ones worth a column
  const shown = summary.leaderboard.slice(0, TOP);
  const out = [
    `Leaderboard: ${summary.finished} of ${summary.trials} trials finished${summary.failed.length ? ` (${summary.failed.length} failed)` : ''}, by pooled horizon-1 RMSE (naive = "next close = last close")`,
    ...leaderboardTable(shown, keys),
  ];
  if (summary.leaderboard.length > TOP) out.push(`… ${summary.leaderboard.length - TOP} more in summary.json`);
  const seedKeys = keys.filter((k) => k !== 'seed');
  if (keys.includes('seed')) {
    out.push('', 'Spread over seeds (trials that differ only in seed)');
    const spread = columnFormat(summary.settings.flatMap((s) => [s.rmse.median, s.rmse.min, s.rmse.max]));
    out.push(...textTable([
      [...(seedKeys.length ? seedKeys : ['setting']), 'seeds', 'median RMSE', 'min', 'max', 'beat naive'],
      ...summary.settings.map((s) => [...(seedKeys.length ? seedKeys.map((k) => String(s.params[k])) : ['all']), String(s.seeds.length), spread(s.rmse.median), spread(s.rmse.min), spread(s.rmse.max), `${s.beatNaive}/${s.seeds.length}`]),
    ]));
  }
  for (const f of summary.failed) out.push(`failed   ${f.id} (${keys.map((k) => `${k}=${f.params[k]}`).join(' ')}): ${f.error}`);
  out.push('', `${summary.beatNaive} of ${summary.finished - summary.failed.length} trials beat the naive forecast at p < ${VERDICT_ALPHA} (Diebold–Mariano, pooled horizon-1 forecasts)`);
  return out;
}
