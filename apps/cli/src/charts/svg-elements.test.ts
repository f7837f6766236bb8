import { describe, it, expect } from 'vitest';
import { escapeXml, svgElement, svgNumber, svgText } from './svg-elements.js';

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`a<b & c>"d"'e'`)).toBe('a&lt;b &amp; c&gt;&quot;d&quot;&apos;e&apos;');
    expect(escapeXml('&amp;')).toBe('&amp;amp;'); // text, not pre-escaped markup
  });
});

describe('svgNumber', () => {
  it('rounds to at most two decimals', () => {
    expect(svgNumber(12.3456)).toBe('12.35');
    expect(svgNumber(7)).toBe('7');
    expect(svgNumber(0.1 + 0.2)).toBe('0.3');
    expect(svgNumber(-0.001)).toBe('0');
  });

  it('refuses non-finite coordinates', () => {
    expect(() => svgNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('svgElement / svgText', () => {
  it('builds self-closing and content elements, skipping undefined attributes', () => {
    expect(svgElement('line', { x1: 1.005, y1: 2, stroke: 'a"b', dash: undefined })).toBe('<line x1="1" y1="2" stroke="a&quot;b"/>');
    expect(svgElement('g', { id: 'x' }, '<b/>')).toBe('<g id="x"><b/></g>');
  });

  it('escapes text content', () => {
    expect(svgText(1, 2, 'P&L <1>')).toBe('<text x="1" y="2">P&amp;L &lt;1&gt;</text>');
  });
});
