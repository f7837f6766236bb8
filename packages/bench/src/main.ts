// pnpm bench [--json] [--quick] [--cells rnn,lstm,gru] [--hidden 10,32,128] [--batch full,64]
//            [--backends wasm,cpu] [--no-pytorch] [--no-onnx]
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Case, Result } from './config.js';
import { WINDOWS } from './config.js';
import { onnxThroughput, type OnnxResult } from './onnx-throughput.js';
import { pytorchCase, pytorchAvailable } from './run-pytorch-case.js';
import { formatTable } from './table.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' }, quick: { type: 'boolean' }, cells: { type: 'string' }, hidden: { type: 'string' },
    batch: { type: 'string' }, backends: { type: 'string' }, 'no-pytorch': { type: 'boolean' }, 'no-onnx': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('Usage: pnpm bench [--json] [--quick] [--cells rnn,lstm,gru] [--hidden 10,32,128] [--batch full,64] [--backends wasm,cpu] [--no-pytorch] [--no-onnx]\n');
  process.exit(0);
}
const list = (text: string | undefined, fallback: string) => (text ?? fallback).split(',').map((s) => s.trim());
const cells = list(values.cells, 'rnn,lstm,gru') as Case['cell'][];
const hiddens = list(values.hidden, values.quick ? '10,32' : '10,32,128').map(Number);
const batches = list(values.batch, values.quick ? 'full' : 'full,64').map((b) => (b === 'full' ? WINDOWS : Number(b)));
const backends = list(values.backends, 'wasm,cpu') as ('wasm' | 'cpu')[];
const log = (s: string) => !values.json && process.stderr.write(`${s}\n`);

const caseScript = fileURLToPath(new URL('./case.js', import.meta.url));
const runCase = (c: Case) =>
  new Promise<Result>((resolve, reject) =>
    execFile(process.execPath, [caseScript, JSON.stringify(c)], { maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Result))),
  );

const results: Result[] = [];
const torch = !values['no-pytorch'] && pytorchAvailable();
if (!torch && !values['no-pytorch']) log('PyTorch is not importable by /usr/bin/python3: install Debian\'s python3-torch (apt-get install -y python3-torch) to compare with it.');
for (const cell of cells) {
  for (const hidden of hiddens) {
    for (const batch of batches) {
      const cases: Case[] = backends.flatMap((backend) => (['rnnkit', 'tf.layers'] as const).map((impl) => ({ impl, cell, hidden, batch, backend })));
      if (torch) cases.push({ impl: 'pytorch', cell, hidden, batch, backend: 'torch' });
      for (const c of cases) {
        const r = c.impl === 'pytorch' ? await pytorchCase(c) : await runCase(c);
        results.push(r);
        log(`${c.impl.padEnd(9)} ${c.cell} hidden ${c.hidden} batch ${c.batch === WINDOWS ? 'full' : c.batch} ${c.backend}: ${r.msPerEpoch.toFixed(2)} ms/epoch`);
      }
    }
  }
}
const onnx: OnnxResult[] = [];
if (!values['no-onnx']) for (const cell of cells) onnx.push(...(await onnxThroughput(cell, 10, [1, WINDOWS])));

if (values.json) {
  process.stdout.write(`${JSON.stringify([...results, ...onnx])}\n`);
} else {
  const cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).toString().trim();
  process.stdout.write(`\n${formatTable(results, onnx, { cpu, node: process.version })}\n`);
}
