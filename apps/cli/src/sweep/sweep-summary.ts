import { spaTest, verdictOf, VERDICT_ALPHA, type ErrorMeasures } from '@rnnkit/forecast';
import { textTable } from '../text-table.js';
import type { Grid } from './grid.js';
import { beatsNaive, canonicalJson, type TrialBaseline, type TrialLine, type TrialParams } from './trial.js';
import { columnFormat } from '../charts/format-number.js';

/** summary.json: deterministic for a given set of finished trials (sorted, no timings). */
export interface SweepSummary {
  trials: number;
  finished: number;
  /** Trials whose model beats naive at p < 0.05 (DM test, pooled horizon-1 forecasts). */
  beatNaive: number;
  /** Finished trials by pooled RMSE, then id. */
  leaderboard: {
    rank: number; id: string; params: TrialParams; model: ErrorMeasures; naive: ErrorMeasures; skill: number; dm: { statistic: number; pValue: number }; verdict: string;
    /** The baselines on this trial's folds (horizon 1) and the trial against the best of them. */
    baselines?: TrialBaseline[]; versusBest?: TrialLine['versusBest'];
  }[];
  /** Trials that differ only in seed, grouped: the spread of their RMSE, by median. */
  settings: { params: TrialParams; seeds: (string | number)[]; rmse: { median: number; min: number; max: number }; beatNaive: number }[];
  /** Trials the data or the training refused (e.g. divergence). */
  failed: { id: string; params: TrialParams; error: string }[];
  /** Hansen's SPA test of "no trial beats naive" over all finished trials; null (with why) where it cannot run. */
  spa: SweepSpa | { pValue: null; reason: string };
}

/** The SPA test of a sweep: corrects "the best trial beats naive" for the number of trials tried. */
export interface SweepSpa {
  /** Consistent p-value SPA_c: below 0.05, the best trial beats naive even after correcting for the tries. */
  pValue: number;
  /** SPA_l and SPA_u, its lower and upper bounds. */
  pLower: number;
  pUpper: number;
  /** max(0, max_k √n d̄_k / ω̂_k) over the trials. */
  statistic: number;
  /** The trial with the largest studentized edge over naive (null when none differs from naive). */
  best: string | null;
  /** Stationary-bootstrap resamples and their seed (the sweep's --seed). */
  bootstrap: number;
  seed: number;
  /** Mean block length: the mean over trials of the Politis–White choice. */
  blockLength: number;
  /** Trials (m) and forecast days (n) tested. */
  trials: number;
  days: number;
  method: string;
}

/** Options of the summary's SPA test. */
export interface SpaSettings {
  seed: number;
  bootstrap: number;
}

export const SPA_DEFAULTS: SpaSettings = { seed: 0, bootstrap: 1000 };

/**
 * SPA over the finished trials on the days they all forecast, where their actual values agree (one
 * data set): d_k,t = (actual − naive)² − (actual − predicted_k)², positive where trial k did better.
 */
