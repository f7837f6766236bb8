#!/usr/bin/env node
// Installs every @rnnkit package from its `pnpm pack` tarball into fresh projects outside the
// workspace and uses them as a user would: (1) a TypeScript consumer of the public API (bundled
// data, 5 epochs, ONNX export, verification in onnxruntime-node), with @rnnkit/datasets alone,
// @rnnkit/kernels alone, and without the optional onnxruntime-node as well; (2) the `rnnkit`
// command (train --epochs 5, then verify). Prints `N passed, M failed` and exits non-zero on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = ['packages/tensor', 'packages/kernels', 'packages/layers', 'packages/datasets', 'packages/onnx', 'packages/forecast', 'apps/cli'];
// onnxruntime-node's install script downloads CUDA files; its CPU binding ships in the package.
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_fund: 'false', npm_config_audit: 'false' };
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let passed = 0, failed = 0;
function check(name, fn) {
  try {
    const detail = fn();
    passed++;
    console.log(`PASS  ${name}${detail ? ` — ${detail}` : ''}`);
  } catch (err) {
    failed++;
    console.log(`FAIL  ${name} — ${(err.stderr || err.stdout || err.message || String(err)).toString().trim().split('\n').slice(-3).join(' | ')}`);
  }
}

const packs = mkdtempSync(join(tmpdir(), 'rnnkit-packs-'));
check('pnpm pack every package', () => {
  for (const p of packages) run('pnpm', ['pack', '--pack-destination', packs], join(root, p));
  return readdirSync(packs).join(', ');
});
const tarballs = readdirSync(packs).map((f) => join(packs, f));
const library = tarballs.filter((t) => !t.includes('rnnkit-cli-'));

const app = mkdtempSync(join(tmpdir(), 'rnnkit-consumer-'));
check('@rnnkit/datasets alone: no tfjs installed, bundled data read and scaled', () => {
  const solo = mkdtempSync(join(tmpdir(), 'rnnkit-datasets-only-'));
  writeFileSync(join(solo, 'package.json'), JSON.stringify({ name: 'datasets-only', private: true, type: 'module' }));
  run('npm', ['install', '--no-package-lock', tarballs.find((t) => t.includes('rnnkit-datasets-'))], solo);
  if (existsSync(join(solo, 'node_modules/@tensorflow'))) throw new Error('@rnnkit/datasets pulled in tfjs');
  writeFileSync(join(solo, 'scale.mjs'), `import { createScaler, loadBundledCsv, parseCsv, TUTORIAL_SPLIT } from '@rnnkit/datasets';
const columns = ['Open', 'High', 'Low', 'Close'];
const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns });
const train = table.values.filter((_, i) => table.dates[i] >= TUTORIAL_SPLIT.train.from && table.dates[i] <= TUTORIAL_SPLIT.train.to);
const { min, max } = createScaler('minmax', columns).fit(train).toJSON();
console.log(train.length + ' training rows, Close ' + min[3] + '..' + max[3]);
if (train.length !== 689 || min[3] !== 49900 || max[3] !== 91000) process.exit(1);
`);
  return run('node', ['scale.mjs'], solo).trim();
});

check('@rnnkit/kernels alone: nothing else installed, one LSTM layer forward and backward', () => {
  const solo = mkdtempSync(join(tmpdir(), 'rnnkit-kernels-only-'));
  writeFileSync(join(solo, 'package.json'), JSON.stringify({ name: 'kernels-only', private: true, type: 'module' }));
  run('npm', ['install', '--no-package-lock', tarballs.find((t) => t.includes('rnnkit-kernels-'))], solo);
  const installed = readdirSync(join(solo, 'node_modules')).filter((n) => !n.startsWith('.'));
  if (installed.join() !== '@rnnkit' || readdirSync(join(solo, 'node_modules/@rnnkit')).join() !== 'kernels') throw new Error(`@rnnkit/kernels pulled in ${installed.join(', ')}`);
  writeFileSync(join(solo, 'lstm.mjs'), `import { createKernels, lstmLayer } from '@rnnkit/kernels';
const kernels = createKernels();
const d = { T: 4, B: 8, I: 3, H: 16 };
const w = { wIh: new Float32Array(64 * 3).fill(0.1), wHh: new Float32Array(64 * 16).fill(0.05), bIh: null, bHh: null };
const run = lstmLayer(kernels, d, new Float32Array(4 * 8 * 3).fill(1), w);
const g = run.backward(new Float32Array(4 * 8 * 16).fill(1), true);
console.log(kernels.flavour + ': h = ' + run.out[0].toFixed(6) + ', dW_hh[0] = ' + g.dWHh[0].toFixed(6));
if (!kernels.simd || !(run.out[0] > 0) || !(g.dWHh[0] > 0)) process.exit(1);
`);
  return run('node', ['lstm.mjs'], solo).trim();
});

