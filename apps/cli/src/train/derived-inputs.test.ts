import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticSeries, toYahooCsv } from '@rnnkit/datasets';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';

// A model trained on derived inputs (an input transform and calendar covariates): model.onnx records
// them, and rnnkit predict builds them from the raw CSV as training did.
const dir = tempDir();
const csv = join(dir, 'weekday.csv');
const text = toYahooCsv(syntheticSeries({ kind: 'weekday', length: 400, seed: 3 }).table);
writeFileSync(csv, text);
const out = join(dir, 'run');

describe('train --recipe forecast --calendar dayofweek', () => {
  it('records the input transform, the input scaler and the calendar in metrics.json and model.onnx; no with-scaler file', async () => {
    const r = await rnnkit(['train', '--recipe', 'forecast', '--calendar', 'dayofweek', '--data', csv, '--epochs', '30', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(the model beats the naive forecast|no evidence that the model beats the naive forecast|the naive forecast is better) at horizon 1 \(DM /m);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics.config).toMatchObject({ recipe: 'forecast', inputTransform: 'logret+ma200', calendar: ['dayofweek'], targetTransform: 'logret', optimizer: 'adam', validation: 0.2, patience: 50 });
    expect(metrics.inputScaler.kind).toBe('standard');
    expect(() => readFileSync(join(out, 'model.with-scaler.onnx'))).toThrow();
    const inspect = await rnnkit(['inspect', join(out, 'model.onnx'), '--json']);
    expect(inspect.stdout).toContain('logret+ma');
  });

  it('predict on the CSV cut after a test day gives the next day of predictions.csv', async () => {
    const lines = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = text.trim().split('\n');
    for (const k of [0, 7, lines.length - 1]) {
      const [date, , predicted] = lines[k]!.split(',');
      const origin = rows.findIndex((l) => l.startsWith(`${date},`)) - 1; // the day before the forecast day
      const cut = join(dir, `cut-${k}.csv`);
      writeFileSync(cut, `${rows.slice(0, origin + 1).join('\n')}\n`);
      const r = await rnnkit(['predict', '--model', join(out, 'model.onnx'), '--data', cut, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).prediction).toBeCloseTo(Number(predicted), 3);
    }
  });

  it('verify matches onnxruntime with rnnkit on the run\'s test windows; export --with-scaler is refused in one line', async () => {
    const v = await rnnkit(['verify', '--model', join(out, 'model.onnx'), '--run', out, '--json']);
    expect(JSON.parse(v.stdout).ok).toBe(true);
    const e = await rnnkit(['export', '--run', out, '--out', join(dir, 'x.onnx'), '--with-scaler']);
    expect(e.code).toBe(2);
    expect(e.stderr.trim().split('\n')).toHaveLength(1);
  });
});
