import { describe, expect, it } from 'vitest';
import { headerLines, resultLines } from './report.js';
import type { LoadedRun } from './load-data.js';
import type { TrainConfig } from './train-config.js';
import type { TrainResult } from './train-run.js';

/** A result with one horizon; only the fields the report reads. */
function resultOf(model: { rmse: number; mae: number; mape: number }, naive: { rmse: number; mae: number; mape: number }, dm = { statistic: 1, pValue: 0.3 }, actual = [100, 101]): TrainResult {
  const skill = 1 - model.rmse / naive.rmse;
  return {
    trainLoss: [0.5, 0.25], msPerEpoch: 1.5, interrupted: false, forecasts: actual.map((a) => ({ actual: a, horizon: 1 })), testScaledMse: 0,
    horizons: [{ horizon: 1, n: 57, model: { ...model, mase: 2.5 }, naive: { ...naive, mase: 1 }, skill, dm }],
  } as unknown as TrainResult;
}

describe('resultLines', () => {
  it('sizes every column to its widest cell, so large Volume numbers stay apart, and names the target as the unit', () => {
    const lines = resultLines(resultOf({ rmse: 36581550.4436, mae: 36330856.2914, mape: 280.361 }, { rmse: 4012345.678, mae: 2968135.19, mape: 20.924 }), 'Volume', 'runs/v');
    expect(lines.slice(0, 3)).toEqual([
      'test (Volume)               RMSE          MAE      MAPE   MASE   skill',
      'model                36581550.44  36330856.29  280.361%  2.500  -8.117',
      'naive (last Volume)   4012345.68   2968135.19   20.924%  1.000   0.000',
    ]);
  });

  it('says price units for price columns', () => {
    for (const target of ['Close', 'Adj Close', 'open']) {
      expect(resultLines(resultOf({ rmse: 2, mae: 1, mape: 1 }, { rmse: 1, mae: 1, mape: 1 }), target, 'r')[0]).toMatch(/^test \(price units\) +RMSE/);
    }
  });
});

describe('the verdict line', () => {
  const line = (r: TrainResult) => resultLines(r, 'Close', 'r').find((l) => l.includes('naive forecast'))!;
  it('says "beats" only when the Diebold–Mariano test on the test split says so, never on a lower RMSE alone', () => {
    const lower = { rmse: 1.9, mae: 1, mape: 1 }, naive = { rmse: 2, mae: 1, mape: 1 };
    expect(line(resultOf(lower, naive, { statistic: -0.4, pValue: 0.69 }))).toBe('no evidence that the model beats the naive forecast at horizon 1 (DM −0.40, p = 0.69) on the test split: RMSE 5.0% lower (skill 0.050); rnnkit backtest tests it over several folds');
    expect(line(resultOf(lower, naive, { statistic: -3.1, pValue: 0.003 }))).toBe('the model beats the naive forecast at horizon 1 (DM −3.10, p = 0.003) on the test split: RMSE 5.0% lower (skill 0.050); rnnkit backtest tests it over several folds');
    expect(line(resultOf({ rmse: 2, mae: 1, mape: 1 }, naive, { statistic: 0, pValue: 1 }))).toMatch(/^no evidence .*: the model's RMSE is 0\.0% higher/);
  });

  it('leaves MAPE out, with a note, when the series crosses or nears zero', () => {
    const lines = resultLines(resultOf({ rmse: 2, mae: 1, mape: 134.6 }, { rmse: 1, mae: 1, mape: 80 }, undefined, [3, -1, 2]), 'Close', 'r');
    expect(lines[1]).toMatch(/ n\/a /);
    expect(lines).toContain('note: MAPE left out (n/a): the series crosses or nears zero, where |error| / |actual| blows up; read RMSE, MAE and MASE');
    expect(resultLines(resultOf({ rmse: 2, mae: 1, mape: 1.5 }, { rmse: 1, mae: 1, mape: 1 }), 'Close', 'r')[1]).toContain('1.500%');
  });
});

describe('headerLines', () => {
  const loaded = {
    source: 'prices.csv',
    series: { dates: Array.from({ length: 20 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`) },
    prepared: { rows: { train: { start: 0, end: 15 }, test: { start: 15, end: 20 } }, train: { n: 11 }, test: { n: 1 } },
  } as unknown as LoadedRun;
  const config = {
    cell: 'gru', features: ['Open', 'High', 'Low', 'Close'], target: 'Close', hidden: 32, horizon: 1, layers: 2, seqLen: 4, scaler: 'minmax',
    targetTransform: 'none', epochs: 1, optimizer: 'adam', lr: 0.01, batchSize: 'full', backend: 'wasm', seed: 0, init: null,
  } as unknown as TrainConfig;

  it('puts counts of one and of many in the right number', () => {
    const [, , model, training] = headerLines(config, loaded, 9857);
    expect(model).toBe('model    GRU 4→32→1 × 2 layers, 9857 parameters, seed 0');
    expect(training).toBe('training 1 epoch, adam lr 0.01, full batch (11), backend wasm');
    expect(headerLines({ ...config, layers: 1, epochs: 100 }, loaded, 3521)[2]).toBe('model    GRU 4→32→1 × 1 layer, 3521 parameters, seed 0');
    expect(headerLines({ ...config, layers: 1, epochs: 100 }, loaded, 3521)[3]).toMatch(/^training 100 epochs,/);
  });
});
