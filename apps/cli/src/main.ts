import { createRequire } from 'node:module';
import { closest } from './did-you-mean.js';
import { inFlagTerms } from './setting-flags.js';
import { UsageError } from './usage-error.js';

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const HELP = `Usage: rnnkit <command> [options]

Recurrent neural networks from scratch, trained on stock prices.

Commands
  train      train the tutorial's RNN and report it beside the naive forecast
  compare    train rnn, lstm and gru over several seeds and compare them with the naive forecast
  backtest   rolling-origin backtest with a Diebold–Mariano test against the naive forecast
  sweep      a grid of backtests on every core, or on many machines through a Redis queue
  worker     run the trials a sweep --queue put in Redis
  export     write a trained run as an ONNX model
  verify     compare an ONNX model across runtimes (reference, onnxruntime-node, -web) or with a run
  predict    predict the next trading day's close with an ONNX model
  run        run any ONNX model on inputs from a JSON file (reference evaluator or onnxruntime)
  inspect    show an ONNX file's signature, nodes, initializers and metadata

Run "rnnkit <command> --help" for a command's options.
  -h, --help      show this help
  -v, --version   show the version

Quick start: rnnkit train   (bundled Samsung Electronics 005930 prices, the tutorial's setup)`;

/**
 * The CLI's own onnxruntime-node for @rnnkit/onnx/node's runOnnx and verifyOnnx, wherever npm
 * placed @rnnkit/onnx (an optional peer there); set before the commands that use them.
 */
async function withOnnxRuntime(): Promise<void> {
  const { useOnnxRuntime } = await import('@rnnkit/onnx/node');
  useOnnxRuntime(() => import('onnxruntime-node'));
}

// Each command's module loads when it runs, so that `--help` and every command load only what
// they use (tfjs, the ONNX protobufs, BullMQ and ioredis, onnxruntime).
const commands: Record<string, (args: string[]) => Promise<number>> = {
  train: async (args) => (await import('./train/command.js')).trainCommand(args),
  compare: async (args) => (await import('./commands/compare.js')).compareCommand(args),
  backtest: async (args) => (await import('./backtest/command.js')).backtestCommand(args),
  sweep: async (args) => (await import('./sweep/command.js')).sweepCommand(args),
  worker: async (args) => (await import('./sweep/worker-command.js')).workerCommand(args),
  export: async (args) => (await import('./commands/export.js')).exportCommand(args),
  verify: async (args) => (await withOnnxRuntime(), await import('./commands/verify.js')).verifyCommand(args),
  predict: async (args) => (await withOnnxRuntime(), await import('./commands/predict.js')).predictCommand(args),
  run: async (args) => (await import('./commands/run.js')).runCommand(args),
  inspect: async (args) => (await import('./commands/inspect.js')).inspectCommand(args),
};

/** Runs the CLI and returns the exit code: 0 ok, 2 bad input or usage, 1 internal error. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      process.stdout.write(`${HELP}\n`);
      return name === undefined ? 2 : 0;
    }
    if (name === '-v' || name === '--version') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const command = commands[name];
    if (!command) {
      const meant = closest(name, Object.keys(commands));
      throw new UsageError(`unknown command "${name}"; ${meant ? `did you mean ${meant}?` : "run rnnkit --help to see the commands"}`);
    }
    return await command(rest);
  } catch (err) {
    return report(err, name);
  }
}

function report(err: unknown, command: string | undefined): number {
  process.stderr.write('\n'.repeat(process.stderr.isTTY ? 1 : 0));
  if (err instanceof UsageError) {
    process.stderr.write(`rnnkit ${command ?? ''}: ${err.message}; see rnnkit ${commands[command ?? ''] ? `${command} ` : ''}--help\n`.replace('rnnkit : ', 'rnnkit: '));
    return 2;
  }
  // Bad data, a diverged run, or a model file or export that @rnnkit/onnx refuses: one line, exit 2.
  // By name: comparing classes would load their packages for every command.
  if (err instanceof Error && ['DataError', 'DivergenceError', 'OnnxError'].includes(err.name)) {
    // A library names its settings (testSize); the CLI says them as its flags (--test-size).
    const settings = (err as Error & { settings?: string[] }).settings ?? [];
    process.stderr.write(`rnnkit ${command}: ${inFlagTerms(err.message, settings)}\n`);
    return 2;
  }
  process.stderr.write(`rnnkit: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}
