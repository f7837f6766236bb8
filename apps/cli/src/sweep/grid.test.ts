import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-utils.js';
import { expand } from './grid.js';
import { redactUrl, scrub } from './redis-url.js';
import { trialId } from './trial.js';
import { readTrials } from './trials-file.js';

describe('sweep building blocks', () => {
  it('expands the grid in a stable order, the last key fastest, base in every trial', () => {
    expect(expand({ base: { epochs: 5 }, grid: { cell: ['rnn', 'gru'], seed: [0, 1] } })).toEqual([
      { epochs: 5, cell: 'rnn', seed: 0 }, { epochs: 5, cell: 'rnn', seed: 1 },
      { epochs: 5, cell: 'gru', seed: 0 }, { epochs: 5, cell: 'gru', seed: 1 },
    ]);
    expect(expand({ base: { epochs: 5 }, grid: {} })).toEqual([{ epochs: 5 }]);
  });

  it('a trial id depends on the settings and the CSV, not on the order the keys were written in', () => {
    const id = trialId({ hidden: 8, seed: 1 }, 'csv');
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(trialId({ seed: 1, hidden: 8 }, 'csv')).toBe(id);
    expect(trialId({ hidden: 8, seed: 2 }, 'csv')).not.toBe(id);
    expect(trialId({ hidden: 8, seed: 1 }, 'csv2')).not.toBe(id);
  });

  it('redacts the password of a Redis URL and scrubs it from messages', () => {
    expect(redactUrl('redis://:pw@h:6379/1')).toBe('redis://:***@h:6379/1');
    expect(redactUrl('rediss://user:p%40ss@h:6380')).toBe('rediss://user:***@h:6380');
    expect(redactUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(scrub('AUTH p@ss failed for rediss://user:p%40ss@h:6380', 'rediss://user:p%40ss@h:6380')).toBe('AUTH *** failed for rediss://user:***@h:6380');
  });

  it('reading trials.jsonl cuts off a torn last line and keeps the whole ones', async () => {
    const file = join(tempDir(), 'trials.jsonl');
    writeFileSync(file, '{"id":"a","params":{},"ms":1}\n{"id":"b","params":{},"ms":2}\n{"id":"c","par');
    expect((await readTrials(file)).map((l) => l.id)).toEqual(['a', 'b']);
    expect(readFileSync(file, 'utf8')).toBe('{"id":"a","params":{},"ms":1}\n{"id":"b","params":{},"ms":2}\n');
    expect(await readTrials(join(tempDir(), 'none.jsonl'))).toEqual([]);
  });
});
