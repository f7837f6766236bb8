import { describe, expect, it } from 'vitest';
import type { BacktestResult } from './backtest.js';
import { backtestRecord, forecastsCsv, jsonFile, predictionsCsv } from './run-files.js';

// Two forecasts of one fold, written out by hand as the files must read.
const forecasts = [
  { fold: 1, origin: '2024-01-02', date: '2024-01-03', horizon: 1, actual: 101.5, predicted: 100.123456, naive: 100, lower: 99.1, upper: 101.2 },
  { fold: 1, origin: '2024-01-02', date: '2024-01-04', horizon: 2, actual: 102, predicted: 100.5, naive: 100, lower: 98.5, upper: 102.5 },
];

describe('run files', () => {
  it('forecasts.csv: one row per forecast, the interval columns only when asked for, full precision', () => {
    expect(forecastsCsv({ forecasts }, true)).toBe('fold,origin,date,horizon,actual,predicted,naive,lower,upper\n1,2024-01-02,2024-01-03,1,101.5,100.123456,100,99.1,101.2\n1,2024-01-02,2024-01-04,2,102,100.5,100,98.5,102.5\n');
    expect(forecastsCsv({ forecasts }, false)).toBe('fold,origin,date,horizon,actual,predicted,naive\n1,2024-01-02,2024-01-03,1,101.5,100.123456,100\n1,2024-01-02,2024-01-04,2,102,100.5,100\n');
  });

  it('predictions.csv: horizon 1 by date, otherwise by origin and horizon; predictions to 4 decimals', () => {
    expect(predictionsCsv(forecasts, 1)).toBe('date,actual,predicted,naive\n2024-01-03,101.5,100.1235,100\n');
    expect(predictionsCsv(forecasts, 2)).toBe('origin,date,horizon,actual,predicted,naive\n2024-01-02,2024-01-03,1,101.5,100.1235,100\n2024-01-02,2024-01-04,2,102,100.5,100\n');
  });

  it('backtest.json: the config as given, folds without their training loss, two-space JSON with a final newline', () => {
    const fold = { fold: 1, train: { from: 'a', to: 'b', windows: 3 }, test: { from: 'c', to: 'd', days: 2 }, finalLoss: 0.5 } as unknown as BacktestResult['folds'][number];
    const versusBest = [{ verdict: 'b' }] as unknown as BacktestResult['versusBest'];
    const record = backtestRecord({ seqLen: 4 }, { folds: [fold], horizons: [], verdicts: [], verdict: 'v', baselines: [], versusBest });
    expect(jsonFile(record)).toBe('{\n  "config": {\n    "seqLen": 4\n  },\n  "folds": [\n    {\n      "fold": 1,\n      "train": {\n        "from": "a",\n        "to": "b",\n        "windows": 3\n      },\n      "test": {\n        "from": "c",\n        "to": "d",\n        "days": 2\n      }\n    }\n  ],\n  "horizons": [],\n  "verdict": "v",\n  "baselines": [],\n  "versusBest": [\n    {\n      "verdict": "b"\n    }\n  ],\n  "baselineVerdict": "b"\n}\n');
  });
});
