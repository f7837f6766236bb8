// Activations in place over a block of floats, with the rational tanh (tanh.mjs).
import { constantLocals } from './constants.mjs';
import { TANH_NAMES, tanh } from './tanh.mjs';
import { add, bitselect, func, inc, indent, load, locals, mul, set, store, whileNot } from './wat.mjs';

const consts = constantLocals([...TANH_NAMES, 'byte_lanes']);
const end = set('end', '(i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2)))');
/** The lanes of the vector at p that lie past `end`. */
const pastEnd = '(i32x4.ge_u (i32x4.add (i32x4.splat (local.get $p)) (local.get $byte_lanes)) (i32x4.splat (local.get $end)))';

/** act and tanh_block; with `relaxed` the rational tanh's steps as relaxed_madd (tanh.mjs). */
export function activationFunctions({ relaxed = false } = {}) {
  const act = [
    ';; p[0..n) = γ + β·tanh(α·p) per column (or p itself where the mask is set), in place: the',
    ';; activations of a gate block [rows, G] after its product. α, β, γ, mask are 4 arrays of G+4',
    ";; floats at coef (column j mod G, repeated so that a vector may run across a row's end); the",
    ';; region must have room for n rounded up to 4, and lanes past p + n keep their values.',
    ...func('(export "act") (param $p i32) (param $n i32) (param $coef i32) (param $G i32)', [locals(['i32', 'end', 'j', 'L'], ['v128', 'x', 'x2', 'x4', 'y'], ['i32', 'pc']), consts.decl], [
      ...consts.load,
      end,
      set('L', '(i32.shl (i32.add (local.get $G) (i32.const 4)) (i32.const 2))'),
      set('j', '(i32.const 0)'),
      ...whileNot('elems', '(i32.ge_u (local.get $p) (local.get $end))', [
        set('pc', '(i32.add (local.get $coef) (i32.shl (local.get $j) (i32.const 2)))'),
        set('y', load('p')),
        set('x', mul('y', load('pc'))), // α·v
        ...tanh('x', 'x', 'x', 'x2', 'x4', relaxed),
        set('x', add(load('(i32.add (local.get $pc) (i32.shl (local.get $L) (i32.const 1)))'), mul(load('(i32.add (local.get $pc) (local.get $L))'), 'x'))), // γ + β·t
        ";; keep v where the mask says so, and in the lanes past the end (the next block's values)",
        store('p', bitselect('y', 'x', `(v128.or ${load('(i32.add (local.get $pc) (i32.mul (local.get $L) (i32.const 3)))')} ${pastEnd})`)),
        inc('p', 16),
        inc('j', 4),
        '(if (i32.ge_u (local.get $j) (local.get $G)) (then (local.set $j (i32.sub (local.get $j) (local.get $G)))))',
      ]),
    ]),
  ];
  const tanhBlock = [
    ";; tanh of p[0..n) in place, for the Elman RNN's [B, H] block (no per-column pattern); lanes past",
    ';; p + n keep their values. Whole vectors first, free of the last one\'s mask (a third of the time).',
    ...func('(export "tanh_block") (param $p i32) (param $n i32)', [locals(['i32', 'end'], ['v128', 'y', 'x', 'tx', 't2', 't4']), consts.decl], [
      ...consts.load,
      end,
      ...whileNot('elems', '(i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end))', [
        ...tanh('x', load('p'), 'tx', 't2', 't4', relaxed),
        store('p', 'x'),
        inc('p', 16),
      ]),
      '(if (i32.lt_u (local.get $p) (local.get $end)) (then',
      ...indent([set('y', load('p')), ...tanh('x', 'y', 'tx', 't2', 't4', relaxed), store('p', bitselect('y', 'x', pastEnd))]),
      '))',
    ]),
  ];
  return { act, tanhBlock };
}
