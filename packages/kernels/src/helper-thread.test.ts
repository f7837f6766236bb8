import { describe, expect, it } from 'vitest';
import { gruLayer } from './gru-kernel.js';
import type { LayerWeights } from './kernel.js';
import { createKernels, type Kernels } from './kernels.js';
import { lstmLayer } from './lstm-kernel.js';
import { rnnLayer } from './rnn-kernel.js';

// Two threads split large products by C's rows and a recurrence by its windows (helper-thread.ts,
// Kernels.windows), which changes no sum: every product and every layer's forward and backward
// pass must equal one thread's bit for bit.

function rand(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
}
const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const one = createKernels({ threads: 1 });
const two = createKernels({ threads: 2 });

/** gemm_s in `k`'s module on seeded operands (A as Aᵀ in place when `aT`), C returned. */
function product(k: Kernels, M: number, N: number, K: number, aT: boolean, accumulate: boolean): Float32Array {
  const { at, f32 } = k.arena([M * K, K * N, M * N]);
  const [a, b, c] = at as [number, number, number];
  const r = rand(M * 7 + N + K);
  for (let i = 0; i < M * K; i++) f32[a / 4 + i] = r();
  for (let i = 0; i < K * N; i++) f32[b / 4 + i] = r();
  for (let i = 0; i < M * N; i++) f32[c / 4 + i] = r();
  k.simd!.gemm_s(M, N, K, a, aT ? 1 : K, aT ? M : 1, b, N, c, N, accumulate ? 1 : 0);
  return new Float32Array(k.simd!.memory.buffer).slice(c / 4, c / 4 + M * N);
}

describe('two threads', () => {
  it('runs a helper thread on a shared memory in Node (threads: 2)', async () => {
    expect([one.threads, two.threads]).toEqual([1, 2]);
    expect(two.simd!.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await two.startThreads()).toBe(true);
    expect(await one.startThreads()).toBe(false);
  });

  it('starts splitting within a synchronous loop of products (a training loop that never yields to the event loop)', async () => {
    const k = createKernels({ threads: 2 });
    await new Promise((r) => setTimeout(r, 50)); // what an import leaves before training starts
    const since = Date.now();
    while (k.splitProducts === 0 && Date.now() - since < 5000) product(k, 685, 512, 128, false, false);
    expect(k.splitProducts).toBeGreaterThan(0);
  });

  it('takes a late wake-up for no job: an accumulating product is added once, however late the notify comes', async () => {
    const k = createKernels({ threads: 2 });
    expect(await k.startThreads()).toBe(true);
    const M = 685, N = 512, K = 128;
    const { at, f32 } = k.arena([M * K, K * N, M * N]);
    const [a, b, c] = at as [number, number, number];
    const r = rand(5);
    for (const [p, n] of [[a, M * K], [b, K * N], [c, M * N]] as const) for (let i = 0; i < n; i++) f32[p / 4 + i] = r();
    const before = k.splitProducts;
    k.simd!.gemm_s(M, N, K, a, K, 1, b, N, c, N, 1); // C += A·B, the lower rows on the helper
    expect(k.splitProducts - before).toBe(1);
    const after = new Float32Array(k.simd!.memory.buffer).slice(c / 4, c / 4 + M * N);
    // the main thread's notify for that job, arriving once the helper sleeps again (a main thread
    // descheduled between storing the job's number and notifying)
    const control = (k as unknown as { helper: { control: Int32Array } }).helper.control;
    await new Promise((done) => setTimeout(done, 50));
    Atomics.notify(control, 0);
    await new Promise((done) => setTimeout(done, 200));
    expect(bits(new Float32Array(k.simd!.memory.buffer).slice(c / 4, c / 4 + M * N)).equals(bits(after))).toBe(true);
  });

  for (const [M, N, K] of [[685, 512, 128], [685, 128, 512], [101, 1024, 64], [128, 512, 685]] as const) {
    for (const aT of [false, true]) {
      it(`splits [${M}×${K}]${aT ? ' (Aᵀ in place)' : ''}·[${K}×${N}] over two threads bit for bit as one thread computes it`, async () => {
        await two.startThreads();
        const before = two.splitProducts;
        for (const accumulate of [false, true]) expect(bits(product(two, M, N, K, aT, accumulate)).equals(bits(product(one, M, N, K, aT, accumulate)))).toBe(true);
        expect(two.splitProducts - before).toBe(2);
      });
    }
  }

  for (const [name, layer, G] of [['rnn', rnnLayer, 1], ['lstm', lstmLayer, 4], ['gru', gruLayer, 3]] as const) {
    it(`${name} at hidden 128 over 685 windows: forward and BPTT on two threads equal one thread's bit for bit`, async () => {
      await two.startThreads();
      const d = { T: 4, B: 685, I: 4, H: 128 }, GH = G * d.H, r = rand(11);
      const x = Float32Array.from({ length: d.T * d.B * d.I }, r);
      const w: LayerWeights = { wIh: Float32Array.from({ length: GH * d.I }, () => 0.3 * r()), wHh: Float32Array.from({ length: GH * d.H }, () => 0.1 * r()), bIh: Float32Array.from({ length: GH }, r), bHh: Float32Array.from({ length: GH }, r) };
      const dOut = Float32Array.from({ length: d.T * d.B * d.H }, r);
      const before = two.splitProducts, windowsBefore = two.splitWindows;
      const [a, b] = [one, two].map((k) => {
        const run = layer(k, d, x, w);
        const out = run.out.slice();
        return { out, grads: run.backward(dOut, true) };
      });
      expect(two.splitWindows - windowsBefore).toBe(2); // the forward and the backward recurrence, each over both threads' windows
      expect(two.splitProducts - before).toBeGreaterThanOrEqual(1); // the weight gradients' blocked product
      expect(bits(b!.out).equals(bits(a!.out))).toBe(true);
      for (const key of ['dx', 'dWIh', 'dWHh', 'dBIh', 'dBHh'] as const) expect([key, bits(b!.grads[key]).equals(bits(a!.grads[key]))]).toEqual([key, true]);
    });
  }
});
