// Helpers for tests that run the built `rnnkit` binary as a user would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../dist/bin.js', import.meta.url).pathname;
export const BUNDLED_CSV = new URL('../../../packages/datasets/data/samsung_005930.csv', import.meta.url).pathname;
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

export interface RunResult { code: number; stdout: string; stderr: string }

/** Runs `rnnkit ...args` and resolves with its exit code and output (never rejects on exit code). */
export function rnnkit(args: string[], cwd = tmpdir()): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'rnnkit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export { pythonHas } from '../../../test-utils/python.js';
