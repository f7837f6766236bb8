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

/** Queues the trials in Redis and collects their lines as `rnnkit worker`s finish them. */
export async function runQueued(connection: Redis, trials: TrialJob[], onLine: (line: TrialLine) => Promise<void>, onFailed: (id: string, why: string) => void, shouldStop: () => boolean): Promise<void> {
  const queue = openQueue(connection);
  try {
    await enqueue(queue, trials);
    await collect(queue, trials, async (o) => ('line' in o ? onLine(o.line) : onFailed(o.id, o.failed)), shouldStop);
  } finally {
    await queue.close();
  }
}
