import { open, readFile, truncate } from 'node:fs/promises';
import { DataError } from '@rnnkit/datasets';
import type { TrialLine } from './trial.js';

/**
 * The finished trials of trials.jsonl. A crash can only leave a partial *last* line (each line is
 * one O_APPEND write), so a trailing fragment without its newline is cut off: that trial runs again.
 */
export async function readTrials(path: string): Promise<TrialLine[]> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const whole = text.lastIndexOf('\n') + 1;
  if (whole < text.length) await truncate(path, Buffer.byteLength(text.slice(0, whole)));
  return text.slice(0, whole).split('\n').filter((l) => l !== '').map((line, i) => {
    try {
      return JSON.parse(line) as TrialLine;
    } catch {
      throw new DataError(path, i + 1, 'is not a trial line (not JSON)', 'remove the line; its trial runs again');
    }
  });
}

/** Appends lines to trials.jsonl, each with a single write on an O_APPEND descriptor: whole or not at all. */
export class TrialsFile {
  private constructor(private readonly handle: Awaited<ReturnType<typeof open>>) {}

  static async open(path: string): Promise<TrialsFile> {
    return new TrialsFile(await open(path, 'a'));
  }

  async append(line: TrialLine): Promise<void> {
    await this.handle.write(`${JSON.stringify(line)}\n`);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
