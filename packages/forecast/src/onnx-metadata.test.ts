import { describe, expect, it } from 'vitest';
import { syntheticSeries } from '@rnnkit/datasets';
import { hasDerivedInputs, inputNamesOf, onnxMetadata, type OnnxRunSettings } from './onnx-metadata.js';
import { seriesOf } from './series.js';
import { fitEncoding, inputCount, inputNames, originsWithin, type WindowSpec } from './windows.js';

const { table } = syntheticSeries({ kind: 'ar', length: 120, seed: 9 });
const series = seriesOf(table, ['Open', 'Close'], 'Close');
const encodingOf = (spec: WindowSpec) => fitEncoding(series, spec, 0, 100, originsWithin(0, 100, spec));

describe('ONNX metadata of a run', () => {
  const settings: OnnxRunSettings & { seed: number } = { features: ['Open', 'Close'], target: 'Close', seqLen: 3, scaler: 'minmax', horizon: 2, targetTransform: 'none', seed: 7 };
  const spec: WindowSpec = { seqLength: 3, horizon: 2, scaler: 'minmax', targetTransform: 'none' };

  it('levels in: the fitted scaler, every setting as config, no inputs list; keys in the order the files have', () => {
    const encoding = encodingOf(spec);
    const meta = onnxMetadata(settings, encoding);
    expect(Object.keys(meta)).toEqual(['features', 'target', 'seqLength', 'scaler', 'config', 'horizon', 'targetTransform']);
    expect(meta.scaler).toEqual(encoding.scaler.toJSON());
    expect(meta.config).toEqual(settings);
    expect(meta.config).not.toBe(settings);
    expect(hasDerivedInputs(settings)).toBe(false);
    expect(onnxMetadata({ ...settings, scaler: 'none' }, encodingOf({ ...spec, scaler: 'none' })).scaler).toBeNull();
  });

  it('logret target, logret+ma inputs and dayofweek: targetScale, the training data, the input names the windows use, the input scaler, the calendar', () => {
    const derived = { ...settings, targetTransform: 'logret', inputTransform: 'logret+ma', calendar: ['dayofweek'] } as const;
    const s = { ...spec, targetTransform: 'logret', inputTransform: 'logret+ma', calendar: ['dayofweek'] } as const satisfies WindowSpec;
    const encoding = encodingOf({ ...s, calendar: [...s.calendar] });
    const data = { file: 'prices.csv' };
    const meta = onnxMetadata({ ...derived, calendar: [...derived.calendar] }, encoding, data);
    expect(Object.keys(meta)).toEqual(['features', 'target', 'seqLength', 'scaler', 'config', 'horizon', 'targetTransform', 'targetScale', 'trainingData', 'inputs', 'inputTransform', 'inputScaler', 'calendar']);
    expect(meta.targetScale).toEqual(encoding.targetScale);
    expect(meta.trainingData).toBe(data);
    // From the settings alone, the names the series' windows have: 2 log returns, 2 MA gaps, 7 days.
    expect(meta.inputs).toEqual(inputNames(series, { inputTransform: 'logret+ma', calendar: ['dayofweek'] }));
    expect(meta.inputs).toEqual(['logret(Open)', 'logret(Close)', 'ma50gap(Open)', 'ma50gap(Close)', 'dow=Mon', 'dow=Tue', 'dow=Wed', 'dow=Thu', 'dow=Fri', 'dow=Sat', 'dow=Sun']);
    expect(meta.inputs).toHaveLength(inputCount(2, { inputTransform: 'logret+ma', calendar: ['dayofweek'] }));
    expect(meta.inputScaler).toEqual(encoding.inputScaler!.toJSON());
    expect(meta.calendar).toEqual(['dayofweek']);
  });

  it('calendar covariates alone are derived inputs: the features by name, then the covariates', () => {
    expect(hasDerivedInputs({ calendar: ['month'] })).toBe(true);
    expect(hasDerivedInputs({ calendar: [] })).toBe(false);
    expect(inputNamesOf({ features: ['Close'], calendar: ['month'] })).toEqual(['Close', ...['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `month=${m}`)]);
  });
});
