import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '@rnnkit/datasets';
import type { TrainState } from '@rnnkit/forecast';
import { writeFileAtomic } from '../atomic-write.js';
import type { TrainConfig } from './train-config.js';

/** Everything needed to continue a run exactly where it stopped: the core's training state and the run's settings. */
export interface Checkpoint extends TrainState {
  version: 1;
  config: TrainConfig;
}

export const CHECKPOINT_FILE = 'checkpoint.json';

/** Writes checkpoint.json into the run folder atomically (the folder is made if needed). */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, CHECKPOINT_FILE), `${JSON.stringify(checkpoint)}\n`);
}

/** Reads a run folder's checkpoint.json, or explains in one line why it cannot. */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const file = join(dir, CHECKPOINT_FILE);
  let checkpoint: Checkpoint;
  try {
    checkpoint = JSON.parse(await readFile(file, 'utf8')) as Checkpoint;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(file, undefined, `cannot resume (${code === 'ENOENT' ? 'no checkpoint in this folder' : `not valid JSON: ${(err as Error).message}`})`, 'pass --resume a run folder that rnnkit train left a checkpoint in');
  }
  if (checkpoint.version !== 1 || !checkpoint.config || !Number.isInteger(checkpoint.epoch) || !checkpoint.weights) {
    throw new DataError(file, undefined, 'is not an rnnkit checkpoint', 'pass --resume a run folder written by rnnkit train');
  }
  return checkpoint;
}
