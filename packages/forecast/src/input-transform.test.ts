import { beforeAll, describe, expect, it } from 'vitest';
import { DataError, syntheticSeries } from '@rnnkit/datasets';
import { useBackend } from '@rnnkit/tensor';
import { backtest } from './backtest.js';
import { calendarValues, nextWeekday, targetDay } from './calendar.js';
import { seriesOf } from './series.js';
import { trainModel } from './train-model.js';
import { fitEncoding, inputCount, inputNames, originsWithin, windowsAt, type WindowSpec } from './windows.js';

beforeAll(() => useBackend());

const { table } = syntheticSeries({ kind: 'ar', length: 120, seed: 9 });
const series = seriesOf(table, ['Open', 'Close'], 'Close');
const at = (spec: WindowSpec, origin: number) => {
  const origins = originsWithin(0, 100, spec);
  const encoding = fitEncoding(series, spec, 0, 100, origins);
  const w = windowsAt(series, encoding, [origin], spec.seqLength);
  const F = inputCount(series.featureCount, spec);
  return { encoding, origins, raw: (t: number, f: number) => w.rawX[t * F + f]!, x: (t: number, f: number) => w.x[t * F + f]!, F };
};
const v = (row: number, col: number) => table.values[row]![col === 0 ? 0 : 3]!;

