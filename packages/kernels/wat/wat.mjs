// The few helpers the pieces are written with: each returns WebAssembly text. A bare name stands
// for that local (`'dc'` is `(local.get $dc)`), anything in parentheses for itself; statements are
// arrays of lines, nested ones indented two spaces.

/** An operand: a local's name, or an expression as it is. */
export const val = (x) => (typeof x === 'number' ? `(i32.const ${x})` : x.startsWith('(') ? x : `(local.get $${x})`);
const op = (name) => (...args) => `(${name} ${args.map(val).join(' ')})`;

export const add = op('f32x4.add');
export const sub = op('f32x4.sub');
export const mul = op('f32x4.mul');
export const div = op('f32x4.div');
export const iadd = op('i32.add');
export const imul = op('i32.mul');
export const ishl = op('i32.shl');
export const splat = op('v128.load32_splat');
/** x ≥ y, unsigned i32. */
export const geU = op('i32.ge_u');
export const bitselect = op('v128.bitselect');
/** a + x·y: with `relaxed`, one f32x4.relaxed_madd (a fused multiply-add where the CPU has one, rounded once). */
export const fma = (a, x, y, relaxed = false) => (relaxed ? `(f32x4.relaxed_madd ${val(x)} ${val(y)} ${val(a)})` : add(a, mul(x, y)));
export const zero = '(v128.const i32x4 0 0 0 0)';

/** local = value */
export const set = (name, value) => `(local.set $${name} ${val(value)})`;
/** local += step (i32) */
export const inc = (name, step) => set(name, iadd(name, step));
/** A vector at a byte address (plus a constant offset). */
export const load = (addr, offset = 0) => `(v128.load${offset ? ` offset=${offset}` : ''} ${val(addr)})`;
export const store = (addr, value, offset = 0) => `(v128.store${offset ? ` offset=${offset}` : ''} ${val(addr)} ${val(value)})`;

/** Local declarations: `[['i32', 'm', 'n'], ['v128', 'x']]` → (local $m i32) (local $n i32) (local $x v128). */
export const locals = (...groups) => groups.map(([type, ...names]) => names.map((n) => `(local $${n} ${type})`).join(' ')).join(' ');

export const indent = (lines) => lines.map((l) => (l ? `  ${l}` : l));

/** Closes the last line of `lines` with `close`. */
const closing = (lines, close) => [...lines.slice(0, -1), lines.at(-1) + close];

/** `if (acc) { … }` */
export const ifAcc = (lines) => (lines.length === 1 ? [`(if (local.get $acc) (then ${lines[0]}))`] : ['(if (local.get $acc) (then', ...closing(indent(lines), '))')]);

/** while (!done) { body }: a block and a loop tested at the top. */
export const whileNot = (label, done, body) => [`(block $${label}_done (loop $${label}`, ...closing(indent([`(br_if $${label}_done ${done})`, ...body, `(br $${label})`]), '))')];

/** for (name = 0; name < end; name += step) { body } */
export const forUp = (label, name, end, step, body) => [
  set(name, '(i32.const 0)'),
  ...whileNot(label, `(i32.ge_u (local.get $${name}) ${val(end)})`, [...body, inc(name, step)]),
];

/** do { body } while (cond): a loop tested at the bottom. */
export const doWhile = (label, body, cond) => [`(loop $${label}`, ...closing(indent([...body, `(br_if $${label} ${cond})`]), ')')];

/** A function: its head, locals and body. */
export const func = (head, localLines, body) => [`(func ${head}`, ...closing(indent([...localLines, ...body]), ')')];
