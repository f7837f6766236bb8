// The settings of a page run written as `rnnkit train` / `rnnkit backtest` record theirs (the same
// keys in the same order), so metrics.json and backtest.json from the page have the CLI's bytes.
import { BUNDLED_DATASET } from '@rnnkit/datasets';
import type { OnnxRunSettings } from '@rnnkit/forecast';
import { FEATURES } from './columns.js';
import type { WebBacktestConfig, WebTrainConfig } from './protocol.js';

/** Where the data came from: the uploaded file's name (as `--data <name>` would give it), or null for the bundled CSV. */
export type DataPath = string | null;

/** RunSettings of the CLI (apps/cli/src/run-flags.ts): the flags train and backtest share, each form's recipe settings its own. */
function runSettings(c: WebTrainConfig, data: DataPath, backend: string): OnnxRunSettings & Record<string, unknown> {
  return {
    data, missing: 'error', features: FEATURES, target: c.target, seqLen: c.seqLen, scaler: c.scaler, targetTransform: c.targetTransform,
    recipe: c.recipe, inputTransform: c.inputTransform, calendar: [...c.calendar], validation: c.validation, patience: c.patience,
    horizon: c.horizon, cell: c.cell, hidden: c.hidden, layers: c.layers, epochs: c.epochs, lr: c.lr, optimizer: c.optimizer,
    batchSize: c.batchSize, seed: c.seed, backend,
  };
}

/** metrics.json's `config`: `out` is null (the page writes no folder; the CLI's is its output path). */
export function trainRecord(c: WebTrainConfig, data: DataPath, source: string, backend: string, trainingData: unknown): OnnxRunSettings & Record<string, unknown> {
  return {
    ...runSettings(c, data, backend), trainRange: c.train, testRange: c.test, testRatio: null, interval: c.interval, init: null, out: null, checkpointEvery: 10,
    dataName: source, trainingData,
  };
}

/** backtest.json's `config`: the page's range runs from the training start to the test end. */
export function backtestSettingsRecord(c: WebBacktestConfig, data: DataPath, source: string, backend: string): Record<string, unknown> {
  return {
    ...runSettings(c, data, backend), range: { from: c.train.from, to: c.test.to }, folds: c.folds, testSize: c.testSize,
    window: 'expanding', trainSize: null, interval: c.interval, init: null, dataName: source,
  };
}

/** The file record of metrics.json and the ONNX metadata: name, whether bundled, sha256 of the text's UTF-8 bytes. */
export async function fileRecord(csv: string, data: DataPath): Promise<{ file: string; bundled: boolean; sha256: string }> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(csv));
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { file: data ?? BUNDLED_DATASET.file, bundled: data === null, sha256 };
}

/** The CLI's `--backend` value for the page's backend line ("wasm (fused kernels)" → "wasm"). */
export const backendFlag = (name: string): string => name.split(' ')[0]!;
