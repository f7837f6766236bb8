import { expect, it } from 'vitest';
import { describeModel } from './model-description.js';

it('names the cell, inputs→hidden→outputs and the layers, with the variant in front', () => {
  expect(describeModel({ cell: 'rnn', hidden: 10, layers: 1 }, 4)).toBe('RNN 4→10→1 × 1 layer');
  expect(describeModel({ cell: 'gru', hidden: 32, layers: 2 }, 4, 3)).toBe('GRU 4→32→3 × 2 layers');
  expect(describeModel({ cell: 'rnn', hidden: 8, layers: 1, bidirectional: true, nonlinearity: 'relu' }, 2)).toBe('bidirectional relu RNN 2→8→1 × 1 layer');
  expect(describeModel({ cell: 'lstm', hidden: 5, layers: 3, nonlinearity: 'tanh' }, 1)).toBe('LSTM 1→5→1 × 3 layers');
  expect(describeModel({ cell: 'rnn', hidden: '?', layers: 1 }, 4)).toBe('RNN 4→?→1 × 1 layer');
});
