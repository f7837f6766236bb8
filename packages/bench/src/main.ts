// pnpm bench [--json] [--quick] [--cells rnn,lstm,gru] [--hidden 10,32,128] [--seq-len 4,30,60] [--batch full,64]
//            [--threads 1,2] [--simd auto,baseline,relaxed] [--clock wall|cpu] [--backends wasm,cpu] [--pairs 7] [--no-tf-layers] [--no-pytorch] [--no-onnx]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Case, Ratio, Result } from './config.js';
import { FEATURES, SEQ, WINDOWS } from './config.js';
import { tutorialWindows } from './data.js';
import { describeMachine, epochFlops } from './machine.js';
import { onnxThroughput, type OnnxResult } from './onnx-throughput.js';
import { pytorchAvailable, pytorchVersion, startPytorchCase } from './run-pytorch-case.js';
import { startServer, type CaseServer } from './server.js';
import { simdPeakGflops } from './simd-peak.js';
import { formatTable } from './table.js';
import { median } from './timing.js';

const USAGE = 'Usage: pnpm bench [--json] [--quick] [--cells rnn,lstm,gru] [--hidden 10,32,128] [--seq-len 4,30,60] [--batch full,64] [--threads 1,2] [--simd auto,baseline,relaxed] [--clock wall|cpu] [--backends wasm,cpu] [--pairs 7] [--no-tf-layers] [--no-pytorch] [--no-onnx]\n';
const { values } = parseArgs({
  options: {
    json: { type: 'boolean' }, quick: { type: 'boolean' }, cells: { type: 'string' }, hidden: { type: 'string' },
    'seq-len': { type: 'string' }, batch: { type: 'string' }, threads: { type: 'string' }, simd: { type: 'string' }, clock: { type: 'string' }, backends: { type: 'string' },
    pairs: { type: 'string' }, 'no-tf-layers': { type: 'boolean' }, 'no-pytorch': { type: 'boolean' }, 'no-onnx': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const list = (text: string | undefined, fallback: string) => (text ?? fallback).split(',').map((s) => s.trim());
const positive = (flag: string, s: string) => {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`pnpm bench: --${flag} ${s} is not a whole number >= 1 (e.g. --${flag} ${flag === 'threads' ? '1,2' : flag === 'seq-len' ? '4,30,60' : '10,32'})\n`);
    process.exit(2);
  }
  return v;
};
const cells = list(values.cells, 'rnn,lstm,gru') as Case['cell'][];
const hiddens = list(values.hidden, values.quick ? '10,32' : '10,32,128').map((s) => positive('hidden', s));
const seqs = list(values['seq-len'], String(SEQ)).map((s) => positive('seq-len', s));
const batchList = list(values.batch, values.quick ? 'full' : 'full,64').map((b) => (b === 'full' ? Infinity : positive('batch', b)));
const threadCounts = list(values.threads, '1').map((s) => positive('threads', s));
const simds = list(values.simd, 'auto') as Case['simd'][];
for (const f of simds) {
  if (!['auto', 'baseline', 'relaxed'].includes(f)) {
    process.stderr.write(`pnpm bench: --simd ${f} is not auto, baseline or relaxed (e.g. --simd baseline,relaxed)\n`);
    process.exit(2);
  }
}
const clock = (values.clock ?? 'wall') as Ratio['clock'];
if (clock !== 'wall' && clock !== 'cpu') {
  process.stderr.write(`pnpm bench: --clock ${clock} is not wall or cpu (e.g. --clock cpu)\n`);
  process.exit(2);
}
const backends = list(values.backends, 'wasm,cpu') as ('wasm' | 'cpu')[];
const pairs = Math.max(5, Number(values.pairs ?? 7)); // at least 5 interleaved rounds
const RUN_MS = 250; // each timed run lasts about this long
const log = (s: string) => !values.json && process.stderr.write(`${s}\n`);

const machine = await describeMachine();
log(`${machine.cpu}, ${machine.cores} cores; ${machine.vectorExtensions.join(' ') || 'no vector extensions reported'}; WebAssembly SIMD peak ${machine.wasmSimdPeakGflops?.toFixed(1) ?? '–'} GFLOP/s (relaxed_madd ${machine.wasmRelaxedSimdPeakGflops?.toFixed(1) ?? '–'})`);
/** The threads rnnkit's kernels use at a row's count: one, or a helper thread for the large products (at most 2). */
const rnnkitThreads = (threads: number): number => Math.min(2, threads);

const caseScript = fileURLToPath(new URL('./case.js', import.meta.url));
const torch = !values['no-pytorch'] && pytorchAvailable();
if (!torch && !values['no-pytorch']) log('PyTorch is not importable by /usr/bin/python3: install Debian\'s python3-torch (apt-get install -y python3-torch) to compare with it.');

const results: Result[] = [];
const ratios: Ratio[] = [];
for (const cell of cells) {
  for (const hidden of hiddens) {
    for (const seq of seqs) {
      const windows = seq === SEQ ? WINDOWS : (await tutorialWindows(seq)).n;
      for (const batch of [...new Set(batchList.map((b) => Math.min(b, windows)))]) {
        await measure({ cell, hidden, seq, windows, batch }, threadCounts);
      }
    }
  }
}

/**
 * One grid point at every thread count: rnnkit, PyTorch and tf.layers interleaved for `pairs`
 * rounds (so rnnkit on two threads is timed in the same rounds as on one), then the roofline right after.
 */
async function measure(point: Pick<Case, 'cell' | 'hidden' | 'seq' | 'windows' | 'batch'>, threadList: number[]): Promise<void> {
  // The order of one round: each rnnkit run has PyTorch's run (or tf.layers') right next to it.
  const cases: Case[] = [];
  for (const threads of threadList) {
    const at = { ...point, threads };
    if (!values['no-tf-layers']) cases.push(...backends.map((backend) => ({ impl: 'tf.layers' as const, ...at, backend, simd: 'auto' as const })));
    backends.forEach((backend, i) => {
      simds.forEach((simd, j) => {
        cases.push({ impl: 'rnnkit', ...at, backend, simd });
        if (torch && i === 0 && j === 0) cases.push({ impl: 'pytorch', ...at, backend: 'torch', simd: 'auto' });
      });
    });
  }
  // Warm-ups one after the other (a waiting server takes no CPU), then `pairs` rounds.
  const servers: CaseServer[] = [];
  for (const c of cases) servers.push(c.impl === 'pytorch' ? await startPytorchCase(c) : await startNodeCase(c));
  const counts = servers.map((s) => Math.max(1, Math.min(500, Math.round(RUN_MS / s.estimateMs))));
  const runs: number[][] = cases.map(() => []), cpuRuns: number[][] = cases.map(() => []);
  for (let r = 0; r < pairs; r++) {
    for (let i = 0; i < cases.length; i++) {
      const { ms, cpuMs } = await servers[i]!.run(counts[i]!);
      runs[i]!.push(ms);
      cpuRuns[i]!.push(cpuMs);
    }
  }
  // The peak measured beside the rows, under the same load; one core's, times the threads the row may use.
  const core = await simdPeakGflops(3);
  if (core !== null) machine.wasmSimdPeakGflops = Math.max(machine.wasmSimdPeakGflops ?? 0, core);
  // rnnkit's relaxed build has its own roofline (one relaxed_madd per product)
  const relaxedCore = cases.some((c) => c.impl === 'rnnkit' && c.simd !== 'baseline') ? await simdPeakGflops(3, 20, 'relaxed') : null;
  if (relaxedCore !== null) machine.wasmRelaxedSimdPeakGflops = Math.max(machine.wasmRelaxedSimdPeakGflops ?? 0, relaxedCore);
  // one-thread rows in the clock asked for; rows of more threads in wall time (CPU time counts every thread's)
  const cpuClock = (c: Case) => clock === 'cpu' && c.threads === 1;
  const flops = epochFlops(point.cell, point.hidden, point.seq, point.windows, FEATURES); // every window once per epoch, whatever the batch
  const batchName = point.batch === point.windows ? 'full' : String(point.batch);
  for (let i = 0; i < cases.length; i++) {
    const ms = median(runs[i]!);
    const c = cases[i]!;
    const rowCore = c.impl === 'rnnkit' && c.simd !== 'baseline' ? (relaxedCore ?? core) : core;
    const peakGflops = rowCore === null ? null : rowCore * (c.impl === 'tf.layers' ? 1 : c.impl === 'rnnkit' ? rnnkitThreads(c.threads) : c.threads);
    const cpuMs = median(cpuRuns[i]!);
    const r: Result = { ...c, msPerEpoch: ms, gflops: flops / ((cpuClock(c) ? cpuMs : ms) * 1e6), peakGflops, peakRssMb: await servers[i]!.quit(), runs: runs[i]!, cpuRuns: cpuRuns[i]!, cpuMsPerEpoch: cpuMs };
    results.push(r);
    const shown = cpuClock(c) ? cpuMs : ms;
    log(`${r.impl.padEnd(9)}${r.impl === 'rnnkit' && simds.length > 1 ? ` (${r.simd})` : ''} ${point.cell} hidden ${point.hidden} seq ${point.seq} batch ${batchName} threads ${c.threads} ${r.backend}: ${shown.toFixed(2)} ms/epoch${shown === cpuMs ? ' (CPU)' : ''}, ${r.gflops.toFixed(1)} GFLOP/s (peak ${core?.toFixed(1) ?? '–'} per core)`);
  }
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    if (c.impl !== 'rnnkit') continue;
    for (let j = 0; j < cases.length; j++) {
      const o = cases[j]!;
      const one = o.impl === 'rnnkit' && c.threads > 1 && o.threads === 1 && o.backend === c.backend && o.simd === c.simd;
      if (!one && (o.threads !== c.threads || !(o.impl === 'pytorch' || (o.impl === 'tf.layers' && o.backend === c.backend)))) continue;
      const cpu = cpuClock(c);
      const t = cpu ? cpuRuns : runs;
      const each = t[i]!.map((v, k) => v / t[j]![k]!);
      ratios.push({ cell: point.cell, hidden: point.hidden, seq: point.seq, batch: point.batch, threads: c.threads, backend: c.backend as 'wasm' | 'cpu', simd: c.simd, against: one ? 'rnnkit 1 thread' : (o.impl as 'pytorch' | 'tf.layers'), clock: cpu ? 'cpu' : 'wall', median: median(each), min: Math.min(...each), max: Math.max(...each), pairs });
    }
  }
}
/** An rnnkit or tf.layers case in a Node child, with the V8 flag or environment its SIMD build needs. */
function startNodeCase(c: Case): Promise<CaseServer> {
  const env = { ...process.env };
  if (c.simd === 'baseline') env.RNNKIT_SIMD = 'baseline';
  else delete env.RNNKIT_SIMD;
  env.RNNKIT_THREADS = String(rnnkitThreads(c.threads));
  return startServer(process.execPath, [caseScript, JSON.stringify(c)], env); // auto and relaxed: the relaxed build wherever it runs
}

const onnx: OnnxResult[] = [];
if (!values['no-onnx']) for (const cell of cells) onnx.push(...(await onnxThroughput(cell, 10, [1, WINDOWS])));

const env = { ...machine, pytorch: torch ? pytorchVersion() : null };
if (values.json) process.stdout.write(`${JSON.stringify({ machine: env, training: results, ratios, onnx })}\n`);
else process.stdout.write(`\n${formatTable(results, ratios, onnx, env)}\n`);
