#!/usr/bin/python3
"""Writes the small torch.onnx.export fixtures of packages/onnx/src/fixtures/heads/ (issue 15's
head bugs): out[-1] as Slice at opsets 9 and 10, h_n[-1] as Gather at opset 13, a fixed-shape
export (no dynamic_axes) whose zero initial state PyTorch writes with Expand, and out[-1:].squeeze(0)
on a dynamic dim, which PyTorch writes as an If; PyTorch's own outputs go to heads.json.

    /usr/bin/python3 scripts/torch_head_fixtures.py --out packages/onnx/src/fixtures/heads
"""
import argparse, json, os, warnings
import torch
from torch import nn

warnings.filterwarnings('ignore')


class Head(nn.Module):
    def __init__(self, rnn, head):
        super().__init__()
        D = 2 if rnn.bidirectional else 1
        self.rnn, self.head, self.lin = rnn, head, nn.Linear(rnn.hidden_size * (D if head != 'h_n' else 1), 1)

    def forward(self, x):
        y, h = self.rnn(x)
        h = h[0] if isinstance(h, tuple) else h
        if self.head == 'squeeze':
            return self.lin(y[-1:].squeeze(0))
        return self.lin(y[-1] if self.head == 'last-step' else h[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(15)
    cases = [
        # file, module, head, opset, dynamic axes
        ('rnn-last-step-opset9.onnx', nn.RNN(3, 4), 'last-step', 9, True),
        ('lstm-last-step-opset10.onnx', nn.LSTM(3, 4), 'last-step', 10, True),
        ('gru-h_n-2-layers-opset13.onnx', nn.GRU(3, 4, num_layers=2), 'h_n', 13, True),
        ('rnn-fixed-shape-opset13.onnx', nn.RNN(4, 5), 'last-step', 13, False),
        ('lstm-bidirectional-squeeze-if-opset12.onnx', nn.LSTM(3, 4, bidirectional=True), 'squeeze', 12, True),
    ]
    out = []
    for file, rnn, head, opset, dynamic in cases:
        model = Head(rnn, head).eval()
        x = torch.randn(5, 2, rnn.input_size)
        with torch.no_grad():
            y = model(x)
        torch.onnx.export(model, (x,), os.path.join(args.out, file), opset_version=opset, input_names=['x'], output_names=['y'],
                          dynamic_axes={'x': {0: 'seq', 1: 'batch'}} if dynamic else None)
        j = lambda t: {'dims': list(t.shape), 'data': [round(v, 7) for v in t.reshape(-1).tolist()]}
        out.append({'file': file, 'opset': opset, 'head': head, 'dynamic': dynamic, 'inputs': {'x': j(x)}, 'outputs': {'y': j(y)}})
    with open(os.path.join(args.out, 'heads.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': out}, f, indent=1)


if __name__ == '__main__':
    main()
