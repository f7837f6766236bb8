// The cells' steps on whole [B, H] blocks, forward and backward: H ≥ 4, four lanes at a time; where
// H mod 4 ≠ 0 a row's last vector moves back to H − 4 (outputs that alias no input are just
// recomputed, in-place gate activations keep the lanes already done: `newLanes`). The equations are those of
// src/lstm-layer.ts, src/gru-layer.ts and src/rnn-layer.ts.
import { constantLocals } from './constants.mjs';
import { fromTanh } from './sigmoid.mjs';
import { clamp, tanh, tanhLockstep, TANH_NAMES } from './tanh.mjs';
import { add, bitselect, func, iadd, imul, inc, indent, load, locals, mul, set, store, sub, whileNot } from './wat.mjs';

/** The byte address of gate `gate`'s vector in the row at ptr (gates H floats apart). */
const at = (ptr, gate = 0) => (gate === 0 ? iadd(ptr, 'off') : iadd(ptr, iadd('off', imul('H4', gate))));
/** The vector's byte offset in its row: j's, for whole vectors. */
const wholeOffset = set('off', '(i32.shl (local.get $j) (i32.const 2))');
/** The offset of a row's last vector when H mod 4 ≠ 0: H − 4's, overlapping the one before. */
const tailOffset = set('off', '(i32.shl (i32.sub (local.get $H) (i32.const 4)) (i32.const 2))');
/** j + 4 > H: no whole vector left in the row. */
const pastWhole = '(i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $H))';
/** The lanes not yet done in this row (all but where the last vector overlaps the one before). */
const newLanes = set('mk', '(i32x4.ge_s (i32x4.add (i32x4.splat (i32.shr_u (local.get $off) (i32.const 2))) (local.get $lanes)) (i32x4.splat (local.get $j)))');
const STEP_CONSTANTS = ['lanes', 'lo', 'hi', 'half', ...TANH_NAMES.slice(2)];

/**
 * A function over the B rows of a block, each row vector by vector: `params` are its pointers
 * (then B and H), `gateArrays` those of them whose rows are G4 bytes long (the others' H4), each
 * moved to the next row after it; `vectors` names its eight vector locals, `body` is one vector's
 * work: the same lines for every vector, or `(tail) => lines` when a row's last, overlapping vector
 * (tail true, only where H mod 4 ≠ 0) must leave the lanes already done alone. Whole vectors run
 * in a loop of their own, free of that vector's masks (a third of tanh's time in A/B runs).
 */
function rows({ name, params, gateArrays, vectors, more = [], constants, G4, body }) {
  const c = constantLocals(constants);
  const head = `(export "${name}") ${[...params, 'B', 'H'].map((p) => `(param $${p} i32)`).join(' ')}`;
  const vector = typeof body === 'function' ? body : () => body;
  const advance = [...gateArrays.map((p) => inc(p, 'G4')), ...params.filter((p) => !gateArrays.includes(p)).map((p) => inc(p, 'H4'))];
  return func(head, [locals(['i32', 'H4', 'G4', 'b', 'j', 'off'], ['v128', 'tx', 't2', 't4']), locals(['v128', ...vectors, ...more]), c.decl], [
    ...c.load,
    set('H4', '(i32.shl (local.get $H) (i32.const 2))'),
    set('G4', G4),
    set('b', '(i32.const 0)'),
    ...whileNot('rows', '(i32.ge_u (local.get $b) (local.get $B))', [
      set('j', '(i32.const 0)'),
      ...whileNot('vecs', pastWhole, [wholeOffset, ...vector(false), inc('j', 4)]),
      '(if (i32.lt_u (local.get $j) (local.get $H)) (then',
      ...indent([tailOffset, ...vector(true)]),
      '))',
      ...advance,
      inc('b', 1),
    ]),
  ]);
}

/** Each gate's vector of the row at ptr into the named locals. */
const loadGates = (ptr, names) => names.map((v, gate) => set(v, load(at(ptr, gate))));

const gates = (n) => `(i32.mul (local.get $H4) (i32.const ${n}))`;

