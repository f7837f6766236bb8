/**
 * Sliding windows exactly as the tutorial's Python:
 * `for i in range(len(ts) - seq_length): x = ts[i:i+seq_length, :]; y = ts[i+seq_length, target]`.
 * N rows give max(0, N - seqLength) windows; rows are copied, not shared.
 */
export function makeSequenceData(
  rows: number[][],
  seqLength: number,
  targetIndex: number,
): {
  /** Windows `[windows][seqLength][columns]`, rows copied. */
  x: number[][][];
  /** The `targetIndex` value of the row after each window, `[windows]`. */
  y: number[];
} {
  if (!Number.isInteger(seqLength) || seqLength < 1) {
    throw new RangeError(`sequence length ${seqLength} must be a whole number >= 1`);
  }
  const width = rows[0]?.length ?? 0;
  if (rows.length > 0 && (!Number.isInteger(targetIndex) || targetIndex < 0 || targetIndex >= width)) {
    throw new RangeError(`target index ${targetIndex} is outside 0..${width - 1}`);
  }
  const x: number[][][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows.length - seqLength; i++) {
    x.push(rows.slice(i, i + seqLength).map((row) => [...row]));
    y.push(rows[i + seqLength]?.[targetIndex] ?? NaN);
  }
  return { x, y };
}

/**
 * Flattens windows x[batch][seq][features] into the time-major layout
 * [seq, batch, features] that the recurrent layers consume:
 * index = (t * batch + b) * features + f.
 */
export function toTimeMajor(x: number[][][]): Float32Array {
  const batch = x.length;
  const seq = x[0]?.length ?? 0;
  const features = x[0]?.[0]?.length ?? 0;
  const out = new Float32Array(seq * batch * features);
  x.forEach((window, b) => {
    if (window.length !== seq) throw new RangeError(`window ${b} has ${window.length} steps, expected ${seq}`);
    window.forEach((step, t) => {
      if (step.length !== features) throw new RangeError(`window ${b}, step ${t} has ${step.length} features, expected ${features}`);
      step.forEach((v, f) => {
        out[(t * batch + b) * features + f] = v;
      });
    });
  });
  return out;
}
