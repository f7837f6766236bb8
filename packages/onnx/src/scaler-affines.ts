import { columnIndex, scalerFromJSON, type Affine, type ScalerState } from '@rnnkit/datasets';
import { OnnxError } from './onnx-error.js';

/** A model's scaling as affine maps `scaled = raw * scale + offset`. */
export interface ScalerAffines {
  /** One map per model input, in input order. */
  features: Affine[];
  /** The target's map; `raw = (scaled - offset) / scale` turns an output back into a price. */
  target: Affine;
}

/**
 * The maps of a fitted scaler for the model's `features` and `target`, matched by column name
 * (case-insensitively): what `exportOnnx({ withScaler: true })` writes into the graph.
 */
export function scalerAffines(scaler: ScalerState, features: readonly string[], target: string): ScalerAffines {
  const fitted = scalerFromJSON(scaler);
  const affineOf = (name: string): Affine => fitted.affine(scalerColumn(scaler, name));
  return { features: features.map(affineOf), target: affineOf(target) };
}

/** The index of column `name` in the scaler's columns (case-insensitively), or an error naming what it was fitted on. */
export function scalerColumn(scaler: Pick<ScalerState, 'columns'>, name: string): number {
  const col = columnIndex(scaler.columns, name);
  if (col < 0) throw new OnnxError(`the scaler has no column "${name}"; it was fitted on ${scaler.columns.join(', ')}`);
  return col;
}
