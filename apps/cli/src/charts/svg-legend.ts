/**
 * A one-row SVG legend: a short line sample in each series' style, then its label.
 */
import { svgElement, svgText } from './svg-elements.js';

/** A legend entry, styled like the series it names. */
export interface LegendItem {
  readonly label: string;
  readonly stroke: string;
  readonly strokeWidth?: number;
  readonly dash?: string;
}

const SAMPLE_WIDTH = 24;
const FONT_SIZE = 12;
/** Rough advance of one 12 px sans-serif character; no font metrics are available. */
const CHAR_WIDTH = 6.8;
const GAP = 18;

/** Renders `items` on one row whose right edge is at `right`, text baseline at `y`. */
export function renderLegend(items: readonly LegendItem[], right: number, y: number): string {
  const widths = items.map((item) => SAMPLE_WIDTH + 6 + item.label.length * CHAR_WIDTH);
  const total = widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, items.length - 1);
  let x = right - total;
  const parts: string[] = [];
  items.forEach((item, i) => {
    const lineY = y - FONT_SIZE * 0.35; // middle of lower-case letters
    parts.push(
      svgElement('line', {
        x1: x,
        y1: lineY,
        x2: x + SAMPLE_WIDTH,
        y2: lineY,
        stroke: item.stroke,
        'stroke-width': item.strokeWidth ?? 2,
        'stroke-dasharray': item.dash,
      }),
      svgText(x + SAMPLE_WIDTH + 6, y, item.label, { 'font-size': FONT_SIZE, fill: '#333333' }),
    );
    x += (widths[i] ?? 0) + GAP;
  });
  return svgElement('g', {}, parts.join(''));
}
