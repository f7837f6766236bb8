import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELAXED_WASM_BASE64, SHARED_RELAXED_WASM_BASE64, SHARED_WASM_BASE64, WASM_BASE64 } from './wasm-bytes.js';

// The committed kernels.wat and wasm-bytes.ts against what scripts/generate-wat.mjs makes of the
// pieces in wat/: regenerate (pnpm --filter @rnnkit/kernels generate) after changing one.
const { assembleBoth, moduleText } = await import('../scripts/generate-wat.mjs' as string);
const committed = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');

/** A function's text: from its head to the next function's. */
const fn = (t: string, name: string) => t.slice(t.indexOf(`(func ${name} `), t.indexOf('\n  (func', t.indexOf(`(func ${name} `) + 1));
/** The products' text: gemm_s's, the packed kernel's (gemm_pp) and the rank-1 kernel's (gemm_rank1). */
const PRODUCTS = ['$gemm_s', '$gemm_pp', '$gemm_rank1'];
const gemmS = (t: string) => PRODUCTS.map((name) => fn(t, name)).join('');

/** The operand that starts at t[i] (a parenthesised expression or a bare token) and the index past it. */
function operand(t: string, i: number): [string, number] {
  if (t[i] !== '(') {
    const e = t.slice(i).search(/[\s)]/);
    return [t.slice(i, i + e), i + e];
  }
  let depth = 0, j = i;
  do depth += t[j] === '(' ? 1 : t[j] === ')' ? -1 : 0;
  while (++j < t.length && depth > 0);
  return [t.slice(i, j), j];
}

/** Every (f32x4.relaxed_madd x y a) written back as (f32x4.add a (f32x4.mul x y)), operands unfused too. */
function unfuse(t: string): string {
  const head = '(f32x4.relaxed_madd ';
  const at = t.indexOf(head);
  if (at < 0) return t;
  const [x, i] = operand(t, at + head.length), [y, j] = operand(t, i + 1), [a, k] = operand(t, j + 1);
  return t.slice(0, at) + `(f32x4.add ${unfuse(a)} (f32x4.mul ${unfuse(x)} ${unfuse(y)}))` + unfuse(t.slice(k + 1));
}

describe('the WebAssembly module', () => {
  it('kernels.wat is what the generator writes from the pieces in wat/', () => {
    expect(committed).toBe(moduleText());
  });

  it('ships the bytes that kernels.wat assembles to, baseline and relaxed, each with its own or a shared memory', async () => {
    const { baseline, relaxed, sharedBaseline, sharedRelaxed } = await assembleBoth(committed);
    expect(baseline).toBe(WASM_BASE64);
    expect(relaxed).toBe(RELAXED_WASM_BASE64);
    expect(sharedBaseline).toBe(SHARED_WASM_BASE64);
    expect(sharedRelaxed).toBe(SHARED_RELAXED_WASM_BASE64);
  });

  it('the shared builds differ from the others in the memory declaration alone', () => {
    const [own, shared] = [moduleText({ relaxed: true }) as string, moduleText({ relaxed: true, shared: true }) as string];
    const diff = own.split('\n').flatMap((line, i) => (line === shared.split('\n')[i] ? [] : [[line.trim(), shared.split('\n')[i]!.trim()]]));
    expect(diff).toEqual([['(memory (export "memory") 1)', '(import "env" "memory" (memory 1 65536 shared)) (export "memory" (memory 0))']]);
  });

  it('the relaxed text is kernels.wat with a + x·y as relaxed_madd(x, y, a) in the products and the activations, and nothing else changed', () => {
    const fused = moduleText({ relaxed: true }) as string;
    expect(unfuse(fused)).toBe(committed);
    expect(gemmS(fused)).not.toContain('f32x4.mul'); // every product's multiply-add is fused
    expect(gemmS(fused).split('relaxed_madd').length - 1).toBe(gemmS(committed).split('f32x4.mul').length - 1);
    // the functions with a tanh fuse its steps (lstm_bwd computes tanh(c_t) again); the others are as they were
    for (const name of ['"tanh_block"', '"act"', '"lstm_step"', '"gru_step"', '"lstm_bwd"']) expect(fn(fused, `(export ${name})`), name).toContain('relaxed_madd');
    for (const name of ['"gru_bwd"', '"rnn_bwd"', '"copy_rows"']) expect(fn(fused, `(export ${name})`), name).toBe(fn(committed, `(export ${name})`));
  });
});
