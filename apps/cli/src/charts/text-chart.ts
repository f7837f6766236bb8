/**
 * A compact multi-series line chart drawn with characters, for terminals:
 * the training loss curve and predicted-vs-actual test prices.
 */
import { formatAxisValue, formatSignificant } from './format-number.js';

/** One series of a text chart. */
export interface TextChartSeries {
  /** Legend caption. */
  readonly label: string;
  /** Y values, one per x step; non-finite values (and non-positive ones on a log axis) are skipped. */
  readonly values: ArrayLike<number>;
  /** Single-column character marking this series; defaults by position to •, ×, ·, +, o, *. */
  readonly symbol?: string;
}

/** Layout and formatting options of {@link renderTextChart}. */
export interface TextChartOptions {
  /** Plot area width in columns, excluding the y-axis gutter. Default 60. */
  readonly width?: number;
  /** Plot area height in rows. Default 12. */
  readonly height?: number;
  /** Heading printed above the plot. */
  readonly title?: string;
  /** Captions printed under the left and right ends of the x axis (e.g. first and last date). */
  readonly xLabels?: readonly [string, string];
  /** Formats y-axis labels; the default adapts its precision to the plotted range. */
  readonly yFormat?: (value: number) => string;
  /** Plot log10(y); suits loss curves spanning several decades. */
  readonly logY?: boolean;
  /** Colour each series with ANSI escapes. Off unless exactly `true`. */
  readonly color?: boolean;
}

const DEFAULT_SYMBOLS = ['•', '×', '·', '+', 'o', '*'] as const;
/** ANSI foreground colours: cyan, yellow, grey, magenta, green, red. */
const ANSI_COLOURS = [36, 33, 90, 35, 32, 31] as const;
const EMPTY = -1;

/**
 * Renders series as a character chart: y labels at the top, middle and bottom
 * rows, an x axis, optional x captions and a legend line. Series longer than
 * the width are averaged per column (one mark per column and series, so a
 * 700-point test set stays a line, not a wall of marks); where series overlap, the earlier series wins. Every line is at most
 * `width` plus the y-label gutter wide; the result has no trailing newline.
 */