describe('input transforms', () => {
  const base: WindowSpec = { seqLength: 3, horizon: 1, scaler: 'standard', targetTransform: 'logret' };

  it('logret: ln(x[t] / x[t−1]) per column in float64, then standardized over the training days; the first origin leaves a day before', () => {
    const { raw, x, origins, encoding } = at({ ...base, inputTransform: 'logret' }, 50);
    expect(origins[0]).toBe(3);
    for (let t = 0; t < 3; t++) for (const f of [0, 1]) expect(raw(t, f)).toBeCloseTo(Math.log(v(48 + t, f) / v(47 + t, f)), 6);
    // The scaler's statistics: mean and population sd of the log returns of the windows' days 1..98 (last origin 98).
    const r = Array.from({ length: 98 }, (_, i) => Math.log(v(i + 1, 1) / v(i, 1)));
    const mean = r.reduce((s, a) => s + a, 0) / r.length;
    const sd = Math.sqrt(r.reduce((s, a) => s + (a - mean) ** 2, 0) / r.length);
    expect(x(2, 1)).toBeCloseTo((Math.log(v(50, 1) / v(49, 1)) - mean) / sd, 3);
    expect(encoding.inputTransform).toBe('logret');
  });

  it('diff, relative and level+logret', () => {
    expect(at({ ...base, inputTransform: 'diff' }, 50).raw(1, 0)).toBeCloseTo(v(49, 0) - v(48, 0), 4);
    const rel = at({ ...base, inputTransform: 'relative' }, 50);
    expect(rel.raw(0, 0)).toBeCloseTo(Math.log(v(48, 0) / v(50, 1)), 6);
    expect(rel.raw(2, 1)).toBe(0);
    const both = at({ ...base, inputTransform: 'level+logret' }, 50);
    expect(both.F).toBe(4);
    expect([both.raw(2, 1), both.raw(2, 3)].map((a) => +a.toFixed(3))).toEqual([+v(50, 1).toFixed(3), +Math.log(v(50, 1) / v(49, 1)).toFixed(3)]);
    expect(inputNames(series, { inputTransform: 'level+logret', calendar: ['dayofweek'] })).toEqual(['Open', 'Close', 'logret(Open)', 'logret(Close)', 'dow=Mon', 'dow=Tue', 'dow=Wed', 'dow=Thu', 'dow=Fri', 'dow=Sat', 'dow=Sun']);
  });

  it('logret+ma and logret+ma200: the log return and ln(x[t] / mean of the last 50 or 200 days) per column, in float64; the first origin leaves the days the mean reads', () => {
    const long = syntheticSeries({ kind: 'ou', length: 400, seed: 3 }).table;
    const s = seriesOf(long, ['Open', 'Close'], 'Close');
    const c = (row: number, col: number) => long.values[row]![col === 0 ? 0 : 3]!;
    for (const [transform, days] of [['logret+ma', 50], ['logret+ma200', 200]] as const) {
      const spec: WindowSpec = { ...base, inputTransform: transform };
      const origins = originsWithin(0, 390, spec);
      expect(origins[0]).toBe(days - 1 + 2); // the first day of the first window needs days − 1 rows before it
      const encoding = fitEncoding(s, spec, 0, 390, origins);
      const w = windowsAt(s, encoding, [350], 3);
      expect(inputNames(s, spec)).toEqual(['logret(Open)', 'logret(Close)', `ma${days}gap(Open)`, `ma${days}gap(Close)`]);
      for (let t = 0; t < 3; t++) {
        for (const f of [0, 1]) {
          const day = 348 + t;
          let sum = 0;
          for (let k = day - days + 1; k <= day; k++) sum += c(k, f);
          expect(w.rawX[t * 4 + f]).toBeCloseTo(Math.log(c(day, f) / c(day - 1, f)), 6);
          expect(w.rawX[t * 4 + 2 + f]).toBeCloseTo(Math.log(c(day, f) / (sum / days)), 6);
        }
      }
    }
  });

  it('calendar: one-hot of the target day (the next row; after the last row the next weekday), unscaled, at every step', () => {
    expect(calendarValues(['dayofweek'], '2024-11-08')).toEqual([0, 0, 0, 0, 1, 0, 0]); // a Friday
    expect(calendarValues(['month'], '2024-11-08')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(nextWeekday('2024-11-08')).toBe('2024-11-11');
    expect(targetDay(['2024-11-07', '2024-11-08'], 1)).toBe('2024-11-11');
    const { x, F } = at({ ...base, inputTransform: 'logret', calendar: ['dayofweek'] }, 50);
    const day = (new Date(`${table.dates[51]}T00:00:00Z`).getUTCDay() + 6) % 7;
    for (let t = 0; t < 3; t++) expect(Array.from({ length: 7 }, (_, c) => x(t, 2 + c))).toEqual(Array.from({ length: 7 }, (_, c) => (c === day ? 1 : 0)));
    expect(F).toBe(9);
  });

  it("a feature's 0 (a trading halt's Open) reads as its last positive value under a log transform: no change that day", () => {
    const halted = { ...series, rows: series.rows.map((r, i) => (i === 49 ? [0, r[1]!] : r)) };
    const spec: WindowSpec = { ...base, inputTransform: 'logret', targetTransform: 'diff' };
    const encoding = fitEncoding(halted, spec, 0, 100, originsWithin(0, 100, spec));
    const w = windowsAt(halted, encoding, [50], 3);
    const raw = (t: number, f: number) => w.rawX[t * 2 + f]!;
    expect(raw(1, 0)).toBe(0); // day 49: Open 0 → Open of day 48, log return 0
    expect(raw(2, 0)).toBeCloseTo(Math.log(v(50, 0) / v(48, 0)), 6); // day 50 against day 48's Open
    const negative = { ...series, rows: series.rows.map((r, i) => (i === 49 ? [-2, r[1]!] : r)) };
    expect(() => fitEncoding(negative, spec, 0, 100, originsWithin(0, 100, spec))).toThrow(`Open is -2 on ${table.dates[49]} (row 50), and --input-transform logret takes its log`);
  });

  it('a log of a price ≤ 0 is refused in one line naming the row', () => {
    const bad = { ...series, rows: series.rows.map((r, i) => (i === 40 ? [r[0]!, -1] : r)) };
    const spec: WindowSpec = { ...base, inputTransform: 'level' };
    expect(() => fitEncoding(bad, spec, 0, 100, originsWithin(0, 100, spec))).toThrow(DataError);
    expect(() => fitEncoding(bad, spec, 0, 100, originsWithin(0, 100, spec))).toThrow(`Close is -1 on ${table.dates[40]} (row 41), and --target-transform logret takes its log`);
    expect(() => fitEncoding(bad, { ...spec, targetTransform: 'diff' }, 0, 100, [])).not.toThrow();
  });
});

describe('early stopping', () => {
  it('keeps the weights of the epoch with the lowest MSE on the held-out last windows, and reports it', async () => {
    const spec: WindowSpec = { seqLength: 4, horizon: 1, scaler: 'standard', targetTransform: 'logret', inputTransform: 'logret' };
    const origins = originsWithin(0, 110, spec);
    const encoding = fitEncoding(series, spec, 0, 110, origins);
    const windows = windowsAt(series, encoding, origins, 4);
    const { targetsAt } = await import('./windows.js');
    const y = targetsAt(series, encoding, spec, origins);
    const trained = await trainModel({ cell: 'rnn', hidden: 4, layers: 1, seed: 2 }, { epochs: 30, lr: 0.05, optimizer: 'adam', batchSize: 'full', validation: 0.25 }, { windows, y, seqLength: 4, features: 2, outputs: 1 });
    const held = Math.round(origins.length * 0.25);
    expect(trained.earlyStopping!.heldOut).toBe(held);
    // The kept model's MSE on the held-out windows is the reported one, recomputed here in float64.
    const F = 2, n = origins.length, fitN = n - held;
    const xs = new Float32Array(4 * held * F);
    for (let t = 0; t < 4; t++) xs.set(windows.x.subarray((t * n + fitN) * F, (t * n + n) * F), t * held * F);
    const out = trained.model.predict(xs, held);
    const mse = Array.from(out).reduce((s, o, i) => s + (o - y[fitN + i]!) ** 2, 0) / held;
    expect(mse).toBeCloseTo(trained.earlyStopping!.validationLoss, 6);
    expect(trained.trainLoss).toHaveLength(30);
    trained.model.dispose();
  });

  it('a backtest with patience stops folds early and records the kept epoch per fold', async () => {
    const { table: ar } = syntheticSeries({ kind: 'ar', length: 400, seed: 3 });
    const s = seriesOf(ar, ['Close'], 'Close');
    const result = await backtest(s, {
      seqLength: 4, horizon: 1, scaler: 'standard', targetTransform: 'logret', inputTransform: 'logret', folds: 2, testSize: 40, window: 'expanding',
      model: { cell: 'rnn', hidden: 4, layers: 1, seed: 0 }, training: { epochs: 300, lr: 0.01, optimizer: 'adam', batchSize: 'full', validation: 0.2, patience: 5 },
    });
    for (const f of result.folds) expect(f.bestEpoch).toBeGreaterThanOrEqual(0);
    expect(result.folds.every((f) => f.bestEpoch! < 295)).toBe(true);
  });
});
