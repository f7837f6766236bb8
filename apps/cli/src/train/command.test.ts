import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CSV, FIXTURES, pythonHas, readJson, rnnkit, tempDir } from '../test-utils.js';
import { expectAllClose } from '../../../../test-utils/all-close.js';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('rnnkit train on the bundled data', () => {
  it('trains the tutorial setup, reports the naive baseline and writes the run folder', async () => {
    const dir = tempDir();
    const out = join(dir, 'run');
    const { code, stdout, stderr } = await rnnkit(['train', '--json', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout); // --json: exactly one JSON document on stdout
    expect(summary.runDir).toBe(out);
    expect(readdirSync(out).sort()).toEqual(['chart.svg', 'metrics.json', 'model.onnx', 'model.with-scaler.onnx', 'predictions.csv', 'scaler.json', 'weights.json']);

    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.trainLoss).toHaveLength(100);
    expect(metrics.trainLoss[99]).toBeLessThan(metrics.trainLoss[0]);
    expect(metrics.config).toMatchObject({
      features: ['Open', 'High', 'Low', 'Close'], target: 'Close', seqLen: 4, scaler: 'minmax', hidden: 10, layers: 1,
      epochs: 100, lr: 0.005, optimizer: 'sgd', batchSize: 'full', seed: 0, backend: 'wasm',
      trainRange: { from: '2020-06-11', to: '2023-03-23' }, testRange: { from: '2023-04-01', to: '2023-07-01' },
    });
    expect(metrics.windows).toEqual({ train: 685, test: 57 });

    // The naive baseline, recomputed here from the raw CSV: next close = the window's last close.
    const rows = readFileSync(BUNDLED_CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
      .filter(([d]) => d! >= '2023-04-01' && d! <= '2023-07-01');
    const closes = rows.map((r) => Number(r[4]));
    const errors = closes.slice(4).map((c, i) => c - closes[i + 3]!);
    const naiveRmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    expect(metrics.baseline.rmse).toBeCloseTo(naiveRmse, 6);
    expect(metrics.baseline.mae).toBeCloseTo(errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length, 6);
    // MASE: MAE over the in-sample one-step naive MAE of the training rows; skill = 1 − RMSE / naive RMSE.
    const trainCloses = readFileSync(BUNDLED_CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
      .filter(([d]) => d! >= '2020-06-11' && d! <= '2023-03-23').map((r) => Number(r[4]));
    const scale = trainCloses.slice(1).reduce((s, c, i) => s + Math.abs(c - trainCloses[i]!), 0) / (trainCloses.length - 1);
    expect(relative(metrics.baseline.mase, metrics.baseline.mae / scale)).toBeLessThan(1e-12);
    expect(relative(metrics.test.mase, metrics.test.mae / scale)).toBeLessThan(1e-12);
    expect(metrics.skill).toBeCloseTo(1 - metrics.test.rmse / metrics.baseline.rmse, 12);
    // The baselines, recomputed from the raw CSV: seasonal naive = the close 5 rows before the forecast
    // day (which may lie before the test range), drift = last close + the training rows' mean daily change.
    const all = readFileSync(BUNDLED_CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const at = new Map(all.map((r, i) => [r[0]!, i]));
    const allCloses = all.map((r) => Number(r[4]));
    const slope = (trainCloses.at(-1)! - trainCloses[0]!) / (trainCloses.length - 1);
    const rmseOf = (f: (t: number) => number) => Math.sqrt(rows.slice(4).reduce((s, r) => s + (Number(r[4]) - f(at.get(r[0]!)!)) ** 2, 0) / (rows.length - 4));
    expect(metrics.baselines.map((b: { name: string }) => b.name)).toEqual(['seasonal naive', 'drift', 'AR(4) log returns']);
    expect(relative(metrics.baselines[0].horizons[0].errors.rmse, rmseOf((t) => allCloses[t - 5]!))).toBeLessThan(1e-12);
    expect(relative(metrics.baselines[1].horizons[0].errors.rmse, rmseOf((t) => allCloses[t - 1]! + slope))).toBeLessThan(1e-12);
    expect(stdout).not.toContain('baselines,'); // --json: the line is for the terminal

    const csv = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('date,actual,predicted,naive');
    expect(csv).toHaveLength(58);
    expect(csv[1]!.split(',').slice(0, 2)).toEqual([rows[4]![0], rows[4]![4]]);
    const predicted = csv.slice(1).map((l) => Number(l.split(',')[2]));
    const modelRmse = Math.sqrt(predicted.reduce((s, p, i) => s + (p - closes[i + 4]!) ** 2, 0) / predicted.length);
    expect(relative(metrics.test.rmse, modelRmse)).toBeLessThan(1e-6);
    // mse beside rmse, mae, mape and mase in test and baseline (the first issue's contract), mse = rmse².
    for (const m of [metrics.test, metrics.baseline, summary.test, summary.baseline]) {
      expect(Object.keys(m).sort()).toEqual(['mae', 'mape', 'mase', 'mse', 'rmse']);
      expect(m.mse).toBe(m.rmse * m.rmse);
    }
    expect(relative(metrics.baseline.mse, errors.reduce((s, e) => s + e * e, 0) / errors.length)).toBeLessThan(1e-12);
    expect(relative(metrics.test.mse, modelRmse ** 2)).toBeLessThan(2e-6);
    expect(metrics.horizons[0].model.mse).toBe(metrics.test.mse);

    const weights = readJson(join(out, 'weights.json'));
    expect(Object.keys(weights)).toEqual(['w_x.weight', 'w_h.weight', 'w_y.weight', 'w_y.bias']);
    expect([weights['w_x.weight'].length, weights['w_x.weight'][0].length]).toEqual([10, 4]);
    expect([weights['w_h.weight'].length, weights['w_h.weight'][0].length]).toEqual([10, 10]);
    expect([weights['w_y.weight'].length, weights['w_y.weight'][0].length, weights['w_y.bias'].length]).toEqual([1, 10, 1]);
    expect(readJson(join(out, 'scaler.json'))).toMatchObject({ kind: 'minmax', columns: ['Open', 'High', 'Low', 'Close'] });
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toContain('hidden 10 × 1 layer · 100 epochs · sgd lr 0.005 · full batch');
  });

  it('prints the RMSE beside the naive baseline on a terminal run', async () => {
    const { code, stdout } = await rnnkit(['train', '--epochs', '5', '--out', join(tempDir(), 'run')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^test \(price units\)\s+RMSE\s+MAE\s+MAPE\s+MASE\s+skill$/m);
    expect(stdout).toMatch(/^model\s+[\d.]+\s+[\d.]+\s+[\d.]+%\s+[\d.]+\s+-?[\d.]+$/m);
    expect(stdout).toMatch(/^naive \(last Close\)\s+823\.88\s+612\.28\s+0\.899%\s+0\.807\s+0\.000$/m);
    expect(stdout).toMatch(/^data +samsung_005930\.csv \(bundled\): train 2020-06-11\.\.2023-03-23 \(689 rows → 685 windows\), test 2023-04-03\.\.2023-06-30 \(61 rows → 57 windows\)$/m);
    expect(stdout).toContain('Training loss');
    expect(stdout).toMatch(/^baselines, skill against naive at horizon 1: seasonal naive -1\.171 \(DM p [\d.e-]+\), drift 0\.003 \(DM p [\d.e-]+\), AR\(4\) log returns 0\.007 \(DM p [\d.e-]+\); best: AR\(4\) log returns \(the model's skill against it -?[\d.]+, DM p [\d.e-]+\)$/m);
  });
});

describe('rnnkit train against PyTorch', () => {
  // Fixtures written by scripts/pytorch_tutorial.py (PyTorch 1.13, the tutorial's loop, seed 0).
  for (const cell of ['rnn', 'lstm', 'gru']) {
    it(`--cell ${cell}: reproduces PyTorch's loss at every epoch and its test predictions from the same initial weights`, async () => {
      const torch = readJson(join(FIXTURES, `pytorch-tutorial-${cell}-h10.json`));
      const out = join(tempDir(), 'run');
      const { code, stderr } = await rnnkit(['train', '--cell', cell, '--init', join(FIXTURES, `pytorch-init-${cell}-h10.json`), '--out', out, '--quiet']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const metrics = readJson(join(out, 'metrics.json'));
      expect(metrics.trainLoss).toHaveLength(100);
      metrics.trainLoss.forEach((loss: number, i: number) => expect(relative(loss, torch.trainLoss[i])).toBeLessThan(1e-4));
      const predicted = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[2]));
      expect(predicted).toHaveLength(torch.testPredictions.length);
      predicted.forEach((p, i) => expect(relative(p, torch.testPredictions[i])).toBeLessThan(1e-4));
      expect(Object.keys(readJson(join(out, 'weights.json')))).toEqual(Object.keys(readJson(join(FIXTURES, `pytorch-init-${cell}-h10.json`))));
    });
  }

  const hasTorch = pythonHas('torch');
  it.runIf(hasTorch)('the fixtures are what PyTorch computes here (python3-torch installed)', () => {
    const dir = tempDir();
    for (const cell of ['rnn', 'lstm', 'gru']) {
      execFileSync('/usr/bin/python3', [new URL('../../../../scripts/pytorch_tutorial.py', import.meta.url).pathname, '--cell', cell, '--out', dir]);
      const fresh = readJson(join(dir, `pytorch-tutorial-${cell}-h10.json`));
      const committed = readJson(join(FIXTURES, `pytorch-tutorial-${cell}-h10.json`));
      // Another machine's floats: within a stated tolerance, never bit for bit.
      expectAllClose(readJson(join(dir, `pytorch-init-${cell}-h10.json`)), readJson(join(FIXTURES, `pytorch-init-${cell}-h10.json`)), { abs: 1e-7, rel: 1e-6 });
      fresh.trainLoss.forEach((l: number, i: number) => expect(relative(l, committed.trainLoss[i])).toBeLessThan(1e-6));
    }
  });
});

describe('rnnkit train reproducibility', () => {
  it('gives byte-identical weights.json for the same seed, different ones for another seed', async () => {
    const dir = tempDir();
    const runs = await Promise.all(
      [['a', '7'], ['b', '7'], ['c', '8']].map(([name, seed]) => rnnkit(['train', '--epochs', '20', '--seed', seed!, '--quiet', '--out', join(dir, name!)])),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const w = (name: string) => readFileSync(join(dir, name, 'weights.json'));
    expect(w('a').equals(w('b'))).toBe(true);
    expect(w('a').equals(w('c'))).toBe(false);
  });

  it('reads its own weights.json back as --init', async () => {
    const dir = tempDir();
    expect((await rnnkit(['train', '--epochs', '3', '--quiet', '--out', join(dir, 'a')])).code).toBe(0);
    const again = await rnnkit(['train', '--epochs', '3', '--lr', '1e-30', '--init', join(dir, 'a', 'weights.json'), '--quiet', '--out', join(dir, 'b')]);
    expect(again.code).toBe(0);
    const loss = (name: string) => readJson(join(dir, name, 'metrics.json')).trainLoss;
    // With a negligible learning rate the loaded weights stay put: every epoch's loss is a's final state.
    const lossA = loss('a'), lossB = loss('b');
    expect(lossB[0]).toBeLessThan(lossA[0]);
    expect(lossB[2]).toBeCloseTo(lossB[0], 12);
  });
});

describe('rnnkit train options', () => {
  it('trains with adam, mini-batches, two layers, standard scaling and a test ratio', async () => {
    const out = join(tempDir(), 'run');
    const r = await rnnkit(['train', '--optimizer', 'adam', '--lr', '0.01', '--batch-size', '64', '--layers', '2', '--hidden', '8',
      '--scaler', 'standard', '--test-ratio', '0.1', '--epochs', '10', '--json', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.windows.test).toBe(Math.round(3699 * 0.1) - 4);
    expect(Object.keys(readJson(join(out, 'weights.json')))).toEqual(['w_x.weight', 'w_h.weight', 'l1.w_x.weight', 'l1.w_h.weight', 'w_y.weight', 'w_y.bias']);
    expect(metrics.trainLoss[9]).toBeLessThan(metrics.trainLoss[0]);
  });

  it('shows help for the CLI and the command', async () => {
    const top = await rnnkit(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('rnnkit <command>');
    const train = await rnnkit(['train', '--help']);
    expect(train.code).toBe(0);
    expect(train.stdout).toContain('--train-range FROM:TO');
  });
});

describe('rnnkit train refuses bad input with one line, exit 2 and no run folder', () => {
  const dir = tempDir();
  const header = 'Date,Open,High,Low,Close,Volume';
  const good = readFileSync(BUNDLED_CSV, 'utf8').trim().split('\n').filter((l) => l >= '2020-06-01' && l < '2023-07-10');
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    return path;
  };
  const withLine = (lineNo: number, text: string) => [header, ...good].map((l, i) => (i + 1 === lineNo ? text : l));
  const cases: [string, string, string[], RegExp][] = [
    ['empty file', file('empty.csv', ['']), [], /empty\.csv: .*empty/],
    ['header only', file('header.csv', [header]), [], /header\.csv:?\d*: .*no data rows/],
    ['a missing column', file('nolow.csv', ['Date,Open,High,Close', '2020-06-11,1,2,3']), [], /nolow\.csv:1: .*Low/],
    ['a non-number at line 9', file('word.csv', withLine(9, '2020-06-11,abc,1,1,1,1')), [], /word\.csv:9: .*not a number/],
    ['an empty cell at line 12', file('blank.csv', withLine(12, good[10]!.replace(/,[^,]+,/, ',,'))), [], /blank\.csv:12: /],
    ['a NaN cell at line 30', file('nan.csv', withLine(30, good[28]!.replace(/,[^,]+,/, ',NaN,'))), [], /nan\.csv:30: /],
    ['dates out of order', file('order.csv', [header, good[0]!, good[2]!, good[1]!, ...good.slice(3)]), [], /order\.csv:\d+: .*order/],
    ['a duplicated date', file('dup.csv', [header, good[0]!, good[1]!, good[1]!, ...good.slice(2)]), [], /dup\.csv:\d+: .*(repeats|duplicate)/i],
    ['fewer rows than seq-len + 1', file('short.csv', [header, ...good.slice(0, 6)]), ['--test-ratio', '0.5'], /short\.csv: .*rows/],
    ['a test range with no rows', file('norows.csv', [header, ...good]), ['--train-range', '2020-06-01:2022-12-31', '--test-range', '2030-01-01:2030-02-01'], /norows\.csv: .*test/],
    ['a missing file', join(dir, 'nope.csv'), [], /nope\.csv: .*no such file/],
  ];
  for (const [what, path, extra, message] of cases) {
    it(what, async () => {
      const out = join(dir, `run-${what.replace(/\W+/g, '-')}`);
      const r = await rnnkit(['train', '--data', path, '--out', out, '--epochs', '2', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    });
  }

  const usage: [string, string[], RegExp][] = [
    ['an unknown flag', ['--epoch', '5'], /--epoch/],
    ['a non-numeric value', ['--hidden', 'ten'], /--hidden must be a whole number ≥ 1, got "ten"/],
    ['a bad choice', ['--optimizer', 'rmsprop'], /--optimizer must be one of sgd, adam/],
    ['a bad range', ['--train-range', '2023-01-01'], /--train-range/],
    ['conflicting split flags', ['--test-ratio', '0.2', '--test-range', '2023-01-01:2023-02-01'], /--test-ratio/],
    ['--init weights of the wrong shape', ['--hidden', '8', '--init', join(FIXTURES, 'pytorch-init-rnn-h10.json')], /pytorch-init-rnn-h10\.json: "w_x\.weight" has shape \[10, 4\], the model needs \[8, 4\]/],
  ];
  for (const [what, args, message] of usage) {
    it(what, async () => {
      const out = join(dir, `usage-${what.replace(/\W+/g, '-')}`);
      const r = await rnnkit(['train', ...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});
