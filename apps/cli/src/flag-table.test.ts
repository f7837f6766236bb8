import { describe, expect, it } from 'vitest';
import { flagHelp, parseTable, type FlagTable } from './flag-table.js';
import { parseTrainArgs, TRAIN_HELP } from './train/train-config.js';
import { BACKTEST_HELP, parseBacktestArgs } from './backtest/backtest-config.js';
import { parseSweepArgs, SWEEP_HELP } from './sweep/sweep-config.js';
import { rnnkit } from './test-utils.js';

const table = {
  epochs: { value: '<n>', default: '100', section: 'Training', help: 'epochs (default {default})' },
  out: { value: '<dir>', section: 'Output', help: 'output folder\nmade if missing' },
  quiet: { section: 'Output', help: 'no progress bar' },
} as const satisfies FlagTable;

describe('a flag table', () => {
  it('parses with the defaults filled in and says which flags were given', () => {
    const none = parseTable([], table);
    expect(none.values).toEqual({ epochs: '100', out: undefined, quiet: false });
    expect([...none.given]).toEqual([]);
    const some = parseTable(['--epochs', '7', '--quiet'], table);
    expect(some.values).toEqual({ epochs: '7', out: undefined, quiet: true });
    expect([...some.given].sort()).toEqual(['epochs', 'quiet']);
  });

  it('writes the help from the same entries, the default filled in, continuation lines under the text', () => {
    expect(flagHelp(table, 14, ['Output'])).toBe(
      ['Output', '  --out <dir>   output folder', '                made if missing', '  --quiet       no progress bar', '', 'Training', '  --epochs <n>  epochs (default 100)'].join('\n'),
    );
  });

  it('names the flag meant for a mistyped one', () => {
    expect(() => parseTable(['--epoch', '3'], table)).toThrow("Unknown option '--epoch'; did you mean --epochs?");
  });
});

describe('the commands read their defaults from their tables', () => {
  it('train with no flags is the tutorial, and its help says so', () => {
    const c = parseTrainArgs([])!;
    expect([c.features, c.target, c.seqLen, c.cell, c.hidden, c.layers, c.epochs, c.lr, c.optimizer, c.batchSize, c.seed, c.scaler, c.checkpointEvery]).toEqual([
      ['Open', 'High', 'Low', 'Close'], 'Close', 4, 'rnn', 10, 1, 100, 0.005, 'sgd', 'full', 0, 'minmax', 10,
    ]);
    expect(c.recipe).toBe('tutorial');
    for (const line of ['--seq-len <n>            days per input window (default 4)', '--lr <x>                 learning rate (tutorial: 0.005; forecast: 0.003)', '--recipe <name>          tutorial (default) | forecast', '--checkpoint-every <n>   write checkpoint.json every n epochs (default 10; 0: only on interrupt)']) {
      expect(TRAIN_HELP).toContain(line);
    }
  });

  it('backtest and sweep too; --quiet and --json in every long-running command', () => {
    const b = parseBacktestArgs([])!;
    // backtest's (and so sweep's) defaults are the forecast recipe; --recipe tutorial gives the old ones.
    expect([b.folds, b.testSize, b.window, b.recipe, b.epochs, b.optimizer, b.targetTransform, b.inputTransform, b.validation, b.quiet, b.json]).toEqual([5, 60, 'expanding', 'forecast', 600, 'adam', 'logret', 'logret+ma200', 0.2, false, false]);
    const t = parseBacktestArgs(['--recipe', 'tutorial'])!;
    expect([t.epochs, t.lr, t.optimizer, t.targetTransform, t.inputTransform, t.scaler, t.hidden, t.validation, t.patience]).toEqual([100, 0.005, 'sgd', 'none', 'level', 'minmax', 10, 0, null]);
    expect(BACKTEST_HELP).toContain('--test-size <d>            trading days per block (default 60)');
    const s = parseSweepArgs(['--grid', 'g.json', '--out', 'o', '--quiet'])!;
    expect([s.quiet, s.json]).toEqual([true, false]);
    for (const help of [TRAIN_HELP, BACKTEST_HELP, SWEEP_HELP]) expect(help).toMatch(/--quiet .*\n(.*\n)*.*--json|--json .*\n(.*\n)*.*--quiet/);
  });

  it('sweep --help lists --quiet, compare --help too; a mistyped command gets a suggestion', async () => {
    expect((await rnnkit(['sweep', '--help'])).stdout).toMatch(/^ {2}--quiet +no progress bar/m);
    expect((await rnnkit(['compare', '--help'])).stdout).toMatch(/^ {2}--quiet +no progress bar/m);
    const typo = await rnnkit(['trian']);
    expect([typo.code, typo.stderr]).toEqual([2, 'rnnkit trian: unknown command "trian"; did you mean train?; see rnnkit --help\n']);
  });
});
