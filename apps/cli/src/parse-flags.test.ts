import { describe, expect, it } from 'vitest';
import { nonNegativeInt, positiveInt, positiveNumber } from './flags.js';
import { parseFlags } from './parse-flags.js';

const options = { epochs: { type: 'string' }, lr: { type: 'string' }, json: { type: 'boolean' } } as const;
const messageOf = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('parseFlags', () => {
  it('passes negative numbers to the flag as its value, so its parser can name the rule', () => {
    expect(parseFlags(['--epochs', '-5', '--lr', '-1e-3', '--json'], options).values).toEqual({ epochs: '-5', lr: '-1e-3', json: true });
    expect(parseFlags(['--lr', '-.5'], options).values).toEqual({ lr: '-.5' });
    expect(messageOf(() => nonNegativeInt('--epochs', parseFlags(['--epochs', '-5'], options).values.epochs!))).toBe('--epochs must be a whole number ≥ 0, got "-5"');
    expect(messageOf(() => positiveNumber('--lr', parseFlags(['--lr', '-1'], options).values.lr!))).toBe('--lr must be a number > 0, got "-1"');
    expect(messageOf(() => positiveInt('--hidden', '-2'))).toBe('--hidden must be a whole number ≥ 1, got "-2"');
  });

  it('still refuses an option where a value should be, and an unknown option', () => {
    expect(messageOf(() => parseFlags(['--epochs', '--json'], options))).toMatch(/^Option '--epochs' argument is ambiguous/);
    expect(messageOf(() => parseFlags(['--json', '-5'], options))).toMatch(/^Unknown option '-5'/);
  });
});
