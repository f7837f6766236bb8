// rnnkit reads back every file it writes: an unrolled export as --init gives the run it came from.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from '../test-utils.js';

describe('rnnkit train --init of an rnnkit export --style unrolled', () => {
  for (const cell of ['lstm', 'gru', 'rnn'] as const) {
    it(`${cell}: --epochs 0 gives the same weights and the same test RMSE`, async () => {
      const run = join(tempDir(), 'run');
      const trained = await rnnkit(['train', '--cell', cell, '--hidden', '6', '--layers', '2', '--epochs', '3', '--out', run, '--quiet']);
      expect(trained.code, trained.stderr).toBe(0);
      const file = join(run, 'unrolled.onnx');
      const exported = await rnnkit(['export', '--run', run, '--style', 'unrolled', '--out', file]);
      expect([exported.code, exported.stderr]).toEqual([0, '']);
      const again = join(tempDir(), 'again');
      const zero = await rnnkit(['train', '--init', file, '--epochs', '0', '--out', again, '--quiet']);
      expect([zero.code, zero.stderr]).toEqual([0, '']);
      expect(readJson(join(again, 'metrics.json')).config).toMatchObject({ cell, hidden: 6, layers: 2 });
      expect(readJson(join(again, 'weights.json'))).toEqual(readJson(join(run, 'weights.json')));
      const [want, got] = [readJson(join(run, 'metrics.json')).test.rmse as number, readJson(join(again, 'metrics.json')).test.rmse as number];
      expect(Math.abs(got - want) / want).toBeLessThanOrEqual(1e-6);
    }, 120_000);
  }
});
