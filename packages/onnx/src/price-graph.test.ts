import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledCsv, parseCsv } from '@rnnkit/datasets';
import {
  INPUT_TRANSFORMS, movingAverageDays, decodeOutputs, inputNames, lookback, prepareRun, priceWindowsAt, seriesOf,
  type CalendarFeature, type InputTransform, type Series, type TargetTransform, type WindowSpec,
} from '@rnnkit/forecast';
import { SequenceRegressor } from '@rnnkit/layers';
import { Rng, useBackend } from '@rnnkit/tensor';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { inspectOnnx } from './inspect-onnx.js';
import { pythonHas } from '../../../test-utils/python.js';
import { readMetadata } from './metadata.js';
import { decodeModel } from './decode-model.js';
import { movingAverageDaysOf } from './price-graph.js';
import { runReference } from './reference/index.js';
import { runOnnx } from './run-onnx.js';

// Training ends before, and the test windows run through, the 2018 halt (Open/High/Low 0 on 2018-04-30..05-03):
// windows with a 0 mid-window and as their first row.
const SPLIT = { train: { from: '2017-01-01', to: '2018-03-31' }, test: { from: '2018-04-01', to: '2018-06-30' } };
const HORIZON = 2;

let bundled: string;
beforeAll(async () => {
  await useBackend();
  bundled = await loadBundledCsv();
});

/** The series of `features` → `target`; Open and High have the halt's zeros; Close as target is not a feature of ['Open', 'High']. */
function seriesFor(features: string[], target: string): Series {
  return seriesOf(parseCsv(bundled, { source: 'bundled', columns: ['Open', 'High', 'Low', 'Close'] }), features, target);
}

/** The TypeScript pipeline's forecasts and the raw-price graph's, in float64 (reference) and float32 (onnxruntime). */
async function forecasts(spec: WindowSpec, features: string[], target: string, seed: number) {
  const series = seriesFor(features, target);
  const prepared = prepareRun(series, { ...spec, split: SPLIT });
  const model = new SequenceRegressor({ cell: 'gru', inputSize: inputNames(series, spec).length, hiddenSize: 6, outputSize: HORIZON, rng: new Rng(seed) });
  const { test } = prepared;
  const outputs = model.predict(test.x, test.n);
  const expected = decodeOutputs(series, prepared.encoding, spec, test.origins, outputs);
  const transform = spec.inputTransform ?? 'level';
  const bytes = exportOnnx(model, {
    withScaler: true,
    metadata: {
      features, target, seqLength: spec.seqLength, horizon: HORIZON, scaler: prepared.encoding.scaler, targetTransform: spec.targetTransform,
      ...(spec.targetTransform === 'none' ? {} : { targetScale: prepared.encoding.targetScale }),
      inputs: inputNames(series, spec),
      ...(transform === 'level' ? {} : { inputTransform: transform, inputScaler: prepared.encoding.inputScaler!.toJSON() }),
      ...(spec.calendar?.length ? { calendar: spec.calendar } : {}),
    },
  });
  model.dispose();
  const windows = priceWindowsAt(series, prepared.encoding, test.origins, spec.seqLength);
  const feeds = {
    prices: { data: windows.prices, dims: [windows.n, windows.rows, windows.columns] },
    ...(windows.covariates ? { calendar: { data: windows.calendar, dims: [windows.n, windows.covariates] } } : {}),
  };
  const reference = Array.from(runReference(bytes, feeds).output!.data);
  const ort = Array.from(await runOnnx(bytes, feeds));
  const last = test.origins.map((o) => series.rows[o]![series.targetCol]!);
  return { series, prepared, bytes, windows, expected: expected.flat(), reference, ort, last };
}

/** Largest |a − b| / |b|. */
function maxRel(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => (Number.isFinite(v) ? Math.abs(v - b[i]!) / Math.abs(b[i]!) : Infinity)));
}

/** Largest error in the model's output units: price error over the price change one output unit makes (scaler, targetScale, last value). */
function maxLearned(a: number[], b: number[], unit: (i: number) => number): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / unit(i)));
}