/** The cells' steps; with `relaxed` their activations' polynomial steps as relaxed_madd (tanh.mjs). */
export function cellFunctions({ relaxed = false } = {}) {
  const lstmBwd = [
    ';; LSTM backward, step t: from dh (the recurrent part), dOut_t and dc, the gate gradients dG',
    ';; [B, 4H] and dc for step t − 1; tanh(c_t) computed again from c_t (the same function of the',
    ';; same value: the forward step\'s bits), cheaper than storing it and reading it back.',
    ...rows({
      name: 'lstm_bwd', params: ['a', 'cp', 'cn', 'dhp', 'dop', 'dci', 'dco', 'dg'], gateArrays: ['a', 'dg'],
      vectors: ['i', 'f', 'g', 'o', 'c', 'tc', 'dh', 'dc'], constants: ['one', ...TANH_NAMES], G4: '(i32.shl (local.get $H4) (i32.const 2))',
      body: [
        ...loadGates('a', ['i', 'f', 'g', 'o']),
        ...tanh('tc', load(at('cn')), 'tx', 't2', 't4', relaxed),
        set('dh', add(load(at('dhp')), load(at('dop')))),
        set('dc', add(load(at('dci')), mul(mul('dh', 'o'), sub('one', mul('tc', 'tc'))))),
        store(at('dg', 0), mul(mul(mul('dc', 'g'), 'i'), sub('one', 'i'))),
        store(at('dg', 1), mul(mul(mul('dc', load(at('cp'))), 'f'), sub('one', 'f'))),
        store(at('dg', 2), mul(mul('dc', 'i'), sub('one', mul('g', 'g')))),
        store(at('dg', 3), mul(mul(mul('dh', 'tc'), 'o'), sub('one', 'o'))),
        store(at('dco'), mul('dc', 'f')),
      ],
    }),
  ];
  // dr and dz are both sides' gradients, so only dHP holds them; dn is the input side's, dn·r the recurrent side's
  const gruBwd = [
    ";; GRU backward, step t: from hp (σ(r), σ(z), h W_hnᵀ + b_hn) and n [B, H], dHP [B, 3H] (dr, dz,",
    ";; dn·r), the input side's dn [B, H] and dh's direct part z·dh (the product adds the rest).",
    ...rows({
      name: 'gru_bwd', params: ['ng', 'hp', 'hpv', 'dhp', 'dop', 'dxp', 'dhpo', 'dho'], gateArrays: ['hp', 'dhpo'],
      vectors: ['r', 'z', 'n', 'unused', 'dr', 'dz', 'dh', 'dn'], constants: ['one'], G4: gates(3),
      body: [
        ...loadGates('hp', ['r', 'z']),
        set('n', load(at('ng'))),
        set('dh', add(load(at('dhp')), load(at('dop')))),
        set('dn', mul(mul('dh', sub('one', 'z')), sub('one', mul('n', 'n')))),
        set('dz', mul(mul(mul('dh', sub(load(at('hpv')), 'n')), 'z'), sub('one', 'z'))),
        set('dr', mul(mul(mul('dn', load(at('hp', 2))), 'r'), sub('one', 'r'))),
        store(at('dhpo', 0), 'dr'),
        store(at('dhpo', 1), 'dz'),
        store(at('dhpo', 2), mul('dn', 'r')),
        store(at('dxp'), 'dn'),
        store(at('dho'), mul('dh', 'z')),
      ],
    }),
  ];
  const rnnBwd = [
    ';; Elman RNN backward: dz = (dh + dOut_t)·(1 − h_t²) for step t.',
    ...rows({
      name: 'rnn_bwd', params: ['hp', 'dhp', 'dop', 'dz'], gateArrays: [],
      vectors: ['u0', 'u1', 'u2', 'u3', 'h', 'u5', 'u6', 'u7'], constants: ['one'], G4: gates(1),
      body: [set('h', load(at('hp'))), store(at('dz'), mul(add(load(at('dhp')), load(at('dop'))), sub('one', mul('h', 'h'))))],
    }),
  ];
  // lstm_step's four gates of a vector: loaded, their inputs clamped (σ(v) as ½ + ½·tanh(v/2)),
  // the four tanh in lockstep (tanhLockstep: one chain's latency hides behind the others'), then
  // activated in place (the lanes already done keep their values)
  const GATES = [['i', true], ['f', true], ['g', false], ['o', true]];
  const lstmGates = (tail) => [
    ...(tail ? [newLanes] : []),
    ...GATES.flatMap(([g, isSigmoid], gate) => [set(`r${g}`, load(at('a', gate))), set(`x${g}`, clamp(isSigmoid ? mul('half', `r${g}`) : `r${g}`))]),
    ...tanhLockstep(GATES.map(([g]) => g), relaxed),
    ...GATES.flatMap(([g, isSigmoid], gate) => {
      const y = isSigmoid ? fromTanh(`y${g}`, relaxed) : `y${g}`;
      return [set(g, tail ? bitselect(y, `r${g}`, 'mk') : y), store(at('a', gate), g)];
    }),
  ];
  const chainLocals = ['r', 'x', 's', 'p', 'y'].flatMap((v) => GATES.map(([g]) => `${v}${g}`));
  const lstmStep = [
    ';; LSTM forward, step t: the pre-activations a [B, 4H] (i, f, g, o) activated in place, and from',
    ';; them and c_{t-1}: c_t = f·c_{t-1} + i·g and h_t = o·tanh(c_t).',
    ...rows({
      name: 'lstm_step', params: ['a', 'cp', 'cn', 'ho'], gateArrays: ['a'],
      vectors: ['i', 'f', 'g', 'o', 'c', 'tc', 'dh', 'dc'], more: ['mk', ...chainLocals], constants: STEP_CONSTANTS, G4: gates(4),
      body: (tail) => [
        ...lstmGates(tail),
        set('c', add(mul('f', load(at('cp'))), mul('i', 'g'))),
        store(at('cn'), 'c'),
        ...tanh('tc', 'c', 'tx', 't2', 't4', relaxed),
        store(at('ho'), mul('o', 'tc')),
      ],
    }),
  ];
  return { lstmBwd, gruBwd, rnnBwd, lstmStep, gruStep: gruStep(relaxed) };
}

