import type { RnnkitMetadata } from '@rnnkit/onnx';
import type { StateDict } from '@rnnkit/tensor';
import { importModelFile, readModelFile } from '../model-file.js';
import type { ModelOptions, TrainConfig } from './train-config.js';

/** True when an --init path names an ONNX file (by its extension); anything else is read as weights.json. */
export function isOnnxInit(path: string): boolean {
  return /\.onnx$/i.test(path);
}

/** What an ONNX --init file holds: its model's shape as train settings. */
export type OnnxInitShape = Pick<TrainConfig, 'cell' | 'hidden' | 'layers'> & {
  /** Direction, activation and biases, when they differ from rnnkit's defaults. */
  modelOptions: ModelOptions;
};

/**
 * Imports an ONNX --init file (rnnkit's or torch.onnx.export's, relu and bidirectional stacks
 * included): the shape the run must build, and the weights under rnnkit's state-dict names.
 */
export async function onnxInit(path: string): Promise<{
  /** The model's shape. */
  shape: OnnxInitShape;
  /** Its weights. */
  weights: StateDict;
  /** rnnkit's metadata (features, target, window, scaler), or null for files other tools wrote. */
  metadata: RnnkitMetadata | null;
}> {
  const { model, metadata } = importModelFile(path, await readModelFile(path));
  try {
    const c = model.config;
    const modelOptions: ModelOptions = {};
    if (c.bidirectional) modelOptions.bidirectional = true;
    if (c.nonlinearity === 'relu') modelOptions.nonlinearity = 'relu';
    if (model.cell === 'rnn' && c.bias) modelOptions.bias = true;
    return { shape: { cell: model.cell, hidden: c.hiddenSize, layers: c.numLayers ?? 1, modelOptions }, weights: model.stateDict(), metadata };
  } finally {
    model.dispose();
  }
}
