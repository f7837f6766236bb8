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
// (f32x4.add (local.get $acc) (f32x4.mul X Y)), X and Y with at most one level of parentheses inside
const OPERAND = String.raw`\((?:[^()]|\([^()]*\))*\)`;
const PRODUCT = new RegExp(String.raw`\(f32x4\.add \(local\.get (\$[a-z0-9]+)\) \(f32x4\.mul (${OPERAND}) (${OPERAND})\)\)`, 'g');

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

  it('the relaxed text is kernels.wat with each accumulation a + x·y of the products as relaxed_madd(x, y, a), and nothing else changed', () => {
    const fused = moduleText({ relaxed: true }) as string;
    const rewritten = gemmS(committed).replace(PRODUCT, '(f32x4.relaxed_madd $2 $3 (local.get $1))');
    expect(gemmS(fused)).toBe(rewritten);
    expect(gemmS(fused)).not.toContain('f32x4.mul');
    expect(fused.split('relaxed_madd').length - 1).toBe(gemmS(committed).split('f32x4.mul').length - 1);
    const rest = (t: string) => PRODUCTS.reduce((r, name) => r.replace(fn(t, name), ''), t);
    expect(rest(fused)).toBe(rest(committed));
  });
});
