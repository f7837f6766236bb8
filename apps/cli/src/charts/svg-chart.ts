/**
 * The run report as a standalone SVG: training loss on top, test-set prices
 * (actual vs predicted vs naive) below. No fonts or external resources.
 */
import { formatFixed, formatSignificant } from './format-number.js';
import { logTicks, niceScale, niceTicks, stepDecimals } from './nice-ticks.js';
import { linearScale, logScale } from './scale.js';
import type { Scale } from './scale.js';
import { escapeXml, svgElement, svgText } from './svg-elements.js';
import { renderLegend } from './svg-legend.js';
import type { LegendItem } from './svg-legend.js';
import { noDataText, renderPanel } from './svg-panel.js';
import type { Box, PanelTick } from './svg-panel.js';

/** Forecast days as both charts plot them: the actual price, the model's and the naive forecast. */
export interface ForecastLines {
  /** Forecast dates (x axis captions), one per price. */
  readonly dates: readonly string[];
  /** Actual prices. */
  readonly actual: readonly number[];
  /** The model's forecasts for the same days. */
  readonly predicted: readonly number[];
  /** The naive forecasts (the previous day's price) for the same days. */
  readonly naive: readonly number[];
}

/** Data of one training run, as plotted by {@link renderRunSvg}. */
export interface RunSvgInput extends ForecastLines {
  /** Heading, e.g. "LSTM on 005930.KS". */
  readonly title: string;
  /** Training loss per epoch. */
  readonly trainLoss: readonly number[];
  /** Smaller line under the title, e.g. metrics. */
  readonly subtitle?: string;
}

const WIDTH = 960;
const HEIGHT = 720;
const LEFT = 84;
const RIGHT = WIDTH - 28;
const LOSS_BOX: Box = { x: LEFT, y: 104, width: RIGHT - LEFT, height: 200 };
const PRICE_BOX: Box = { x: LEFT, y: 408, width: RIGHT - LEFT, height: 264 };
/** max/min ratio above which the loss axis becomes logarithmic (more than 2 decades). */
const LOG_AXIS_RATIO = 10;
const DATE_TICKS = 6;

const STYLE = {
  loss: { stroke: '#1f6fb4', strokeWidth: 1.75 },
  actual: { label: 'actual', stroke: '#222222', strokeWidth: 1.75 },
  predicted: { label: 'predicted', stroke: '#e4572e', strokeWidth: 1.75 },
  naive: { label: 'naive', stroke: '#9a9a9a', strokeWidth: 1.5, dash: '6 4' },
} as const;

/**
 * Renders the run report as an SVG document (960×720).
 * @throws Error when `dates`, `actual`, `predicted` and `naive` differ in length.
 */
