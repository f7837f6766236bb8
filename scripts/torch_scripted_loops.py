#!/usr/bin/python3
"""Exports recurrences written as Python loops — the tutorial's scratch Elman RNN, an LSTM cell
loop, a GRU cell loop, a loop with an `if` in its body, a while loop with a break, and a loop
that appends each step to a list and stacks it — with torch.jit.script + torch.onnx.export, which
writes them as ONNX Loop nodes (with If and sequence ops inside), and writes PyTorch's own outputs
beside them, so that rnnkit's reference evaluator is compared with PyTorch itself.

    /usr/bin/python3 scripts/torch_scripted_loops.py --out DIR

writes DIR/<case>-opset<N>.onnx and DIR/corpus.json:
{"torch": version, "cases": [{"file", "opset", "inputs": {name: {"dims", "data"}}, "outputs": {...}}]}.
Needs Debian's python3-torch (and python3-onnx, which torch.onnx uses).
"""
import argparse, json, os, warnings
from typing import List
import torch
from torch import nn

warnings.filterwarnings('ignore')


class Elman(nn.Module):
    """The tutorial's scratch RNN: h = tanh(x W_ih + h W_hh + b), a linear head on the last step."""

    def __init__(self, n_in: int, hidden: int):
        super().__init__()
        self.hidden = hidden
        self.w_ih = nn.Parameter(torch.randn(n_in, hidden) * 0.5)
        self.w_hh = nn.Parameter(torch.randn(hidden, hidden) * 0.5)
        self.b = nn.Parameter(torch.randn(hidden) * 0.1)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        h = torch.zeros(x.shape[0], self.hidden)
        for t in range(x.shape[1]):
            h = torch.tanh(x[:, t] @ self.w_ih + h @ self.w_hh + self.b)
        return self.head(h)


class LstmCellLoop(nn.Module):
    """An LSTM cell written out (i, f, g, o gates) over time, returning every step and the final state."""

    def __init__(self, n_in: int, hidden: int):
        super().__init__()
        self.hidden = hidden
        self.wx = nn.Linear(n_in, 4 * hidden)
        self.wh = nn.Linear(hidden, 4 * hidden, bias=False)

    def forward(self, x, h, c):
        ys: List[torch.Tensor] = []
        for t in range(x.shape[0]):
            gates = self.wx(x[t]) + self.wh(h)
            i, f, g, o = gates.chunk(4, 1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            ys.append(h)
        return torch.stack(ys), h, c


class GruCellLoop(nn.Module):
    """A GRU cell written out (r, z, n gates; torch.onnx cannot export aten::gru_cell) over time."""

    def __init__(self, n_in: int, hidden: int):
        super().__init__()
        self.hidden = hidden
        self.wx = nn.Linear(n_in, 3 * hidden)
        self.wh = nn.Linear(hidden, 3 * hidden)

    def forward(self, x):
        h = torch.zeros(x.shape[1], self.hidden)
        for t in range(x.shape[0]):
            xr, xz, xn = self.wx(x[t]).chunk(3, 1)
            hr, hz, hn = self.wh(h).chunk(3, 1)
            r = torch.sigmoid(xr + hr)
            z = torch.sigmoid(xz + hz)
            n = torch.tanh(xn + r * hn)
            h = (1 - z) * n + z * h
        return h


class IfInBody(nn.Module):
    """An Elman step whose activation depends on the step's mean: an If inside the Loop body."""

    def __init__(self, n_in: int, hidden: int):
        super().__init__()
        self.hidden = hidden
        self.w = nn.Linear(n_in + hidden, hidden)

    def forward(self, x):
        h = torch.zeros(x.shape[0], self.hidden)
        for t in range(x.shape[1]):
            z = self.w(torch.cat([x[:, t], h], 1))
            if bool(z.mean() > 0):
                h = torch.tanh(z)
            else:
                h = torch.relu(z) - 0.5 * h
        return h


class WhileBreak(nn.Module):
    """A while loop that stops when the state's norm passes a bound, or after max_steps."""

    def __init__(self, hidden: int, max_steps: int):
        super().__init__()
        self.w = nn.Linear(hidden, hidden)
        self.max_steps = max_steps

    def forward(self, h):
        steps = 0
        while steps < self.max_steps:
            h = torch.tanh(self.w(h)) + h
            steps += 1
            if bool((h * h).sum() > 16.0):
                break
        return h, torch.tensor(steps)


def tensor_json(t):
    return {'dims': list(t.shape), 'data': t.detach().double().reshape(-1).tolist()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(0)
    cases = [
        ('elman-loop', Elman(3, 5), {'x': torch.randn(2, 7, 3)}, ['y']),
        ('lstm-cell-loop', LstmCellLoop(3, 4), {'x': torch.randn(6, 2, 3), 'h0': torch.randn(2, 4), 'c0': torch.randn(2, 4)}, ['ys', 'h_n', 'c_n']),
        ('grucell-loop', GruCellLoop(3, 4), {'x': torch.randn(5, 2, 3)}, ['h_n']),
        ('if-in-loop-body', IfInBody(3, 4), {'x': torch.randn(2, 8, 3)}, ['h_n']),
        ('while-break', WhileBreak(4, 50), {'h': torch.randn(1, 4) * 0.3}, ['h_n', 'steps']),
    ]
    out = []
    for name, module, inputs, outputs in cases:
        module = module.eval()
        scripted = torch.jit.script(module)
        with torch.no_grad():
            result = scripted(*inputs.values())
        result = result if isinstance(result, tuple) else (result,)
        for opset in (13, 16):
            file = f'{name}-opset{opset}.onnx'
            torch.onnx.export(scripted, tuple(inputs.values()), os.path.join(args.out, file), opset_version=opset,
                              input_names=list(inputs), output_names=outputs)
            out.append({'file': file, 'opset': opset, 'inputs': {k: tensor_json(v) for k, v in inputs.items()},
                        'outputs': {k: tensor_json(v) for k, v in zip(outputs, result)}})
    with open(os.path.join(args.out, 'corpus.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': out}, f)


if __name__ == '__main__':
    main()
