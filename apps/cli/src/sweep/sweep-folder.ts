import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '@rnnkit/datasets';
import { writeFileAtomic } from '../atomic-write.js';
import { canonicalJson } from './trial.js';
import type { ExpandedGrid } from './grid.js';

/**
 * Makes `out` a sweep folder for this grid, or checks that it already is one: DIR/grid.json holds the
 * grid and its CSVs' hashes, and resuming with anything else is refused (its trials would not match).
 */
export async function openSweepFolder(out: string, identity: ExpandedGrid['identity']): Promise<void> {
  const gridFile = join(out, 'grid.json');
  const stored = await readFile(gridFile, 'utf8').catch(() => null);
  if (stored !== null) {
    let same = false;
    try {
      same = canonicalJson(JSON.parse(stored)) === canonicalJson(identity);
    } catch {
      /* unreadable: not the same grid */
    }
    if (!same) throw new DataError(gridFile, undefined, 'this folder holds a sweep of a different grid (or its CSV files changed)', 'choose another --out, or run the grid stored there');
    return;
  }
  const entries = await readdir(out).catch(() => []);
  if (entries.length > 0) throw new DataError(out, undefined, 'is not empty and holds no sweep (no grid.json)', 'choose another --out');
  await mkdir(out, { recursive: true });
  await writeFileAtomic(gridFile, `${JSON.stringify(identity, null, 2)}\n`);
}
