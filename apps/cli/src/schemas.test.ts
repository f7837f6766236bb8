import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { BIN, readJson, rnnkit, tempDir } from './test-utils.js';
import { walkCsv } from './test-utils/walk-csv.js';

// Every file a command writes, and each --json output, checked against the JSON Schemas that
// @rnnkit/forecast ships (schemas/*.schema.json): a field removed or renamed fails here.
const SCHEMAS = new URL('../../../packages/forecast/schemas/', import.meta.url).pathname;
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const name of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')), name);
const check = (schema: string, value: unknown) => {
  const validate = ajv.getSchema(`${schema}.schema.json`)!;
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
};
const fails = (schema: string, value: unknown) => expect(ajv.getSchema(`${schema}.schema.json`)!(value)).toBe(false);

const dir = tempDir();
const csv = join(dir, 'walk.csv');
writeFileSync(csv, walkCsv(300, 9));

describe('the JSON Schemas hold for what the commands write and print', () => {
  it('train: metrics.json, weights.json, --json, the model.onnx metadata (inspect --json) and predict --json', async () => {
    const out = join(dir, 'run');
    const r = await rnnkit(['train', '--data', csv, '--epochs', '3', '--out', out, '--json']);
    expect(r.code).toBe(0);
    check('train-json', JSON.parse(r.stdout));
    const metrics = readJson(join(out, 'metrics.json'));
    check('metrics', metrics);
    check('weights', readJson(join(out, 'weights.json')));
    check('onnx-metadata', JSON.parse((await rnnkit(['inspect', join(out, 'model.onnx'), '--json'])).stdout).metadata);
    const p = await rnnkit(['predict', '--model', join(out, 'model.onnx'), '--data', csv, '--json']);
    expect(p.code).toBe(0);
    check('predict-json', JSON.parse(p.stdout));
    // A promised field removed or renamed fails.
    const { mse: _m, ...noMse } = metrics.test;
    fails('metrics', { ...metrics, test: noMse });
    const { horizons: _h, ...noHorizons } = metrics;
    fails('metrics', noHorizons);
  });

  it('train --recipe forecast: the raw-price graph\'s metadata (model.with-scaler.onnx, rnnkit.rawInput)', async () => {
    const out = join(dir, 'forecast');
    expect((await rnnkit(['train', '--recipe', 'forecast', '--data', csv, '--epochs', '2', '--quiet', '--out', out])).code).toBe(0);
    const metadata = JSON.parse((await rnnkit(['inspect', join(out, 'model.with-scaler.onnx'), '--json'])).stdout).metadata;
    check('onnx-metadata', metadata);
    expect(JSON.parse(metadata['rnnkit.rawInput'])).toMatchObject({ prices: { name: 'prices', rows: 203 }, lookback: 199 });
    fails('onnx-metadata', { ...metadata, 'rnnkit.rawInput': { prices: 'not a JSON text' } });
  }, 30_000);

  it('train: checkpoint.json of a run killed part-way', async () => {
    const out = join(dir, 'killed');
    const child = spawn(process.execPath, [BIN, 'train', '--data', csv, '--epochs', '5000', '--checkpoint-every', '2', '--quiet', '--out', out], { stdio: 'ignore' });
    while (!existsSync(join(out, 'checkpoint.json'))) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    check('checkpoint', readJson(join(out, 'checkpoint.json')));
  });

  it('backtest: backtest.json and --json (with --init too); compare --json', async () => {
    const out = join(dir, 'bt');
    const r = await rnnkit(['backtest', '--data', csv, '--epochs', '2', '--folds', '2', '--test-size', '30', '--out', out, '--json']);
    expect(r.code).toBe(0);
    check('backtest', JSON.parse(r.stdout));
    check('backtest', readJson(join(out, 'backtest.json')));
    const init = await rnnkit(['backtest', '--data', csv, '--init', join(dir, 'run', 'model.onnx'), '--epochs', '0', '--folds', '2', '--test-size', '30', '--out', join(dir, 'bt-init'), '--json']);
    expect(init.code).toBe(0);
    check('backtest', JSON.parse(init.stdout));
    const c = await rnnkit(['compare', '--data', csv, '--cells', 'rnn', '--seeds', '1', '--epochs', '2', '--json']);
    expect(c.code).toBe(0);
    check('compare-json', JSON.parse(c.stdout));
  });

  it('sweep: every line of trials.jsonl, summary.json and --json', async () => {
    const grid = join(dir, 'grid.json');
    writeFileSync(grid, JSON.stringify({ base: { data: 'walk.csv', epochs: 2, folds: 2, 'test-size': 30 }, grid: { hidden: [4, 8] } }));
    const out = join(dir, 'sweep');
    const r = await rnnkit(['sweep', '--grid', grid, '--out', out, '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    check('summary', JSON.parse(r.stdout));
    check('summary', readJson(join(out, 'summary.json')));
    const lines = readFileSync(join(out, 'trials.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) check('trial-line', JSON.parse(line));
  });
});
