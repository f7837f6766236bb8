import { WINDOWS, type Result } from './config.js';
import type { OnnxResult } from './onnx-throughput.js';

/** The results as a terminal table: rnnkit beside tf.layers on each backend and beside PyTorch. */
export function formatTable(results: Result[], onnx: OnnxResult[], env: { cpu: string; node: string }): string {
  const find = (r: Result, impl: Result['impl'], backend: Result['backend']) =>
    results.find((o) => o.impl === impl && o.backend === backend && o.cell === r.cell && o.hidden === r.hidden && o.batch === r.batch);
  const rows = results.filter((r) => r.impl === 'rnnkit').map((r) => {
    const layers = find(r, 'tf.layers', r.backend);
    const torch = find(r, 'pytorch', 'torch');
    return [
      r.cell, String(r.hidden), r.batch === WINDOWS ? 'full' : String(r.batch), r.backend,
      r.msPerEpoch.toFixed(2), layers ? layers.msPerEpoch.toFixed(2) : '–', layers ? `${(r.msPerEpoch / layers.msPerEpoch).toFixed(2)}×` : '–',
      torch ? torch.msPerEpoch.toFixed(2) : '–', torch ? `${(r.msPerEpoch / torch.msPerEpoch).toFixed(2)}×` : '–', r.peakRssMb.toFixed(0),
    ];
  });
  const head = ['cell', 'hidden', 'batch', 'backend', 'rnnkit ms', 'tf.layers ms', 'vs tf.layers', 'PyTorch ms', 'vs PyTorch', 'rnnkit MB'];
  const lines = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...lines.map((l) => l[j]!.length)));
  const fmt = (l: string[]) => l.map((c, j) => (j < 4 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  const out = [
    `Training, ms per epoch (median of 5 timed runs after a warm-up; one thread; the tutorial's 685 windows × 4 days × 4 features, SGD):`,
    fmt(head), ...rows.map(fmt),
    '',
    'ratio < 1 means rnnkit is faster. tf.layers = simpleRNN/lstm/gru + dense, model.fit on the same backend.',
  ];
  if (onnx.length) {
    out.push('', 'ONNX inference in onnxruntime-node (one thread), hidden 10:');
    for (const o of onnx) out.push(`  ${o.cell.padEnd(5)} batch ${String(o.batch).padStart(3)}: ${o.msPerRun.toFixed(3)} ms per run, ${Math.round(o.windowsPerSecond).toLocaleString('en-US')} windows/s`);
  }
  out.push('', `${env.cpu}, Node ${env.node}`);
  return out.join('\n');
}