export function renderTextChart(series: readonly TextChartSeries[], options: TextChartOptions = {}): string {
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  if (!Number.isInteger(width) || width < 2) throw new RangeError(`renderTextChart: width must be an integer >= 2, got ${width}`);
  if (!Number.isInteger(height) || height < 2) throw new RangeError(`renderTextChart: height must be an integer >= 2, got ${height}`);

  const logY = options.logY === true;
  const toPlot = (v: number): number => (logY ? (v > 0 ? Math.log10(v) : NaN) : v);
  const fromPlot = (t: number): number => (logY ? 10 ** t : t);
  const symbols = series.map((s, i) => firstChar(s.symbol) ?? DEFAULT_SYMBOLS[i % DEFAULT_SYMBOLS.length] ?? '•');
  const paint = (text: string, index: number): string =>
    options.color === true ? `\x1b[${ANSI_COLOURS[index % ANSI_COLOURS.length]}m${text}\x1b[0m` : text;

  const [lo, hi] = plotRange(series, toPlot);
  const rowOf = (t: number): number => Math.round(((hi - t) / (hi - lo)) * (height - 1));

  // Grid of series indices; drawn last-to-first so earlier series end on top.
  const grid = Array.from({ length: height }, () => new Array<number>(width).fill(EMPTY));
  for (let s = series.length - 1; s >= 0; s--) {
    columnMeans(series[s]?.values ?? [], width, toPlot).forEach((t, col) => {
      const row = Number.isFinite(t) ? grid[rowOf(t)] : undefined;
      if (row !== undefined) row[col] = s;
    });
  }

  // Labels at top, middle and bottom rows only: enough to read the scale.
  const middle = Math.floor((height - 1) / 2);
  const valueAt = (row: number): number => fromPlot(hi - (row / (height - 1)) * (hi - lo));
  const format = options.yFormat ?? defaultFormat(logY, (hi - lo) / (height - 1));
  const labels = new Map<number, string>([0, middle, height - 1].map((r) => [r, format(valueAt(r))]));
  const gutter = Math.max(...[...labels.values()].map((l) => [...l].length)) + 2;
  const maxLine = gutter + width;

  const lines: string[] = [];
  if (options.title !== undefined) lines.push(truncate(options.title, maxLine));
  grid.forEach((row, r) => {
    const label = labels.get(r);
    const prefix = label === undefined ? `${' '.repeat(gutter - 1)}│` : `${label.padStart(gutter - 2)} ┤`;
    const cells = row.map((s) => (s === EMPTY ? ' ' : paint(symbols[s] ?? '•', s))).join('');
    lines.push(prefix + cells);
  });
  lines.push(`${' '.repeat(gutter - 1)}└${'─'.repeat(width)}`);
  if (options.xLabels !== undefined) lines.push(' '.repeat(gutter) + spreadCaptions(options.xLabels, width));
  lines.push(legendLine(series, symbols, gutter, width, paint));
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** One plotted value per column: the mean of the finite points that fall in it (NaN where none do). */
function columnMeans(values: ArrayLike<number>, width: number, toPlot: (v: number) => number): number[] {
  const n = values.length;
  const sum = new Array<number>(width).fill(0);
  const count = new Array<number>(width).fill(0);
  for (let i = 0; i < n; i++) {
    const t = toPlot(values[i] ?? NaN);
    if (!Number.isFinite(t)) continue;
    const col = n === 1 ? 0 : Math.round((i * (width - 1)) / (n - 1));
    sum[col]! += t;
    count[col]!++;
  }
  return sum.map((v, col) => (count[col] ? v / count[col]! : NaN));
}

/** [low, high] of all plottable values, widened when flat so rows never divide by zero. */
function plotRange(series: readonly TextChartSeries[], toPlot: (v: number) => number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { values } of series) {
    for (let i = 0; i < values.length; i++) {
      const t = toPlot(values[i] ?? NaN);
      if (!Number.isFinite(t)) continue;
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  }
  if (lo > hi) return [0, 1]; // nothing plottable: an empty frame
  if (lo === hi) {
    // A constant series sits on the middle row, labelled with its value.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** Default y labels: 3 significant digits on log axes, range-aware decimals otherwise. */
function defaultFormat(logY: boolean, rowStep: number): (v: number) => string {
  return logY ? (v) => formatSignificant(v, 3) : (v) => formatAxisValue(v, rowStep);
}

/** Left caption flush left, right caption flush right, both within `width`. */
function spreadCaptions([left, right]: readonly [string, string], width: number): string {
  const r = [...right];
  const l = [...left];
  if (l.length + 1 + r.length <= width) return l.join('') + ' '.repeat(width - l.length - r.length) + r.join('');
  // Too narrow for both: give each half the width.
  const half = Math.floor((width - 1) / 2);
  const leftPart = truncate(left, half);
  const rightPart = truncate(right, width - 1 - [...leftPart].length);
  return `${leftPart}${' '.repeat(width - [...leftPart].length - [...rightPart].length)}${rightPart}`;
}

/** The legend, aligned with the plot when it fits there, else from column 0 to use the gutter too. */
function legendLine(
  series: readonly TextChartSeries[],
  symbols: readonly string[],
  gutter: number,
  width: number,
  paint: (text: string, index: number) => string,
): string {
  const natural = series.reduce((sum, s, i) => sum + (i === 0 ? 0 : 3) + 2 + [...s.label].length, 0);
  if (natural <= width) return ' '.repeat(gutter) + legend(series, symbols, width, paint);
  return legend(series, symbols, gutter + width, paint);
}

/** "• label   × label" fitted into `width` visible columns; symbols painted after fitting. */
function legend(
  series: readonly TextChartSeries[],
  symbols: readonly string[],
  width: number,
  paint: (text: string, index: number) => string,
): string {
  const parts: string[] = [];
  let used = 0;
  for (const [i, s] of series.entries()) {
    const separator = parts.length === 0 ? '' : '   ';
    const room = width - used - separator.length - 2; // 2 = symbol + space
    if (room < 1) break;
    const label = truncate(s.label, room);
    parts.push(`${separator}${paint(symbols[i] ?? '•', i)} ${label}`);
    used += separator.length + 2 + [...label].length;
  }
  return parts.join('');
}

/** Cuts `text` to at most `max` code points, marking the cut with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return max <= 1 ? chars.slice(0, max).join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The first code point of `text`, so a multi-character symbol still fills one cell. */
function firstChar(text: string | undefined): string | undefined {
  return text === undefined ? undefined : [...text][0];
}