export function renderRunSvg(input: RunSvgInput): string {
  const lengths = { dates: input.dates.length, actual: input.actual.length, predicted: input.predicted.length, naive: input.naive.length };
  if (new Set(Object.values(lengths)).size > 1) {
    const detail = Object.entries(lengths).map(([k, n]) => `${k}=${n}`).join(', ');
    throw new Error(`renderRunSvg: test-set series must have equal lengths, got ${detail}`);
  }
  const body = [
    svgElement('rect', { width: WIDTH, height: HEIGHT, fill: '#ffffff' }),
    svgText(LEFT, 36, input.title, { 'font-size': 20, 'font-weight': 'bold', fill: '#111111' }),
    input.subtitle === undefined ? '' : svgText(LEFT, 60, input.subtitle, { 'font-size': 13, fill: '#555555' }),
    lossPanel(input.trainLoss),
    pricePanel(input),
  ].filter((part) => part !== '');
  const root = svgElement(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'font-family': 'sans-serif' },
    `\n<title>${escapeXml(input.title)}</title>\n${body.join('\n')}\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

/** Loss per epoch; log y axis when the values span more than two decades. */
function lossPanel(loss: readonly number[]): string {
  const title = 'Training loss (MSE, scaled)';
  const box = LOSS_BOX;
  const finite = loss.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return renderPanel({ ...emptyPanel(box, title), header: noDataText(box) });

  const [min, max] = extent(finite);
  const useLog = min > 0 && max / min > LOG_AXIS_RATIO;
  const { y, yTicks } = useLog ? logAxis(min, max, box) : linearAxis(min, max, box, 6);

  const epochs = loss.map((_, i) => i + 1);
  const x = linearScale([1, loss.length], [box.x, box.x + box.width]);
  // Epochs are whole numbers: drop fractional ticks for short runs.
  const xTicks = niceTicks(1, loss.length, 10)
    .filter((v) => Number.isInteger(v))
    .map((v) => ({ value: v, label: String(v) }));

  const last = loss[loss.length - 1] ?? NaN;
  const best = loss.indexOf(min) + 1;
  const note = `final ${formatSignificant(last)} · best ${formatSignificant(min)} (epoch ${best})${useLog ? ' · log scale' : ''}`;
  const header = svgText(box.x + box.width, box.y - 12, note, { 'text-anchor': 'end', 'font-size': 12, fill: '#555555' });

  return renderPanel({
    box, title, x, y, xTicks, yTicks, header, xCaption: 'epoch',
    series: [{ xs: epochs, ys: loss, ...STYLE.loss }],
  });
}

/** Actual, predicted and naive prices by test-set day. */
function pricePanel(input: RunSvgInput): string {
  const title = 'Test set: actual vs predicted vs naive (price)';
  const box = PRICE_BOX;
  const n = input.dates.length;
  const all = [...input.actual, ...input.predicted, ...input.naive].filter((v) => Number.isFinite(v));
  if (n === 0 || all.length === 0) return renderPanel({ ...emptyPanel(box, title), header: noDataText(box) });

  const [min, max] = extent(all);
  // Up to 10 ticks keeps the widened domain tight (each end adds under one step).
  const { y, yTicks } = linearAxis(min, max, box, 10);
  const x = linearScale([0, n - 1], [box.x, box.x + box.width]);
  const days = input.dates.map((_, i) => i);
  const legendItems: LegendItem[] = [STYLE.actual, STYLE.predicted, STYLE.naive];

  return renderPanel({
    box, title, x, y, yTicks,
    xTicks: dateTicks(input.dates),
    header: renderLegend(legendItems, box.x + box.width, box.y - 12),
    // Naive first so the model's lines are drawn over it.
    series: [
      { xs: days, ys: input.naive, ...STYLE.naive },
      { xs: days, ys: input.actual, ...STYLE.actual },
      { xs: days, ys: input.predicted, ...STYLE.predicted },
    ],
  });
}

/** Linear y axis over a nice widened domain; labels use the step's precision. */
export function linearAxis(min: number, max: number, box: Box, maxTicks: number): { y: Scale; yTicks: PanelTick[] } {
  const scale = niceScale(min, max, maxTicks);
  const decimals = stepDecimals(scale.step);
  return {
    y: linearScale([scale.min, scale.max], [box.y + box.height, box.y]),
    yTicks: scale.ticks.map((v) => ({ value: v, label: formatFixed(v, decimals) })),
  };
}

/** Log y axis padded slightly beyond the data so the curve never touches the frame. */
function logAxis(min: number, max: number, box: Box): { y: Scale; yTicks: PanelTick[] } {
  const pad = (max / min) ** 0.03;
  const lo = min / pad;
  const hi = max * pad;
  return {
    y: logScale([lo, hi], [box.y + box.height, box.y]),
    yTicks: logTicks(lo, hi).map((v) => ({ value: v, label: formatSignificant(v) })),
  };
}

/** About six evenly spaced date labels, the ends anchored inwards so they stay on the page. */
export function dateTicks(dates: readonly string[]): PanelTick[] {
  const n = dates.length;
  const count = Math.min(n, DATE_TICKS);
  if (count <= 1) return dates.slice(0, 1).map((label) => ({ value: 0, label }));
  return Array.from({ length: count }, (_, j) => {
    const i = Math.round((j * (n - 1)) / (count - 1));
    const anchor = j === 0 ? 'start' : j === count - 1 ? 'end' : 'middle';
    return { value: i, label: dates[i] ?? '', anchor } as const;
  });
}

/** [min, max] of non-empty finite values; a loop, since spreading huge arrays into Math.min overflows the stack. */
export function extent(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/** A framed panel with no series or ticks. */
function emptyPanel(box: Box, title: string): { box: Box; title: string; x: Scale; y: Scale; xTicks: []; yTicks: []; series: [] } {
  const identity: Scale = (v) => v;
  return { box, title, x: identity, y: identity, xTicks: [], yTicks: [], series: [] };
}
