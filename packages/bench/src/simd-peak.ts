// The roofline beside the training figures: the single-core peak of the WebAssembly SIMD path that
// rnnkit's kernels run on, timed on the register tiles of simd-peak.wat (assembled here with wabt,
// so the source is the module). The fastest tile's rate is the peak: a kernel with the same
// instruction mix (f32x4 loads and broadcasts, a mul then an add per product) cannot exceed it.
// The relaxed build's roofline is the same tiles with each mul + add as one f32x4.relaxed_madd, as
// kernels.wat's relaxed build writes its products.
import { readFileSync } from 'node:fs';
import { hasRelaxedSimd } from '@rnnkit/kernels';
import wabt from 'wabt';

type Tile = (steps: number) => number;
export type PeakBuild = 'baseline' | 'relaxed';

const tiles: Partial<Record<PeakBuild, [name: string, flopsPerStep: number, run: Tile][] | null>> = {};

/** simd-peak.wat's products `(f32x4.add acc (f32x4.mul a b))` as `(f32x4.relaxed_madd a b acc)`. */
export const relaxedText = (text: string): string =>
  text.replace(/\(f32x4\.add \(local\.get (\$\w+)\) \(f32x4\.mul \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)\)/g, '(f32x4.relaxed_madd (local.get $2) (local.get $3) (local.get $1))');

async function load(build: PeakBuild): Promise<(typeof tiles)[PeakBuild]> {
  if (build === 'relaxed' && !hasRelaxedSimd()) return null;
  const w = await wabt();
  const source = readFileSync(new URL('../src/simd-peak.wat', import.meta.url), 'utf8');
  const module = w.parseWat('simd-peak.wat', build === 'relaxed' ? relaxedText(source) : source, { simd: true, relaxed_simd: build === 'relaxed' });
  const buffer = new Uint8Array(module.toBinary({}).buffer); // a copy on a plain ArrayBuffer
  module.destroy();
  if (!WebAssembly.validate(buffer)) return null;
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(buffer));
  const f32 = new Float32Array((exports.memory as WebAssembly.Memory).buffer);
  for (let i = 0; i < 4096; i++) f32[i] = 1e-3 * (i % 7); // small values: no overflow, no denormals
  return Object.entries(exports)
    .filter(([, f]) => typeof f === 'function')
    .map(([name, f]) => {
      const [rows, cols] = name.slice(1).split('x').map(Number) as [number, number];
      (f as Tile)(1e5); // tier-up
      return [name, rows * cols * 2, f as Tile];
    });
}

/** GFLOP/s of one core on f32x4 multiply-adds of `build` (the fastest tile, best of `runs` runs of about `ms` of CPU time each), or null where the runtime cannot run it. */
export async function simdPeakGflops(runs = 5, ms = 20, build: PeakBuild = 'baseline'): Promise<number | null> {
  if (!(build in tiles)) tiles[build] = await load(build);
  const mine = tiles[build];
  if (!mine) return null;
  let best = 0;
  for (const [, flops, run] of mine) {
    const steps = Math.round((ms * 1e6 * 30) / flops); // about `ms` at 30 GFLOP/s
    for (let r = 0; r < runs; r++) {
      const t = process.cpuUsage(); // CPU time, not wall time: on a shared machine the wait for a core is not the core's speed
      run(steps);
      const { user, system } = process.cpuUsage(t);
      best = Math.max(best, (steps * flops) / ((user + system) * 1e3));
    }
  }
  return best;
}
