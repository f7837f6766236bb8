import { SequenceRegressor } from '@rnnkit/layers';
import { exportOnnx } from '@rnnkit/onnx';
import { Rng, useBackend } from '@rnnkit/tensor';
import * as ort from 'onnxruntime-node';
import { FEATURES, SEQ } from './config.js';
import { median } from './timing.js';

/** One ONNX inference measurement in onnxruntime-node (one thread). */
export interface OnnxResult {
  impl: 'onnxruntime-node';
  cell: 'rnn' | 'lstm' | 'gru';
  hidden: number;
  batch: number;
  msPerRun: number;
  windowsPerSecond: number;
}

/** Times session.run of an exported model at each batch size: the median of several timed blocks. */
export async function onnxThroughput(cell: OnnxResult['cell'], hidden: number, batches: number[]): Promise<OnnxResult[]> {
  await useBackend('cpu');
  const model = new SequenceRegressor({ cell, inputSize: FEATURES, hiddenSize: hidden, rng: new Rng(0) });
  const bytes = exportOnnx(model, { metadata: { features: ['Open', 'High', 'Low', 'Close'], target: 'Close', seqLength: SEQ, scaler: null } });
  model.dispose();
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const out: OnnxResult[] = [];
  for (const batch of batches) {
    const feeds = { input: new ort.Tensor('float32', new Float32Array(SEQ * batch * FEATURES).fill(0.5), [SEQ, batch, FEATURES]) };
    for (let i = 0; i < 20; i++) await session.run(feeds);
    const blocks: number[] = [];
    for (let r = 0; r < 5; r++) {
      const n = batch === 1 ? 500 : 50;
      const t = performance.now();
      for (let i = 0; i < n; i++) await session.run(feeds);
      blocks.push((performance.now() - t) / n);
    }
    const ms = median(blocks);
    out.push({ impl: 'onnxruntime-node', cell, hidden, batch, msPerRun: ms, windowsPerSecond: (batch * 1000) / ms });
  }
  await session.release();
  return out;
}
