// One rnnkit or tf.layers case in this process (the parent starts one process per case, so that
// backends, memory and JIT state never leak from one measurement into the next).
import { fit, SequenceRegressor } from '@rnnkit/layers';
import { Rng, SGD, useBackend } from '@rnnkit/tensor';
// The full tfjs (tf.layers); @rnnkit/tensor's `tf` is tfjs-core, the same instance.
import * as tf from '@tensorflow/tfjs';
import { FEATURES, type Case } from './config.js';
import { tutorialWindows } from './data.js';

/** One training epoch function (`count` epochs per call) for an rnnkit or tf.layers case. */
export type Epochs = (count: number) => Promise<void>;

export async function prepareTfjsCase(c: Case): Promise<Epochs> {
  await useBackend(c.backend as 'wasm' | 'cpu');
  const { x, y } = await tutorialWindows(c.seq);
  return c.impl === 'rnnkit' ? rnnkit(c, x, y) : tfLayers(c, x, y);
}

function rnnkit(c: Case, x: Float32Array, y: Float32Array): Epochs {
  const rng = new Rng(0);
  const model = new SequenceRegressor({ cell: c.cell, inputSize: FEATURES, hiddenSize: c.hidden, rng });
  const optimizer = new SGD(model.parameters(), 0.005);
  const data = { x, y, n: c.windows, seqLength: c.seq, features: FEATURES };
  const batchSize = c.batch >= c.windows ? 'full' : c.batch;
  return async (epochs) => void (await fit(model, data, { epochs, optimizer, batchSize, rng }));
}

function tfLayers(c: Case, x: Float32Array, y: Float32Array): Epochs {
  // tf.layers wants batch-major [n, seq, features].
  const xs = tf.tidy(() => tf.transpose(tf.tensor3d(x, [c.seq, c.windows, FEATURES]), [1, 0, 2]));
  const ys = tf.tensor2d(y, [c.windows, 1]);
  const model = tf.sequential();
  const layer = { rnn: tf.layers.simpleRNN, lstm: tf.layers.lstm, gru: tf.layers.gru }[c.cell];
  model.add(layer({ units: c.hidden, inputShape: [c.seq, FEATURES], kernelInitializer: 'glorotUniform', recurrentInitializer: 'glorotUniform' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(0.005), loss: 'meanSquaredError' });
  return async (epochs) => void (await model.fit(xs, ys, { epochs, batchSize: Math.min(c.batch, c.windows), shuffle: c.batch < c.windows, verbose: 0 }));
}
