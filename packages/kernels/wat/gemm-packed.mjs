// The packed product for large shapes: A copied into panels of 4 rows [⌈M/4⌉][K][4] and B into
// panels of 8 columns [⌈N/8⌉][K][8] (zero-padded), so that the 4×8 micro-kernel reads both from one
// pointer each with constant offsets: per k, two vectors of B, four broadcasts of A, eight
// multiply-adds and two pointer steps (the strided kernel of gemm.mjs steps five pointers). The
// copies cost O(M·K + K·N) against the product's M·N·K; the sums run in the same order as gemm_s's,
// so its results are bit-identical. Edge tiles (M mod 4, N mod 8) are stored through a small tile.
import { madd } from './gemm-block.mjs';
import { add, func, geU, iadd, imul, indent, ishl, inc, load, locals, set, store, whileNot, zero } from './wat.mjs';

const ge = geU;
const f32load = (p, o = 0) => `(f32.load${o ? ` offset=${o}` : ''} (local.get $${p}))`;

// A 4×4 transpose in two rounds of i8x16.shuffle: lanes (a0 b0 a1 b1), (a2 b2 a3 b3) of two rows, then
// their halves joined; `pair` names the byte lanes of floats [x, y, z, w] of its two operands (0–7).
const shuffle = (x, y, lanes) => `(i8x16.shuffle ${lanes.flatMap((l) => [0, 1, 2, 3].map((b) => 4 * l + b)).join(' ')} (local.get $${x}) (local.get $${y}))`;
const transpose4 = [
  set('t0', shuffle('r0', 'r1', [0, 4, 1, 5])), set('t1', shuffle('r0', 'r1', [2, 6, 3, 7])),
  set('t2', shuffle('r2', 'r3', [0, 4, 1, 5])), set('t3', shuffle('r2', 'r3', [2, 6, 3, 7])),
  store('dst', shuffle('t0', 't2', [0, 1, 4, 5])), store('dst', shuffle('t0', 't2', [2, 3, 6, 7]), 16),
  store('dst', shuffle('t1', 't3', [0, 1, 4, 5]), 32), store('dst', shuffle('t1', 't3', [2, 3, 6, 7]), 48),
];

