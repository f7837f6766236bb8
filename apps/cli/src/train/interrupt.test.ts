import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importOnnx } from '@rnnkit/onnx';
import { useBackend } from '@rnnkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, readJson, rnnkit, tempDir } from '../test-utils.js';

beforeAll(() => useBackend());

/** Starts `rnnkit ...args`; resolves with the child and a promise of its exit code. */
function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exit };
}

async function waitFor(check: () => boolean, ms = 30_000, every = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, every));
  }
}

describe('interrupted training', () => {
  for (const extra of [[], ['--optimizer', 'adam', '--lr', '0.01', '--batch-size', '64']]) {
    it(`SIGINT writes a checkpoint and exits 130; --resume ends byte-identical to an uninterrupted run ${extra.length ? '(adam, mini-batches)' : '(sgd, full batch)'}`, async () => {
      const dir = tempDir();
      const epochs = extra.length ? '150' : '1500';
      const args = ['--epochs', epochs, '--seed', '3', '--checkpoint-every', '5', '--quiet', ...extra];
      const whole = rnnkit(['train', ...args, '--out', join(dir, 'whole')]);
      const run = start(['train', ...args, '--out', join(dir, 'cut')]);
      await waitFor(() => existsSync(join(dir, 'cut', 'checkpoint.json')));
      run.child.kill('SIGINT');
      const { code, stderr } = await run.exit;
      expect(code).toBe(130);
      expect(stderr).toMatch(/^rnnkit train: SIGINT at epoch \d+ of \d+: checkpoint written to .*cut; continue with rnnkit train --resume .*cut\n$/);
      const checkpoint = readJson(join(dir, 'cut', 'checkpoint.json'));
      expect(checkpoint.epoch).toBeLessThan(Number(epochs));
      expect(checkpoint.trainLoss).toHaveLength(checkpoint.epoch);
      expect(existsSync(join(dir, 'cut', 'weights.json'))).toBe(false);

      const resumed = await rnnkit(['train', '--resume', join(dir, 'cut'), '--quiet']);
      expect(resumed.code).toBe(0);
      expect((await whole).code).toBe(0);
      const file = (run: string, name: string) => readFileSync(join(dir, run, name));
      expect(file('cut', 'weights.json').equals(file('whole', 'weights.json'))).toBe(true);
      expect(readJson(join(dir, 'cut', 'metrics.json')).trainLoss).toEqual(readJson(join(dir, 'whole', 'metrics.json')).trainLoss);
    });
  }

  it('SIGKILL at 20 moments leaves every file in the run folder complete and readable', async () => {
    const dir = tempDir();
    let seed = 7;
    const delays = Array.from({ length: 20 }, () => (seed = (seed * 16807) % 2147483647) % 1500);
    const readable: Record<string, (path: string) => void> = {
      '.json': (p) => JSON.parse(readFileSync(p, 'utf8')),
      '.csv': (p) => expect(readFileSync(p, 'utf8')).toMatch(/^date,actual,predicted,naive\n[\s\S]*\n$/),
      '.svg': (p) => expect(readFileSync(p, 'utf8')).toMatch(/<\/svg>\s*$/),
      '.onnx': (p) => importOnnx(readFileSync(p)).model.dispose(),
    };
    for (let batch = 0; batch < delays.length; batch += 4) {
      await Promise.all(delays.slice(batch, batch + 4).map(async (delay, i) => {
        const out = join(dir, `run-${batch + i}`);
        const run = start(['train', '--epochs', '5000', '--checkpoint-every', '3', '--quiet', '--out', out]);
        // Counted from the first checkpoint, so a slow start-up on a busy machine still kills during training.
        await waitFor(() => existsSync(join(out, 'checkpoint.json')) || run.child.exitCode !== null, 60_000);
        await new Promise((r) => setTimeout(r, delay));
        run.child.kill('SIGKILL');
        await run.exit;
        for (const name of readdirSync(out)) {
          if (name.startsWith('.')) continue; // a temp file being written, never renamed into place
          const ext = name.slice(name.lastIndexOf('.'));
          expect(readable[ext], name).toBeDefined();
          readable[ext]!(join(out, name));
        }
      }));
    }
    expect(readdirSync(dir).length).toBe(20); // every kill lands during training, after a checkpoint
  }, 120_000);

  it('SIGINT at any moment: exit 0 with the whole run folder, or exit 130 with a checkpoint, never results without a folder', async () => {
    const dir = tempDir();
    const complete = ['chart.svg', 'metrics.json', 'model.onnx', 'model.with-scaler.onnx', 'predictions.csv', 'scaler.json', 'weights.json'];
    const outcomes: string[] = [];
    // Delays spread over start-up, training and the final writes of a short run.
    for (let batch = 0; batch < 12; batch += 4) {
      await Promise.all([0, 1, 2, 3].map(async (i) => {
        const k = batch + i;
        const out = join(dir, `run-${k}`);
        const run = start(['train', '--epochs', '40', '--checkpoint-every', '1', '--quiet', '--out', out]);
        let stdout = '';
        run.child.stdout.on('data', (d) => (stdout += d));
        // Training has begun once the first checkpoint exists; then the signal lands 0..990 ms later.
        await waitFor(() => existsSync(join(out, 'checkpoint.json')) || run.child.exitCode !== null);
        await new Promise((r) => setTimeout(r, 90 * k));
        run.child.kill('SIGINT');
        const { code, signal } = await run.exit;
        const files = existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith('.')).sort() : [];
        if (code === 0) {
          expect(files).toEqual(complete);
          expect(stdout).toMatch(/run folder /);
          outcomes.push('complete');
        } else if (code === 130) {
          expect(files).toEqual(['checkpoint.json']);
          expect(stdout).toBe('');
          outcomes.push('checkpoint');
        } else {
          expect.fail(`run ${k}: exit ${code} (signal ${signal}), files ${files.join(', ')}`);
        }
      }));
    }
    console.log(`SIGINT outcomes over 12 runs: ${outcomes.sort().join(', ')}`);
    expect(outcomes.length).toBe(12);
  }, 120_000);

  it('SIGINT as the finished command winds down (its result printed): exit 0, never killed by the signal', async () => {
    // The moments where Node used to fall back to death by SIGINT: after the command's own listener
    // was removed, and while the process tears down after its last output (see signals.ts).
    const outcomes = await Promise.all([0, 1, 2, 3, 4, 5].map(async (k) => {
      const out = join(tempDir(), 'run');
      const run = start(['train', '--epochs', '3', '--quiet', '--out', out]);
      await new Promise<void>((resolve) => run.child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('run folder')) setTimeout(() => resolve(), k);
      }));
      run.child.kill('SIGINT');
      const { code, signal } = await run.exit;
      return [code, signal];
    }));
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => [0, null]));
  }, 120_000);

  it('SIGINT while the finished run folder is being written: the run completes, exit 0, results and a note', async () => {
    for (let k = 0; k < 3; k++) {
      const parent = tempDir();
      const out = join(parent, 'run');
      // No checkpoints, so the first entry in `parent` is the run folder being assembled (.run.<pid>.partial).
      const run = start(['train', '--epochs', '40', '--checkpoint-every', '0', '--quiet', '--out', out]);
      let stdout = '';
      run.child.stdout.on('data', (d) => (stdout += d));
      await waitFor(() => readdirSync(parent).length > 0 || run.child.exitCode !== null, 60_000, 1);
      const writing = readdirSync(parent).some((name) => /^\.run\.\d+\.partial$/.test(name));
      run.child.kill('SIGINT');
      const { code, signal, stderr } = await run.exit;
      expect([code, signal]).toEqual([0, null]);
      expect(readdirSync(out).sort()).toEqual(['chart.svg', 'metrics.json', 'model.onnx', 'model.with-scaler.onnx', 'predictions.csv', 'scaler.json', 'weights.json']);
      expect(stdout).toMatch(/^final train loss .* run folder .*\n$/m);
      // The signal landed during the writes (the usual case): the run says it kept the finished run.
      if (writing) expect(stderr).toBe(`rnnkit train: SIGINT after the last epoch: the finished run was written to ${out}\n`);
    }
  }, 120_000);

  it('a diverging run stops with the epoch, a lower learning rate, and its last good checkpoint', async () => {
    const out = join(tempDir(), 'run');
    const r = await rnnkit(['train', '--lr', '5', '--checkpoint-every', '1', '--quiet', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/diverged at epoch (\d+): the loss (is NaN|\S+ is over 1e\+6 × the first epoch's \(\S+\)); try a lower learning rate \(e\.g\. --lr 0\.5\); the last good checkpoint \(epoch (\d+)\) is in /);
    const checkpoint = readJson(join(out, 'checkpoint.json'));
    expect(JSON.stringify(checkpoint.weights)).not.toContain('null');
    expect(checkpoint.trainLoss.every(Number.isFinite)).toBe(true);
  });

  it('--resume refuses other settings and folders without a checkpoint', async () => {
    const extra = await rnnkit(['train', '--resume', tempDir(), '--epochs', '5']);
    expect([extra.code, extra.stderr]).toEqual([2, 'rnnkit train: --resume continues with the run\'s own settings; drop --epochs; see rnnkit train --help\n']);
    const none = await rnnkit(['train', '--resume', tempDir()]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/checkpoint\.json: cannot resume \(no checkpoint in this folder\)/);
  });
});
