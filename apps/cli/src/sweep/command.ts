import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { formatElapsed, ProgressBar } from '../charts/progress-bar.js';
import { readGrid } from './grid.js';
import { connectRedis, redactUrl } from './redis-url.js';
import { runLocal, runQueued } from './run-trials.js';
import { parseSweepArgs, SWEEP_HELP } from './sweep-config.js';
import { openSweepFolder } from './sweep-folder.js';
import { leaderboardLines, summarize } from './sweep-summary.js';
import { checkCsvSize, QUEUE_NAME } from './trial-queue.js';
import type { TrialLine } from './trial.js';
import { readTrials, TrialsFile } from './trials-file.js';
import { onInterrupt } from '../signals.js';
import { plural } from '../plural.js';
import { printHelp } from '../print-help.js';

/** `rnnkit sweep`: returns the exit code. */
export async function sweepCommand(args: string[]): Promise<number> {
  const config = parseSweepArgs(args);
  if (!config) return printHelp(SWEEP_HELP);
  const say = (line: string) => !config.json && process.stdout.write(`${line}\n`);
  const started = performance.now();
  const { grid, identity, trials } = await readGrid(config.grid); // every trial checked before anything runs
  if (config.queue) checkCsvSize(trials);
  // Redis is probed before the folder is made: an unreachable queue leaves nothing behind.
  const connection = config.queue ? await connectRedis(config.queue, { maxRetriesPerRequest: 3 }) : null;
  const out = resolve(config.out);
  await openSweepFolder(out, identity).catch((err) => {
    connection?.disconnect();
    throw err;
  });
  const file = join(out, 'trials.jsonl');
  const byId = new Map(trials.map((t) => [t.id, t]));
  const lines = new Map<string, TrialLine>();
  for (const line of await readTrials(file)) if (byId.has(line.id) && !lines.has(line.id)) lines.set(line.id, line);
  const pending = trials.filter((t) => !lines.has(t.id));

  const sizes = Object.entries(grid.grid).map(([k, v]) => [k, v.length] as const);
  const where = config.queue ? `queue ${QUEUE_NAME} at ${redactUrl(config.queue)}` : plural(Math.min(config.workers, Math.max(1, pending.length)), 'trial process');
  say(`sweep    ${config.grid}: ${trials.length} trials${sizes.length ? ` (${sizes.map(([k]) => k).join(' × ')} = ${sizes.map(([, n]) => n).join(' × ')})` : ''}`);
  say(`         ${lines.size} already in ${config.out}/trials.jsonl, ${pending.length} to run on ${where}`);

  let signal: string | null = null;
  const stopListening = onInterrupt((name) => {
    if (signal) process.exit(130); // a second Ctrl-C: now (finished trials are already on disk)
    signal = name;
    process.stderr.write(`\nrnnkit sweep: ${name}: ${config.queue ? 'stopping the collection (the workers go on)' : 'stopping after the running trials'}; Ctrl-C again to quit now\n`);
  });

  const bar = new ProgressBar(process.stderr, trials.length, { label: 'trials' });
  const barShown = !config.json && !config.quiet;
  const failed: string[] = [];
  let runNow = 0;
  const writer = await TrialsFile.open(file);
  try {
    const onLine = async (line: TrialLine) => {
      await writer.append(line);
      lines.set(line.id, line);
      runNow++;
      const rate = (performance.now() - started) / runNow;
      if (barShown) bar.update(lines.size, `ETA ${formatElapsed(rate * (trials.length - lines.size))}`);
    };
    if (barShown) bar.update(lines.size);
    if (connection) {
      const noWorker = (seen: number, seconds: number) => process.stderr.write(`${barShown ? '\n' : ''}rnnkit sweep: no rnnkit worker has taken a trial in ${seconds} s (${plural(seen, 'worker')} connected to ${QUEUE_NAME}); start one with rnnkit worker --queue ${redactUrl(config.queue!)}\n`);
      await runQueued(connection, pending, onLine, (id, why) => failed.push(`${id}: ${why}`), () => signal !== null, noWorker);
    }
    else await runLocal(config.workers, pending, onLine, () => signal !== null);
  } finally {
    await writer.close();
    connection?.disconnect();
    stopListening();
  }
  if (barShown) bar.finish();
  if (signal) {
    process.stderr.write(`rnnkit sweep: ${lines.size} of ${trials.length} trials are in ${config.out}/trials.jsonl; run the same command again to finish\n`);
    return 130;
  }
  // Grid order, then the summary sorts: the same figures give the same summary.json whatever ran them.
  const summary = summarize(trials.flatMap((t) => lines.get(t.id) ?? []), trials.length, { seed: config.seed, bootstrap: config.bootstrap });
  await writeFileAtomic(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (config.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  say('');
  leaderboardLines(summary, grid).forEach(say);
  say(`${formatElapsed(performance.now() - started)} · ${config.out}/summary.json`);
  for (const f of failed) process.stderr.write(`rnnkit sweep: trial ${f}\n`);
  if (failed.length) process.stderr.write(`rnnkit sweep: ${failed.length} trial${failed.length > 1 ? 's' : ''} failed in the queue; fix the cause and run the same command again to retry them\n`);
  return failed.length ? 1 : 0;
}
