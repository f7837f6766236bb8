// The gemm micro-kernel: one block of C, `rows` rows by `vecs` vectors of four columns, at row m and
// column n, summed over k in registers: per k, one vector of B per column vector and one broadcast
// of A per row, multiplied and added into rows·vecs accumulators; then added to C (when acc) and
// stored. A value used more than once is loaded once into a local: B's vectors when there are
// several rows, A's broadcast when there are several vectors.
import { add, bitselect, fma, iadd, ifAcc, imul, inc, ishl, load, set, splat, store, zero } from './wat.mjs';

/** acc = acc + x·y, or relaxed_madd(x, y, acc) (one rounding: a fused multiply-add where the CPU has one). */
export const madd = (acc, x, y, relaxed) => set(acc, fma(acc, x, y, relaxed));

/**
 * @param {object} o
 * @param {number} o.rows 4 or 1
 * @param {number} o.vecs vectors of B per row (1, 2 or 4)
 * @param {'counter' | 'pointer'} [o.loop] k counted up to K, or B's pointer run to its end (no counter; K ≥ 1)
 * @param {boolean} [o.masked] store only the lanes `mask` selects (the last N mod 4 columns)
 * @param {boolean} [o.relaxed]
 */
export function gemmBlock({ rows, vecs, loop = 'counter', masked = false, relaxed = false }) {
  const R = Array.from({ length: rows }, (_, r) => r), V = Array.from({ length: vecs }, (_, v) => v);
  const acc = (r, v) => (vecs > 1 ? `d${r * vecs + v}` : `c${r}`);
  const pa = (r) => `pa${r}`;
  const bvec = ['bv', 'bw'];
  const lines = [];
  for (const r of R) for (const v of V) lines.push(set(acc(r, v), zero));
  lines.push(set('pa0', iadd('a', imul('m', 'rowA'))));
  for (const r of R.slice(1)) lines.push(set(pa(r), iadd(pa(r - 1), 'rowA')));
  lines.push(set('pb', iadd('b', ishl('n', 2))));

  const step = [];
  if (rows > 1) for (const v of V) step.push(set(bvec[v], load('pb', 16 * v)));
  for (const r of R) {
    if (vecs > 1) step.push(set('sa', splat(pa(r))));
    const a = vecs > 1 ? 'sa' : splat(pa(r));
    for (const v of V) step.push(madd(acc(r, v), a, rows > 1 ? bvec[v] : load('pb', 16 * v), relaxed));
  }
  for (const r of R) step.push(inc(pa(r), 'stepA'));
  step.push(inc('pb', 'rowB'));
  if (loop === 'pointer') {
    lines.push(';; tested at the bottom, against B\'s end pointer: no counter, one branch per step (K ≥ 1 here)');
    lines.push(set('pbEnd', iadd('pb', 'bSpan')));
    lines.push(`(loop $k${rows}x${vecs}`, ...step.map((l) => `  ${l}`), `  (br_if $k${rows}x${vecs} (i32.ne (local.get $pb) (local.get $pbEnd))))`);
  } else {
    lines.push(set('k', '(i32.const 0)'));
    lines.push(`(block $k${rows}x${vecs}_done (loop $k${rows}x${vecs}`, `  (br_if $k${rows}x${vecs}_done (i32.ge_u (local.get $k) (local.get $K)))`);
    lines.push(...[...step, inc('k', 1)].map((l) => `  ${l}`), `  (br $k${rows}x${vecs})))`);
  }

  lines.push(set('pc', iadd('c', iadd(imul('m', 'rowC'), ishl('n', 2)))));
  if (masked) {
    // C's old value where the mask is off: these vectors overlap columns already done
    for (const r of R) {
      lines.push(set('bv', load('pc')), ...ifAcc([set(acc(r, 0), add(acc(r, 0), 'bv'))]), store('pc', bitselect(acc(r, 0), 'bv', 'mask')));
      if (rows > 1) lines.push(inc('pc', 'rowC'));
    }
  } else if (rows > 1 && vecs > 1) {
    for (const r of R) {
      lines.push(set('pr', r === 0 ? 'pc' : iadd('pc', imul('rowC', r))));
      lines.push(...ifAcc(V.map((v) => set(acc(r, v), add(acc(r, v), load('pr', 16 * v))))));
      for (const v of V) lines.push(store('pr', acc(r, v), 16 * v));
    }
  } else if (rows > 1) {
    const row = (r) => (r === 0 ? 'pc' : iadd('pc', r === 1 ? 'rowC' : r === 2 ? ishl('rowC', 1) : imul('rowC', r)));
    lines.push(...ifAcc(R.map((r) => set(acc(r, 0), add(acc(r, 0), load(row(r)))))));
    for (const r of R) lines.push(store(row(r), acc(r, 0)));
  } else {
    lines.push(...ifAcc(V.map((v) => set(acc(0, v), add(acc(0, v), load('pc', 16 * v))))));
    for (const v of V) lines.push(store('pc', acc(0, v), 16 * v));
  }
  return lines;
}
