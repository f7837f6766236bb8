#!/usr/bin/env node
// Writes the synthetic forecasting suite as Yahoo-format CSVs, with each file's best achievable
// horizon-1 skill over the backtest's test rows (the last --folds × --test-size rows).
// Usage: node scripts/synthetic-suite.mjs [--out dir] [--rows 1500] [--seeds 1,2,3,4,5] [--folds 4] [--test-size 60]
// Needs packages/datasets built (pnpm exec turbo run build --filter=@rnnkit/datasets).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bestSkill, syntheticSeries, SYNTHETIC_KINDS, toYahooCsv } from '../packages/datasets/dist/index.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, rows: { type: 'string' }, seeds: { type: 'string' }, folds: { type: 'string' }, 'test-size': { type: 'string' } },
});
const out = values.out ?? 'synthetic-suite';
const rows = Number(values.rows ?? 1500);
const seeds = (values.seeds ?? '1,2,3,4,5').split(',').map(Number);
const tested = Number(values.folds ?? 4) * Number(values['test-size'] ?? 60);
mkdirSync(out, { recursive: true });
const truth = [];
for (const kind of SYNTHETIC_KINDS) {
  for (const seed of seeds) {
    const series = syntheticSeries({ kind, length: rows, seed });
    const file = join(out, `${kind}-${seed}.csv`);
    writeFileSync(file, toYahooCsv(series.table));
    const best = bestSkill(series, rows - tested, rows);
    truth.push({ file, kind, seed, rows, testRows: tested, bestSkill: best });
    process.stdout.write(`${file}\tbest skill ${best.toFixed(4)} over the last ${tested} rows\n`);
  }
}
writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
