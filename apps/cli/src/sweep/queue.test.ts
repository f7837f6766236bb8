import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rnnkit, tempDir } from '../test-utils.js';
import { hasRedis, killAll, REDIS_SERVER, startRedis, startRnnkit, stop, type Running } from '../test-utils/processes.js';
import { walkCsv } from '../test-utils/walk-csv.js';

if (!hasRedis) console.log(`skipping the Redis queue tests: ${REDIS_SERVER} is missing (Debian: apt-get install -y redis-server)`);

const dir = tempDir('rnnkit-queue-');
writeFileSync(join(dir, 'walk.csv'), walkCsv(220, 12));
// Trials of about a second each, so a worker can be killed while busy.
const base = { recipe: 'tutorial', data: 'walk.csv', folds: 2, 'test-size': 20, epochs: 250, optimizer: 'adam', lr: 0.01, 'target-transform': 'diff' };
writeFileSync(join(dir, 'grid.json'), JSON.stringify({ base, grid: { hidden: [4, 8], seed: [0, 1, 2] } }));
const grid = join(dir, 'grid.json');
const FAST = { RNNKIT_MAX_TRIAL_CSV_BYTES: '100000' };
const workerArgs = (url: string) => ['worker', '--queue', url, '--concurrency', '1', '--lock-duration', '1500'];

