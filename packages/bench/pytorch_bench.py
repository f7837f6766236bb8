#!/usr/bin/python3
"""One PyTorch benchmark case for `pnpm bench`: the same 685 windows, the same loop (MSE, SGD,
full batch or shuffled mini-batches), case['threads'] threads (torch.set_num_threads). argv: the
case JSON and the windows file (float32: x time-major [seq, windows, 4], then y [windows]). A timing server like the JavaScript cases
(src/timing.ts): after a warm-up it prints {"ready": true, "estimateMs": …}, then answers each
{"epochs": n} on stdin with {"ms": …, "cpuMs": …} (wall and process CPU ms per epoch) until {"quit": true}, and then prints
{"peakRssMb": …}.

The rnn cell is the tutorial's scratch module (w_x, w_h, w_y and a Python loop over the steps);
lstm and gru are nn.LSTM / nn.GRU with nn.Linear on the last step. Needs Debian's python3-torch.
"""
import json, resource, sys, time
import numpy as np
import torch
from torch import nn

F = 4


class ScratchRNN(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = hidden
        self.w_x = nn.Linear(F, hidden, bias=False)
        self.w_h = nn.Linear(hidden, hidden, bias=False)
        self.w_y = nn.Linear(hidden, 1)

    def forward(self, x):
        h = torch.zeros(x.shape[1], self.hidden)
        for t in range(x.shape[0]):
            h = torch.tanh(self.w_x(x[t]) + self.w_h(h))
        return self.w_y(h)


class Gated(nn.Module):
    def __init__(self, cell, hidden):
        super().__init__()
        self.rnn = (nn.LSTM if cell == 'lstm' else nn.GRU)(F, hidden)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[-1])


def main():
    case = json.loads(sys.argv[1])
    SEQ, N = case['seq'], case['windows']
    raw = np.fromfile(sys.argv[2], dtype=np.float32)
    x = torch.from_numpy(raw[:SEQ * N * F].reshape(SEQ, N, F).copy())
    y = torch.from_numpy(raw[SEQ * N * F:].reshape(N, 1).copy())
    torch.set_num_threads(case['threads'])
    torch.manual_seed(0)
    model = ScratchRNN(case['hidden']) if case['cell'] == 'rnn' else Gated(case['cell'], case['hidden'])
    opt = torch.optim.SGD(model.parameters(), lr=0.005)
    loss_fn = nn.MSELoss()
    batch = case['batch']

    def epochs(count):
        for _ in range(count):
            order = torch.randperm(N) if batch < N else None
            for i in range(0, N, batch):
                xb, yb = (x, y) if order is None else (x[:, order[i:i + batch]], y[order[i:i + batch]])
                opt.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                opt.step()

    t, warm = time.perf_counter(), 0
    while (time.perf_counter() - t) < 0.4 and warm < 200:  # warm-up, as for the JavaScript cases
        epochs(1)
        warm += 1
    t = time.perf_counter()
    epochs(2)
    send({'ready': True, 'estimateMs': max((time.perf_counter() - t) * 1000 / 2, 0.01)})
    for line in sys.stdin:
        msg = json.loads(line)
        if msg.get('quit'):
            break
        n = msg.get('epochs', 1)
        t, cpu = time.perf_counter(), time.process_time()
        epochs(n)
        send({'ms': (time.perf_counter() - t) * 1000 / n, 'cpuMs': (time.process_time() - cpu) * 1000 / n})
    send({'peakRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def send(obj):
    sys.stdout.write(json.dumps(obj) + '\n')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
