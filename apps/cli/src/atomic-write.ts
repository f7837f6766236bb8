import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes a file so that readers see the old version or the new one, never a torn one: temp + rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a set of files into `dir`. A new folder is assembled under a temporary name and renamed
 * into place, so an interrupted write leaves no half-filled run folder; an existing folder gets
 * each file replaced atomically.
 */
export async function writeRunFolder(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  const target = exists ? dir : join(dirname(dir), `.${basename(dir)}.${process.pid}.partial`);
  try {
    await mkdir(target, { recursive: true });
    for (const [name, data] of Object.entries(files)) await writeFileAtomic(join(target, name), data);
    if (!exists) await rename(target, dir);
  } catch (err) {
    if (!exists) await rm(target, { recursive: true, force: true });
    throw err;
  }
}
