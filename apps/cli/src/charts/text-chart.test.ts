import { describe, it, expect } from 'vitest';
import { renderTextChart } from './text-chart.js';

/** Visible width in terminal columns (our symbols are all single-column). */
const visibleWidth = (line: string): number => [...line.replace(/\x1b\[[0-9;]*m/g, '')].length;

/** Gutter width: everything up to and including the y axis on the first plot row. */
const gutterOf = (plotRow: string): number => [...plotRow].findIndex((c) => c === '┤') + 1;

/** The plot cells of a row (after the gutter), padded to `width`. */
const cells = (row: string, gutter: number, width: number): string[] => {
  const chars = [...row].slice(gutter);
  return [...chars, ...new Array<string>(Math.max(0, width - chars.length)).fill(' ')];
};

describe('renderTextChart', () => {
  const values = [3, 1, 4, 1, 5, 9, 2, 6];

  it('has height rows plus axis and legend lines (plus title and x captions when given)', () => {
    expect(renderTextChart([{ label: 'a', values }], { height: 7 }).split('\n')).toHaveLength(7 + 2);
    const full = renderTextChart([{ label: 'a', values }], { height: 7, title: 'T', xLabels: ['start', 'end'] });
    expect(full.split('\n')).toHaveLength(1 + 7 + 1 + 1 + 1);
    expect(full.endsWith('\n')).toBe(false);
  });

  it('puts the maximum on the top row and the minimum on the bottom row', () => {
    const width = 15;
    const height = 6;
    const lines = renderTextChart([{ label: 'a', values }], { width, height }).split('\n');
    const gutter = gutterOf(lines[0] ?? '');
    const column = (i: number): number => Math.round((i * (width - 1)) / (values.length - 1));
    expect(cells(lines[0] ?? '', gutter, width)[column(5)]).toBe('•'); // 9 at index 5
    expect(cells(lines[height - 1] ?? '', gutter, width)[column(1)]).toBe('•'); // 1 at index 1
    expect(cells(lines[height - 1] ?? '', gutter, width)[column(3)]).toBe('•'); // 1 at index 3
    expect(lines[0]).toMatch(/^\s*9 ┤/);
    expect(lines[height - 1]).toMatch(/^\s*1 ┤/);
  });

  it('averages a 700-point series to one mark per column and series, not a wall of marks', () => {
    const width = 60, height = 12;
    const noisy = Array.from({ length: 700 }, (_, i) => 100 + i / 10 + 8 * Math.sin(i * 2.1));
    const lines = renderTextChart([{ label: 'a', values: noisy }], { width, height }).split('\n');
    const gutter = gutterOf(lines[0] ?? '');
    const perColumn = Array.from({ length: width }, (_, c) => lines.slice(0, height).filter((l) => cells(l, gutter, width)[c] === '•').length);
    expect(perColumn.every((k) => k === 1)).toBe(true);
    // Column 0 holds points 0..5 (i·59/699 rounds to 0): its mark sits at their mean's row.
    const first = noisy.slice(0, 6).reduce((a, b) => a + b, 0) / 6;
    const markRow = lines.findIndex((l) => cells(l, gutter, width)[0] === '•');
    const [lo, hi] = [Math.min(...noisy), Math.max(...noisy)];
    expect(markRow).toBe(Math.round(((hi - first) / (hi - lo)) * (height - 1)));
  });

  it('labels the top, middle and bottom rows only', () => {
    const lines = renderTextChart([{ label: 'a', values: [0, 10] }], { height: 5 }).split('\n');
    const labelled = lines.slice(0, 5).map((l) => l.includes('┤'));
    expect(labelled).toEqual([true, false, true, false, true]);
    expect(lines[2]).toMatch(/^\s*5 ┤/);
  });

  it('keeps every line within width + gutter, even with long captions', () => {
    const width = 30;
    const long = 'x'.repeat(200);
    const series = [
      { label: `actual ${long}`, values: Array.from({ length: 57 }, (_, i) => 60000 + 13000 * Math.sin(i / 9)) },
      { label: 'predicted', values: Array.from({ length: 57 }, (_, i) => 61000 + 12000 * Math.sin(i / 8)) },
      { label: 'naive', values: Array.from({ length: 57 }, (_, i) => 60500 + 12500 * Math.sin(i / 10)) },
    ];
    for (const color of [false, true]) {
      const lines = renderTextChart(series, { width, title: long, xLabels: [long, long], color }).split('\n');
      const gutter = gutterOf((lines[1] ?? '').replace(/\x1b\[[0-9;]*m/g, ''));
      expect(gutter).toBeGreaterThan(2);
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width + gutter);
    }
  });

  it('draws an increasing series as a rising line in every column', () => {
    const width = 60;
    const height = 12;
    const rising = Array.from({ length: 100 }, (_, i) => i * i);
    const lines = renderTextChart([{ label: 'up', values: rising }], { width, height }).split('\n');
    const gutter = gutterOf(lines[0] ?? '');
    const grid = lines.slice(0, height).map((l) => cells(l, gutter, width));
    // Highest occupied row per column (0 = top) must never go down as x grows.
    const tops = Array.from({ length: width }, (_, c) => grid.findIndex((row) => row[c] === '•'));
    expect(tops.every((r) => r >= 0)).toBe(true);
    for (let c = 1; c < width; c++) expect(tops[c]).toBeLessThanOrEqual(tops[c - 1] ?? Infinity);
    expect(tops[0]).toBe(height - 1);
    expect(tops[width - 1]).toBe(0);
  });

  it('renders a constant series on the middle row without NaN', () => {
    const out = renderTextChart([{ label: 'flat', values: [5, 5, 5, 5] }], { width: 10, height: 5 });
    expect(out).not.toMatch(/NaN|Infinity/);
    const rows = out.split('\n').slice(0, 5);
    expect(rows.map((r) => r.includes('•'))).toEqual([false, false, true, false, false]);
    expect(rows[2]).toMatch(/^\s*5\.0+ ┤•/);
  });

  it('renders a single point and empty input without crashing', () => {
    const single = renderTextChart([{ label: 'one', values: [42] }]);
    expect(single).not.toMatch(/NaN|Infinity/);
    expect(single.split('\n').slice(0, 12).join('').split('•')).toHaveLength(2); // exactly one mark
    expect(() => renderTextChart([])).not.toThrow();
    expect(renderTextChart([{ label: 'none', values: [] }])).not.toMatch(/NaN/);
  });

  it('skips non-finite values and non-positive values on a log axis', () => {
    const out = renderTextChart([{ label: 'gaps', values: [1, Number.NaN, 3, 0, -2, 100] }], { logY: true, width: 6, height: 3 });
    expect(out).not.toMatch(/NaN|Infinity/);
    const marks = out.split('\n').slice(0, 3).join('').split('•').length - 1;
    expect(marks).toBe(3);
  });

  it('labels a log axis geometrically', () => {
    const loss = Array.from({ length: 100 }, (_, i) => 0.2 * 0.01 ** (i / 99));
    const lines = renderTextChart([{ label: 'loss', values: loss }], { logY: true, height: 3 }).split('\n');
    expect(lines[0]).toMatch(/^\s*0\.2 ┤/);
    expect(lines[1]).toMatch(/^\s*0\.02 ┤/);
    expect(lines[2]).toMatch(/^\s*0\.002 ┤/);
  });

  it('uses yFormat for labels', () => {
    const out = renderTextChart([{ label: 'p', values: [1, 2] }], { height: 3, yFormat: (v) => `$${v.toFixed(1)}` });
    expect(out).toContain('$2.0 ┤');
    expect(out).toContain('$1.5 ┤');
    expect(out).toContain('$1.0 ┤');
  });

  it('shows the legend with default and custom symbols, earlier series on top', () => {
    const same = [1, 2, 3];
    const series = [{ label: 'first', values: same }, { label: 'second', values: same, symbol: 'o' }];
    const lines = renderTextChart(series, { width: 30, height: 3 }).split('\n');
    expect(lines[lines.length - 1]).toMatch(/^ +• first {3}o second$/);
    expect(lines.slice(0, 3).join('')).not.toContain('o');
    // Too narrow for the plot width: the legend uses the gutter, then is cut with an ellipsis.
    const narrow = renderTextChart(series, { width: 3, height: 3 }).split('\n');
    expect(narrow[narrow.length - 1]).toBe('• fir…');
  });

  it('places x captions at both ends of the axis', () => {
    const lines = renderTextChart([{ label: 'a', values }], { width: 30, xLabels: ['2024-08-01', '2024-10-21'] }).split('\n');
    const captions = lines[lines.length - 2] ?? '';
    const axis = lines[lines.length - 3] ?? '';
    expect(captions.trimStart().startsWith('2024-08-01')).toBe(true);
    expect(captions.endsWith('2024-10-21')).toBe(true);
    expect([...captions].length).toBe([...axis].length);
  });

  it('emits ANSI colours only when color is true', () => {
    expect(renderTextChart([{ label: 'a', values }])).not.toContain('\x1b[');
    expect(renderTextChart([{ label: 'a', values }], { color: true })).toContain('\x1b[36m•\x1b[0m');
  });

  it('rejects invalid sizes', () => {
    expect(() => renderTextChart([{ label: 'a', values }], { width: 1 })).toThrow(RangeError);
    expect(() => renderTextChart([{ label: 'a', values }], { height: 2.5 })).toThrow(RangeError);
  });
});
