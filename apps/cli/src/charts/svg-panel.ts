/**
 * One chart panel of the SVG report: title, grid, axis ticks and line series.
 */
import type { Scale } from './scale.js';
import { svgElement, svgNumber, svgText } from './svg-elements.js';

/** Pixel rectangle of a panel's plot area. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A labelled axis tick at a data value. */
export interface PanelTick {
  readonly value: number;
  readonly label: string;
  /** Horizontal anchor of an x label; end ticks use start/end to stay inside the page. */
  readonly anchor?: 'start' | 'middle' | 'end';
}

/** A polyline series; x and y are data values mapped through the panel scales. */
export interface PanelSeries {
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
  readonly stroke: string;
  readonly strokeWidth?: number;
  /** SVG `stroke-dasharray`, e.g. "6 4". */
  readonly dash?: string;
}

/** Everything needed to draw a panel. */
export interface PanelSpec {
  readonly box: Box;
  readonly title: string;
  readonly x: Scale;
  readonly y: Scale;
  readonly xTicks: readonly PanelTick[];
  readonly yTicks: readonly PanelTick[];
  readonly series: readonly PanelSeries[];
  /** Extra markup (a legend or a note) drawn in the title row; positioned by the caller. */
  readonly header?: string;
  /** Caption under the x tick labels, e.g. "epoch". */
  readonly xCaption?: string;
}

const GRID = '#e6e6e6';
const AXIS = '#888888';
const LABEL = '#444444';

/** Renders a panel as a `<g>` group. */
export function renderPanel(spec: PanelSpec): string {
  const { box } = spec;
  const bottom = box.y + box.height;
  const right = box.x + box.width;
  const parts: string[] = [
    svgText(box.x, box.y - 12, spec.title, { 'font-size': 15, 'font-weight': 'bold', fill: '#222222' }),
  ];
  for (const tick of spec.yTicks) {
    const y = spec.y(tick.value);
    if (!Number.isFinite(y)) continue;
    parts.push(svgElement('line', { x1: box.x, y1: y, x2: right, y2: y, stroke: GRID }));
    // dy centres the label on the grid line without relying on dominant-baseline support.
    parts.push(svgText(box.x - 8, y, tick.label, { dy: '0.35em', 'text-anchor': 'end', 'font-size': 11, fill: LABEL }));
  }
  for (const tick of spec.xTicks) {
    const x = spec.x(tick.value);
    if (!Number.isFinite(x)) continue;
    parts.push(svgElement('line', { x1: x, y1: box.y, x2: x, y2: bottom, stroke: GRID }));
    parts.push(svgElement('line', { x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: AXIS }));
    parts.push(svgText(x, bottom + 18, tick.label, { 'text-anchor': tick.anchor ?? 'middle', 'font-size': 11, fill: LABEL }));
  }
  parts.push(svgElement('polyline', { points: pointList([[box.x, box.y], [box.x, bottom], [right, bottom]]), fill: 'none', stroke: AXIS }));
  if (spec.xCaption !== undefined) {
    parts.push(svgText(box.x + box.width / 2, bottom + 36, spec.xCaption, { 'text-anchor': 'middle', 'font-size': 11, fill: LABEL }));
  }
  for (const s of spec.series) parts.push(...seriesPolylines(s, spec.x, spec.y));
  if (spec.header !== undefined) parts.push(spec.header);
  return svgElement('g', {}, `\n${parts.join('\n')}\n`);
}

/** Centred grey "no data" text for an empty panel. */
export function noDataText(box: Box): string {
  return svgText(box.x + box.width / 2, box.y + box.height / 2, 'no data', { 'text-anchor': 'middle', 'font-size': 14, fill: '#999999' });
}

/** One polyline per run of plottable points, so gaps (NaN) break the line instead of bridging it. */
function seriesPolylines(series: PanelSeries, xScale: Scale, yScale: Scale): string[] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  const n = Math.min(series.xs.length, series.ys.length);
  for (let i = 0; i < n; i++) {
    const x = xScale(series.xs[i] ?? NaN);
    const y = yScale(series.ys[i] ?? NaN);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      run.push([x, y]);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs.map((points) => {
    const [only] = points;
    // A lone point would be an invisible polyline; show it as a dot instead.
    if (points.length === 1 && only !== undefined) {
      return svgElement('circle', { cx: only[0], cy: only[1], r: 2.5, fill: series.stroke });
    }
    return svgElement('polyline', {
      points: pointList(points),
      fill: 'none',
      stroke: series.stroke,
      'stroke-width': series.strokeWidth ?? 1.5,
      'stroke-dasharray': series.dash,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
    });
  });
}

/** "x,y x,y …" with coordinates rounded to 2 decimals. */
function pointList(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y]) => `${svgNumber(x)},${svgNumber(y)}`).join(' ');
}