export function sweepSpa(done: TrialLine[], settings: SpaSettings): SweepSummary['spa'] {
  const withForecasts = done.filter((l) => l.forecasts !== undefined);
  if (withForecasts.length === 0) return { pValue: null, reason: done.length === 0 ? 'no finished trial' : 'the trials carry no forecasts (written by an older rnnkit): run them again in a new --out folder' };
  if (withForecasts.length < done.length) return { pValue: null, reason: `${done.length - withForecasts.length} of ${done.length} trials carry no forecasts (written by an older rnnkit): run the sweep again in a new --out folder` };
  const at = withForecasts.map((l) => new Map(l.forecasts!.date.map((d, i) => [d, i])));
  const first = withForecasts[0]!.forecasts!;
  const days = first.date.filter((d) => at.every((m) => m.has(d)));
  const same = days.filter((d) => withForecasts.every((l, k) => l.forecasts!.actual[at[k]!.get(d)!] === first.actual[at[0]!.get(d)!]));
  if (same.length < 10) return { pValue: null, reason: `the trials share ${same.length} forecast days with the same actual values (they need one data set and overlapping test blocks, at least 10 days)` };
  const d = withForecasts.map((l, k) => same.map((day) => {
    const i = at[k]!.get(day)!;
    const f = l.forecasts!;
    return (f.actual[i]! - f.naive[i]!) ** 2 - (f.actual[i]! - f.predicted[i]!) ** 2;
  }));
  const r = spaTest(d, settings);
  return {
    pValue: r.pValue, pLower: r.pLower, pUpper: r.pUpper, statistic: r.statistic, best: r.best < 0 ? null : withForecasts[r.best]!.id,
    bootstrap: r.bootstrap, seed: settings.seed, blockLength: r.blockLength, trials: r.models, days: r.n, method: r.method,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The summary of the finished lines of a grid of `total` trials. */
export function summarize(lines: TrialLine[], total: number, spa: SpaSettings = SPA_DEFAULTS): SweepSummary {
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
    leaderboard: done.map((l, i) => ({
      rank: i + 1, id: l.id, params: l.params, model: l.model!, naive: l.naive!, skill: l.skill!, dm: l.dm!, verdict: verdictOf(l.dm!, 1),
      ...(l.baselines ? { baselines: l.baselines } : {}), ...(l.versusBest ? { versusBest: l.versusBest } : {}),
    })),
    settings,
    failed: lines.filter((l) => l.error !== undefined).sort(byId).map((l) => ({ id: l.id, params: l.params, error: l.error! })),
    spa: sweepSpa(done, spa),
  };
}

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
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
  out.push(spaLine(summary));
  const lead = summary.leaderboard[0];
  if (lead?.baselines && lead.versusBest) out.push(...baselineSummaryLines(lead.id, lead.baselines, lead.versusBest));
  return out;
}

const spaP = (s: SweepSpa) => (s.pValue === 0 ? `p < ${1 / s.bootstrap}` : `p = ${p(s.pValue)}`);

/** The SPA verdict in plain words: does the best trial beat naive once the number of tries is allowed for? */
export function spaLine(summary: SweepSummary): string {
  const s = summary.spa;
  if (s.pValue === null) return `SPA test not run: ${s.reason}`;
  const tries = s.trials === 1 ? 'the one configuration' : `the best of ${s.trials} configurations`;
  const method = `Hansen's SPA, ${s.days} days, stationary bootstrap of ${s.bootstrap} resamples, mean block ${s.blockLength.toFixed(1)} days`;
  const corrected = s.trials === 1 ? '' : ` after correcting for the ${s.trials} tries`;
  if (s.pValue < VERDICT_ALPHA) return `SPA: ${tries} (${s.best}) beats the naive forecast${corrected} (SPA ${spaP(s)}; ${method})`;
  const luck = summary.beatNaive === 0 ? '' : summary.beatNaive === 1 ? ': the 1 trial with p < 0.05 is what luck gives' : `: the ${summary.beatNaive} trials with p < 0.05 are what luck gives`;
  return `SPA: ${tries} does not beat the naive forecast${corrected} (SPA ${spaP(s)}; ${method})${luck}`;
}

/** The baselines on the leading trial's folds, and whether that trial beats the best of them (horizon 1). */
export function baselineSummaryLines(id: string, baselines: TrialBaseline[], vb: NonNullable<TrialLine['versusBest']>): string[] {
  const each = baselines.map((b) => (b.unavailable !== undefined ? `${b.name} n/a` : `${b.name} ${f3(b.skill!)} (p ${p(b.dm!.pValue)})`));
  const against = vb.best === 'naive'
    ? 'naive is the best baseline'
    : !(vb.dm.pValue < VERDICT_ALPHA) ? `no evidence that trial ${id} beats the best baseline, ${vb.best} (DM p = ${p(vb.dm.pValue)})`
      : vb.dm.statistic < 0 ? `trial ${id} beats the best baseline, ${vb.best} (DM p = ${p(vb.dm.pValue)})` : `the best baseline, ${vb.best}, is better than trial ${id} (DM p = ${p(vb.dm.pValue)})`;
  return [`Baselines on the folds of ${id}, skill against naive at horizon 1: ${each.join(', ')}; ${against}`];
}
