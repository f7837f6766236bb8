import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';
import { walkCsv } from '../test-utils/walk-csv.js';

const dir = tempDir();
const csv = join(dir, 'walk.csv');
writeFileSync(csv, walkCsv(300, 3));
// The tutorial RNN (4 features, hidden 10) with every weight 0: its output is 0, whatever the input.
const zeros = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array(cols).fill(0));
const zeroWeights = join(dir, 'zero.json');
writeFileSync(zeroWeights, JSON.stringify({ 'w_x.weight': zeros(10, 4), 'w_h.weight': zeros(10, 10), 'w_y.weight': zeros(1, 10), 'w_y.bias': [0] }));
const forecasts = (out: string) => readFileSync(join(out, 'forecasts.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

describe('rnnkit backtest --init', () => {
  it('zero weights with --target-transform logret and 0 epochs are the naive forecast exactly, fold by fold', async () => {
    const out = join(dir, 'zero');
    const r = await rnnkit(['backtest', '--data', csv, '--init', zeroWeights, '--epochs', '0', '--target-transform', 'logret', '--folds', '3', '--test-size', '30', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`init     ${zeroWeights}: each fold's fitted scaler, evaluated as given (0 epochs)`);
    const rows = forecasts(out);
    expect(rows).toHaveLength(90);
    for (const [, , , , , predicted, naive] of rows) expect(Number(predicted)).toBe(Number(naive)); // exp(0) · last = last
    const result = readJson(join(out, 'backtest.json'));
    expect(result.init).toEqual({ file: zeroWeights, scaler: 'fold' });
    for (const f of result.folds) expect(f.model).toEqual(f.naive);
    expect(result.horizons[0].model).toEqual(result.horizons[0].naive);
  });

  it("evaluates a trained model.onnx with the file's own scaler: the same forecasts as the run that wrote it", async () => {
    const run = join(dir, 'run');
    const trained = await rnnkit(['train', '--data', csv, '--epochs', '30', '--optimizer', 'adam', '--lr', '0.01', '--test-ratio', '0.2', '--out', run, '--quiet']);
    expect(trained.code).toBe(0);
    const out = join(dir, 'onnx');
    const r = await rnnkit(['backtest', '--data', csv, '--init', join(run, 'model.onnx'), '--epochs', '0', '--folds', '2', '--test-size', '25', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.init).toEqual({ file: join(run, 'model.onnx'), scaler: 'file' });
    // The run's test predictions (its scaler, its weights) on the days both cover.
    const byDate = new Map(readFileSync(join(run, 'predictions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map(([d, , p]) => [d!, Number(p)]));
    const common = forecasts(out).filter(([, , date]) => byDate.has(date!));
    expect(common.length).toBe(50);
    for (const [, , date, , , predicted] of common) expect(Math.abs(Number(predicted) - byDate.get(date!)!)).toBeLessThanOrEqual(1e-4 * Math.abs(byDate.get(date!)!));
  });

  it('refuses a model file trained on other columns, naming the flag to pass', async () => {
    const run = join(dir, 'run');
    const r = await rnnkit(['backtest', '--data', csv, '--init', join(run, 'model.onnx'), '--epochs', '0', '--seq-len', '6', '--out', join(dir, 'bad')]);
    expect([r.code, r.stderr]).toEqual([2, `rnnkit backtest: ${join(run, 'model.onnx')}: the model was trained with --seq-len 4, the backtest asks for --seq-len 6; pass --seq-len 4\n`]);
  });
});

describe('rnnkit backtest --init reads a model with the settings it was trained with', () => {
  it("a tutorial run's model.onnx and weights.json under the forecast recipe's defaults: the flags it was trained with, taken from the file", async () => {
    const run = join(dir, 'tutorial-run');
    expect((await rnnkit(['train', '--data', csv, '--epochs', '5', '--test-ratio', '0.2', '--out', run, '--quiet'])).code).toBe(0);
    for (const file of ['model.onnx', 'weights.json']) {
      const implicit = join(dir, `implicit-${file}`);
      const r = await rnnkit(['backtest', '--data', csv, '--init', join(run, file), '--epochs', '0', '--folds', '2', '--test-size', '25', '--out', implicit, '--quiet']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toContain('init     --scaler minmax --target-transform none --input-transform level --hidden 10: taken from');
      // The same forecasts as the tutorial's settings spelled out.
      const explicit = join(dir, `explicit-${file}`);
      const e = await rnnkit(['backtest', '--data', csv, '--init', join(run, file), '--epochs', '0', '--folds', '2', '--test-size', '25', '--out', explicit, '--quiet', '--recipe', 'tutorial']);
      expect(e.code).toBe(0);
      expect(forecasts(implicit)).toEqual(forecasts(explicit));
    }
  });

  it('a weights.json with nothing beside it: the hidden size and level inputs from its shapes', async () => {
    const out = join(dir, 'zero-defaults');
    const r = await rnnkit(['backtest', '--data', csv, '--init', zeroWeights, '--epochs', '0', '--target-transform', 'logret', '--folds', '2', '--test-size', '25', '--out', out, '--quiet']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`init     --input-transform level --hidden 10: taken from ${zeroWeights}'s shapes`);
    for (const [, , , , , predicted, naive] of forecasts(out)) expect(Number(predicted)).toBe(Number(naive));
  });
});
