import { availableParallelism } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { positiveInt } from '../flags.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable } from '../flag-table.js';
import { UsageError } from '../usage-error.js';
import { connectRedis, parseQueueUrl, redactUrl, scrub } from './redis-url.js';
import { TrialPool } from './trial-pool.js';
import { invalidTrial, QUEUE_NAME } from './trial-queue.js';
import type { TrialJob, TrialLine } from './trial.js';
import { onInterrupt } from '../signals.js';
import { rmsePair } from '../charts/format-number.js';
import { plural } from '../plural.js';
import { printHelp } from '../print-help.js';

/** `rnnkit worker`'s flags: parsing, defaults and --help come from this table. */
const WORKER_FLAGS = {
  queue: { value: '<url>', help: 'redis://[:password@]HOST:PORT[/DB], or rediss:// for TLS' },
  concurrency: { value: '<n>', default: String(availableParallelism()), help: "trials at a time, one process each (default: this machine's cores, {default})" },
  'lock-duration': {
    value: '<ms>',
    default: '30000',
    help: 'how long a trial stays claimed without a heartbeat; a worker that dies loses its\ntrial to another after about this long (default {default})',
  },
  ...HELP_FLAG,
} as const satisfies FlagTable;

export const WORKER_HELP = `Usage: rnnkit worker --queue redis://HOST:PORT[/DB] [--concurrency N]

Takes trials that "rnnkit sweep --queue" put in Redis and runs them, N at a time in trial processes, on
this machine; start one on as many machines as you like. The CSVs come with the jobs: no shared disk.
A trial is deterministic, so one run twice (its worker died and another took it over) gives the same line.

${flagHelp(WORKER_FLAGS, 25)}

Ctrl-C finishes the running trials and exits (130); a second Ctrl-C quits at once (those trials go back
to the queue after --lock-duration). Exit codes: 0 ok, 2 bad input or Redis unreachable, 130 interrupted.`;

const stamp = () => new Date().toISOString().slice(11, 19);

/** `rnnkit worker`: runs queued trials until interrupted; returns the exit code. */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseTable(args, WORKER_FLAGS);
  if (values.help) return printHelp(WORKER_HELP);
  if (values.queue === undefined) throw new UsageError('--queue redis://HOST:PORT is required');
  const url = parseQueueUrl(values.queue);
  const concurrency = positiveInt('--concurrency', values.concurrency);
  const lockDuration = positiveInt('--lock-duration', values['lock-duration']);
  const connection = await connectRedis(url);
  const pool = new TrialPool(concurrency);
  const say = (line: string) => process.stdout.write(`${stamp()} ${line}\n`);

  // Trials run in their own processes, so this thread stays free to renew the jobs' locks while they train.
  const worker = new Worker<TrialJob, TrialLine>(QUEUE_NAME, async (job) => {
    const invalid = invalidTrial(job.id, job.data);
    if (invalid) throw new UnrecoverableError(invalid); // a bad payload fails at once, without retries
    say(`trial ${job.id} started${job.attemptsStarted > 1 ? ` (attempt ${job.attemptsStarted})` : ''}`);
    return pool.run(job.data);
  }, { connection, concurrency, lockDuration, stalledInterval: Math.max(500, lockDuration / 2), maxStalledCount: 5 });
  worker.on('completed', (job, line) => say(`trial ${job.id} done in ${(line.ms / 1000).toFixed(1)} s: ${line.model ? rmsePair(line.model.rmse, line.naive!.rmse) : line.error}`));
  worker.on('failed', (job, err) => say(`trial ${job?.id ?? '?'} failed: ${scrub(err.message, url)}`));
  worker.on('error', (err) => say(`redis: ${scrub(err.message, url)}`));
  await worker.waitUntilReady();
  say(`worker on ${QUEUE_NAME} at ${redactUrl(url)}: ${plural(concurrency, 'trial process')}, waiting for trials`);

  await new Promise<void>((resolve) => {
    const stopListening = onInterrupt((name) => {
      stopListening();
      onInterrupt(() => process.exit(130)); // the second signal: quit now
      say(`${name}: finishing the running trials, then closing (Ctrl-C again to quit now)`);
      resolve();
    });
  });
  await worker.close();
  await pool.close();
  connection.disconnect();
  say('closed');
  return 130;
}
