import { describe, expect, it } from 'vitest';
import { Rng } from '@rnnkit/tensor';
import { SequenceRegressor } from './sequence-regressor.js';
import { torchName, tutorialName } from './tutorial-names.js';
import { RNN } from './rnn.js';

describe('the tutorial names of the rnn cell', () => {
  const pairs = [
    ['rnn.weight_ih_l0', 'w_x.weight'], ['rnn.bias_hh_l0', 'w_h.bias'], ['rnn.weight_hh_l2', 'l2.w_h.weight'],
    ['rnn.bias_ih_l1_reverse', 'l1_reverse.w_x.bias'], ['rnn.weight_ih_l0_reverse', 'l0_reverse.w_x.weight'], ['head.weight', 'w_y.weight'],
  ];
  it('map both ways', () => {
    for (const [torch, tutorial] of pairs) {
      expect(tutorialName(torch!)).toBe(tutorial);
      expect(torchName(tutorial!)).toBe(torch);
    }
  });

  it('are what an rnn SequenceRegressor shows, over an RNN stack with nn.RNN\'s names and the tutorial\'s draws', () => {
    const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 3, numLayers: 2, bias: true, rng: new Rng(3) });
    expect(model.namedParameters().map(([n]) => n)).toEqual([
      'w_x.weight', 'w_x.bias', 'w_h.weight', 'w_h.bias', 'l1.w_x.weight', 'l1.w_x.bias', 'l1.w_h.weight', 'l1.w_h.bias', 'w_y.weight', 'w_y.bias',
    ]);
    const stack = new RNN(4, 3, { numLayers: 2, bias: true, rng: new Rng(3) });
    expect(stack.namedParameters().map(([n]) => n)).toEqual(model.namedParameters().slice(0, 8).map(([n]) => torchName(n).slice('rnn.'.length)));
    // The same draws: nn.Linear's U(±1/√in) for w_x, U(±1/√H) for w_h, in the tutorial's order.
    const dict = model.stateDict();
    for (const [name, p] of stack.namedParameters()) expect(p.arraySync()).toEqual(dict[tutorialName(`rnn.${name}`)]);
    model.dispose();
    stack.dispose();
  });
});
