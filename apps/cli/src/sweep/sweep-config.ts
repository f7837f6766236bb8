import { availableParallelism } from 'node:os';
import { nonNegativeInt, positiveInt } from '../flags.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable } from '../flag-table.js';
import { UsageError } from '../usage-error.js';
import { parseQueueUrl } from './redis-url.js';

/** The settings of `rnnkit sweep`. */
export interface SweepConfig {
  grid: string;
  out: string;
  /** Trial processes for a local sweep. */
  workers: number;
  /** redis:// or rediss:// URL: queue the trials for `rnnkit worker`s instead of running them here. */
  queue: string | null;
  json: boolean;
  /** No progress bar: the leaderboard only. */
  quiet: boolean;
  /** Seed of the SPA test's bootstrap. */
  seed: number;
  /** Resamples of the SPA test's bootstrap. */
  bootstrap: number;
}

/** `rnnkit sweep`'s flags: parsing, defaults and --help come from this table. */
export const SWEEP_FLAGS = {
  grid: { value: '<file>', help: 'the grid (required)' },
  out: { value: '<dir>', help: 'output folder (required): grid.json, trials.jsonl (one line per finished trial),\nsummary.json. Run the same command again to resume: only missing trials run.' },
  workers: { value: '<n>', default: String(availableParallelism()), help: "trial processes, one trial each (default: this machine's cores, {default})" },
  queue: { value: '<url>', help: 'queue the trials in Redis (BullMQ) and collect the results that "rnnkit worker"\nprocesses on any machine return; the CSVs travel with the jobs' },
  json: { help: 'print summary.json and nothing else' },
  quiet: { help: 'no progress bar, only the leaderboard' },
  seed: { value: '<n>', default: '0', help: "seed of the SPA test's stationary bootstrap (default {default}); a trial's own seed is\nthe grid's \"seed\"" },
  bootstrap: { value: '<n>', default: '1000', help: 'bootstrap resamples of the SPA test (default {default})' },
  ...HELP_FLAG,
} as const satisfies FlagTable;

export const SWEEP_HELP = `Usage: rnnkit sweep --grid <grid.json> --out <dir> [--workers N | --queue redis://HOST:PORT[/DB]]

Runs a grid of backtests (each trial is one "rnnkit backtest") on every core of this machine, or on many
machines through a Redis queue, and ranks them by pooled RMSE beside the naive forecast.

grid.json holds single settings in "base" and lists in "grid"; keys are rnnkit backtest's long flags
without the dashes; the trials are every combination of the lists. A "data" path is relative to the
grid file. Example:
  {"base": {"epochs": 30, "folds": 3, "test-size": 40, "target-transform": "diff"},
   "grid": {"cell": ["rnn", "gru"], "hidden": [8, 16], "seed": [0, 1, 2]}}

${flagHelp(SWEEP_FLAGS, 22)}

Ctrl-C stops after the running trials (exit 130); with --queue it stops collecting, the workers go on.
Exit codes: 0 ok, 1 a trial failed in the queue or an internal error, 2 bad input, 130 interrupted.
Example: rnnkit sweep --grid grid.json --out runs/sweep-1 --workers 2`;

/** Parses `rnnkit sweep` arguments; null means help was asked for. */
export function parseSweepArgs(args: string[]): SweepConfig | null {
  const { values, given } = parseTable(args, SWEEP_FLAGS);
  if (values.help) return null;
  if (values.grid === undefined) throw new UsageError('--grid <file> is required');
  if (values.out === undefined) throw new UsageError('--out <dir> is required (run the same command again to resume there)');
  if (values.queue !== undefined && given.has('workers')) throw new UsageError('--workers runs trials here and --queue hands them to rnnkit worker processes; pass one of them');
  return {
    grid: values.grid,
    out: values.out,
    workers: positiveInt('--workers', values.workers),
    queue: values.queue === undefined ? null : parseQueueUrl(values.queue),
    json: values.json,
    quiet: values.quiet,
    seed: nonNegativeInt('--seed', values.seed),
    bootstrap: positiveInt('--bootstrap', values.bootstrap),
  };
}
