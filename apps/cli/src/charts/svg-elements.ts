/**
 * Minimal SVG/XML string building: escaping and compact element syntax,
 * so chart code never concatenates unescaped text into markup.
 */

/** Attribute values; numbers are rounded to 2 decimals, `undefined` omits the attribute. */
export type SvgAttributes = Readonly<Record<string, string | number | undefined>>;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes the five XML special characters; safe in text and in quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A coordinate rounded to 2 decimals ("12.35", "7"); keeps files small and diffs stable. */
export function svgNumber(value: number): string {
  // A NaN coordinate silently breaks rendering, so fail loudly instead.
  if (!Number.isFinite(value)) throw new RangeError(`svgNumber: coordinate must be finite, got ${value}`);
  return String(Math.round(value * 100) / 100 + 0); // + 0 turns -0 into 0
}

/** `<name a="v" …/>`, or `<name …>content</name>` when content (already markup) is given. */
export function svgElement(name: string, attributes: SvgAttributes, content?: string): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? svgNumber(value) : escapeXml(value)}"`)
    .join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** A `<text>` element whose plain-text content is escaped. */
export function svgText(x: number, y: number, text: string, attributes: SvgAttributes = {}): string {
  return svgElement('text', { x, y, ...attributes }, escapeXml(text));
}