/** trials.jsonl as id → line without its timing; every id must appear once. */
function figures(out: string) {
  const lines = readFileSync(join(out, 'trials.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  return new Map(lines.map(({ ms: _ms, ...rest }) => [rest.id as string, rest]));
}

describe.runIf(hasRedis)('rnnkit sweep --queue and rnnkit worker (a real redis-server)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let url: string;
  const workers: Running[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    url = `redis://127.0.0.1:${redis.port}`;
  });
  afterAll(async () => {
    killAll();
    await redis?.stop();
  });

  it('two workers, one SIGKILLed while busy: every trial lands exactly once with the figures of a local sweep', async () => {
    const local = rnnkit(['sweep', '--grid', grid, '--out', join(dir, 'local'), '--workers', '1']);
    workers.push(startRnnkit(workerArgs(url), FAST), startRnnkit(workerArgs(url), FAST));
    await Promise.all(workers.map((w) => w.waitFor(/waiting for trials/)));
    const sweep = startRnnkit(['sweep', '--grid', grid, '--out', join(dir, 'queued'), '--queue', url]);
    await workers[0]!.waitFor(/trial \w+ started/);
    const killed = /trial (\w+) started/.exec(workers[0]!.output())![1]!;
    await stop(workers[0]!);
    expect(await sweep.exited, sweep.output()).toBe(0);
    expect(sweep.output()).toContain('Leaderboard: 6 of 6 trials');
    // The killed worker's trial went back to the queue (stalled-job recovery) and the other one ran it.
    expect(workers[1]!.output()).toMatch(new RegExp(`trial ${killed} done`));
    expect((await local).code).toBe(0);
    expect(figures(join(dir, 'queued'))).toEqual(figures(join(dir, 'local')));
    expect(readFileSync(join(dir, 'queued', 'summary.json'), 'utf8')).toBe(readFileSync(join(dir, 'local', 'summary.json'), 'utf8'));
    // The workers' lines carry the forecasts, so the SPA test runs over all six trials.
    expect(JSON.parse(readFileSync(join(dir, 'queued', 'summary.json'), 'utf8')).spa).toMatchObject({ trials: 6, days: 40, bootstrap: 1000 });
  }, 180_000); // two sweeps of 6 one-second trials side by side: 41 s alone, 69 s on a loaded 2-core machine

  it('with no worker on the queue, the sweep says so after a few seconds, with the count of workers seen', async () => {
    const lone = await startRedis();
    try {
      const sweep = startRnnkit(['sweep', '--grid', grid, '--out', join(dir, 'lonely'), '--queue', `redis://127.0.0.1:${lone.port}`]);
      await sweep.waitFor(/no rnnkit worker/);
      expect(sweep.output()).toMatch(new RegExp(`rnnkit sweep: no rnnkit worker has taken a trial in [5-9] s \\(0 workers connected to \\S+\\); start one with rnnkit worker --queue redis://127\\.0\\.0\\.1:${lone.port}`));
      await stop(sweep);
    } finally {
      await lone.stop();
    }
  });

  it('queued again into a new folder, the finished jobs are collected, not run again (jobId = trial id)', async () => {
    const before = workers[1]!.output();
    const r = await rnnkit(['sweep', '--grid', grid, '--out', join(dir, 'again'), '--queue', url]);
    expect(r.code).toBe(0);
    expect(figures(join(dir, 'again'))).toEqual(figures(join(dir, 'local')));
    expect(workers[1]!.output()).toBe(before);
  });

  it('a collector killed part-way, run again, collects what finished meanwhile and waits for the rest', async () => {
    writeFileSync(join(dir, 'grid2.json'), JSON.stringify({ base, grid: { hidden: [4, 8], seed: [5, 6] } }));
    const out = join(dir, 'collector');
    const first = startRnnkit(['sweep', '--grid', join(dir, 'grid2.json'), '--out', out, '--queue', url]);
    const file = join(out, 'trials.jsonl');
    while (!(existsSync(file) && readFileSync(file, 'utf8').includes('\n'))) await new Promise((r) => setTimeout(r, 50));
    await stop(first);
    const collected = readFileSync(file, 'utf8');
    expect(collected.trim().split('\n').length).toBeLessThan(4);
    const r = await rnnkit(['sweep', '--grid', join(dir, 'grid2.json'), '--out', out, '--queue', url]);
    expect(r.code).toBe(0);
    expect(figures(out).size).toBe(4);
    expect(readFileSync(file, 'utf8').startsWith(collected)).toBe(true);
  });

  it('job payloads that are not valid trials fail with a clear reason; the worker carries on', async () => {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue('rnnkit-trials', { connection });
    try {
      const valid = JSON.parse(readFileSync(join(dir, 'local', 'trials.jsonl'), 'utf8').split('\n')[0]!);
      const csv = { name: 'walk.csv', text: readFileSync(join(dir, 'walk.csv'), 'utf8') };
      const bad = [
        ['shape', { hello: 'world' }, /the job is not a trial: it needs \{id, params, csv: \{name, text\}\}/],
        ['flag', { id: 'aaaaaaaaaaaa', params: { hiden: 4 }, csv }, /Unknown option '--hiden'/],
        ['size', { id: valid.id, params: valid.params, csv: { name: 'walk.csv', text: 'x'.repeat(200000) } }, /the job's CSV is 200000 bytes, over the 100000 bytes a trial may carry/],
        ['id', { id: 'bbbbbbbbbbbb', params: valid.params, csv }, /does not match its settings and CSV/],
      ] as const;
      for (const [name, data] of bad) await queue.add('trial', data, { jobId: `bad-${name}`, attempts: 3 });
      for (const [name, , reason] of bad) {
        while ((await queue.getJobState(`bad-${name}`)) !== 'failed') await new Promise((r) => setTimeout(r, 100));
        const job = await queue.getJob(`bad-${name}`); // read after it failed: an earlier copy has no failedReason
        expect(job!.failedReason, `${name}: ${JSON.stringify(job)}`).toMatch(reason);
        expect(job!.attemptsMade).toBe(1); // not retried: it would fail the same way
      }
    } finally {
      await queue.close();
      connection.disconnect();
    }
    expect(workers[1]!.child.exitCode).toBe(null);
    expect(workers[1]!.output()).toMatch(/trial bad-flag failed: trial aaaaaaaaaaaa: Unknown option '--hiden'/);
  });

  it('Ctrl-C closes a worker gracefully', async () => {
    workers[1]!.child.kill('SIGINT');
    expect(await workers[1]!.exited).toBe(130);
    expect(workers[1]!.output()).toMatch(/SIGINT: finishing the running trials, then closing[\s\S]*closed\n$/);
  });

  it('Redis unreachable: one line, exit 2, no output folder', async () => {
    const out = join(dir, 'unreachable');
    for (const args of [['sweep', '--grid', grid, '--out', out, '--queue', 'redis://127.0.0.1:1'], ['worker', '--queue', 'redis://127.0.0.1:1']]) {
      const r = await rnnkit(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^rnnkit (sweep|worker): redis:\/\/127\.0\.0\.1:1: cannot reach Redis \(connect ECONNREFUSED 127\.0\.0\.1:1\); check the host/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('a password-protected Redis works through redis://:password@…; the password appears nowhere', async () => {
    const password = 'Sw33p-s3cret-pw';
    const secured = await startRedis(['--requirepass', password]);
    try {
      const authUrl = `redis://:${password}@127.0.0.1:${secured.port}`;
      const wrong = await rnnkit(['worker', '--queue', `redis://:not-${password}@127.0.0.1:${secured.port}`]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/^rnnkit worker: redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: cannot reach Redis \(WRONGPASS/);
      const worker = startRnnkit(['worker', '--queue', authUrl, '--concurrency', '2']);
      await worker.waitFor(/waiting for trials/);
      writeFileSync(join(dir, 'grid3.json'), JSON.stringify({ base: { ...base, epochs: 10 }, grid: { hidden: [4, 8] } }));
      const out = join(dir, 'secured');
      const r = await rnnkit(['sweep', '--grid', join(dir, 'grid3.json'), '--out', out, '--queue', authUrl]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`redis://:***@127.0.0.1:${secured.port}`);
      worker.child.kill('SIGINT');
      await worker.exited;
      expect(worker.output()).toContain(`redis://:***@127.0.0.1:${secured.port}`);
      for (const text of [r.stdout, r.stderr, worker.output(), wrong.stdout, wrong.stderr, ...readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'))]) {
        expect(text).not.toContain(password);
      }
      expect(figures(out).size).toBe(2);
    } finally {
      await secured.stop();
    }
  });
});
