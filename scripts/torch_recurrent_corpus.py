#!/usr/bin/python3
"""Exports PyTorch's nn.RNN, nn.LSTM and nn.GRU with torch.onnx.export at opsets 9, 13 and 16 —
bidirectional, relu, 2 layers, batch_first, without bias, with and without initial states — and
writes PyTorch's own outputs beside them, so that rnnkit's reference evaluator is compared with
PyTorch itself.

    /usr/bin/python3 scripts/torch_recurrent_corpus.py --out DIR

writes DIR/<case>-opset<N>.onnx and DIR/corpus.json:
{"torch": version, "cases": [{"file", "opset", "inputs": {name: {"dims", "data"}}, "outputs": {...}}]}.
Needs Debian's python3-torch (and python3-onnx, which torch.onnx uses).
"""
import argparse, json, os, warnings
import torch
from torch import nn

warnings.filterwarnings('ignore')


class Wrapped(nn.Module):
    """Returns every output of the recurrent module as a flat tuple: y, h_n (, c_n)."""

    def __init__(self, rnn, with_state):
        super().__init__()
        self.rnn, self.with_state = rnn, with_state

    def forward(self, x, *state):
        if not self.with_state:
            y, h = self.rnn(x)
        elif isinstance(self.rnn, nn.LSTM):
            y, h = self.rnn(x, (state[0], state[1]))
        else:
            y, h = self.rnn(x, state[0])
        return (y, *h) if isinstance(h, tuple) else (y, h)


# name → (module, with initial state inputs, dynamic seq/batch axes)
def cases():
    return [
        ('rnn-tanh', nn.RNN(3, 4), False, True),
        ('rnn-relu-bidirectional', nn.RNN(3, 4, nonlinearity='relu', bidirectional=True), True, True),
        ('rnn-relu-2-layers-no-bias', nn.RNN(3, 5, num_layers=2, nonlinearity='relu', bias=False), False, False),
        ('lstm-2-layers', nn.LSTM(3, 4, num_layers=2), True, True),
        ('lstm-bidirectional-batch-first-no-bias', nn.LSTM(3, 4, bidirectional=True, batch_first=True, bias=False), False, True),
        ('gru-batch-first', nn.GRU(3, 4, batch_first=True), True, False),
        ('gru-2-layers-bidirectional', nn.GRU(3, 4, num_layers=2, bidirectional=True), False, True),
    ]


def tensor_json(t):
    return {'dims': list(t.shape), 'data': t.detach().reshape(-1).tolist()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    out = []
    for name, rnn, with_state, dynamic in cases():
        model = Wrapped(rnn, with_state).eval()
        layers, dirs, hidden = rnn.num_layers, 2 if rnn.bidirectional else 1, rnn.hidden_size
        seq, batch = 5, 3
        x = torch.randn(batch, seq, 3) if rnn.batch_first else torch.randn(seq, batch, 3)
        inputs = {'x': x}
        if with_state:
            inputs['h0'] = torch.randn(layers * dirs, batch, hidden)
            if isinstance(rnn, nn.LSTM):
                inputs['c0'] = torch.randn(layers * dirs, batch, hidden)
        outputs = ['y', 'h_n'] + (['c_n'] if isinstance(rnn, nn.LSTM) else [])
        axes = {}
        if dynamic:
            axes['x'] = {0: 'batch', 1: 'seq'} if rnn.batch_first else {0: 'seq', 1: 'batch'}
            axes['y'] = dict(axes['x'])
            for s in ['h0', 'c0', 'h_n', 'c_n']:
                if s in inputs or s in outputs:
                    axes[s] = {1: 'batch'}
        with torch.no_grad():
            result = model(*inputs.values())
        for opset in (9, 13, 16):
            file = f'{name}-opset{opset}.onnx'
            torch.onnx.export(model, tuple(inputs.values()), os.path.join(args.out, file), input_names=list(inputs),
                              output_names=outputs, dynamic_axes=axes or None, opset_version=opset)
            out.append({'file': file, 'opset': opset, 'inputs': {k: tensor_json(v) for k, v in inputs.items()},
                        'outputs': {k: tensor_json(v) for k, v in zip(outputs, result)}})
    with open(os.path.join(args.out, 'corpus.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': out}, f)
    print(f'wrote {len(out)} models to {args.out}')


if __name__ == '__main__':
    main()
