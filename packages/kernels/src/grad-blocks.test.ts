import { describe, expect, it } from 'vitest';
import { GradBlocks } from './grad-blocks.js';

/** The products a GradBlocks asks for: [first row, rows, acc] each (read off gemm_s's K and operand offsets). */
function calls(T: number, B: number, GH: number, I = 4, H = GH) {
  const W = H + I + 1, dHP = 1 << 20, rows = 1 << 24, c = 8;
  const got: [number, number, number][] = [];
  const s = { gemm_s: (M: number, N: number, K: number, a: number, sam: number, sak: number, b: number, ldb: number, cc: number, ldc: number, acc: number) => {
    expect([M, N, sam, sak, ldb, cc, ldc]).toEqual([GH, W, 1, GH, W, c, W]);
    const row = (a - dHP) / (GH * 4);
    expect((b - rows) / (W * 4)).toBe(row); // both operands start at the block's first row
    got.push([row, K, acc]);
  } };
  return { blocks: new GradBlocks({ T, B, I, H }, GH, dHP, rows, c), s, got };
}

describe('GradBlocks', () => {
  for (const [T, B, GH] of [[4, 685, 128], [4, 685, 384], [4, 685, 1024], [60, 64, 384], [2, 7, 16]] as const) {
    it(`T ${T}, B ${B}, G·H ${GH}: covers steps 1..T−1 once, from the last step down, the first block stored and the rest added`, () => {
      const { blocks, s, got } = calls(T, B, GH);
      blocks.runFrom(s, 0);
      // descending steps: each block's rows end where the next higher block's begin, parts of one step ascending within it
      const sorted = [...got].sort((a, b) => a[0] - b[0]);
      expect(sorted[0]![0]).toBe(B);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0]).toBe(sorted[i - 1]![0] + sorted[i - 1]![1]);
      expect(sorted.at(-1)![0] + sorted.at(-1)![1]).toBe(T * B);
      expect(got.map((g) => g[2])).toEqual(got.map((_, i) => (i === 0 ? 0 : 1)));
      const stepOf = (row: number) => Math.floor(row / B);
      for (let i = 1; i < got.length; i++) expect(stepOf(got[i]![0])).toBeLessThanOrEqual(stepOf(got[i - 1]![0]));
      // panels of at most 2¹⁸ floats (about): no block longer than one step unless a step is short
      for (const [, n] of got) expect(n * GH <= (1 << 18) || n <= B).toBe(true);
    });
  }

  it('runs only the blocks at or above a row, each once, and the rest later', () => {
    const { blocks, s, got } = calls(4, 100, 128); // blocks: steps 3..1 fit one panel budget of 2048 rows
    blocks.runFrom(s, 3 * 100);
    expect(got).toEqual([]); // the one block spans steps 1..3: not ready after step 3
    blocks.runFrom(s, 100);
    expect(got).toEqual([[100, 300, 0]]);
    blocks.runFrom(s, 0);
    expect(got).toHaveLength(1);
    const per = calls(4, 685, 384); // one step per block
    per.blocks.runFrom(per.s, 3 * 685);
    expect(per.got).toEqual([[3 * 685, 685, 0]]);
    per.blocks.runFrom(per.s, 0);
    expect(per.got).toEqual([[3 * 685, 685, 0], [2 * 685, 685, 1], [685, 685, 1]]);
  });

  it('has no block for one step (no h row)', () => {
    const { blocks, s, got } = calls(1, 685, 128);
    expect(blocks.empty).toBe(true);
    blocks.runFrom(s, 0);
    expect(got).toEqual([]);
  });
});
