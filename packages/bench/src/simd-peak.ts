// The roofline beside the training figures: the single-core peak of the WebAssembly SIMD path
// that rnnkit's kernels run on, measured as gemm.wat's inner loop works: eight independent f32x4
// accumulators, each adding a product per step (a mul then an add; no FMA in baseline
// WebAssembly SIMD). Chains of dependent multiply-adds (a = a·x + y) would measure latency instead,
// about 30% lower. The module, assembled with wabt from:
//
// (module
//   (func (export "peak") (param $n i32) (result f32)
//     (local $a0 v128) … (local $a7 v128) (local $x v128) (local $y v128)
//     (local.set $x (f32x4.splat (f32.const 0.999)))
//     (local.set $y (f32x4.splat (f32.const 0.001)))
//     (loop $l
//       (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (local.get $y))))
//       … the same for $a1 … $a7
//       (local.set $x (f32x4.add (local.get $x) (local.get $y)))  ;; so the products are not hoisted
//       (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
//     (f32x4.extract_lane 0 (the sum of $a0 … $a7))))
const PEAK_WASM_BASE64 =
  'AGFzbQEAAAABBgFgAX8BfQMCAQAHCAEEcGVhawAACsYBAcMBAQp7Q3e+fz/9EyEJQ28Sgzr9EyEKA0AgASAJIAr95gH95AEhASACIAkgCv3mAf3kASECIAMgCSAK/eYB/eQBIQMgBCAJIAr95gH95AEhBCAFIAkgCv3mAf3kASEFIAYgCSAK/eYB/eQBIQYgByAJIAr95gH95AEhByAIIAkgCv3mAf3kASEIIAkgCv3kASEJIABBAWsiAA0ACyABIAL95AEgAyAE/eQB/eQBIAUgBv3kASAHIAj95AH95AH95AH9HwAL';

/** GFLOP/s of one core on f32x4 multiply-adds (the best of `runs` timed runs), or null without SIMD. */
export function simdPeakGflops(runs = 7): number | null {
  const bytes = Buffer.from(PEAK_WASM_BASE64, 'base64');
  if (!WebAssembly.validate(bytes)) return null;
  const peak = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.peak as (n: number) => number;
  peak(1e6); // tier-up
  const iterations = 1e7, flops = iterations * 8 * 4 * 2; // 8 accumulators × 4 lanes × (mul + add)
  let best = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    peak(iterations);
    best = Math.max(best, flops / ((performance.now() - t) * 1e6));
  }
  return best;
}
