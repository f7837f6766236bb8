import { readdir, stat } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/** Refuses an --out that is a file or a non-empty folder, so a previous run is never replaced without --overwrite. */
export async function refuseUsedOutDir(out: string, overwrite: boolean): Promise<void> {
  const isFolder = await stat(out).then((s) => s.isDirectory(), () => null);
  if (isFolder === false) throw new UsageError(`--out ${out} is a file; choose a folder`);
  if (overwrite || isFolder === null) return;
  const entries = await readdir(out);
  if (entries.length === 0) return;
  if (entries.includes('checkpoint.json')) throw new UsageError(`${out} holds an interrupted run; continue it with --resume ${out}, choose another --out or pass --overwrite`);
  throw new UsageError(`${out} already exists and is not empty; choose another --out or pass --overwrite`);
}
