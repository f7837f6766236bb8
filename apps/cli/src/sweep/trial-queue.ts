import { Queue, type Job } from 'bullmq';
import { DataError } from '@rnnkit/datasets';
import type { Redis } from 'ioredis';
import { trialConfig, trialId, type TrialJob, type TrialLine } from './trial.js';

/** The BullMQ queue every sweep and worker shares; a job's id is its trial's id. */
export const QUEUE_NAME = 'rnnkit-trials';

/** The largest CSV a queued trial may carry (it travels in the job); RNNKIT_MAX_TRIAL_CSV_BYTES overrides. */
export const maxCsvBytes = () => Number(process.env.RNNKIT_MAX_TRIAL_CSV_BYTES ?? 16 * 2 ** 20);

const WEEK = 7 * 24 * 3600;

export function openQueue(connection: Redis): Queue {
  return new Queue(QUEUE_NAME, { connection, defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: WEEK }, removeOnFail: { age: WEEK } } });
}

/** Refuses, before anything is queued, a CSV too large to travel in a job. */
export function checkCsvSize(jobs: TrialJob[]): void {
  const big = jobs.find((j) => Buffer.byteLength(j.csv.text) > maxCsvBytes());
  if (big) throw new DataError(big.csv.name, undefined, `is ${(Buffer.byteLength(big.csv.text) / 2 ** 20).toFixed(1)} MB, over the ${(maxCsvBytes() / 2 ** 20).toFixed(1)} MB a queued trial may carry`, 'run the sweep without --queue, or cut the CSV (fewer rows)');
}

/**
 * Adds the trials as jobs. jobId = trial id makes this idempotent: a trial already queued, running or
 * done is left alone; one that failed is retried.
 */
export async function enqueue(queue: Queue, jobs: TrialJob[]): Promise<void> {
  for (const job of jobs) {
    const existing = await queue.getJob(job.id);
    if (!existing) await queue.add('trial', job, { jobId: job.id });
    else if ((await existing.getState()) === 'failed') await existing.retry('failed');
  }
}

/** What became of a queued trial. */
export type Outcome = { id: string; line: TrialLine } | { id: string; failed: string };

/**
 * Polls the jobs of `pending` until each has completed or failed for good, calling `onOutcome` as they
 * do. Polling (not events) also finds jobs that finished while no collector was running.
 */
export async function collect(queue: Queue, pending: TrialJob[], onOutcome: (o: Outcome) => Promise<void>, shouldStop: () => boolean): Promise<void> {
  const left = new Map(pending.map((j) => [j.id, j]));
  while (left.size > 0 && !shouldStop()) {
    for (const [id, trial] of left) {
      // The state first, then the job: a job read before it finished has no result yet.
      const state = await queue.getJobState(id);
      if (state === 'unknown') {
        await queue.add('trial', trial, { jobId: id }); // removed meanwhile (e.g. expired): queue it again
        continue;
      }
      if (state !== 'completed' && state !== 'failed') continue;
      const job: Job | undefined = await queue.getJob(id);
      if (!job) continue; // expired in between: the next round queues it again
      if (state === 'completed') {
        const line = job.returnvalue as TrialLine;
        await onOutcome(line?.id === id ? { id, line } : { id, failed: 'the worker returned something other than this trial' });
        left.delete(id);
      } else {
        await onOutcome({ id, failed: job.failedReason });
        left.delete(id);
      }
      if (shouldStop()) return;
    }
    if (left.size > 0) await new Promise((r) => setTimeout(r, 300));
  }
}

/** The reason a job's payload is not a valid trial, or null: checked by the worker before it runs anything. */
export function invalidTrial(jobId: string | undefined, data: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(data) || typeof data.id !== 'string' || !isObject(data.params) || !isObject(data.csv) || typeof data.csv.name !== 'string' || typeof data.csv.text !== 'string') {
    return 'the job is not a trial: it needs {id, params, csv: {name, text}}';
  }
  if (!Object.values(data.params).every((v) => typeof v === 'string' || typeof v === 'number')) return 'the job is not a trial: params must hold strings and numbers';
  const bytes = Buffer.byteLength(data.csv.text);
  if (bytes > maxCsvBytes()) return `the job's CSV is ${bytes} bytes, over the ${maxCsvBytes()} bytes a trial may carry`;
  try {
    trialConfig(data.params as TrialJob['params'], `trial ${data.id}`);
  } catch (err) {
    return (err as Error).message;
  }
  if (trialId(data.params as TrialJob['params'], data.csv.text) !== data.id || jobId !== data.id) return `the job's id ${jobId} does not match its settings and CSV (queued by another rnnkit version?)`;
  return null;
}
