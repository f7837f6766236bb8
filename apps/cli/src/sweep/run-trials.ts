import type { Redis } from 'ioredis';
import { TrialPool } from './trial-pool.js';
import { collect, enqueue, openQueue } from './trial-queue.js';
import type { TrialJob, TrialLine } from './trial.js';

/**
 * Runs the trials on `workers` processes, handing out the next one as a process frees up, until all ran
 * or `shouldStop` (then the running ones finish). An internal error stops the hand-out and is rethrown.
 */
export async function runLocal(workers: number, trials: TrialJob[], onLine: (line: TrialLine) => Promise<void>, shouldStop: () => boolean): Promise<void> {
  if (trials.length === 0) return;
  const pool = new TrialPool(Math.min(workers, trials.length));
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (!shouldStop() && failure === undefined && next < trials.length) {
      const trial = trials[next++]!;
      try {
        await onLine(await pool.run(trial));
      } catch (err) {
        failure ??= err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: pool.size }, lane));
  } finally {
    await pool.close();
  }
  if (failure !== undefined) throw failure;
}

/** Seconds without a finished trial after which the sweep says how many workers it sees. */
export const IDLE_NOTICE_SECONDS = 5;

/**
 * Queues the trials in Redis and collects their lines as `rnnkit worker`s finish them. While no trial
 * has finished for IDLE_NOTICE_SECONDS and no worker is connected, `onNoWorker` hears it (once per spell).
 */
export async function runQueued(connection: Redis, trials: TrialJob[], onLine: (line: TrialLine) => Promise<void>, onFailed: (id: string, why: string) => void, shouldStop: () => boolean, onNoWorker: (workersSeen: number, seconds: number) => void = () => {}): Promise<void> {
  const queue = openQueue(connection);
  let lastProgress = Date.now();
  let told = false;
  const watch = setInterval(() => {
    const idle = (Date.now() - lastProgress) / 1000;
    if (idle < IDLE_NOTICE_SECONDS || told) return;
    queue.getWorkersCount().then((count) => {
      if (count === 0 && !told) onNoWorker(count, Math.round(idle));
      told = count === 0;
    }, () => {});
  }, 1000);
  try {
    await enqueue(queue, trials);
    await collect(queue, trials, async (o) => {
      lastProgress = Date.now();
      told = false;
      await ('line' in o ? onLine(o.line) : onFailed(o.id, o.failed));
    }, shouldStop);
  } finally {
    clearInterval(watch);
    await queue.close();
  }
}
