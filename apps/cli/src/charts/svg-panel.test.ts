import { describe, it, expect } from 'vitest';
import { linearScale } from './scale.js';
import { renderPanel } from './svg-panel.js';
import type { PanelSpec } from './svg-panel.js';

const box = { x: 100, y: 50, width: 200, height: 100 };
const spec = (ys: number[]): PanelSpec => ({
  box,
  title: 'T & t',
  x: linearScale([0, ys.length - 1], [100, 300]),
  y: linearScale([0, 10], [150, 50]),
  xTicks: [{ value: 0, label: 'first', anchor: 'start' }],
  yTicks: [{ value: 0, label: '0' }, { value: 10, label: '10' }],
  series: [{ xs: ys.map((_, i) => i), ys, stroke: '#123456' }],
});

/** Point lists of the polylines drawn in `stroke`. */
const polylines = (svg: string, stroke: string): string[][] =>
  [...svg.matchAll(/<polyline points="([^"]*)"[^>]*stroke="([^"]*)"/g)]
    .filter((m) => m[2] === stroke)
    .map((m) => (m[1] ?? '').split(' '));

describe('renderPanel', () => {
  it('draws one polyline through all points, mapped through the scales', () => {
    const svg = renderPanel(spec([0, 5, 10]));
    expect(polylines(svg, '#123456')).toEqual([['100,150', '200,100', '300,50']]);
    expect(svg).toContain('T &amp; t');
  });

  it('breaks the line at non-finite values and shows lone points as dots', () => {
    const svg = renderPanel(spec([1, 2, Number.NaN, 4, 5, Number.NaN, 7]));
    expect(polylines(svg, '#123456').map((p) => p.length)).toEqual([2, 2]);
    expect(svg).toMatch(/<circle cx="300" cy="80" r="2.5" fill="#123456"\/>/);
  });

  it('draws a grid line and label per tick', () => {
    const svg = renderPanel(spec([1, 2]));
    expect(svg.match(/<line /g)).toHaveLength(2 + 2); // 2 y grid lines + x grid line + x tick mark
    expect(svg).toContain('text-anchor="start" font-size="11" fill="#444444">first</text>');
  });
});
