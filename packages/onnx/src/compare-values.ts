/** How far one array of values lies from a reference, element by element. */
export interface Differences {
  /** Number of values compared. */
  n: number;
  /** Largest |value − reference| over the values where it is a number. */
  maxAbs: number;
  /** Largest |value − reference| / max(|reference|, relFloor). */
  maxRel: number;
  /** Largest |reference|: the output's scale, for an error relative to it. */
  maxReference: number;
  /** Values whose difference is NaN: a NaN on either side, or ∞ − ∞. */
  undefinedCount: number;
  /** Values NaN on one side only. */
  nanMismatches: number;
  /** Values beyond atol + rtol·|reference| (0 without a tolerance). */
  beyond: number;
}

/**
 * The one max-abs/max-rel comparison of rnnkit verify, verifyOnnx and the page: `relFloor` keeps the
 * relative error finite where the reference is 0; a difference that is NaN is counted, not maxed.
 */
export function compareValues(values: ArrayLike<number>, reference: ArrayLike<number>, relFloor: number, tolerance?: { atol: number; rtol: number }): Differences {
  const out: Differences = { n: reference.length, maxAbs: 0, maxRel: 0, maxReference: 0, undefinedCount: 0, nanMismatches: 0, beyond: 0 };
  for (let i = 0; i < reference.length; i++) {
    const x = values[i] ?? NaN, y = reference[i]!;
    if (Number.isNaN(x) !== Number.isNaN(y)) out.nanMismatches++;
    const d = Math.abs(x - y);
    if (Number.isNaN(d)) {
      out.undefinedCount++;
      continue;
    }
    out.maxAbs = Math.max(out.maxAbs, d);
    out.maxRel = Math.max(out.maxRel, d / Math.max(Math.abs(y), relFloor));
    out.maxReference = Math.max(out.maxReference, Math.abs(y));
    if (tolerance && d > tolerance.atol + tolerance.rtol * Math.abs(y)) out.beyond++;
  }
  return out;
}
