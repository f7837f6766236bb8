// C[M,N] (+)= A[M,K] · B[K,N] in float32: 4×8 blocks (eight accumulators, two vectors of a row of
// B per k), then 4×4 blocks, then single rows (16 columns, then 4, at a time), then the last N mod 4
// columns (masked vectors). a, b, c are byte offsets into the module's memory; row-major.
import { gemmBlock } from './gemm-block.mjs';
import { func, geU, ifAcc, inc, locals, set, whileNot } from './wat.mjs';

/** x ≥ 16: a dimension from which the packed kernel's copies pay for themselves. */
const ge16 = (x) => geU(x, 16);
const ge = geU;

/** `gemm` (A row-major [M, K]) and `gemm_s` (strides), with `relaxed` their products as relaxed_madd. */
export function gemmFunctions({ relaxed = false } = {}) {
  const block = (rows, vecs, more = {}) => gemmBlock({ rows, vecs, relaxed, ...more });
  const plain = [
    ';; C[M,N] (+)= A·B with A row-major [M, K] (the plain product).',
    ...func('(export "gemm") (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $b i32) (param $c i32) (param $acc i32)', [], [
      '(call $gemm_s (local.get $M) (local.get $N) (local.get $K) (local.get $a) (local.get $K) (i32.const 1) (local.get $b) (local.get $N) (local.get $c) (local.get $N) (local.get $acc))',
    ]),
  ];
  const decl = [
    locals(['i32', 'stepA', 'rowB']),
    locals(['i32', 'm', 'n', 'k', 'rowA', 'rowC', 'M4']),
    locals(['i32', 'pa0', 'pa1', 'pa2', 'pa3', 'pb', 'pc']),
    locals(['v128', 'c0', 'c1', 'c2', 'c3', 'bv']),
    locals(['i32', 'N4'], ['f32', 's'], ['i32', 'N8', 'pr'], ['v128', 'mask', 'bw', 'sa']),
    locals(['v128', 'd0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']),
    locals(['i32', 'pbEnd', 'bSpan', 'mp', 'np', 'bp']),
  ];
  const body = [
    ';; large products go through the packed kernel (gemm-packed.mjs) when the scratch space the',
    ';; caller left (globals $scratch..$scratch_end) holds the panels: the same sums, fewer steps',
    `(if (i32.and (i32.and ${ge16('M')} ${ge16('N')}) ${ge16('K')}) (then`,
    ...[
      set('mp', '(i32.mul (i32.and (i32.add (local.get $M) (i32.const 3)) (i32.const -4)) (local.get $K))'),
      set('np', '(i32.mul (i32.and (i32.add (local.get $N) (i32.const 7)) (i32.const -8)) (local.get $K))'),
      set('bp', '(i32.add (global.get $scratch) (i32.shl (local.get $mp) (i32.const 2)))'),
      '(if (i32.le_u (i32.add (i32.add (local.get $bp) (i32.shl (local.get $np) (i32.const 2))) (i32.const 128)) (global.get $scratch_end)) (then',
      '  (call $pack_a (local.get $M) (local.get $K) (local.get $a) (local.get $sam) (local.get $sak) (global.get $scratch))',
      '  (call $pack_b (local.get $K) (local.get $N) (local.get $b) (local.get $ldb) (local.get $bp))',
      '  (call $gemm_pp (local.get $M) (local.get $N) (local.get $K) (global.get $scratch) (local.get $bp) (local.get $c) (local.get $ldc) (local.get $acc) (i32.add (local.get $bp) (i32.shl (local.get $np) (i32.const 2))))',
      '  (return)))',
    ].map((l) => `  ${l}`),
    '))',
    ';; a few rows of C (M ≤ 8, at most 6144 floats, N a multiple of 4) and no acc: rank-1 updates, k',
    ';; outer, B read once and in order (gemm-rank1.mjs)',
    '(if (i32.and (i32.and (i32.le_u (local.get $M) (i32.const 8)) (i32.le_u (i32.mul (local.get $M) (local.get $N)) (i32.const 6144))) (i32.and (i32.eqz (i32.and (local.get $N) (i32.const 3))) (i32.eqz (local.get $acc)))) (then',
    '  (call $gemm_rank1 (local.get $M) (local.get $N) (local.get $K) (local.get $a) (local.get $sam) (local.get $sak) (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc))',
    '  (return)))',
    set('rowA', '(i32.shl (local.get $sam) (i32.const 2))'),
    set('stepA', '(i32.shl (local.get $sak) (i32.const 2))'),
    set('rowB', '(i32.shl (local.get $ldb) (i32.const 2))'),
    set('bSpan', '(i32.mul (local.get $K) (local.get $rowB))'),
    set('rowC', '(i32.shl (local.get $ldc) (i32.const 2))'),
    set('M4', '(i32.and (local.get $M) (i32.const -4))'),
    set('N4', '(i32.and (local.get $N) (i32.const -4))'),
    set('N8', '(i32.and (local.get $N) (i32.const -8))'),
    set('m', '(i32.const 0)'),
    ...whileNot('rows4', ge('m', 'M4'), [
      set('n', '(i32.const 0)'),
      ';; 4×8 blocks first: eight accumulators, two vectors of B and four broadcasts of A per k',
      ...whileNot('cols8', `(i32.or ${ge('n', 'N8')} (i32.eqz (local.get $K)))`, [...block(4, 2, { loop: 'pointer' }), inc('n', 8)]),
      ...whileNot('cols4', ge('n', 'N4'), [...block(4, 1), inc('n', 4)]),
      inc('m', 4),
    ]),
    ...whileNot('rows1', ge('m', 'M'), [
      set('n', '(i32.const 0)'),
      ';; 16 columns at a time first: one broadcast of A per four vectors of B (a quarter of the loop overhead)',
      ...whileNot('cols16', '(i32.gt_u (i32.add (local.get $n) (i32.const 16)) (local.get $N4))', [...block(1, 4), inc('n', 16)]),
      ...whileNot('cols1', ge('n', 'N4'), [...block(1, 1), inc('n', 4)]),
      inc('m', 1),
    ]),
    ';; the last N mod 4 columns: with N ≥ 4 blocks of the last four columns, 4×4 then single rows',
    ';; (vectors that overlap the columns already done, whose lanes keep their values), else scalar sums',
    '(if (i32.and (i32.lt_u (local.get $N4) (local.get $N)) (i32.ge_u (local.get $N) (i32.const 4))) (then',
    ...[
      set('n', '(i32.sub (local.get $N) (i32.const 4))'),
      set('mask', '(i32x4.ge_u (i32x4.add (i32x4.splat (local.get $n)) (v128.const i32x4 0 1 2 3)) (i32x4.splat (local.get $N4)))'),
      set('m', '(i32.const 0)'),
      ...whileNot('rowsV4', ge('m', 'M4'), [...block(4, 1, { masked: true }), inc('m', 4)]),
      ...whileNot('rowsV', ge('m', 'M'), [...block(1, 1, { masked: true }), inc('m', 1)]),
      '(return)))',
    ].map((l) => `  ${l}`),
    ';; the last N mod 4 columns of every row, one float at a time',
    set('m', '(i32.const 0)'),
    ...whileNot('rowsT', ge('m', 'M'), [
      set('n', '(local.get $N4)'),
      ...whileNot('colsT', ge('n', 'N'), [
        set('s', '(f32.const 0)'),
        set('pa0', '(i32.add (local.get $a) (i32.mul (local.get $m) (local.get $rowA)))'),
        set('pb', '(i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2)))'),
        set('k', '(i32.const 0)'),
        ...whileNot('kT', ge('k', 'K'), [
          set('s', '(f32.add (local.get $s) (f32.mul (f32.load (local.get $pa0)) (f32.load (local.get $pb))))'),
          inc('pa0', 'stepA'),
          inc('pb', 'rowB'),
          inc('k', 1),
        ]),
        set('pc', '(i32.add (local.get $c) (i32.add (i32.mul (local.get $m) (local.get $rowC)) (i32.shl (local.get $n) (i32.const 2))))'),
        ...ifAcc([set('s', '(f32.add (local.get $s) (f32.load (local.get $pc)))')]),
        '(f32.store (local.get $pc) (local.get $s))',
        inc('n', 1),
      ]),
      inc('m', 1),
    ]),
  ];
  const strided = [
    ";; The same with strides in floats: A's element (m, k) at a + m·sam + k·sak (sam = 1, sak = lda",
    ";; reads a stored [K, M] matrix as Aᵀ, with no transpose), B's rows ldb apart, C's ldc apart.",
    ...func('$gemm_s (export "gemm_s") (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $sam i32) (param $sak i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32) (param $acc i32)', decl, body),
  ];
  return [...plain, ...strided];
}
