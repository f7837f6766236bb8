import { describe, it, expect } from 'vitest';
import { renderRunSvg } from './svg-chart.js';
import type { RunSvgInput } from './svg-chart.js';

/**
 * A small well-formedness check: tags balance on a stack, attribute values are
 * quoted, no stray `<`/`>` outside tags and every `&` starts an entity.
 * Returns the root element name.
 */
function checkXml(doc: string): string {
  const body = doc.replace(/^<\?xml[^?]*\?>\s*/, '');
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  const stack: string[] = [];
  const roots: string[] = [];
  let last = 0;
  for (const match of body.matchAll(tag)) {
    const [, closing, name = '', , selfClosing] = match;
    const text = body.slice(last, match.index);
    if (/[<>]/.test(text)) throw new Error(`stray markup before <${name}>: ${text.slice(0, 40)}`);
    last = match.index + match[0].length;
    if (stack.length === 0 && closing === '') roots.push(name);
    if (closing === '/') {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (selfClosing !== '/') {
      stack.push(name);
    }
  }
  if (/[<>]/.test(body.slice(last))) throw new Error('stray markup after the root');
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(body)) throw new Error('raw & outside an entity');
  if (roots.length !== 1) throw new Error(`expected one root element, got ${roots.join(', ')}`);
  return roots[0] ?? '';
}

/** Point counts of the data polylines (those with a stroke-width; the axis frame has none). */
const seriesPointCounts = (svg: string): number[] =>
  [...svg.matchAll(/<polyline points="([^"]*)"[^>]*stroke-width=/g)].map((m) => (m[1] ?? '').split(' ').length);

/** Text contents of all <text> elements. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');

function demoInput(overrides: Partial<RunSvgInput> = {}): RunSvgInput {
  const n = 57;
  const actual = Array.from({ length: n }, (_, i) => 66000 + 6000 * Math.sin(i / 9));
  return {
    title: 'LSTM on 005930.KS',
    subtitle: 'RMSE 612',
    trainLoss: Array.from({ length: 100 }, (_, i) => 0.2 * 0.01 ** (i / 99)),
    dates: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 2 + i)).toISOString().slice(0, 10)),
    actual,
    predicted: actual.map((v, i) => v + 400 * Math.cos(i)),
    naive: actual.map((v, i) => actual[i - 1] ?? v),
    ...overrides,
  };
}

describe('renderRunSvg', () => {
  it('produces a well-formed standalone SVG document', () => {
    const svg = renderRunSvg(demoInput());
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(checkXml(svg)).toBe('svg');
    expect(svg).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="960" height="720" viewBox="0 0 960 720" font-family="sans-serif">/);
    // Standalone: no links, stylesheets or web fonts.
    expect(svg).not.toMatch(/href|@import|url\(|@font-face/);
  });

  it('draws one polyline per series with one point per value', () => {
    expect(seriesPointCounts(renderRunSvg(demoInput()))).toEqual([100, 57, 57, 57]);
  });

  it('rounds every coordinate to at most two decimals', () => {
    const svg = renderRunSvg(demoInput());
    const numeric = [...svg.matchAll(/ (?:x|y|x1|x2|y1|y2|cx|cy|r|points)="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(numeric.length).toBeGreaterThan(50);
    for (const value of numeric) expect(value).toMatch(/^-?\d+(\.\d{1,2})?(,-?\d+(\.\d{1,2})?)?( -?\d+(\.\d{1,2})?,-?\d+(\.\d{1,2})?)*$/);
  });

  it('escapes the title and subtitle', () => {
    const svg = renderRunSvg(demoInput({ title: 'P&L <test> "q"', subtitle: `it's <&>` }));
    expect(checkXml(svg)).toBe('svg');
    expect(svg).toContain('P&amp;L &lt;test&gt; &quot;q&quot;');
    expect(svg).toContain('it&apos;s &lt;&amp;&gt;');
    expect(svg).not.toContain('<test>');
  });

  it('labels both panels, the legend, and the first and last dates', () => {
    const t = texts(renderRunSvg(demoInput()));
    expect(t).toContain('Training loss (MSE, scaled)');
    expect(t).toContain('Test set: actual vs predicted vs naive (price)');
    expect(t).toEqual(expect.arrayContaining(['actual', 'predicted', 'naive', '2024-01-02', '2024-02-27']));
  });

  it('uses nice round price ticks covering the data', () => {
    const t = texts(renderRunSvg(demoInput()));
    // Prices about 59,600..72,400: ticks every 2,000 from 58,000 to 74,000.
    const ticks = ['58,000', '60,000', '62,000', '64,000', '66,000', '68,000', '70,000', '72,000', '74,000'];
    expect(t.filter((s) => /^\d\d,\d{3}$/.test(s))).toEqual(ticks);
    expect(t.some((s) => /^\d{2},\d{3}\.\d/.test(s))).toBe(false);
  });

  it('draws the naive series dashed and the others solid', () => {
    const svg = renderRunSvg(demoInput());
    expect(svg.match(/<polyline [^>]*stroke-dasharray/g)).toHaveLength(1);
  });

  it('switches the loss axis to log scale only beyond two decades', () => {
    const steep = renderRunSvg(demoInput({ trainLoss: [0.5, 0.05, 0.004] }));
    expect(texts(steep)).toEqual(expect.arrayContaining(['0.01', '0.1']));
    expect(steep).toContain('log scale');
    const mild = renderRunSvg(demoInput({ trainLoss: [0.2, 0.1, 0.05] }));
    expect(mild).not.toContain('log scale');
    expect(texts(mild)).toEqual(expect.arrayContaining(['0.05', '0.10', '0.15', '0.20']));
  });

  it('throws a clear error on length mismatches', () => {
    const input = demoInput();
    expect(() => renderRunSvg({ ...input, predicted: input.predicted.slice(1) })).toThrow(
      'renderRunSvg: test-set series must have equal lengths, got dates=57, actual=57, predicted=56, naive=57',
    );
  });

  it('copes with empty, single-point and gappy data', () => {
    const empty = renderRunSvg({ title: 'empty', trainLoss: [], dates: [], actual: [], predicted: [], naive: [] });
    expect(checkXml(empty)).toBe('svg');
    expect(texts(empty).filter((s) => s === 'no data')).toHaveLength(2);

    const single = renderRunSvg({ title: 'one', trainLoss: [0.1], dates: ['2024-01-02'], actual: [100], predicted: [101], naive: [Number.NaN] });
    expect(checkXml(single)).toBe('svg');
    expect(single).not.toContain('NaN');

    const gappy = renderRunSvg(demoInput({ naive: demoInput().naive.map((v, i) => (i === 0 ? Number.NaN : v)) }));
    expect(seriesPointCounts(gappy)).toEqual([100, 56, 57, 57]);
  });
});
