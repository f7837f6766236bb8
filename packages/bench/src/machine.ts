import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { simdPeakGflops } from './simd-peak.js';

/** What the figures were measured on. */
export interface Machine {
  cpu: string;
  /** Vector extensions the CPU reports (/proc/cpuinfo flags), e.g. SSE4.2, AVX2, FMA, AVX-512F. */
  vectorExtensions: string[];
  cores: number;
  node: string;
  /** Single-core peak of the WebAssembly SIMD path (f32x4 mul + add as kernels.wat issues them, simd-peak.wat), GFLOP/s: the best of every measurement in the run. */
  wasmSimdPeakGflops: number | null;
  /** The same with each product as one f32x4.relaxed_madd (the kernels' relaxed build), GFLOP/s; null where Relaxed SIMD does not run. */
  wasmRelaxedSimdPeakGflops: number | null;
}

// /proc/cpuinfo flag → the name vendors print. x86 first, then Arm (the "Features" line).
const EXTENSIONS: [string, string][] = [
  ['sse4_2', 'SSE4.2'], ['avx', 'AVX'], ['avx2', 'AVX2'], ['fma', 'FMA'], ['avx512f', 'AVX-512F'], ['avx512dq', 'AVX-512DQ'],
  ['avx512bw', 'AVX-512BW'], ['avx512vl', 'AVX-512VL'], ['avx512_vnni', 'AVX-512 VNNI'], ['avx512_bf16', 'AVX-512 BF16'],
  ['avx512_fp16', 'AVX-512 FP16'], ['avx_vnni', 'AVX-VNNI'], ['amx_tile', 'AMX'], ['asimd', 'NEON'], ['asimdhp', 'NEON FP16'],
  ['sve', 'SVE'], ['sve2', 'SVE2'],
];

export async function describeMachine(): Promise<Machine> {
  let info = '';
  try {
    info = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // not Linux: the model from os.cpus(), no flags
  }
  const field = (name: string) => info.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1]?.trim();
  const flags = new Set((field('flags') ?? field('Features') ?? '').split(/\s+/));
  return {
    cpu: field('model name') ?? cpus()[0]?.model ?? 'unknown CPU',
    vectorExtensions: EXTENSIONS.filter(([flag]) => flags.has(flag)).map(([, name]) => name),
    cores: cpus().length,
    node: process.version,
    wasmSimdPeakGflops: await simdPeakGflops(),
    wasmRelaxedSimdPeakGflops: await simdPeakGflops(5, 20, 'relaxed'),
  };
}

/**
 * Floating-point operations of one training epoch of the recurrent layer: the matrix products a
 * BPTT must do (2 per multiply-add), the same count for every implementation. Forward: the input
 * projections of T steps, the recurrent products of T − 1 (h_0 = 0); backward: dW_ih over T steps,
 * dh_{t-1} and dW_hh over T − 1; no dx (the data needs none). Per window N·G·H·(2·T·I + 3·(T − 1)·H).
 */
export function epochFlops(cell: 'rnn' | 'lstm' | 'gru', hidden: number, seq: number, windows: number, features: number): number {
  const G = { rnn: 1, lstm: 4, gru: 3 }[cell];
  return 2 * windows * G * hidden * (2 * seq * features + 3 * (seq - 1) * hidden);
}
