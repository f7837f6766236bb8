// The module's vector constants, as globals: mutable so that V8 loads each once per call instead of
// rebuilding it inside every loop (three instructions per v128.const). A function copies the ones
// it uses into locals of the same names (`constantLocals`).
import { TANH_CONSTANTS } from './tanh.mjs';

const f32x4 = (v) => `(v128.const f32x4 ${v} ${v} ${v} ${v})`;

/** Every constant, in the order of the module's globals. */
export const CONSTANTS = [
  ...TANH_CONSTANTS,
  ['byte_lanes', '(v128.const i32x4 0 4 8 12)'], // the lanes' byte offsets in a vector
  ['one', f32x4(1)],
  ['lanes', '(v128.const i32x4 0 1 2 3)'],
  ['half', f32x4(0.5)],
];

export const globals = () => CONSTANTS.map(([name, value]) => `(global $${name} (mut v128) ${value})`);

/** The locals that hold `names` (declared in that order) and the lines that load them. */
export function constantLocals(names) {
  return {
    decl: names.map((n) => `(local $${n} v128)`).join(' '),
    load: [';; the constants, read once per call from the globals', ...names.map((n) => `(local.set $${n} (global.get $${n}))`)],
  };
}
