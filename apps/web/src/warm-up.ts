// Compiles the fused kernels before the first click: a few epochs of each cell on synthetic
// windows of the tutorial's shape, so that the first run is timed at the speed of the later ones
// (V8 optimises hot JavaScript and WebAssembly only after it has run for a while).
import { trainModel } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';

const SEQ = 4, N = 685, FEATURES = 4, EPOCHS = 30;

export async function warmUp(): Promise<void> {
  const x = Float32Array.from({ length: SEQ * N * FEATURES }, (_, i) => ((i * 7919) % 1000) / 1000);
  const y = Float32Array.from({ length: N }, (_, i) => ((i * 104729) % 1000) / 1000);
  const windows = { n: N, x, rawX: x, origins: Array.from({ length: N }, (_, i) => i) };
  for (const cell of ['rnn', 'gru', 'lstm'] as CellType[]) {
    const { model } = await trainModel({ cell, hidden: 10, layers: 1, seed: 1 }, { epochs: cell === 'rnn' ? EPOCHS : 5, lr: 0.005, optimizer: 'sgd', batchSize: 'full' },
      { windows, y, seqLength: SEQ, features: FEATURES, outputs: 1 });
    model.dispose();
  }
}
