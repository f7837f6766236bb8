import { describe, it, expect } from 'vitest';
import { ProgressBar, formatElapsed } from './progress-bar.js';

/** A stream that records writes. */
function fakeStream(isTTY: boolean, columns?: number): { writes: string[]; isTTY: boolean; columns?: number; write(s: string): boolean } {
  const writes: string[] = [];
  return { writes, isTTY, columns, write: (s: string) => (writes.push(s), true) };
}

/** A controllable millisecond clock. */
function fakeClock(start = 1000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('ProgressBar', () => {
  it('draws bar, count, label, info and elapsed time on one redrawn line', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 100, { label: 'epochs', now: clock.now });
    clock.advance(1200);
    bar.update(42, 'loss 0.001234');
    expect(stream.writes).toEqual([`\r[${'#'.repeat(12)}${'.'.repeat(18)}] 42/100 epochs  loss 0.001234  1.2s\x1b[K`]);
  });

  it('writes nothing at all to a non-TTY stream', () => {
    const stream = fakeStream(false);
    const bar = new ProgressBar(stream, 10);
    for (let i = 1; i <= 10; i++) bar.update(i, `loss ${i}`);
    bar.finish('done');
    expect(stream.writes).toEqual([]);
    const bare = { writes: [] as string[], write(s: string) { this.writes.push(s); } };
    new ProgressBar(bare, 3).update(3);
    expect(bare.writes).toEqual([]);
  });

  it('throttles redraws to one per 50 ms', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 1000, { now: clock.now });
    for (let i = 1; i < 500; i++) bar.update(i);
    expect(stream.writes).toHaveLength(1);
    clock.advance(49);
    bar.update(600);
    expect(stream.writes).toHaveLength(1);
    clock.advance(1);
    bar.update(601);
    expect(stream.writes).toHaveLength(2);
    expect(stream.writes[1]).toContain('601/1000');
  });

  it('writes few times for many updates in a tight loop on the real clock', () => {
    const stream = fakeStream(true);
    const bar = new ProgressBar(stream, 1_000_000);
    const started = performance.now();
    for (let i = 1; i < 200_000; i++) bar.update(i);
    const allowed = Math.ceil((performance.now() - started) / 50) + 1;
    expect(stream.writes.length).toBeLessThanOrEqual(allowed);
    expect(stream.writes.length).toBeLessThan(50);
  });

  it('always draws the completed state, even inside the throttle window', () => {
    const stream = fakeStream(true);
    const bar = new ProgressBar(stream, 100, { now: fakeClock().now });
    bar.update(99);
    bar.update(100, 'loss 0.5');
    expect(stream.writes).toHaveLength(2);
    expect(stream.writes[1]).toContain(`[${'#'.repeat(30)}] 100/100  loss 0.5`);
  });

  it('finish draws the final state with a newline, once', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 100, { label: 'epochs', now: clock.now });
    bar.update(41, 'loss 0.1');
    bar.update(42); // throttled, but remembered
    bar.finish();
    expect(stream.writes).toHaveLength(3);
    expect(stream.writes[1]).toContain('42/100 epochs  loss 0.1');
    expect(stream.writes[2]).toBe('\n');
    bar.finish('again');
    bar.update(50);
    expect(stream.writes).toHaveLength(3);
  });

  it('finish accepts a closing info text', () => {
    const stream = fakeStream(true);
    const bar = new ProgressBar(stream, 2, { now: fakeClock().now });
    bar.finish('best loss 0.0021');
    expect(stream.writes.join('')).toMatch(/0\/2 {2}best loss 0\.0021 {2}0\.0s\x1b\[K\n$/);
  });

  it('clamps progress and fits narrow terminals without wrapping', () => {
    const stream = fakeStream(true, 40);
    const bar = new ProgressBar(stream, 10, { label: 'epochs', now: fakeClock().now });
    bar.update(25, 'loss 0.000123456789 val 0.000234567891');
    const line = (stream.writes[0] ?? '').replace('\r', '').replace('\x1b[K', '');
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line).toContain('10/10 epochs');
  });

  it('draws the bar when a pseudo-terminal reports 0 columns', () => {
    const stream = fakeStream(true, 0);
    const bar = new ProgressBar(stream, 100, { label: 'epochs' });
    bar.update(42, 'loss 0.5');
    expect(stream.writes.join('')).toContain('42/100 epochs  loss 0.5');
  });

  it('rejects an invalid total', () => {
    expect(() => new ProgressBar(fakeStream(true), -1)).toThrow(RangeError);
    expect(() => new ProgressBar(fakeStream(true), Number.NaN)).toThrow(RangeError);
  });
});

describe('formatElapsed', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatElapsed(1234)).toBe('1.2s');
    expect(formatElapsed(59_990)).toBe('0m59s');
    expect(formatElapsed(185_000)).toBe('3m05s');
    expect(formatElapsed(3_720_000)).toBe('1h02m');
    expect(formatElapsed(-5)).toBe('0.0s');
  });
});