/** $pack_a: A (element (m, k) at a + 4·(m·sam + k·sak)) into panels of 4 rows at dst, rows ≥ M zero. */
function packA() {
  const scalarStep = [
    `(f32.store (local.get $dst) ${f32load('p0')})`,
    `(f32.store offset=4 (local.get $dst) ${f32load('p1')})`,
    `(f32.store offset=8 (local.get $dst) ${f32load('p2')})`,
    `(f32.store offset=12 (local.get $dst) ${f32load('p3')})`,
    inc('p0', 'step'), inc('p1', 'step'), inc('p2', 'step'), inc('p3', 'step'),
    inc('dst', 16),
    inc('k', 1),
  ];
  return func('$pack_a (param $M i32) (param $K i32) (param $a i32) (param $sam i32) (param $sak i32) (param $dst i32)', [locals(['i32', 'm', 'k', 'r', 'step', 'p0', 'p1', 'p2', 'p3', 'K4', 'K16'], ['v128', 'r0', 'r1', 'r2', 'r3', 't0', 't1', 't2', 't3'])], [
    set('step', ishl('sak', 2)),
    set('K4', '(i32.and (local.get $K) (i32.const -4))'),
    set('K16', ishl('K', 4)), // a panel's bytes
    set('m', '(i32.const 0)'),
    ';; sam = 1 (A stored transposed): four panels at a time, a whole cache line of each k\'s row to',
    ';; four panels (one panel at a time reads each line four times, from L2 once K passes L1)',
    '(if (i32.eq (local.get $sam) (i32.const 1)) (then',
    ...indent(whileNot('quad', `(i32.gt_u (i32.add (local.get $m) (i32.const 16)) (local.get $M))`, [
      set('p0', iadd('a', ishl('m', 2))),
      set('p1', '(local.get $dst)'),
      set('k', '(i32.const 0)'),
      ...whileNot('kq', ge('k', 'K'), [
        store('p1', load('p0')),
        store(iadd('p1', 'K16'), load('p0', 16)),
        store(iadd('p1', ishl('K16', 1)), load('p0', 32)),
        store(iadd('p1', imul('K16', 3)), load('p0', 48)),
        inc('p0', 'step'), inc('p1', 16), inc('k', 1),
      ]),
      set('dst', iadd('dst', ishl('K16', 2))),
      inc('m', 16),
    ])),
    '))',
    ';; full panels: four row pointers',
    ...whileNot('full', `(i32.gt_u (i32.add (local.get $m) (i32.const 4)) (local.get $M))`, [
      set('p0', iadd('a', ishl(imul('m', 'sam'), 2))),
      set('p1', iadd('p0', ishl('sam', 2))),
      set('p2', iadd('p1', ishl('sam', 2))),
      set('p3', iadd('p2', ishl('sam', 2))),
      set('k', '(i32.const 0)'),
      ';; the panel\'s k-th column is 4 consecutive floats (sam = 1, A stored transposed): one vector a step',
      '(if (i32.eq (local.get $sam) (i32.const 1)) (then',
      ...indent(whileNot('kv', ge('k', 'K'), [store('dst', load('p0')), inc('p0', 'step'), inc('dst', 16), inc('k', 1)])),
      '))',
      ';; rows of consecutive floats (sak = 1, row-major A): 4 floats of each row a step, transposed',
      '(if (i32.eq (local.get $sak) (i32.const 1)) (then',
      ...indent(whileNot('kt', ge('k', 'K4'), [
        set('r0', load('p0')), set('r1', load('p1')), set('r2', load('p2')), set('r3', load('p3')),
        ...transpose4,
        inc('p0', 16), inc('p1', 16), inc('p2', 16), inc('p3', 16),
        inc('dst', 64),
        inc('k', 4),
      ])),
      '))',
      ';; any other strides, and the last K mod 4 columns: four floats a step',
      ...whileNot('kf', ge('k', 'K'), scalarStep),
      inc('m', 4),
    ]),
    ';; the last, partial panel: rows past M are zero',
    `(if (i32.lt_u (local.get $m) (local.get $M)) (then`,
    set('k', '(i32.const 0)'),
    ...whileNot('kp', ge('k', 'K'), [
      set('r', '(i32.const 0)'),
      ...whileNot('rp', `(i32.ge_u (local.get $r) (i32.const 4))`, [
        `(f32.store (local.get $dst) (select (f32.load ${iadd('a', ishl(iadd(imul(iadd('m', 'r'), 'sam'), imul('k', 'sak')), 2))}) (f32.const 0) (i32.lt_u (i32.add (local.get $m) (local.get $r)) (local.get $M))))`,
        inc('dst', 4),
        inc('r', 1),
      ]),
      inc('k', 1),
    ]),
    '))',
  ]);
}

/** $pack_b: B (row-major, rows ldb floats apart) into panels of 8 columns at dst, columns ≥ N zero. */
function packB() {
  return func('$pack_b (param $K i32) (param $N i32) (param $b i32) (param $ldb i32) (param $dst i32)', [locals(['i32', 'n', 'k', 'j', 'p', 'row'])], [
    set('row', ishl('ldb', 2)),
    set('n', '(i32.const 0)'),
    ...whileNot('full', `(i32.gt_u (i32.add (local.get $n) (i32.const 8)) (local.get $N))`, [
      set('p', iadd('b', ishl('n', 2))),
      set('k', '(i32.const 0)'),
      ...whileNot('kf', ge('k', 'K'), [store('dst', load('p')), store('dst', load('p', 16), 16), inc('p', 'row'), inc('dst', 32), inc('k', 1)]),
      inc('n', 8),
    ]),
    `(if (i32.lt_u (local.get $n) (local.get $N)) (then`,
    set('k', '(i32.const 0)'),
    ...whileNot('kp', ge('k', 'K'), [
      set('j', '(i32.const 0)'),
      ...whileNot('jp', `(i32.ge_u (local.get $j) (i32.const 8))`, [
        `(f32.store (local.get $dst) (select (f32.load ${iadd('b', ishl(iadd(imul('k', 'ldb'), iadd('n', 'j')), 2))}) (f32.const 0) (i32.lt_u (i32.add (local.get $n) (local.get $j)) (local.get $N))))`,
        inc('dst', 4),
        inc('j', 1),
      ]),
      inc('k', 1),
    ]),
    '))',
  ]);
}