check('npm install the library tarballs into a fresh TypeScript project (tfjs-core arrives as their peer, not the full tfjs)', () => {
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-package-lock', ...library, 'typescript@5.9.3', '@types/node@20.19.43'], app);
  if (!existsSync(join(app, 'node_modules/@tensorflow/tfjs-core/package.json'))) throw new Error('the tfjs-core peer was not installed');
  if (existsSync(join(app, 'node_modules/@tensorflow/tfjs/package.json'))) throw new Error('the full @tensorflow/tfjs bundle was installed');
  return '';
});
check('without the optional onnxruntime-node, verifyOnnx says what to install', () => {
  if (existsSync(join(app, 'node_modules/onnxruntime-node'))) throw new Error('onnxruntime-node was installed without being asked for');
  writeFileSync(join(app, 'no-ort.mjs'), `import { verifyOnnx } from '@rnnkit/onnx/node';
await verifyOnnx(new Uint8Array(), new Float32Array(), [0], []).then(() => process.exit(1), (e) => console.log(e.message));
`);
  const message = run('node', ['no-ort.mjs'], app).trim();
  if (!message.includes('npm install onnxruntime-node')) throw new Error(message);
  run('npm', ['install', '--no-package-lock', 'onnxruntime-node@1.30.0'], app);
  return message;
});
check('a TypeScript consumer type-checks and runs: bundled data, 5 epochs, ONNX export, onnxruntime-node', () => {
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], outDir: 'out' }, include: ['consumer.ts'] }));
  writeFileSync(join(app, 'consumer.ts'), `import { Rng, SGD, useBackend } from '@rnnkit/tensor';
import { fit, SequenceRegressor } from '@rnnkit/layers';
import { loadBundledCsv, parseCsv } from '@rnnkit/datasets';
import { prepareRun, seriesOf } from '@rnnkit/forecast';
import { exportOnnx } from '@rnnkit/onnx';
import { verifyOnnx } from '@rnnkit/onnx/node';

await useBackend();
const features = ['Open', 'High', 'Low', 'Close'];
const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns: features });
const { encoding, train, test } = prepareRun(seriesOf(table, features, 'Close'), {
  seqLength: 4, horizon: 1, scaler: 'minmax', targetTransform: 'none',
  split: { train: { from: '2020-06-11', to: '2023-03-23' }, test: { from: '2023-04-01', to: '2023-07-01' } },
});
const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 10, rng: new Rng(0) });
const losses: number[] = await fit(model, { x: train.x, y: train.y, n: train.n, seqLength: 4, features: 4 }, { epochs: 5, optimizer: new SGD(model.parameters(), 0.005) });
const bytes: Uint8Array = exportOnnx(model, { metadata: { features, target: 'Close', seqLength: 4, scaler: encoding.scaler.toJSON() } });
const report = await verifyOnnx(bytes, test.x, [4, test.n, 4], model.predict(test.x, test.n));
console.log(JSON.stringify({ losses: losses.length, maxAbs: report.maxAbs }));
if (!(report.maxAbs < 1e-5) || losses.length !== 5) process.exit(1);
`);
  run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
  return run('node', ['out/consumer.js'], app).trim();
});
check("each library README's example, as shipped in its tarball, type-checks and runs", () => {
  const names = ['tensor', 'kernels', 'layers', 'datasets', 'onnx', 'forecast'];
  for (const name of names) {
    const readme = readFileSync(join(app, 'node_modules/@rnnkit', name, 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    if (!code) throw new Error(`@rnnkit/${name}'s README has no \`\`\`ts example`);
    writeFileSync(join(app, `readme-${name}.ts`), code);
  }
  writeFileSync(join(app, 'tsconfig.readme.json'), JSON.stringify({ extends: './tsconfig.json', include: ['readme-*.ts'] }));
  run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.readme.json'], app);
  for (const name of names) run('node', [`out/readme-${name}.js`], app);
  return names.map((n) => `@rnnkit/${n}`).join(', ');
});

// The CLI with its sibling tarballs (the @rnnkit dependencies are not on the registry yet).
const prefix = mkdtempSync(join(tmpdir(), 'rnnkit-global-'));
check('npm install -g the CLI tarball (with its @rnnkit tarballs) into a temporary prefix', () => {
  run('npm', ['install', '--global', '--prefix', prefix, ...tarballs], prefix);
  return '';
});
const bin = join(prefix, 'bin', 'rnnkit');
const work = mkdtempSync(join(tmpdir(), 'rnnkit-cli-run-'));
check('rnnkit train --epochs 5 from the global install', () => run(bin, ['train', '--epochs', '5', '--out', 'run', '--quiet'], work).trim().split('\n').at(-1));
check('rnnkit verify of the run\'s model.onnx from the global install', () => run(bin, ['verify', '--model', 'run/model.onnx', '--run', 'run'], work).trim().split('\n').at(-1));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
