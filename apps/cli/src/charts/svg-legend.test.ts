import { describe, it, expect } from 'vitest';
import { renderLegend } from './svg-legend.js';

describe('renderLegend', () => {
  const items = [
    { label: 'actual', stroke: '#222222' },
    { label: 'naive <n>', stroke: '#999999', dash: '6 4' },
  ];

  it('draws a styled line sample and an escaped label per item', () => {
    const svg = renderLegend(items, 900, 100);
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg.match(/stroke-dasharray="6 4"/g)).toHaveLength(1);
    expect(svg).toContain('>naive &lt;n&gt;</text>');
  });

  it('lays items out left to right, ending near the right edge', () => {
    const svg = renderLegend(items, 900, 100);
    const starts = [...svg.matchAll(/<line x1="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(starts[0]).toBeLessThan(starts[1] ?? 0);
    const lastTextX = Number([...svg.matchAll(/<text x="([\d.]+)"/g)].at(-1)?.[1]);
    expect(lastTextX).toBeLessThan(900);
    expect(lastTextX + 'naive <n>'.length * 6.8).toBeCloseTo(900, 0);
  });
});
