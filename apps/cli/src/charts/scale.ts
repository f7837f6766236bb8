/**
 * Mappings from data values to pixel coordinates for the SVG chart.
 */

/** Maps a data value to a coordinate; NaN when the value cannot be placed (e.g. ≤ 0 on a log scale). */
export type Scale = (value: number) => number;

/**
 * Linear map of `domain` onto `range` (pass range reversed for y axes, which
 * grow downwards in SVG). A zero-width domain maps everything to the range middle.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d0 === d1) return (value) => (Number.isFinite(value) ? (r0 + r1) / 2 : NaN);
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** Log10 map of a positive `domain` onto `range`; non-positive values map to NaN. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  if (!(domain[0] > 0) || !(domain[1] > 0)) throw new RangeError(`logScale: domain must be positive, got ${domain[0]}..${domain[1]}`);
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (value) => (value > 0 ? inner(Math.log10(value)) : NaN);
}