describe('priceGraph (exportOnnx withScaler on derived inputs / diff, logret targets)', () => {
  it("knows @rnnkit/forecast's moving averages (50 and 200 days)", () => {
    for (const t of INPUT_TRANSFORMS) expect(movingAverageDaysOf(t)).toBe(movingAverageDays(t));
    expect([movingAverageDaysOf('logret+ma'), movingAverageDaysOf('logret+ma200')]).toEqual([50, 200]);
  });

  const calendars: CalendarFeature[][] = [[], ['dayofweek', 'month']];
  for (const inputTransform of INPUT_TRANSFORMS) {
    for (const targetTransform of ['none', 'diff', 'logret'] as TargetTransform[]) {
      for (const calendar of calendars) {
        if (inputTransform === 'level' && targetTransform === 'none' && calendar.length === 0) continue; // the plain with-scaler graph
        const scaler = targetTransform === 'diff' ? 'minmax' : 'standard';
        // Target not a feature in half the cases: the price window then holds it as an extra column.
        const [features, target] = calendar.length ? [['Open', 'High'], 'Close'] : [['Open', 'High', 'Close'], 'Close'];
        const name = `${inputTransform} inputs, ${targetTransform} target, ${scaler}${calendar.length ? ', calendar' : ''}`;
        it(`${name}: the reference evaluator and onnxruntime give the TypeScript pipeline's forecasts`, async () => {
          const spec: WindowSpec = { seqLength: 4, horizon: HORIZON, scaler, targetTransform, inputTransform, calendar };
          const r = await forecasts(spec, features, target, 3);
          expect(r.windows.rows).toBe(4 + lookback(inputTransform));
          // The windows reach into the halt: some price windows hold zeros (Open, High or Low).
          if (inputTransform !== 'level') expect(r.windows.prices.some((v) => v === 0) || r.windows.prices.length === 0).toBe(true);
          const { scaler: fitted, targetScale } = r.prepared.encoding;
          const unit = (i: number) => targetTransform === 'none'
            ? 1 / Math.abs(fitted.affine(r.series.targetCol).scale)
            : targetScale[i % HORIZON]! * (targetTransform === 'logret' ? r.last[Math.floor(i / HORIZON)]! : 1);
          // float64 reference: only the float32 constants (scaler statistics) and the TS pipeline's float32 inputs
          // and model differ (measured: ≤ 2e-8 relative, ≤ 2e-7 output units).
          expect(maxRel(r.reference, r.expected)).toBeLessThan(5e-8);
          expect(maxLearned(r.reference, r.expected, unit)).toBeLessThan(5e-7);
          // float32 onnxruntime: the price itself is a float32 (measured: ≤ 1.1e-7 relative, ≤ 7e-6 output units).
          expect(maxRel(r.ort, r.expected)).toBeLessThan(5e-7);
          expect(maxLearned(r.ort, r.expected, unit)).toBeLessThan(2e-5);
        });
      }
    }
  }

  it('declares its inputs and records them in rnnkit.rawInput', async () => {
    const spec: WindowSpec = { seqLength: 5, horizon: HORIZON, scaler: 'standard', targetTransform: 'logret', inputTransform: 'logret+ma', calendar: ['dayofweek'] };
    const { bytes } = await forecasts(spec, ['Open', 'High'], 'Close', 1);
    const info = inspectOnnx(bytes);
    expect(info.inputs).toEqual([{ name: 'prices', dims: ['batch', 5 + 49, 3] }, { name: 'calendar', dims: ['batch', 7] }]);
    expect(info.outputs).toEqual([{ name: 'output', dims: ['batch', HORIZON] }]);
    const meta = readMetadata(decodeModel(bytes).metadataProps ?? [])!;
    expect(meta.withScaler).toBe(true);
    expect(meta.rawInput).toEqual({
      prices: { name: 'prices', rows: 54, columns: ['Open', 'High', 'Close'] },
      lookback: 49,
      calendar: { name: 'calendar', columns: ['dow=Mon', 'dow=Tue', 'dow=Wed', 'dow=Thu', 'dow=Fri', 'dow=Sat', 'dow=Sun'] },
    });
    expect(() => importOnnx(bytes)).toThrow(/raw-price graph \(inputs prices, calendar\).*import the run's model\.onnx/);
    if (pythonHas('onnx')) {
      // onnx.checker.check_model(full_check=True) of Debian's python3-onnx: types and shapes infer.
      const file = join(mkdtempSync(join(tmpdir(), 'rnnkit-price-graph-')), 'model.onnx');
      writeFileSync(file, bytes);
      execFileSync('/usr/bin/python3', ['-c', 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file]);
    }
  });

  it('scaler none: the transforms and the decoding without any scaling', async () => {
    const spec: WindowSpec = { seqLength: 3, horizon: HORIZON, scaler: 'none', targetTransform: 'diff', inputTransform: 'diff', calendar: [] };
    const r = await forecasts(spec, ['Close'], 'Close', 2);
    expect(maxRel(r.reference, r.expected)).toBeLessThan(1e-9);
    expect(maxRel(r.ort, r.expected)).toBeLessThan(1e-6);
  });

  it('refuses a streaming export of the raw-price graph, and a transform it does not know', () => {
    const model = new SequenceRegressor({ cell: 'rnn', inputSize: 1, hiddenSize: 2, rng: new Rng(1) });
    const meta = { features: ['Close'], target: 'Close', seqLength: 3, scaler: null, targetTransform: 'diff' as const, targetScale: [1] };
    expect(() => exportOnnx(model, { withScaler: true, state: true, metadata: meta })).toThrow(/state cannot go with the raw-price graph/);
    expect(() => exportOnnx(model, { withScaler: true, metadata: { ...meta, inputTransform: 'sqrt' as InputTransform, inputScaler: { kind: 'none', columns: ['sqrt(Close)'] } } })).toThrow(/unknown input transform "sqrt"/);
    model.dispose();
  });
});