/**
 * GRU forward, step t: hp [B, 3H] (the step rows' product, src/gru-kernel.ts: r's and z's whole
 * pre-activations, then h W_hnᵀ + b_hn) gets r = σ(hp_r) and z = σ(hp_z) in place (its lines are in
 * cache, just written), and from xin [B, H] (x W_inᵀ + b_in) and h_{t-1}: n = tanh(xin + r·hp_n)
 * into ng [B, H] and h_t = n + z·(h_{t-1} − n). Two rows at a time (the last one twice when B is odd:
 * its loads precede its stores), their four sigmoids in lockstep, then their two n (tanhLockstep).
 */
function gruStep(relaxed) {
  const R = [0, 1];
  const perRow = ['hp', 'xin', 'ng', 'hpv', 'hn'].flatMap((p) => R.map((r) => `${p}${r}`));
  const vectors = ['r', 'x', 's', 'p', 'y'].flatMap((v) => R.flatMap((r) => ['r', 'z', 'n'].map((g) => `${v}${g}${r}`)));
  const c = constantLocals(STEP_CONSTANTS);
  const rowStart = (p, r, by) => set(`${p}${r}`, iadd(p, imul(r === 0 ? 'b' : 'b1', by)));
  const sigmoidInput = (r, g, gate) => [
    set(`r${g}${r}`, load(at(`hp${r}`, gate))),
    set(`x${g}${r}`, clamp(mul('half', `r${g}${r}`))),
  ];
  // tail: a row's last vector where H mod 4 ≠ 0, which must leave r and z's lanes already done alone
  const vector = (tail) => [
    ...(tail ? [tailOffset, newLanes] : [wholeOffset]),
    ...R.flatMap((r) => [...sigmoidInput(r, 'r', 0), ...sigmoidInput(r, 'z', 1)]),
    ...tanhLockstep(['r0', 'z0', 'r1', 'z1'], relaxed),
    ...R.flatMap((r) => ['r', 'z'].flatMap((g, gate) => [set(`y${g}${r}`, tail ? bitselect(fromTanh(`y${g}${r}`, relaxed), `r${g}${r}`, 'mk') : fromTanh(`y${g}${r}`, relaxed)), store(at(`hp${r}`, gate), `y${g}${r}`)])),
    ...R.map((r) => set(`xn${r}`, clamp(add(load(at(`xin${r}`)), mul(`yr${r}`, load(at(`hp${r}`, 2))))))),
    ...tanhLockstep(['n0', 'n1'], relaxed),
    ...R.flatMap((r) => [
      store(at(`ng${r}`), `yn${r}`),
      store(at(`hn${r}`), add(`yn${r}`, mul(`yz${r}`, sub(load(at(`hpv${r}`)), `yn${r}`)))),
    ]),
  ];
  return [
    ';; GRU forward, step t: hp [B, 3H] (r\'s and z\'s pre-activations, then h W_hnᵀ + b_hn) gets',
    ';; σ(hp_r), σ(hp_z) in place, and from xin [B, H] (x W_inᵀ + b_in) and h_{t-1}: n = tanh(xin + r·hp_n)',
    ';; into ng [B, H] and h_t = n + z·(h_{t-1} − n).',
    ...func('(export "gru_step") (param $hp i32) (param $xin i32) (param $hpv i32) (param $ng i32) (param $hn i32) (param $B i32) (param $H i32)', [
      locals(['i32', 'H4', 'G4', 'b', 'b1', 'j', 'off'], ['v128', 'mk'], ['i32', ...perRow]),
      locals(['v128', ...vectors]),
      c.decl,
    ], [
      ...c.load,
      set('H4', '(i32.shl (local.get $H) (i32.const 2))'),
      set('G4', gates(3)),
      set('b', '(i32.const 0)'),
      ';; two rows at a time (the last one twice when B is odd: its loads precede its stores), and the',
      ';; sigmoids of r and z of both rows in lockstep, then both rows\' n (tanhLockstep)',
      ...whileNot('rows', '(i32.ge_u (local.get $b) (local.get $B))', [
        set('b1', '(select (i32.add (local.get $b) (i32.const 1)) (local.get $b) (i32.lt_u (i32.add (local.get $b) (i32.const 1)) (local.get $B)))'),
        ...R.map((r) => rowStart('hp', r, 'G4')),
        ...['xin', 'ng', 'hpv', 'hn'].flatMap((p) => R.map((r) => rowStart(p, r, 'H4'))),
        set('j', '(i32.const 0)'),
        ...whileNot('vecs', pastWhole, [...vector(false), inc('j', 4)]),
        `(if (i32.lt_u (local.get $j) (local.get $H)) (then ${vector(true).join(' ')}))`,
        inc('b', 2),
      ]),
    ]),
  ];
}
