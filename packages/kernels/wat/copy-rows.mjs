// Rows of n ≥ 4 floats copied between matrices of different row strides: a step's h [B, H] into
// the h columns of the next step's product rows [h | x | 1] (see src/step-rows.ts).
import { doWhile, func, iadd, inc, load, locals, set, store, whileNot } from './wat.mjs';

/** $copy_rows: `rows` rows of n floats from src (rows ss floats apart) to dst (ds apart), a vector at a time. */
export function copyRowsFunction() {
  const last = '(i32.shl (select (i32.sub (local.get $n) (i32.const 4)) (local.get $j) (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n))) (i32.const 2))';
  return [
    ';; rows × n floats from src (rows ss floats apart) to dst (ds apart); n ≥ 4, a row\'s last vector',
    ';; moved back to n − 4 (it rewrites values already copied).',
    ...func('(export "copy_rows") (param $src i32) (param $ss i32) (param $dst i32) (param $ds i32) (param $rows i32) (param $n i32)', [locals(['i32', 'r', 'j', 'off'])], [
      set('ss', '(i32.shl (local.get $ss) (i32.const 2))'),
      set('ds', '(i32.shl (local.get $ds) (i32.const 2))'),
      set('r', '(i32.const 0)'),
      ...whileNot('rows', '(i32.ge_u (local.get $r) (local.get $rows))', [
        set('j', '(i32.const 0)'),
        ...doWhile('vecs', [set('off', last), store(iadd('dst', 'off'), load(iadd('src', 'off'))), inc('j', 4)], '(i32.lt_u (local.get $j) (local.get $n))'),
        inc('src', 'ss'),
        inc('dst', 'ds'),
        inc('r', 1),
      ]),
    ]),
  ];
}
