#!/usr/bin/python3
"""Writes what torch.onnx.export makes of the tutorial's model built from PyTorch's own layers:
nn.RNN(4, H) (or nn.LSTM, nn.GRU) + nn.Linear(H, 1) on the last time step. rnnkit's importer is
tested on these files.

    /usr/bin/python3 scripts/torch_onnx_export.py [--out DIR]

writes torch-rnn.onnx (time-major, H=8), torch-rnn-batch-first.onnx, torch-rnn-2-layers.onnx,
torch-lstm.onnx and torch-gru.onnx,
each with dynamic seq and batch dims, plus torch-rnn.json: for each file the input it was run on
and PyTorch's output, so tests compare rnnkit's import with PyTorch itself.
Needs Debian's python3-torch and python3-onnx.
"""
import argparse, json, os
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Forecaster(nn.Module):
    def __init__(self, hidden, layers=1, batch_first=False, cell=nn.RNN):
        super().__init__()
        self.batch_first = batch_first
        self.rnn = cell(4, hidden, num_layers=layers, batch_first=batch_first)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1] if self.batch_first else out[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(ROOT, 'packages/onnx/src/fixtures'))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    cases = {}
    for name, model in [('torch-rnn', Forecaster(8)), ('torch-rnn-batch-first', Forecaster(8, batch_first=True)),
                        ('torch-rnn-2-layers', Forecaster(6, layers=2)),
                        ('torch-lstm', Forecaster(6, cell=nn.LSTM)), ('torch-gru', Forecaster(6, cell=nn.GRU))]:
        model.eval()
        x = torch.rand(4, 5, 4)  # [seq, batch, features], or [batch, seq, features] when batch first
        axes = {0: 'batch', 1: 'seq'} if model.batch_first else {0: 'seq', 1: 'batch'}
        path = os.path.join(args.out, f'{name}.onnx')
        torch.onnx.export(model, (x,), path, input_names=['input'], output_names=['output'],
                          dynamic_axes={'input': axes, 'output': {0: 'batch'}}, opset_version=14)
        with torch.no_grad():
            y = model(x)
        cases[name] = {'input': x.tolist(), 'output': y[:, 0].tolist(), 'batchFirst': model.batch_first,
                       'stateDict': {k: v.tolist() for k, v in model.state_dict().items()}}
    with open(os.path.join(args.out, 'torch-rnn.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases}, f)
    print('wrote', ', '.join(cases), 'to', args.out)


if __name__ == '__main__':
    main()
