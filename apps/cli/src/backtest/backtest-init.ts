import { createScaler, DataError, sameColumn, scalerFromJSON } from '@rnnkit/datasets';
import type { Encoding, InitWeights, ModelSettings, Series } from '@rnnkit/forecast';
import { isOnnxInit, onnxInit } from '../train/onnx-init.js';
import { readInitWeights } from '../train/read-init.js';
import type { BacktestConfig } from './backtest-config.js';

/** A model given to `backtest --init`: its weights, its shape, and the scaling its folds use. */
export interface BacktestInit {
  init: InitWeights;
  /** An ONNX file's cell, hidden size, layers, direction and activation (replace --cell, --hidden, --layers). */
  shape?: Pick<ModelSettings, 'cell' | 'hidden' | 'layers' | 'bidirectional' | 'nonlinearity' | 'bias'>;
  /**
   * 'file': the scaler and target scale of the file's rnnkit metadata, the same in every fold (the model
   * was trained with them); 'fold': fitted on each fold's training rows, as for a fresh model (weights.json
   * and torch.onnx.export files carry no scaler).
   */
  scaler: 'file' | 'fold';
  /** With scaler 'file': build the encoding for the series once its columns are known. */
  encodingFor?: (series: Series) => Encoding;
}

/** Reads `backtest --init`: a weights.json, or an ONNX file (rnnkit's with its own scaler, or torch.onnx.export's). */
export async function readBacktestInit(path: string, config: BacktestConfig): Promise<BacktestInit> {
  if (!isOnnxInit(path)) return { init: { weights: await readInitWeights(path), source: path }, scaler: 'fold' };
  const { shape, weights, metadata } = await onnxInit(path);
  const modelShape = { cell: shape.cell, hidden: shape.hidden, layers: shape.layers, ...shape.modelOptions };
  if (!metadata) return { init: { weights, source: path }, shape: modelShape, scaler: 'fold' };
  // The model reads what it was trained on: the backtest must ask it for the same.
  const wants: [string, string, string][] = [
    ['--features', metadata.features.join(','), config.features.join(',')],
    ['--target', metadata.target, config.target],
    ['--seq-len', String(metadata.seqLength), String(config.seqLen)],
    ['--horizon', String(metadata.horizon ?? 1), String(config.horizon)],
    ['--target-transform', metadata.targetTransform ?? 'none', config.targetTransform],
    ['--input-transform', metadata.inputTransform ?? 'level', config.inputTransform],
    ['--calendar', (metadata.calendar ?? []).join(',') || 'none', config.calendar.join(',') || 'none'],
  ];
  const differs = wants.find(([, file, asked]) => !sameColumn(file, asked));
  if (differs) {
    const [flag, file, asked] = differs;
    throw new DataError(path, undefined, `the model was trained with ${flag} ${file}, the backtest asks for ${flag} ${asked}`, `pass ${flag} ${file}`);
  }
  const encodingFor = (series: Series): Encoding => {
    const state = metadata.scaler;
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((c, i) => sameColumn(c, b[i]!));
    if (state && !same(state.columns, series.columns)) {
      throw new DataError(path, undefined, `its scaler covers ${state.columns.join(',')}, the backtest reads ${series.columns.join(',')}`, 'export the model again with rnnkit export');
    }
    const scaler = state ? scalerFromJSON(state) : createScaler('none', series.columns).fit(series.rows);
    return {
      scaler,
      targetScale: metadata.targetScale ?? Array.from({ length: config.horizon }, () => 1),
      // Derived inputs: the transform, its scaler fitted at training and the calendar covariates, as trained.
      ...(metadata.inputTransform && metadata.inputTransform !== 'level' ? { inputTransform: metadata.inputTransform as Encoding['inputTransform'] } : {}),
      ...(metadata.inputScaler ? { inputScaler: scalerFromJSON(metadata.inputScaler) } : {}),
      ...(metadata.calendar?.length ? { calendar: metadata.calendar as NonNullable<Encoding['calendar']> } : {}),
    };
  };
  return { init: { weights, source: path }, shape: modelShape, scaler: 'file', encodingFor };
}
