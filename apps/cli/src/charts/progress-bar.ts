/**
 * A single-line terminal progress bar for training epochs, e.g.
 * `[#####.....] 42/100 epochs  loss 0.001234  1.2s`.
 */

/** The part of a Node writable stream (such as `process.stderr`) the bar uses. */
export interface ProgressStream {
  write(s: string): unknown;
  /** Only a TTY gets output: `\r` redraws would garble logs and pipes. */
  isTTY?: boolean;
  /** Terminal width; the line is kept shorter so it never wraps. */
  columns?: number;
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Unit printed after the count, e.g. "epochs". */
  label?: string;
  /** Millisecond clock; injectable so tests can control throttling. Default `performance.now`. */
  now?: () => number;
}

/** Minimum time between redraws: at most ~20 per second. */
const REDRAW_INTERVAL_MS = 50;
const MAX_BAR_WIDTH = 30;
const MIN_BAR_WIDTH = 10;
const DEFAULT_COLUMNS = 80;

/**
 * Redraws one line in place on a TTY (`\r` + line + clear-to-end-of-line),
 * throttled except for the final state; writes nothing when the stream is not a TTY.
 */
export class ProgressBar {
  private readonly now: () => number;
  private readonly label: string;
  private readonly startedAt: number;
  private lastDrawAt = -Infinity;
  private done = 0;
  private info: string | undefined;
  private finished = false;

  /** Starts the clock; nothing is drawn until the first `update`. */
  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    options: ProgressBarOptions = {},
  ) {
    if (!Number.isFinite(total) || total < 0) throw new RangeError(`ProgressBar: total must be a finite number >= 0, got ${total}`);
    this.now = options.now ?? (() => performance.now());
    this.label = options.label ?? '';
    this.startedAt = this.now();
  }

  /** Records progress (`info` persists until replaced) and redraws unless one happened in the last 50 ms. */
  update(done: number, info?: string): void {
    if (this.finished) return;
    this.done = Math.min(this.total, Math.max(0, done));
    if (info !== undefined) this.info = info;
    const time = this.now();
    // The completed state is always drawn so the last frame is never stale.
    if (time - this.lastDrawAt < REDRAW_INTERVAL_MS && this.done < this.total) return;
    this.draw(time);
  }

  /** Draws the final state unthrottled and ends the line; later calls are ignored. */
  finish(info?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (info !== undefined) this.info = info;
    if (this.draw(this.now())) this.stream.write('\n');
  }

  /** Writes the current state; false when the stream is not a TTY. */
  private draw(time: number): boolean {
    if (this.stream.isTTY !== true) return false;
    this.lastDrawAt = time;
    this.stream.write(`\r${this.render(time)}\x1b[K`);
    return true;
  }

  /** The bar line, fitted to the terminal width. */
  private render(time: number): string {
    const count = `${this.done}/${this.total}${this.label === '' ? '' : ` ${this.label}`}`;
    const tail = [count, this.info, formatElapsed(time - this.startedAt)].filter((p) => p !== undefined && p !== '').join('  ');
    // One column spare: writing the last column makes some terminals wrap.
    // Some pseudo-terminals report 0 columns: fall back to the default then.
    const reported = this.stream.columns ?? 0;
    const columns = (reported >= 20 ? reported : DEFAULT_COLUMNS) - 1;
    const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(MAX_BAR_WIDTH, columns - tail.length - 3));
    const ratio = this.total > 0 ? this.done / this.total : 1;
    const filled = Math.floor(ratio * barWidth);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${tail}`;
    return line.length > columns ? line.slice(0, Math.max(0, columns)) : line;
  }
}

/** "1.2s" under a minute, then "3m05s", then "1h02m". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  // 59.95 s would print as "60.0s"; switch to minutes first.
  if (seconds < 59.95) return `${seconds.toFixed(1)}s`;
  const whole = Math.floor(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (whole < 3600) return `${Math.floor(whole / 60)}m${pad(whole % 60)}s`;
  return `${Math.floor(whole / 3600)}h${pad(Math.floor(whole / 60) % 60)}m`;
}
