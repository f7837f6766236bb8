import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CSV, pythonHas, readJson, rnnkit, tempDir, type RunResult } from '../test-utils.js';

const dir = tempDir();
const run = join(dir, 'run');
const otherRun = join(dir, 'other');
const torchFixture = new URL('../../../../packages/onnx/src/fixtures/torch-rnn.onnx', import.meta.url).pathname;

beforeAll(async () => {
  const results = await Promise.all([
    rnnkit(['train', '--quiet', '--out', run]),
    rnnkit(['train', '--quiet', '--epochs', '5', '--seed', '3', '--out', otherRun]),
  ]);
  expect(results.map((r) => r.code)).toEqual([0, 0]);
}, 60_000);

describe('rnnkit train writes ONNX models', () => {
  for (const file of ['model.onnx', 'model.with-scaler.onnx']) {
    it(`${file} matches rnnkit on the run's test windows in onnxruntime-node`, async () => {
      const r = await rnnkit(['verify', '--model', join(run, file), '--run', run, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ n: 57, ok: true, withScaler: file.includes('scaler') });
      expect(report.maxAbsScaled).toBeLessThan(1e-5);
    });
  }

  const hasPythonOnnx = pythonHas('onnx', 'numpy');
  it.runIf(hasPythonOnnx)('model.onnx read by the onnx Python package and run in float64 numpy gives predictions.csv', () => {
    const script = new URL('../../../../scripts/check_onnx_weights.py', import.meta.url).pathname;
    const out = execFileSync('/usr/bin/python3', [script, run]).toString();
    expect(out).toMatch(/^57 windows, 57 predictions in predictions\.csv; max relative difference/);
  });
});

describe('rnnkit export', () => {
  const variants = ['op', 'unrolled'].flatMap((style) => ['14', '22'].flatMap((opset) => [false, true].map((scaler) => ({ style, opset, scaler }))));
  for (const { style, opset, scaler } of variants) {
    it(`--style ${style} --opset ${opset}${scaler ? ' --with-scaler' : ''} verifies against the run`, async () => {
      const file = join(dir, `m-${style}-${opset}-${scaler}.onnx`);
      const e = await rnnkit(['export', '--run', run, '--out', file, '--style', style, '--opset', opset, ...(scaler ? ['--with-scaler'] : [])]);
      expect(e.code).toBe(0);
      expect(e.stdout).toMatch(new RegExp(`^wrote .* \\(\\d+ bytes, ${style} style, opset ${opset}`));
      const v = await rnnkit(['verify', '--model', file, '--run', run, '--json']);
      expect(v.code).toBe(0);
      expect(JSON.parse(v.stdout).maxAbsScaled).toBeLessThan(1e-5);
    });
  }

  it('refuses a bad opset, a missing run, and leaves no file behind', async () => {
    const file = join(dir, 'never.onnx');
    const bad = await rnnkit(['export', '--run', run, '--out', file, '--opset', '13']);
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'rnnkit export: --opset must be between 14 and 22, got 13; see rnnkit export --help']);
    const missing = await rnnkit(['export', '--run', join(dir, 'nope'), '--out', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\/metrics\.json: cannot read the run \(no such file\)/);
    expect(existsSync(file)).toBe(false);
  });

  it('--with-scaler of a run that learned changes decodes them in the graph; any refusal of @rnnkit/onnx is one line, exit 2, no file', async () => {
    const file = join(dir, 'refused.onnx');
    const diff = join(dir, 'run-diff');
    expect((await rnnkit(['train', '--target-transform', 'diff', '--epochs', '1', '--quiet', '--out', diff])).code).toBe(0);
    const decoded = join(dir, 'diff-with-scaler.onnx');
    const r = await rnnkit(['export', '--run', diff, '--with-scaler', '--out', decoded]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const v = await rnnkit(['verify', '--model', decoded, '--run', diff, '--json']);
    expect([v.code, JSON.parse(v.stdout).ok]).toEqual([0, true]);
    const [plain, raw] = await Promise.all([join(diff, 'model.onnx'), decoded].map(async (m) => JSON.parse((await rnnkit(['predict', '--model', m, '--json'])).stdout).prediction as number));
    expect(Math.abs(raw! - plain!)).toBeLessThan(0.05);
    // A scaler.json edited by hand: exportOnnx throws an OnnxError, which must not be an internal error.
    const edited = join(dir, 'run-edited-scaler');
    cpSync(run, edited, { recursive: true });
    writeFileSync(join(edited, 'scaler.json'), JSON.stringify({ ...readJson(join(run, 'scaler.json')), columns: ['Open', 'High', 'Low', 'Shut'] }));
    const o = await rnnkit(['export', '--run', edited, '--with-scaler', '--out', file]);
    expect([o.code, o.stderr]).toEqual([2, 'rnnkit export: the scaler has no column "Close"; it was fitted on Open, High, Low, Shut\n']);
    expect(existsSync(file)).toBe(false);
  }, 60_000); // seven CLI runs
});

