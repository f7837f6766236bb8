import { UsageError } from './usage-error.js';
import { columnIndex } from '@rnnkit/datasets';

// Parsers for flag values: each names the flag and the fix in its one-line error.

export function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number ≥ 1, got "${text}"`);
  return n;
}

export function nonNegativeInt(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${flag} must be a whole number ≥ 0, got "${text}"`);
  return n;
}

export function positiveNumber(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number > 0, got "${text}"`);
  return n;
}

export function ratio(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n > 0 && n < 1)) throw new UsageError(`${flag} must be a number between 0 and 1 (exclusive), got "${text}"`);
  return n;
}

export function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got "${text}"`);
  return text as T;
}

export function nameList(flag: string, text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new UsageError(`${flag} must be a comma-separated list of column names, got "${text}"`);
  const dup = names.find((n, i) => columnIndex(names, n) !== i);
  if (dup) throw new UsageError(`${flag} names ${dup} twice`);
  return names;
}
