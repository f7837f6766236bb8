import { naiveForecaster } from './baselines.js';
import { dieboldMariano, type DieboldMariano } from './diebold-mariano.js';
import type { ModelForecasts } from './forecast-folds.js';
import { scoreHorizons, type HorizonScore } from './forecasts.js';
import { baselineVerdictOf } from './verdict.js';

/** A baseline's pooled scores per horizon, or why it could not run on this data. */
export interface BaselineResult {
  /** Its short name, e.g. "drift". */
  name: string;
  /** What it forecasts, in a sentence. */
  description: string;
  /** Per horizon: its errors (as `model`), naive's, its skill against naive and its DM test against naive. */
  horizons: HorizonScore[];
  /** Set (and `horizons` empty) when the baseline cannot forecast this data, e.g. log returns of prices ≤ 0. */
  unavailable?: string;
}

/** The model against the best of naive and the baselines at one horizon. */
export interface VersusBest {
  /** The horizon, 1..H. */
  horizon: number;
  /** The lowest pooled RMSE at this horizon among naive and the available baselines. */
  best: string;
  /** 1 − RMSE_model / RMSE_best. */
  skill: number;
  /** Diebold–Mariano of the model against it (negative: the model's squared errors are smaller). */
  dm: DieboldMariano;
  /** The verdict in words, e.g. "the model beats the best baseline, drift, at horizon 1 (…)". */
  verdict: string;
}

/** The first model's scores, the baselines' and the comparison with the best of them. */
export interface ModelScores {
  /** The first model against naive, per horizon. */
  horizons: HorizonScore[];
  /** Every other model but naive, against naive, per horizon. */
  baselines: BaselineResult[];
  /** Per horizon, the first model against the best of naive and the baselines. */
  versusBest: VersusBest[];
}

/**
 * Scores the models of one evaluation per horizon 1..H (MASE with `scale`): the first is "the
 * model", naive (which must be among the others) is the reference of every skill and DM test, and
 * the model is also tested against the best of naive and the baselines by pooled RMSE (naive on a tie).
 */
export function compareForecasters(models: ModelForecasts[], horizon: number, scale: number): ModelScores {
  const [first, ...others] = models;
  const naive = others.find((m) => m.name === naiveForecaster.name);
  if (!first || !naive) throw new RangeError('the models must be the model first and naive among the rest: every skill and DM test is against naive');
  const pooled = (m: ModelForecasts) => m.folds.flat();
  const model = pooled(first);
  const horizons = scoreHorizons(model, horizon, scale);
  const rest = others.filter((m) => m !== naive);
  const baselines: BaselineResult[] = rest.map((m) => (m.unavailable !== undefined
    ? { name: m.name, description: m.description, horizons: [], unavailable: m.unavailable }
    : { name: m.name, description: m.description, horizons: scoreHorizons(pooled(m), horizon, scale) }));
  const candidates = [naive, ...rest].filter((m) => m.unavailable === undefined).map((m) => ({ name: m.name, forecasts: pooled(m), scores: scoreHorizons(pooled(m), horizon, scale) }));
  const available = baselines.filter((b) => b.unavailable === undefined).map((b) => b.name);
  const versusBest = horizons.map((h): VersusBest => {
    const best = candidates.reduce((a, c) => (c.scores[h.horizon - 1]!.model.rmse < a.scores[h.horizon - 1]!.model.rmse ? c : a));
    const byOrigin = new Map(best.forecasts.filter((f) => f.horizon === h.horizon).map((f) => [f.origin, f.predicted]));
    const fs = model.filter((f) => f.horizon === h.horizon).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const dm = dieboldMariano(fs.map((f) => f.actual - f.predicted), fs.map((f) => f.actual - byOrigin.get(f.origin)!), h.horizon);
    const verdict = best.name === naive.name
      ? `naive is the best baseline at horizon ${h.horizon}${available.length ? ` (${available.join(', ')} do no better)` : ''}`
      : baselineVerdictOf(dm, h.horizon, best.name);
    return { horizon: h.horizon, best: best.name, skill: 1 - h.model.rmse / best.scores[h.horizon - 1]!.model.rmse, dm, verdict };
  });
  return { horizons, baselines, versusBest };
}
