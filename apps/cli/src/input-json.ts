// IN.json for `rnnkit run` and `rnnkit verify`: input names mapped to {"dims", "data", "type"?}.
import { readFile } from 'node:fs/promises';
import { DataError } from '@rnnkit/datasets';
import type { DType, ValueSignature } from '@rnnkit/onnx';
import type { HostTensor } from './onnx-runtimes.js';

const TYPES = ['float32', 'float64', 'int32', 'int64', 'bool'] as const;
const FIX = 'give each input as "<name>": {"dims": [..], "data": [..], "type": "float32"} (type optional: float32, float64, int32, int64, bool)';
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * Reads IN.json against the model's inputs: every input present, dims non-negative integers whose
 * product is the data's length, data numbers (nested arrays are flattened). A missing "type" takes
 * the input's declared type, else float32. Inputs named in `optional` may be left out (the caller
 * fills them: a streaming export's zero state).
 */
export async function readInputJson(path: string, inputs: ValueSignature[], optional: readonly string[] = []): Promise<Record<string, HostTensor>> {
  const fail = (problem: string, fix = FIX) => new DataError(path, undefined, problem, fix);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(`cannot read the input file (${code === 'ENOENT' ? 'no such file' : (err as Error).message})`, 'pass a JSON file of inputs: rnnkit run --help shows the format');
  }
  if (text.length > MAX_JSON_BYTES) throw fail(`the file is over ${MAX_JSON_BYTES / 2 ** 20} MB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw fail(`not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw fail('the top level must be an object of input names');
  const entries = json as Record<string, unknown>;
  const names = inputs.map((i) => i.name);
  const unknown = Object.keys(entries).find((k) => !names.includes(k));
  if (unknown !== undefined) throw fail(`the model has no input "${unknown}"`, `its inputs are ${names.join(', ')}`);
  const feeds: Record<string, HostTensor> = {};
  for (const input of inputs) {
    const entry = entries[input.name] as { dims?: unknown; data?: unknown; type?: unknown } | undefined;
    if (entry === undefined && optional.includes(input.name)) continue;
    if (entry === undefined) throw fail(`input "${input.name}" is missing`, `add "${input.name}": {"dims": [${(input.dims ?? []).join(', ')}], "data": [..]}`);
    if (!entry || typeof entry !== 'object') throw fail(`input "${input.name}" must be an object with dims and data`);
    const dims = entry.dims;
    if (!Array.isArray(dims) || dims.some((d) => !Number.isSafeInteger(d) || (d as number) < 0)) throw fail(`input "${input.name}": dims must be a list of non-negative integers`);
    const data = Array.isArray(entry.data) ? (entry.data as unknown[]).flat(Infinity) : null;
    if (!data || data.some((v) => typeof v !== 'number')) throw fail(`input "${input.name}": data must be a list of numbers`);
    const size = (dims as number[]).reduce((a, d) => a * d, 1);
    if (size !== data.length) throw fail(`input "${input.name}": dims [${dims.join(', ')}] need ${size} values, data holds ${data.length}`);
    const type = entry.type ?? input.dtype ?? 'float32';
    if (!TYPES.includes(type as (typeof TYPES)[number])) throw fail(`input "${input.name}": type "${String(type)}" is not one of ${TYPES.join(', ')}`);
    feeds[input.name] = { dtype: type as DType, dims: dims as number[], data: data as number[] };
  }
  return feeds;
}
