import { WINDOWS, type Ratio, type Result } from './config.js';
import type { Machine } from './machine.js';
import type { OnnxResult } from './onnx-throughput.js';

/** The results as a terminal table: rnnkit beside tf.layers on each backend and beside PyTorch. */
export function formatTable(results: Result[], ratios: Ratio[], onnx: OnnxResult[], env: Machine & { pytorch: string | null }): string {
  const same = (a: { cell: string; hidden: number; batch: number }, b: typeof a) => a.cell === b.cell && a.hidden === b.hidden && a.batch === b.batch;
  const find = (r: Result, impl: Result['impl'], backend: Result['backend']) => results.find((o) => o.impl === impl && o.backend === backend && same(o, r));
  const ratio = (r: Result, against: Ratio['against']) => {
    const q = ratios.find((o) => o.against === against && o.backend === r.backend && same(o, r));
    return q ? `${q.median.toFixed(2)}× (${q.min.toFixed(2)}–${q.max.toFixed(2)})` : '–';
  };
  const pairs = ratios[0]?.pairs ?? 0;
  const rows = results.filter((r) => r.impl === 'rnnkit').map((r) => {
    const layers = find(r, 'tf.layers', r.backend);
    const torch = find(r, 'pytorch', 'torch');
    return [
      r.cell, String(r.hidden), r.batch === WINDOWS ? 'full' : String(r.batch), r.backend,
      r.msPerEpoch.toFixed(2), r.gflops.toFixed(2),
      layers ? layers.msPerEpoch.toFixed(2) : '–', ratio(r, 'tf.layers'),
      torch ? torch.msPerEpoch.toFixed(2) : '–', torch ? torch.gflops.toFixed(2) : '–', ratio(r, 'pytorch'), r.peakRssMb.toFixed(0),
    ];
  });
  const head = ['cell', 'hidden', 'batch', 'backend', 'rnnkit ms', 'GFLOP/s', 'tf.layers ms', 'vs tf.layers', 'PyTorch ms', 'GFLOP/s', 'vs PyTorch', 'rnnkit MB'];
  const lines = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...lines.map((l) => l[j]!.length)));
  const fmt = (l: string[]) => l.map((c, j) => (j < 4 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  const out = [
    `${env.cpu}, ${env.cores} cores; vector extensions: ${env.vectorExtensions.join(' ') || 'none reported'}`,
    `Node ${env.node}${env.pytorch ? `, PyTorch ${env.pytorch}` : ''}; WebAssembly SIMD peak on one core (f32x4 mul + add): ${env.wasmSimdPeakGflops?.toFixed(1) ?? '–'} GFLOP/s`,
    '',
    `Training, ms per epoch (one thread each; the tutorial's 685 windows × 4 days × 4 features, SGD): each implementation's median`,
    `of ${pairs} timed runs, interleaved with the others' (A B A B …); "vs" is the median of the ${pairs} per-pair ratios (min–max).`,
    fmt(head), ...rows.map(fmt),
    '',
    'ratio < 1 means rnnkit is faster. tf.layers = simpleRNN/lstm/gru + dense, model.fit on the same backend.',
    'GFLOP/s: the recurrent layer\'s matrix products per epoch (forward and BPTT, 6·T·N·G·H·(I+H)) over the time.',
  ];
  if (onnx.length) {
    out.push('', 'ONNX inference in onnxruntime-node (one thread), hidden 10:');
    for (const o of onnx) out.push(`  ${o.cell.padEnd(5)} batch ${String(o.batch).padStart(3)}: ${o.msPerRun.toFixed(3)} ms per run, ${Math.round(o.windowsPerSecond).toLocaleString('en-US')} windows/s`);
  }
  return out.join('\n');
}
