#!/usr/bin/python3
"""PyTorch's reference numbers for relu and bidirectional stacks: nn.RNN(4, H, nonlinearity='relu'),
nn.RNN / nn.LSTM / nn.GRU with bidirectional=True, 1 and 2 layers, each + nn.Linear(D·H, 1) on out[-1].

    /usr/bin/python3 scripts/torch_directions.py [--layers-out DIR] [--onnx-out DIR]

writes torch-directions.json into --layers-out (for each case: the state dict, an input, the
output, the MSE loss against a target, every parameter's gradient and the state dict after one
SGD step, lr 0.1) and, into --onnx-out, torch.onnx.export of each model (opset 14, dynamic seq and
batch) with torch-directions.json: the input each file was run on and PyTorch's output.
Needs Debian's python3-torch and python3-onnx.
"""
import argparse, json, os
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CELLS = {'rnn': nn.RNN, 'lstm': nn.LSTM, 'gru': nn.GRU}


class Forecaster(nn.Module):
    def __init__(self, cell, hidden, layers, bidirectional, nonlinearity):
        super().__init__()
        extra = {'nonlinearity': nonlinearity} if cell == 'rnn' else {}
        self.rnn = CELLS[cell](4, hidden, num_layers=layers, bidirectional=bidirectional, **extra)
        self.head = nn.Linear(hidden * (2 if bidirectional else 1), 1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[-1])


def cases():
    yield 'rnn-relu-1', 'rnn', 1, False, 'relu'
    yield 'rnn-relu-2', 'rnn', 2, False, 'relu'
    for cell in CELLS:
        for layers in (1, 2):
            yield f'{cell}-bidirectional-{layers}', cell, layers, True, 'tanh'
    yield 'rnn-relu-bidirectional-2', 'rnn', 2, True, 'relu'


def tolist(d):
    return {k: v.tolist() for k, v in d.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--layers-out', default=os.path.join(ROOT, 'packages/layers/src/fixtures'))
    ap.add_argument('--onnx-out', default=os.path.join(ROOT, 'packages/onnx/src/fixtures/torch-directions'))
    args = ap.parse_args()
    os.makedirs(args.layers_out, exist_ok=True)
    os.makedirs(args.onnx_out, exist_ok=True)
    torch.manual_seed(0)
    parity, exports = {}, {}
    for name, cell, layers, bidirectional, nonlinearity in cases():
        model = Forecaster(cell, 5, layers, bidirectional, nonlinearity)
        x = torch.rand(6, 3, 4)  # [seq, batch, features]
        target = torch.rand(3, 1)
        before = tolist(model.state_dict())
        y = model(x)
        loss = torch.mean((y - target) ** 2)
        loss.backward()
        grads = {k: p.grad.tolist() for k, p in model.named_parameters()}
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        opt.step()
        parity[name] = {'cell': cell, 'numLayers': layers, 'bidirectional': bidirectional, 'nonlinearity': nonlinearity, 'hidden': 5,
                        'input': x.tolist(), 'target': target[:, 0].tolist(), 'stateDict': before, 'output': y[:, 0].tolist(),
                        'loss': loss.item(), 'grads': grads, 'afterStep': tolist(model.state_dict())}
        model.eval()
        path = os.path.join(args.onnx_out, f'{name}.onnx')
        torch.onnx.export(model, (x,), path, input_names=['input'], output_names=['output'],
                          dynamic_axes={'input': {0: 'seq', 1: 'batch'}, 'output': {0: 'batch'}}, opset_version=14)
        with torch.no_grad():
            exports[name] = {'input': x.tolist(), 'output': model(x)[:, 0].tolist(), 'stateDict': tolist(model.state_dict())}
    meta = {'torch': torch.__version__}
    with open(os.path.join(args.layers_out, 'torch-directions.json'), 'w') as f:
        json.dump({**meta, 'cases': parity}, f)
    with open(os.path.join(args.onnx_out, 'torch-directions.json'), 'w') as f:
        json.dump({**meta, 'cases': exports}, f)
    print('wrote', ', '.join(parity), 'to', args.layers_out, 'and', args.onnx_out)


if __name__ == '__main__':
    main()