describe('rnnkit verify', () => {
  it('verifies LSTM and GRU runs exported as ONNX LSTM and GRU nodes, and unrolled into a folder that did not exist', async () => {
    for (const cell of ['lstm', 'gru']) {
      const out = join(dir, `run-${cell}`);
      expect((await rnnkit(['train', '--cell', cell, '--epochs', '3', '--quiet', '--out', out])).code).toBe(0);
      const r = await rnnkit(['verify', '--model', join(out, 'model.with-scaler.onnx'), '--run', out, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).maxAbsScaled).toBeLessThan(1e-5);
      const info = JSON.parse((await rnnkit(['inspect', join(out, 'model.onnx'), '--json'])).stdout);
      expect(info.nodes[0].op).toBe(cell.toUpperCase());
      const unrolled = join(dir, 'new', cell, 'unrolled.onnx');
      const e = await rnnkit(['export', '--run', out, '--style', 'unrolled', '--out', unrolled]);
      expect([e.code, e.stderr]).toEqual([0, '']);
      const u = await rnnkit(['verify', '--model', unrolled, '--run', out, '--json']);
      expect(u.code).toBe(0);
      expect(JSON.parse(u.stdout).maxAbs).toBeLessThan(1e-5);
      const ops = JSON.parse((await rnnkit(['inspect', unrolled, '--json'])).stdout).nodes.map((n: { op: string }) => n.op);
      expect(ops).not.toContain(cell.toUpperCase());
    }
  }, 120_000); // twelve CLI runs

  it('says in one line that a model and a run of different shapes cannot be compared (exit 2)', async () => {
    const other = join(dir, 'run-gru-32x2');
    expect((await rnnkit(['train', '--cell', 'gru', '--hidden', '32', '--layers', '2', '--epochs', '1', '--quiet', '--out', other])).code).toBe(0);
    const r = await rnnkit(['verify', '--model', join(other, 'model.onnx'), '--run', run]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rnnkit verify: ${join(other, 'model.onnx')}: is GRU 4→32→1 × 2 layers but run ${run} is RNN 4→10→1 × 1 layer; verify a model exported from this run, or pass its own run folder\n`);
  });

  it('verifies a torch.onnx.export file across runtimes on seeded inputs (no --run: verify-any.test.ts)', async () => {
    const r = await rnnkit(['verify', '--model', torchFixture]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ran +rnnkit reference \(float64\), onnxruntime-node 1\.30\.0, onnxruntime-web 1\.30\.0\n[\s\S]*\nOK: every value within atol 1e-5 \+ rtol 1e-4/);
  });

  it('fails with exit 1 when the weights differ', async () => {
    const r = await rnnkit(['verify', '--model', join(run, 'model.onnx'), '--run', otherRun]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED');
  });
});

describe('rnnkit predict', () => {
  it('predicts the next close from the file and the data alone, same with or without the scaler inside', async () => {
    const [plain, scaled] = (await Promise.all(['model.onnx', 'model.with-scaler.onnx'].map((f) => rnnkit(['predict', '--model', join(run, f), '--json'])))) as [RunResult, RunResult];
    expect([plain.code, scaled.code]).toEqual([0, 0]);
    const a = JSON.parse(plain.stdout), b = JSON.parse(scaled.stdout);
    expect(a).toMatchObject({ target: 'Close', window: { from: '2024-11-05', to: '2024-11-08' }, lastValue: 57000 });
    expect(Math.abs(a.prediction - b.prediction)).toBeLessThan(0.05);

    // The same forecast from weights.json and scaler.json, by the tutorial's equations in float64.
    const w = readJson(join(run, 'weights.json'));
    const s = readJson(join(run, 'scaler.json'));
    const rows = readFileSync(BUNDLED_CSV, 'utf8').trim().split('\n').slice(-4).map((l) => l.split(',').slice(1, 5).map(Number));
    let h = new Array(10).fill(0);
    for (const row of rows) {
      const x = row.map((v, j) => (v - s.min[j]) / (s.max[j] - s.min[j]));
      h = w['w_x.weight'].map((wr: number[], i: number) => Math.tanh(wr.reduce((acc, v, j) => acc + v * x[j]!, 0) + w['w_h.weight'][i].reduce((acc: number, v: number, j: number) => acc + v * h[j], 0)));
    }
    const y = w['w_y.weight'][0].reduce((acc: number, v: number, j: number) => acc + v * h[j], w['w_y.bias'][0]);
    const price = y * (s.max[3] - s.min[3]) + s.min[3];
    expect(Math.abs(a.prediction - price) / price).toBeLessThan(1e-5);
  });

  it('reads another CSV and says so on a terminal', async () => {
    const csv = join(dir, 'short.csv');
    writeFileSync(csv, readFileSync(BUNDLED_CSV, 'utf8').split('\n').slice(0, 30).join('\n'));
    const r = await rnnkit(['predict', '--model', join(run, 'model.onnx'), '--data', csv]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Close on the trading day after 2009-12-17: [\d,.]+ \([+-][\d.]+% vs the last Close 15,300/);
  });

  it('refuses a model without rnnkit metadata', async () => {
    const r = await rnnkit(['predict', '--model', torchFixture]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/torch-rnn\.onnx: has no rnnkit metadata/);
  });
});

describe('rnnkit inspect', () => {
  it('shows versions, signature, nodes, initializers and metadata', async () => {
    const r = await rnnkit(['inspect', join(run, 'model.onnx'), '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ irVersion: 7, opsets: [{ domain: 'ai.onnx', version: 14 }], producer: 'rnnkit 0.1.0' });
    expect(info.inputs).toEqual([{ name: 'input', dims: ['seq', 'batch', 4] }]);
    expect(info.initializers.map((t: { name: string }) => t.name)).toContain('rnn.W');
    const text = await rnnkit(['inspect', torchFixture]);
    expect(text.stdout).toMatch(/producer {3}pytorch/);
    expect(text.stdout).toMatch(/^ {2}RNN {14}input, /m); // the op column is as wide as ConstantOfShape + 2
    expect(text.stdout).toMatch(/^ {2}ConstantOfShape {2}\/rnn\/Concat_output_0/m);
  });

  it('ends no output line in a space (rnnkit files with metadata, a PyTorch file without)', async () => {
    for (const file of [join(run, 'model.onnx'), join(run, 'model.with-scaler.onnx'), torchFixture]) {
      const r = await rnnkit(['inspect', file]);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((line) => line.endsWith(' '))).toEqual([]);
    }
  });
});

describe('corrupt, truncated and empty model files: one line, exit 2', () => {
  const good = readFileSync(torchFixture);
  const files: [string, Uint8Array][] = [
    ['empty.onnx', new Uint8Array()],
    ['truncated.onnx', good.subarray(0, 700)],
    ['garbage.onnx', Uint8Array.from({ length: 500 }, (_, i) => (i * 7919) % 251)],
  ];
  for (const [name, bytes] of files) {
    for (const command of [['verify', '--model'], ['predict', '--model'], ['inspect']]) {
      it(`${command[0]} ${name}`, async () => {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const r = await rnnkit([...command, path]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(`${name}: `);
      });
    }
  }
});
