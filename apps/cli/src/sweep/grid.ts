import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BUNDLED_DATASET, DataError, loadBundledCsv } from '@rnnkit/datasets';
import { prepareTrial, sha256, trialConfig, trialId, type TrialJob, type TrialParams } from './trial.js';

/** A grid file: single settings in `base`, lists in `grid`; keys are `rnnkit backtest` flags without dashes. */
export interface Grid {
  base: TrialParams;
  grid: Record<string, (string | number)[]>;
}

/** A grid file read and expanded: every trial validated against the data, nothing run yet. */
export interface ExpandedGrid {
  grid: Grid;
  /** The grid and the sha256 of each CSV it reads: what DIR/grid.json stores to recognise it. */
  identity: { grid: Grid; data: Record<string, string> };
  trials: TrialJob[];
}

const EXAMPLE = 'write e.g. {"base": {"epochs": 20}, "grid": {"hidden": [8, 16], "seed": [0, 1, 2]}}';

/** The cartesian product of the lists, in stable order: the last key varies fastest. */
export function expand(grid: Grid): TrialParams[] {
  let combos: TrialParams[] = [{ ...grid.base }];
  for (const [key, values] of Object.entries(grid.grid)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  return combos;
}

/** Reads, checks and expands a grid file; every problem is one DataError line naming `path` (or the CSV). */
export async function readGrid(path: string): Promise<ExpandedGrid> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new DataError(path, undefined, `cannot read the grid (${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.message})`, 'check the --grid path');
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataError(path, undefined, `is not JSON (${(err as Error).message})`, EXAMPLE);
  }
  const grid = checkShape(path, json);
  const csvs = new Map<string | null, TrialJob['csv']>();
  const data: Record<string, string> = {};
  const trials: TrialJob[] = [];
  for (const params of expand(grid)) {
    const config = trialConfig(params, path);
    const key = config.data;
    if (!csvs.has(key)) csvs.set(key, await readCsv(path, key));
    const csv = csvs.get(key)!;
    const job = { id: trialId(params, csv.text), params, csv };
    prepareTrial(job, config); // data-dependent checks (folds that do not fit, a missing column) before anything runs
    data[csv.name] = sha256(csv.text);
    trials.push(job);
  }
  return { grid, identity: { grid, data }, trials };
}

async function readCsv(gridPath: string, data: string | null): Promise<TrialJob['csv']> {
  if (data === null) return { name: `${BUNDLED_DATASET.file} (bundled)`, text: await loadBundledCsv() };
  // A data path is relative to the grid file, so a grid and its CSVs move together.
  const text = await readFile(resolve(dirname(gridPath), data), 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new DataError(gridPath, undefined, `cannot read the CSV "${data}" (${err.code === 'ENOENT' ? 'no such file' : err.message})`, 'data paths are relative to the grid file');
  });
  return { name: data, text };
}

function checkShape(path: string, json: unknown): Grid {
  const fail = (problem: string, fix = EXAMPLE) => new DataError(path, undefined, problem, fix);
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const scalar = (v: unknown) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  if (!isObject(json)) throw fail('must hold a JSON object with "base" and "grid"');
  const extra = Object.keys(json).find((k) => k !== 'base' && k !== 'grid');
  if (extra) throw fail(`has an unknown top-level key "${extra}"`, 'keep only "base" and "grid"');
  const base = json.base ?? {};
  const lists = json.grid ?? {};
  if (!isObject(base)) throw fail('"base" must be an object of single values');
  if (!isObject(lists)) throw fail('"grid" must be an object of lists');
  for (const [k, v] of Object.entries(base)) if (!scalar(v)) throw fail(`base.${k} must be a string or a number`, `write e.g. "${k}": 8 (lists go under "grid")`);
  for (const [k, v] of Object.entries(lists)) {
    if (!Array.isArray(v) || v.length === 0) throw fail(`grid.${k} must be a non-empty list`, `write e.g. "${k}": [8, 16] (single values go under "base")`);
    if (!v.every(scalar)) throw fail(`grid.${k} must hold strings or numbers`, `write e.g. "${k}": [8, 16]`);
    const dup = v.find((x, i) => v.indexOf(x) !== i);
    if (dup !== undefined) throw fail(`grid.${k} lists ${JSON.stringify(dup)} twice`, 'list each value once');
    if (k in base) throw fail(`"${k}" is in both base and grid`, 'keep it in one of them');
  }
  return { base: base as TrialParams, grid: lists as Grid['grid'] };
}
