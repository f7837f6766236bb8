import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';

describe('rnnkit train numeric flags', () => {
  const cases: [string[], string][] = [
    [['--epochs', '-5'], '--epochs must be a whole number ≥ 0, got "-5"'],
    [['--lr', '-1'], '--lr must be a number > 0, got "-1"'],
    [['--seed', '-3'], '--seed must be a whole number ≥ 0, got "-3"'],
    [['--hidden', '-2'], '--hidden must be a whole number ≥ 1, got "-2"'],
    [['--seq-len', '2.5'], '--seq-len must be a whole number ≥ 1, got "2.5"'],
    [['--test-ratio', '-0.2'], '--test-ratio must be a number between 0 and 1 (exclusive), got "-0.2"'],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')}: says what the flag must be`, async () => {
      const out = join(tempDir(), 'run');
      const r = await rnnkit(['train', ...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`rnnkit train: ${message}; see rnnkit train --help\n`);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('--epochs 0 trains nothing and evaluates the initial weights', async () => {
    const out = join(tempDir(), 'run');
    const r = await rnnkit(['train', '--epochs', '0', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Training loss: no epochs (--epochs 0)');
    expect(r.stdout).toMatch(/^no training \(--epochs 0\) · run folder /m);
    const metrics = readJson(join(out, 'metrics.json'));
    expect(metrics).toMatchObject({ trainLoss: [], msPerEpoch: 0, windows: { train: 685, test: 57 } });
    expect(metrics.test.rmse).toBeGreaterThan(0);
    expect(metrics.baseline.rmse).toBeCloseTo(823.88, 2);
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toMatch(/<\/svg>\s*$/);
    const json = JSON.parse((await rnnkit(['train', '--epochs', '0', '--json', '--out', join(tempDir(), 'run')])).stdout);
    expect(json).toMatchObject({ epochs: 0, finalLoss: null, msPerEpoch: 0 });
  });
});

describe('rnnkit train --epochs 1', () => {
  it('prints the one loss value instead of a one-point chart', async () => {
    const out = join(tempDir(), 'run');
    const r = await rnnkit(['train', '--epochs', '1', '--out', out]);
    expect(r.code).toBe(0);
    const loss = readJson(join(out, 'metrics.json')).trainLoss as number[];
    expect(loss).toHaveLength(1);
    expect(r.stdout).toContain(`Training loss: 1 epoch, train MSE (scaled) ${loss[0]!.toPrecision(6)}`);
    expect(r.stdout).not.toContain('epoch 1      ');
  });
});
