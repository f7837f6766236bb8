import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJson, rnnkit, tempDir } from './test-utils.js';

describe('rnnkit train --out of an existing folder', () => {
  it('refuses a non-empty folder in one line naming it and --overwrite, and leaves it as it was', async () => {
    const out = join(tempDir(), 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'my notes');
    const r = await rnnkit(['train', '--epochs', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`rnnkit train: ${out} already exists and is not empty; choose another --out or pass --overwrite; see rnnkit train --help\n`);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('trains into an empty folder, and with --overwrite replaces the previous run, leaving none of its files', async () => {
    const out = join(tempDir(), 'run');
    mkdirSync(out);
    expect((await rnnkit(['train', '--epochs', '2', '--quiet', '--out', out])).code).toBe(0);
    expect(readdirSync(out)).toContain('model.with-scaler.onnx');
    const again = await rnnkit(['train', '--epochs', '3', '--target-transform', 'diff', '--quiet', '--overwrite', '--out', out]);
    expect(again.code).toBe(0);
    expect(readJson(join(out, 'metrics.json')).trainLoss).toHaveLength(3);
    expect(readdirSync(out).sort()).toEqual(['chart.svg', 'metrics.json', 'model.onnx', 'model.with-scaler.onnx', 'predictions.csv', 'scaler.json', 'weights.json']);
    // The diff model's with-scaler file is its raw-price graph, not the old run's plain one.
    expect(readFileSync(join(out, 'model.with-scaler.onnx')).includes('rnnkit.rawInput')).toBe(true);
  });

  it('points an interrupted run to --resume, and refuses a file', async () => {
    const dir = tempDir();
    const out = join(dir, 'cut');
    mkdirSync(out);
    writeFileSync(join(out, 'checkpoint.json'), '{}');
    const r = await rnnkit(['train', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rnnkit train: ${out} holds an interrupted run; continue it with --resume ${out}, choose another --out or pass --overwrite; see rnnkit train --help\n`);
    writeFileSync(join(dir, 'file'), 'x');
    const file = await rnnkit(['train', '--out', join(dir, 'file')]);
    expect([file.code, file.stderr]).toEqual([2, `rnnkit train: --out ${join(dir, 'file')} is a file; choose a folder; see rnnkit train --help\n`]);
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
    expect(existsSync(join(out, 'weights.json'))).toBe(false);
  });
});
