// What a run's model.onnx says about itself (its metadata_props), built from the run's settings and
// fitted encoding: one builder for rnnkit train, rnnkit export and the web page, so their files agree.
// A plain record: the ONNX package writes it (exportOnnx's `metadata`); this one never imports ONNX.
import type { ScalerKind, ScalerState } from '@rnnkit/datasets';
import type { CalendarFeature } from './calendar.js';
import type { InputTransform } from './input-transform.js';
import type { Series } from './series.js';
import type { TargetTransform } from './target-transform.js';
import { inputNames, type Encoding } from './windows.js';

/** The settings of a run its ONNX metadata reads (rnnkit's metrics.json `config` holds them, among others). */
export interface OnnxRunSettings {
  /** Input columns. */
  features: string[];
  /** The forecast column. */
  target: string;
  /** Days per window. */
  seqLen: number;
  /** The scaler kind; 'none' is recorded as a null scaler. */
  scaler: ScalerKind;
  /** Outputs per window (absent: 1). */
  horizon?: number;
  /** Absent: 'none'. */
  targetTransform?: TargetTransform;
  /** Absent: 'level'. */
  inputTransform?: InputTransform;
  /** Absent: none. */
  calendar?: CalendarFeature[];
}

/** The metadata record of a run: enough to predict from the file alone. */
export interface OnnxRunMetadata<D = unknown> {
  /** Input columns. */
  features: string[];
  /** The forecast column. */
  target: string;
  /** Days per window. */
  seqLength: number;
  /** The fitted scaler's state; null with scaler 'none'. */
  scaler: ScalerState | null;
  /** The run's recorded settings, as metrics.json's `config` (without the data record). */
  config: Record<string, unknown>;
  /** Outputs per window. */
  horizon: number;
  /** What the outputs are before unscaling. */
  targetTransform: TargetTransform;
  /** diff/logret: the per-horizon target scale. */
  targetScale?: number[];
  /** The CSV the model was trained on, as given. */
  trainingData?: D;
  /** Names of the inputs per step, when they are not the features (an input transform or calendar covariates). */
  inputs?: string[];
  /** Inputs other than level: the transform. */
  inputTransform?: InputTransform;
  /** Inputs other than level: the scaler of the transformed columns. */
  inputScaler?: ScalerState;
  /** Calendar covariates, when there are some. */
  calendar?: CalendarFeature[];
}

/**
 * The ONNX metadata of a run: `settings` (recorded whole as `config`, so pass every setting the run
 * records), the fitted `encoding` and the training data record (absent: none). Key order is fixed, so equal runs give equal bytes.
 */
export function onnxMetadata<D = never>(settings: OnnxRunSettings, encoding: Pick<Encoding, 'scaler' | 'targetScale' | 'inputScaler'>, trainingData?: D): OnnxRunMetadata<D> {
  const transform = settings.targetTransform ?? 'none';
  return {
    features: settings.features, target: settings.target, seqLength: settings.seqLen, scaler: settings.scaler === 'none' ? null : encoding.scaler.toJSON(), config: { ...settings },
    horizon: settings.horizon ?? 1, targetTransform: transform, ...(transform === 'none' ? {} : { targetScale: encoding.targetScale }),
    ...(trainingData ? { trainingData } : {}),
    ...(hasDerivedInputs(settings) ? { inputs: inputNamesOf(settings) } : {}),
    ...((settings.inputTransform ?? 'level') === 'level' ? {} : { inputTransform: settings.inputTransform!, inputScaler: encoding.inputScaler!.toJSON() }),
    ...(settings.calendar?.length ? { calendar: settings.calendar } : {}),
  };
}

/** True when the run's inputs are not the scaled prices alone (an input transform or calendar covariates): the metadata then names them. */
export function hasDerivedInputs(settings: Pick<OnnxRunSettings, 'inputTransform' | 'calendar'>): boolean {
  return (settings.inputTransform ?? 'level') !== 'level' || (settings.calendar?.length ?? 0) > 0;
}

/** The names of a run's inputs per step: its transformed feature columns, then its calendar covariates. */
export function inputNamesOf(settings: Pick<OnnxRunSettings, 'features' | 'inputTransform' | 'calendar'>): string[] {
  const columns = { columns: settings.features, featureCount: settings.features.length } as Pick<Series, 'columns' | 'featureCount'> as Series;
  return inputNames(columns, settings);
}
