// C[M,N] = A·B for a few rows of C (M ≤ 8, small enough to stay in L1): rank-1 updates with k outer,
// C[m, :] += A(m, k)·B[k, :], so that B's rows are read once each and in order. The blocked kernel
// (gemm-block.mjs) walks B's columns block by block, every block down all K rows and again for the
// last row, which from a cold B (the weight gradients' [x | 1]ᵀ·dG, B = the steps' gate
// gradients) runs at half this speed. Each C element gets the same sums in the same order as there
// (from zero, k ascending), so results are bit-identical.
import { madd } from './gemm-block.mjs';
import { func, geU, iadd, imul, ishl, inc, load, locals, set, splat, store, whileNot, zero } from './wat.mjs';

/** $gemm_rank1 (M, N, K, a, sam, sak, b, ldb, c, ldc): N a multiple of 4, C overwritten. */
export function rank1Function({ relaxed = false } = {}) {
  // C's vector at pc += s · B's vector at pb, four at a time or one
  const update = (offsets) => offsets.flatMap((o) => [set('cv', load('pc', o)), madd('cv', 's', load('pb', o), relaxed), store('pc', 'cv', o)]);
  return [
    ';; C = A·B, k outer (see gemm-rank1.mjs): a few rows of C, N a multiple of 4.',
    ...func('$gemm_rank1 (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $sam i32) (param $sak i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32)', [
      locals(['i32', 'k', 'm', 'pa', 'pb', 'pc', 'rowC', 'rowB', 'stepA', 'rowA', 'bk', 'bEnd', 'b16']),
      locals(['v128', 's', 'cv']),
    ], [
      set('rowC', ishl('ldc', 2)), set('rowB', ishl('ldb', 2)), set('stepA', ishl('sak', 2)), set('rowA', ishl('sam', 2)),
      set('m', '(i32.const 0)'),
      ...whileNot('zero', geU('m', 'M'), [
        set('pc', iadd('c', imul('m', 'rowC'))),
        set('bEnd', iadd('pc', ishl('N', 2))),
        ...whileNot('zv', geU('pc', 'bEnd'), [store('pc', zero), inc('pc', 16)]),
        inc('m', 1),
      ]),
      set('k', '(i32.const 0)'),
      set('bk', '(local.get $b)'),
      ...whileNot('ks', geU('k', 'K'), [
        set('bEnd', iadd('bk', ishl('N', 2))),
        set('b16', '(i32.sub (local.get $bEnd) (i32.const 64))'),
        set('pa', iadd('a', imul('k', 'stepA'))),
        set('m', '(i32.const 0)'),
        ...whileNot('ms', geU('m', 'M'), [
          set('s', splat('pa')),
          set('pc', iadd('c', imul('m', 'rowC'))),
          set('pb', '(local.get $bk)'),
          ...whileNot('v4', '(i32.gt_s (local.get $pb) (local.get $b16))', [...update([0, 16, 32, 48]), inc('pb', 64), inc('pc', 64)]),
          ...whileNot('v1', geU('pb', 'bEnd'), [...update([0]), inc('pb', 16), inc('pc', 16)]),
          inc('pa', 'rowA'),
          inc('m', 1),
        ]),
        inc('bk', 'rowB'),
        inc('k', 1),
      ]),
    ]),
  ];
}
