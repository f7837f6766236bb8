/**
 * The backtest report as a standalone SVG: actual, model and naive over the test blocks at
 * horizon 1, fold boundaries as dashed lines, and the conformal interval shaded where there is one.
 */
import { linearScale } from './scale.js';
import { dateTicks, extent, linearAxis, type ForecastLines } from './svg-chart.js';
import { escapeXml, svgElement, svgNumber, svgText } from './svg-elements.js';
import { renderLegend, type LegendItem } from './svg-legend.js';
import { renderPanel, type Box } from './svg-panel.js';

/** The horizon-1 forecasts of a backtest, in date order, as plotted by {@link renderBacktestSvg}. */
export interface BacktestSvgInput extends ForecastLines {
  /** Heading. */
  readonly title: string;
  /** Smaller line under the title, e.g. the verdict. */
  readonly subtitle: string;
  /** Fold of each forecast (1-based). */
  readonly folds: readonly number[];
  /** Interval ends, where intervals were made. */
  readonly lower?: readonly number[];
  /** Upper interval ends. */
  readonly upper?: readonly number[];
}

const WIDTH = 960;
const HEIGHT = 520;
const BOX: Box = { x: 84, y: 104, width: WIDTH - 28 - 84, height: 360 };
const LEGEND: LegendItem[] = [
  { label: 'actual', stroke: '#222222', strokeWidth: 1.75 },
  { label: 'model', stroke: '#e4572e', strokeWidth: 1.75 },
  { label: 'naive', stroke: '#9a9a9a', strokeWidth: 1.5, dash: '6 4' },
];

/** Renders the backtest chart (960×520). */
export function renderBacktestSvg(input: BacktestSvgInput): string {
  const n = input.dates.length;
  const bands = input.lower && input.upper ? [...input.lower, ...input.upper].filter(Number.isFinite) : [];
  const [min, max] = extent([...input.actual, ...input.predicted, ...input.naive, ...bands].filter(Number.isFinite));
  const { y, yTicks } = linearAxis(min, max, BOX, 10);
  const x = linearScale([0, Math.max(1, n - 1)], [BOX.x, BOX.x + BOX.width]);
  const days = input.dates.map((_, i) => i);
  const extra: string[] = [];
  if (input.lower && input.upper) {
    // One shaded polygon per fold, so the band does not bridge fold boundaries.
    for (const fold of new Set(input.folds)) {
      const idx = days.filter((i) => input.folds[i] === fold && Number.isFinite(input.lower![i]!) && Number.isFinite(input.upper![i]!));
      if (idx.length === 0) continue;
      const points = [...idx.map((i) => [x(i), y(input.upper![i]!)]), ...idx.reverse().map((i) => [x(i), y(input.lower![i]!)])];
      extra.push(svgElement('polygon', { points: points.map(([a, b]) => `${svgNumber(a!)},${svgNumber(b!)}`).join(' '), fill: '#e4572e', 'fill-opacity': 0.15, stroke: 'none' }));
    }
  }
  if (n > 0) extra.push(svgText(BOX.x + 4, BOX.y + 14, `fold ${input.folds[0]}`, { 'font-size': 11, fill: '#555555' }));
  for (let i = 1; i < n; i++) {
    if (input.folds[i] === input.folds[i - 1]) continue;
    const at = (x(i - 1) + x(i)) / 2;
    extra.push(svgElement('line', { x1: at, y1: BOX.y, x2: at, y2: BOX.y + BOX.height, stroke: '#555555', 'stroke-dasharray': '3 3' }));
    extra.push(svgText(at + 4, BOX.y + 14, `fold ${input.folds[i]}`, { 'font-size': 11, fill: '#555555' }));
  }
  const panel = renderPanel({
    box: BOX, title: `Test blocks: actual vs model vs naive, horizon 1${input.lower ? ' (shaded: interval)' : ''}`, x, y, yTicks,
    xTicks: dateTicks(input.dates),
    header: renderLegend(LEGEND, BOX.x + BOX.width, BOX.y - 12),
    series: [
      { xs: days, ys: input.naive, stroke: '#9a9a9a', strokeWidth: 1.5, dash: '6 4' },
      { xs: days, ys: input.actual, stroke: '#222222', strokeWidth: 1.75 },
      { xs: days, ys: input.predicted, stroke: '#e4572e', strokeWidth: 1.75 },
    ],
  });
  const body = [
    svgElement('rect', { width: WIDTH, height: HEIGHT, fill: '#ffffff' }),
    svgText(84, 36, input.title, { 'font-size': 20, 'font-weight': 'bold', fill: '#111111' }),
    svgText(84, 60, input.subtitle, { 'font-size': 13, fill: '#555555' }),
    ...extra,
    panel,
  ];
  const root = svgElement('svg', { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'font-family': 'sans-serif' }, `\n<title>${escapeXml(input.title)}</title>\n${body.join('\n')}\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
