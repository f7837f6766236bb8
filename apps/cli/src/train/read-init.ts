import { readFile } from 'node:fs/promises';
import { DataError } from '@rnnkit/datasets';
import type { StateDict } from '@rnnkit/tensor';

/** Reads --init weights (PyTorch state_dict names and shapes), or explains why not; the model checks their shapes. */
export async function readInitWeights(path: string): Promise<StateDict> {
  let dict: StateDict;
  try {
    dict = JSON.parse(await readFile(path, 'utf8')) as StateDict;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : `not valid JSON: ${(err as Error).message}`;
    throw new DataError(path, undefined, `cannot read the --init weights (${why})`, 'pass a weights.json written by rnnkit or by json.dump of a PyTorch state_dict');
  }
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) {
    throw new DataError(path, undefined, '--init weights must be a JSON object of parameter name → nested arrays', 'pass a weights.json written by rnnkit');
  }
  return dict;
}
