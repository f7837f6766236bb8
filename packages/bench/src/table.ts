import type { Ratio, Result } from './config.js';
import type { Machine } from './machine.js';
import type { OnnxResult } from './onnx-throughput.js';

type Point = { cell: string; hidden: number; seq: number; batch: number; threads: number };

/** The results as a terminal table: rnnkit beside tf.layers on each backend and beside PyTorch, with the roofline. */
export function formatTable(results: Result[], ratios: Ratio[], onnx: OnnxResult[], env: Machine & { pytorch: string | null }): string {
  const same = (a: Point, b: Point) => a.cell === b.cell && a.hidden === b.hidden && a.seq === b.seq && a.batch === b.batch && a.threads === b.threads;
  const find = (r: Result, impl: Result['impl'], backend: Result['backend']) => results.find((o) => o.impl === impl && o.backend === backend && same(o, r));
  const ratio = (r: Result, against: Ratio['against']) => {
    const q = ratios.find((o) => o.against === against && o.backend === r.backend && o.simd === r.simd && same(o, r));
    return q ? `${q.median.toFixed(2)}× (${q.min.toFixed(2)}–${q.max.toFixed(2)})` : '–';
  };
  const pairs = ratios[0]?.pairs ?? 0;
  const cpu = ratios.find((o) => o.against !== 'rnnkit 1 thread')?.clock === 'cpu';
  const msOf = (r: Result) => (cpu && r.threads === 1 ? r.cpuMsPerEpoch : r.msPerEpoch); // more threads: wall time
  const rows = results.filter((r) => r.impl === 'rnnkit').map((r) => {
    const layers = find(r, 'tf.layers', r.backend);
    const torch = find(r, 'pytorch', 'torch');
    return [
      r.cell, String(r.hidden), String(r.seq), r.batch === r.windows ? 'full' : String(r.batch), String(r.threads), r.backend, r.simd,
      msOf(r).toFixed(2), r.gflops.toFixed(1), r.peakGflops?.toFixed(1) ?? '–',
      layers ? msOf(layers).toFixed(2) : '–', ratio(r, 'tf.layers'),
      torch ? msOf(torch).toFixed(2) : '–', torch ? torch.gflops.toFixed(1) : '–', ratio(r, 'pytorch'), ratio(r, 'rnnkit 1 thread'), r.peakRssMb.toFixed(0),
    ];
  });
  const head = ['cell', 'hidden', 'seq', 'batch', 'threads', 'backend', 'simd', 'rnnkit ms', 'GFLOP/s', 'peak', 'tf.layers ms', 'vs tf.layers', 'PyTorch ms', 'GFLOP/s', 'vs PyTorch', 'vs 1 thread', 'rnnkit MB'];
  const lines = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...lines.map((l) => l[j]!.length)));
  const fmt = (l: string[]) => l.map((c, j) => (j < 7 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  const out = [
    `${env.cpu}, ${env.cores} cores; vector extensions: ${env.vectorExtensions.join(' ') || 'none reported'}`,
    `Node ${env.node}${env.pytorch ? `, PyTorch ${env.pytorch}` : ''}; WebAssembly SIMD peak on one core (best of the run): f32x4 mul + add ${env.wasmSimdPeakGflops?.toFixed(1) ?? '–'}, relaxed_madd ${env.wasmRelaxedSimdPeakGflops?.toFixed(1) ?? '–'} GFLOP/s`,
    '',
    `Training, ${cpu ? 'process CPU ' : ''}ms per epoch (the tutorial's windows × 4 features at each seq, SGD): each implementation's median of ${pairs}`,
    `timed runs, interleaved with the others' (A B A B …); "vs" is the median of the ${pairs} per-pair ratios (min–max).`,
    fmt(head), ...rows.map(fmt),
    '',
    ...(cpu ? ['--clock cpu: one-thread times and ratios in process CPU time (the time each process had a core), not wall time; rows of more threads stay in wall time.'] : []),
    'ratio < 1 means rnnkit is faster. tf.layers = simpleRNN/lstm/gru + dense, model.fit on the same backend.',
    'threads: what PyTorch may use (torch.set_num_threads) and rnnkit (RNNKIT_THREADS: 2 splits the large products with a helper thread); tf.layers runs on one.',
    'vs 1 thread: rnnkit at the row\'s threads over rnnkit on one thread, wall time, each thread count timed in the same rounds.',
    "simd: rnnkit's build of kernels.wat (auto: the runtime's choice, relaxed wherever Relaxed SIMD runs, Node 20 included; relaxed: f32x4.relaxed_madd products; baseline: mul + add).",
    "GFLOP/s: the recurrent layer's matrix products a BPTT needs, 2·N·G·H·(2·T·I + 3·(T−1)·H) per epoch, over the time (the same",
    'count for every implementation). peak: the WebAssembly SIMD peak of one core (simd-peak.wat; relaxed_madd for rnnkit rows on the relaxed build), measured right after the row.',
  ];
  if (onnx.length) {
    out.push('', 'ONNX inference in onnxruntime-node (one thread), hidden 10:');
    for (const o of onnx) out.push(`  ${o.cell.padEnd(5)} batch ${String(o.batch).padStart(3)}: ${o.msPerRun.toFixed(3)} ms per run, ${Math.round(o.windowsPerSecond).toLocaleString('en-US')} windows/s`);
  }
  return out.join('\n');
}
