import type { ErrorMeasures } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import { useBackend } from '@rnnkit/tensor';
import { ProgressBar } from '../charts/progress-bar.js';
import { nameList, positiveInt } from '../flags.js';
import { loadRunData } from '../train/load-data.js';
import { skippedRowLines } from '../skipped-rows.js';
import { splitSpans } from '../train/split-spans.js';
import { trainConfig, TRAIN_FLAGS } from '../train/train-config.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable } from '../flag-table.js';
import { trainRun } from '../train/train-run.js';
import { UsageError } from '../usage-error.js';
import { plural } from '../plural.js';
import { columnFormat } from '../charts/format-number.js';
import { printHelp } from '../print-help.js';

/** compare's own flags; the training flags are train's (TRAIN_FLAGS), less the ones compare sets itself. */
const COMPARE_OWN_FLAGS = {
  cells: { value: '<list>', default: 'rnn,lstm,gru', help: 'cells to compare (default {default})' },
  seeds: { value: '<n>', default: '5', help: 'seeds per cell (default {default})' },
  json: { help: 'print one JSON summary' },
  quiet: { help: 'no progress bar, only the table' },
  ...HELP_FLAG,
} as const satisfies FlagTable;
const NOT_FOR_COMPARE = ['cell', 'seed', 'init', 'out', 'overwrite', 'checkpoint-every', 'resume'];
const COMPARE_FLAGS = { ...TRAIN_FLAGS, ...COMPARE_OWN_FLAGS } as const;

export const COMPARE_HELP = `Usage: rnnkit compare [--cells rnn,lstm,gru] [--seeds N] [--json] [--quiet] [training options]

Trains each cell from N seeds (0..N-1) on the same split and prints, per cell, the test RMSE
(median and range over the seeds), the median MAE, the naive forecast "next close = last close"
on the same windows, and the median milliseconds per epoch. Nothing is written to disk.

${flagHelp(COMPARE_OWN_FLAGS, 16).replace(/\n(?=  -h, --help)/, `
  training options as for rnnkit train (--data, --epochs, --lr, --optimizer, --hidden, ...; the same split:
  the tutorial's dates on the bundled data, the last 20% of a --data file as test),
  except ${NOT_FOR_COMPARE.map((f) => `--${f}`).join(', ')}
`)}`;

/** `rnnkit compare`: returns the exit code. */
export async function compareCommand(args: string[]): Promise<number> {
  const refused = args.map((a) => a.split('=')[0]!).find((a) => NOT_FOR_COMPARE.includes(a.replace(/^--/, '')) && a.startsWith('--'));
  if (refused && !args.includes('--help') && !args.includes('-h')) throw new UsageError(`${refused} does not apply to compare, which sets cells and seeds itself`);
  const { values, given } = parseTable(args, COMPARE_FLAGS);
  if (values.help) return printHelp(COMPARE_HELP);
  const own = { cells: values.cells, seeds: values.seeds, json: values.json, quiet: values.quiet };
  const cells = nameList('--cells', own.cells).map((c) => {
    if (!['rnn', 'lstm', 'gru'].includes(c)) throw new UsageError(`--cells takes rnn, lstm and gru, got "${c}"`);
    return c as CellType;
  });
  const seeds = positiveInt('--seeds', own.seeds);
  const base = trainConfig({ ...values, json: false, quiet: true }, given);
  await useBackend(base.backend);
  const { source, series, prepared, skipped } = await loadRunData(base);
  const spans = splitSpans(series, prepared);

  const bar = new ProgressBar(process.stderr, cells.length * seeds, { label: 'runs' });
  const rows = [];
  // The naive forecast does not depend on the cell or the seed: the same for every row.
  let naive: ErrorMeasures | undefined;
  for (const cell of cells) {
    const runs = [];
    for (let seed = 0; seed < seeds; seed++) {
      if (!own.json && !own.quiet) bar.update(rows.length * seeds + seed, `${cell} seed ${seed}`);
      const result = await trainRun({ ...base, cell, seed }, series, prepared);
      result.model.dispose();
      const { model } = result.horizons[0]!;
      runs.push({ seed, rmse: model.rmse, mae: model.mae, mape: model.mape, mase: model.mase, skill: result.horizons[0]!.skill, msPerEpoch: result.msPerEpoch, finalLoss: result.trainLoss.at(-1) ?? null });
      if (!naive) naive = result.horizons[0]!.naive;
    }
    const rmse = runs.map((r) => r.rmse);
    rows.push({
      cell, runs,
      rmse: { median: median(rmse), min: Math.min(...rmse), max: Math.max(...rmse) },
      mae: median(runs.map((r) => r.mae)),
      mase: median(runs.map((r) => r.mase)),
      skill: median(runs.map((r) => r.skill)),
      msPerEpoch: median(runs.map((r) => r.msPerEpoch)),
    });
  }
  if (!own.json && !own.quiet) bar.finish();
  if (own.json) {
    process.stdout.write(`${JSON.stringify({ data: source, ...spans, skippedRows: skipped, seeds, epochs: base.epochs, naive, cells: rows })}\n`);
    return 0;
  }
  const head = ['cell', 'test RMSE median', 'range', 'MAE median', 'MASE median', 'skill median', 'naive RMSE', 'naive MAE', 'naive MASE', 'ms/epoch'];
  // One set of digits for the error columns (model and naive side by side), enough for small prices and to tell the cells apart.
  const errors = columnFormat(rows.flatMap((r) => [r.rmse.median, r.rmse.min, r.rmse.max, r.mae]).concat(naive!.rmse, naive!.mae));
  const ratios = columnFormat(rows.flatMap((r) => [r.mase, r.skill]).concat(naive!.mase), { min: 3 });
  const table = rows.map((r) => [
    r.cell, errors(r.rmse.median), `${errors(r.rmse.min)}–${errors(r.rmse.max)}`, errors(r.mae), ratios(r.mase), ratios(r.skill),
    errors(naive!.rmse), errors(naive!.mae), ratios(naive!.mase), r.msPerEpoch.toFixed(2),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...table.map((row) => row[j]!.length)));
  const line = (cols: string[]) => cols.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  process.stdout.write(
    `${plural(cells.length, 'cell')} × ${plural(seeds, 'seed')}, ${plural(base.epochs, 'epoch')} ${base.optimizer} lr ${base.lr}, hidden ${base.hidden}, on ${source}: ${prepared.test.n} test windows\n` +
      `${[`train ${spans.train.text}, test ${spans.test.text}`, ...skippedRowLines(skipped)].join('\n')}\n\n` +
      `${[line(head), ...table.map(line)].join('\n')}\n\n` +
      `naive = "next ${base.target} = last ${base.target}", the same for every cell and seed; a cell is useful only where its RMSE is lower.\n`,
  );
  return 0;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