/** $gemm_pp: C[M,N] (+)= the packed A and B (K ≥ 1), C's rows ldc floats apart; `tile` 128 free bytes for edge tiles. */
function gemmPacked(relaxed) {
  const acc = (r, v) => `d${r}${v}`;
  const R = [0, 1, 2, 3], V = [0, 1];
  const step = [set('b0', load('pb')), set('b1', load('pb', 16))];
  for (const r of R) {
    step.push(set('sa', `(v128.load32_splat offset=${4 * r} (local.get $pa))`));
    for (const v of V) step.push(madd(acc(r, v), 'sa', `b${v}`, relaxed));
  }
  step.push(inc('pa', 16), inc('pb', 32));
  const storeTile = (ptr, row) => R.flatMap((r) => [
    set('pr', r === 0 ? ptr : iadd(ptr, imul(row, r))),
    ...V.map((v) => `(if (local.get $acc) (then ${set(acc(r, v), add(acc(r, v), load('pr', 16 * v)))}))`),
    ...V.map((v) => store('pr', acc(r, v), 16 * v)),
  ]);
  return func('$gemm_pp (param $M i32) (param $N i32) (param $K i32) (param $ap i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $acc i32) (param $tile i32)', [
    locals(['i32', 'm', 'n', 'pa', 'pb', 'pbEnd', 'pc', 'pr', 'rowC', 'ka', 'kb', 'bpan', 'i', 'j', 'rows', 'cols']),
    locals(['f32', 't']),
    locals(['v128', 'sa', 'b0', 'b1', ...R.flatMap((r) => V.map((v) => acc(r, v)))]),
  ], [
    set('rowC', ishl('ldc', 2)),
    set('ka', ishl('K', 4)),
    set('kb', ishl('K', 5)),
    set('m', '(i32.const 0)'),
    ...whileNot('rows', ge('m', 'M'), [
      set('n', '(i32.const 0)'),
      set('bpan', '(local.get $bp)'),
      ...whileNot('cols', ge('n', 'N'), [
        ...R.flatMap((r) => V.map((v) => set(acc(r, v), zero))),
        set('pa', '(local.get $ap)'),
        set('pb', '(local.get $bpan)'),
        set('pbEnd', iadd('bpan', 'kb')),
        '(loop $k',
        ...step.map((l) => `  ${l}`),
        '  (br_if $k (i32.ne (local.get $pb) (local.get $pbEnd))))',
        set('pc', iadd('c', iadd(imul('m', 'rowC'), ishl('n', 2)))),
        `(if (i32.and (i32.le_u (i32.add (local.get $m) (i32.const 4)) (local.get $M)) (i32.le_u (i32.add (local.get $n) (i32.const 8)) (local.get $N))) (then`,
        ...storeTile('pc', 'rowC').map((l) => `  ${l}`),
        ') (else',
        ';; an edge tile: the sums into the tile (no acc), then the part inside C added or stored',
        ...R.flatMap((r) => V.map((v) => store('tile', acc(r, v), 32 * r + 16 * v))),
        set('rows', `(select (i32.sub (local.get $M) (local.get $m)) (i32.const 4) (i32.lt_u (i32.sub (local.get $M) (local.get $m)) (i32.const 4)))`),
        set('cols', `(select (i32.sub (local.get $N) (local.get $n)) (i32.const 8) (i32.lt_u (i32.sub (local.get $N) (local.get $n)) (i32.const 8)))`),
        set('i', '(i32.const 0)'),
        ...whileNot('ti', ge('i', 'rows'), [
          set('j', '(i32.const 0)'),
          set('pr', iadd('pc', imul('i', 'rowC'))),
          ...whileNot('tj', ge('j', 'cols'), [
            set('t', `(f32.load ${iadd('tile', ishl(iadd(ishl('i', 3), 'j'), 2))})`),
            `(f32.store (local.get $pr) (if (result f32) (local.get $acc) (then (f32.add (local.get $t) (f32.load (local.get $pr)))) (else (local.get $t))))`,
            inc('pr', 4),
            inc('j', 1),
          ]),
          inc('i', 1),
        ]),
        '))',
        set('bpan', iadd('bpan', 'kb')),
        inc('n', 8),
      ]),
      set('ap', iadd('ap', 'ka')),
      inc('m', 4),
    ]),
  ]);
}

/** The three functions: pack_a, pack_b and gemm_pp, with `relaxed` the products as relaxed_madd. */
export function packedFunctions({ relaxed = false } = {}) {
  return [
    ';; A into panels of 4 rows [⌈M/4⌉][K][4], rows past M zero (see gemm-packed.mjs).',
    ...packA(),
    ';; B into panels of 8 columns [⌈N/8⌉][K][8], columns past N zero.',
    ...packB(),
    ';; C (+)= the packed operands: the 4×8 micro-kernel, one pointer each for A and B.',
    ...gemmPacked(relaxed),
  ];
}
