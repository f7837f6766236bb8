import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isOnnxInit } from '../train/onnx-init.js';
import { metadataOf, readModelFile } from '../model-file.js';
import type { BacktestConfig } from './backtest-config.js';

// What a given model was trained with decides what it can read: `backtest --init` takes those settings
// from the file for every flag the command line leaves unset, instead of the recipe's defaults (a model
// trained on 4 price levels cannot read the forecast recipe's 8 derived inputs).

/** The settings a model's inputs and outputs depend on, by config key → its flag. */
const ADOPTED = {
  features: '--features',
  target: '--target',
  seqLen: '--seq-len',
  horizon: '--horizon',
  scaler: '--scaler',
  targetTransform: '--target-transform',
  inputTransform: '--input-transform',
  calendar: '--calendar',
  cell: '--cell',
  hidden: '--hidden',
  layers: '--layers',
} as const satisfies Partial<Record<keyof BacktestConfig, string>>;

/** The training config recorded with an --init file: an rnnkit ONNX file's `rnnkit.config`, or the metrics.json beside a weights.json. */
async function recordedConfig(path: string): Promise<{ config: Record<string, unknown>; from: string } | null> {
  if (isOnnxInit(path)) {
    const config = metadataOf(path, await readModelFile(path))?.config;
    return config ? { config, from: path } : null;
  }
  const metrics = join(dirname(path), 'metrics.json');
  try {
    const config = (JSON.parse(await readFile(metrics, 'utf8')) as { config?: unknown }).config;
    return config && typeof config === 'object' ? { config: config as Record<string, unknown>, from: metrics } : null;
  } catch {
    return shapeOfWeights(path); // a weights.json from elsewhere: its shapes say what it reads
  }
}

/** A weights.json with no run beside it: the hidden size and, when it reads the raw feature columns, level inputs, from its first layer's input weight. */
async function shapeOfWeights(path: string): Promise<{ config: Record<string, unknown>; from: string } | null> {
  try {
    const dict = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    const w = (dict['w_x.weight'] ?? dict['weight_ih_l0']) as unknown[][] | undefined;
    if (!Array.isArray(w) || !Array.isArray(w[0])) return null;
    // The tutorial's w_x is [hidden, inputs]; PyTorch's weight_hh_l0 is [gates · hidden, hidden].
    const hh = dict['weight_hh_l0'] as unknown[][] | undefined;
    const hidden = 'w_x.weight' in dict ? w.length : Array.isArray(hh?.[0]) ? hh[0].length : NaN;
    return Number.isInteger(hidden) ? { config: { hidden, inputs: w[0].length }, from: `${path}'s shapes` } : null;
  } catch {
    return null; // unreadable: readBacktestInit says why in its one line
  }
}

/**
 * Sets every setting of ADOPTED that the command line did not give to the value the --init file's
 * training recorded (older runs without inputTransform/calendar read levels, no covariates).
 * Returns where they came from and which were taken, or null when the file records no config.
 */
export async function adoptInitSettings(config: BacktestConfig, given: ReadonlySet<string>): Promise<{ from: string; adopted: string[] } | null> {
  if (config.init === null) return null;
  const recorded = await recordedConfig(config.init);
  if (!recorded) return null;
  // A file that records no input transform reads levels with no covariates; one known only by its shapes
  // does when its input count is the feature columns'.
  const inputs = recorded.config.inputs;
  const levels = inputs === undefined || inputs === config.features.length;
  const fallback: Record<string, unknown> = levels ? { inputTransform: 'level', calendar: [] } : {};
  const adopted: string[] = [];
  for (const [key, flag] of Object.entries(ADOPTED)) {
    if (given.has(flag.slice(2))) continue;
    const value = recorded.config[key] ?? fallback[key];
    const current = (config as unknown as Record<string, unknown>)[key];
    // Only a value of the setting's own kind (a hand-edited file is read by the flags instead).
    if (value === undefined || typeof value !== typeof current || Array.isArray(value) !== Array.isArray(current)) continue;
    if (JSON.stringify(value) === JSON.stringify(current)) continue;
    (config as unknown as Record<string, unknown>)[key] = value;
    adopted.push(`${flag} ${Array.isArray(value) ? value.join(',') || 'none' : String(value)}`);
  }
  return { from: recorded.from, adopted };
}
