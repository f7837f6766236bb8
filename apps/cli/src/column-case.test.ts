import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from './test-utils.js';

// Column names compare case-insensitively and trimmed everywhere (@rnnkit/datasets' sameColumn):
// lower-case flags give the very run the header's spelling gives.
describe('--features and --target in any case', () => {
  const dir = tempDir();

  it('train: open,close → Close and Open,Close → close are the run of Open,Close → Close', async () => {
    const runs = [['Open,Close', 'Close'], ['open,close', 'Close'], ['Open, Close', 'close']] as const;
    const metrics = [];
    for (const [k, [features, target]] of runs.entries()) {
      const out = join(dir, `train-${k}`);
      const r = await rnnkit(['train', '--features', features, '--target', target, '--epochs', '3', '--out', out, '--quiet']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      metrics.push(readJson(join(out, 'metrics.json')));
    }
    for (const m of metrics.slice(1)) {
      expect(m.test).toEqual(metrics[0].test);
      expect(m.trainLoss).toEqual(metrics[0].trainLoss);
    }
    expect(metrics[0].windows).toEqual({ train: 685, test: 57 });
  });

  it('backtest: open,high,low,close → close is the backtest of the default columns', async () => {
    const args = ['--epochs', '2', '--folds', '2', '--test-size', '30', '--quiet', '--json'];
    const lower = await rnnkit(['backtest', '--features', 'open,high,low,close', '--target', 'close', ...args, '--out', join(dir, 'bt-lower')]);
    const usual = await rnnkit(['backtest', ...args, '--out', join(dir, 'bt-usual')]);
    expect([lower.code, lower.stderr]).toEqual([0, '']);
    expect(usual.code).toBe(0);
    expect(JSON.parse(lower.stdout).horizons).toEqual(JSON.parse(usual.stdout).horizons);
  });
});
