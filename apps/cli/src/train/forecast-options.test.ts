import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';

describe('rnnkit train --target-transform, --horizon, --epochs 0', () => {
  it('zero weights, --scaler none --target-transform logret --epochs 0: every prediction is the naive forecast', async () => {
    const dir = tempDir();
    const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array(c).fill(0));
    writeFileSync(join(dir, 'zero.json'), JSON.stringify({ 'w_x.weight': zeros(10, 4), 'w_h.weight': zeros(10, 10), 'w_y.weight': zeros(1, 10), 'w_y.bias': [0] }));
    const out = join(dir, 'run');
    const r = await rnnkit(['train', '--init', join(dir, 'zero.json'), '--scaler', 'none', '--target-transform', 'logret', '--epochs', '0', '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(57);
    for (const [, , predicted, naive] of rows) expect(Math.abs(predicted! - naive!) / naive!).toBeLessThan(1e-6);
    expect(readJson(join(out, 'metrics.json')).trainLoss).toEqual([]);
    expect(r.stdout).toMatch(/no training \(--epochs 0\)/);
  });

  it('--horizon 3: three outputs, scored per horizon; model.onnx verifies in onnxruntime-node and predict prints three days', async () => {
    const out = join(tempDir(), 'h3');
    const t = await rnnkit(['train', '--horizon', '3', '--target-transform', 'diff', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '20', '--out', out, '--quiet']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^model h3 /m);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.horizons.map((h: { horizon: number; n: number }) => [h.horizon, h.n])).toEqual([[1, 57], [2, 56], [3, 55]]);
    const csv = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('origin,date,horizon,actual,predicted,naive');
    expect(csv).toHaveLength(1 + 57 + 56 + 55);
    const v = await rnnkit(['verify', '--model', join(out, 'model.onnx'), '--run', out, '--json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).maxAbs).toBeLessThan(1e-5);
    const p = await rnnkit(['predict', '--model', join(out, 'model.onnx'), '--json']);
    expect(p.code).toBe(0);
    const summary = JSON.parse(p.stdout);
    expect(summary.predictions).toHaveLength(3);
    // diff outputs are changes from the last Close: every forecast lies near it.
    for (const v of summary.predictions) expect(Math.abs(v / summary.lastValue - 1)).toBeLessThan(0.2);
  });

  it('--interval 0.8: predictions.csv gains lower,upper; metrics.json its coverage (recounted from the CSV), scale and half-widths; --json the interval; a bad level exits 2 in one line', async () => {
    const out = join(tempDir(), 'iv');
    const t = await rnnkit(['train', '--target-transform', 'logret', '--optimizer', 'adam', '--lr', '0.01', '--epochs', '10', '--interval', '0.8', '--out', out, '--json']);
    expect(t.code).toBe(0);
    const summary = JSON.parse(t.stdout);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.config.interval).toBe(0.8);
    // The last ⌈20%⌉ of the 685 tutorial training windows calibrate the intervals and are not trained on.
    expect(metrics.windows).toEqual({ train: 685, test: 57, calibration: 137 });
    expect(summary.interval).toEqual({ level: 0.8, scale: 'relative', halfWidths: metrics.halfWidths, calibrationWindows: 137 });
    expect(metrics.intervalScale).toBe('relative');
    const csv = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('date,actual,predicted,naive,lower,upper');
    const rows = csv.slice(1).map((l) => l.split(',').slice(1).map(Number));
    // Each interval is predicted ± halfWidth · naive (relative), to the CSV's 4 decimals.
    for (const [, predicted, naive, lower, upper] of rows) {
      expect(Math.abs(upper! - (predicted! + metrics.halfWidths[0] * naive!))).toBeLessThan(2e-4);
      expect(Math.abs(lower! - (predicted! - metrics.halfWidths[0] * naive!))).toBeLessThan(2e-4);
    }
    const inside = rows.filter(([actual, , , lower, upper]) => lower! <= actual! && actual! <= upper!).length;
    expect(metrics.horizons[0].coverage).toBe(inside / rows.length);
    const bad = await rnnkit(['train', '--interval', '1.5', '--out', join(tempDir(), 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--interval must be a number between 0 and 1 \(exclusive\), got "1\.5"/);
  });
});
