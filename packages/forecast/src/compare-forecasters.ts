import { dieboldMariano, type DieboldMariano } from './diebold-mariano.js';
import type { FittedForecaster, Forecaster } from './forecaster.js';
import { forecastsAt, scoreHorizons, type Forecast, type HorizonScore } from './forecasts.js';
import type { Series } from './series.js';
import type { RowSpan } from './split.js';
import { baselineVerdictOf } from './verdict.js';
import type { WindowSpec } from './windows.js';

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

/** Collects the forecasts of a list of forecasters fold by fold and scores them at the end. */
export class ForecasterComparison {
  private readonly forecasts = new Map<string, Forecast[]>();
  private readonly unavailable = new Map<string, string>();

  /** @param forecasters the baselines, fitted and scored in this order. */
  constructor(
    /** The baselines, fitted and scored in this order. */
    readonly forecasters: Forecaster[],
  ) {}

  /** Fits every forecaster on `train` and forecasts from `origins`, keeping horizons up to row `lastRow`. */
  async fold(series: Series, train: RowSpan, spec: WindowSpec, origins: number[], lastRow: number): Promise<void> {
    for (const f of this.forecasters) {
      if (this.unavailable.has(f.name)) continue;
      let fitted: FittedForecaster;
      try {
        fitted = await f.fit(series, train, spec);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        this.unavailable.set(f.name, err.message);
        continue;
      }
      try {
        this.forecasts.set(f.name, [...(this.forecasts.get(f.name) ?? []), ...forecastsAt(series, origins, fitted.predict(origins), lastRow)]);
      } finally {
        fitted.dispose?.();
      }
    }
  }

  /** Each forecaster's scores per horizon 1..H, MASE with `scale`. */
  results(horizon: number, scale: number): BaselineResult[] {
    return this.forecasters.map((f) => {
      const why = this.unavailable.get(f.name);
      if (why !== undefined) return { name: f.name, description: f.description, horizons: [], unavailable: why };
      return { name: f.name, description: f.description, horizons: scoreHorizons(this.forecasts.get(f.name) ?? [], horizon, scale) };
    });
  }

  /** Per horizon, the model's forecasts against the best of naive and the baselines (by pooled RMSE). */
  versusBest(model: Forecast[], horizons: HorizonScore[], baselines: BaselineResult[]): VersusBest[] {
    return horizons.map((h) => {
      let best = { name: 'naive', rmse: h.naive.rmse, predicted: (f: Forecast) => f.naive };
      for (const b of baselines) {
        const score = b.horizons[h.horizon - 1];
        if (score && score.model.rmse < best.rmse) {
          const byKey = new Map((this.forecasts.get(b.name) ?? []).filter((f) => f.horizon === h.horizon).map((f) => [f.origin, f.predicted]));
          best = { name: b.name, rmse: score.model.rmse, predicted: (f) => byKey.get(f.origin)! };
        }
      }
      const fs = model.filter((f) => f.horizon === h.horizon).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const dm = dieboldMariano(fs.map((f) => f.actual - f.predicted), fs.map((f) => f.actual - best.predicted(f)), h.horizon);
      const others = baselines.filter((b) => b.unavailable === undefined).map((b) => b.name);
      const verdict = best.name === 'naive'
        ? `naive is the best baseline at horizon ${h.horizon}${others.length ? ` (${others.join(', ')} do no better)` : ''}`
        : baselineVerdictOf(dm, h.horizon, best.name);
      return { horizon: h.horizon, best: best.name, skill: 1 - h.model.rmse / best.rmse, dm, verdict };
    });
  }
}
