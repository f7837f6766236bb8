#!/usr/bin/python3
"""The tutorial's scratch RNN in PyTorch: the independent reference for rnnkit's numbers.

Reads the bundled Samsung 005930 CSV with Python's csv module, scales with MinMax fitted on the
training rows (sklearn's formula, float64), builds 4-day windows, and trains the tutorial's loop:
full batch, MSE, SGD lr 0.005, 100 epochs, the loss recorded before each update.

    /usr/bin/python3 scripts/pytorch_tutorial.py [--cell rnn|lstm|gru] [--hidden 10] [--seed 0] [--out DIR]

writes DIR/pytorch-init-{cell}-h{H}.json (the initial state_dict, in the format `rnnkit train --init`
reads) and DIR/pytorch-tutorial-{cell}-h{H}.json (trainLoss per epoch, test predictions in price units).
--cell rnn is the tutorial's scratch module (w_x, w_h, w_y); lstm and gru are nn.LSTM / nn.GRU as
`rnn` plus nn.Linear as `head`, predicting head(output[-1]).
Needs Debian's python3-torch (apt-get install -y python3-torch).
"""
import argparse, csv, json, os
import numpy as np
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = os.path.join(ROOT, 'packages/datasets/data/samsung_005930.csv')
COLS = ['Open', 'High', 'Low', 'Close']


class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.w_x = nn.Linear(input_size, hidden_size, bias=False)
        self.w_h = nn.Linear(hidden_size, hidden_size, bias=False)
        self.w_y = nn.Linear(hidden_size, output_size)

    def forward(self, x):  # x: [seq, batch, features]
        h = torch.zeros(x.shape[1], self.hidden_size)
        for t in range(x.shape[0]):
            h = torch.tanh(self.w_x(x[t]) + self.w_h(h))
        return self.w_y(h)


class Gated(nn.Module):
    def __init__(self, cell, input_size, hidden_size):
        super().__init__()
        self.rnn = (nn.LSTM if cell == 'lstm' else nn.GRU)(input_size, hidden_size)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, x):  # x: [seq, batch, features]
        out, _ = self.rnn(x)
        return self.head(out[-1])


def rows_between(rows, start, end):
    return np.array([[float(r[c]) for c in COLS] for r in rows if start <= r['Date'] <= end], dtype=np.float64)


def windows(series, seq):
    x = np.stack([series[i:i + seq] for i in range(len(series) - seq)])
    y = series[seq:, [3]]
    return torch.tensor(x, dtype=torch.float32).permute(1, 0, 2).contiguous(), torch.tensor(y, dtype=torch.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cell', choices=['rnn', 'lstm', 'gru'], default='rnn')
    ap.add_argument('--hidden', type=int, default=10)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--epochs', type=int, default=100)
    ap.add_argument('--out', default=os.path.join(ROOT, 'apps/cli/src/fixtures'))
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)

    with open(CSV, newline='') as f:
        rows = list(csv.DictReader(f))
    train = rows_between(rows, '2020-06-11', '2023-03-23')
    test = rows_between(rows, '2023-04-01', '2023-07-01')
    lo, hi = train.min(axis=0), train.max(axis=0)
    scale = lambda a: (a - lo) / (hi - lo)
    x_train, y_train = windows(scale(train), 4)
    x_test, _ = windows(scale(test), 4)

    model = RNN(4, args.hidden, 1) if args.cell == 'rnn' else Gated(args.cell, 4, args.hidden)
    init = {k: v.tolist() for k, v in model.state_dict().items()}
    opt = torch.optim.SGD(model.parameters(), lr=0.005)
    loss_fn = nn.MSELoss()
    losses = []
    for _ in range(args.epochs):
        opt.zero_grad()
        loss = loss_fn(model(x_train), y_train)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    with torch.no_grad():
        pred = model(x_test)[:, 0].double().numpy()
    prices = pred * (hi[3] - lo[3]) + lo[3]

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, f'pytorch-init-{args.cell}-h{args.hidden}.json'), 'w') as f:
        json.dump(init, f)
    with open(os.path.join(args.out, f'pytorch-tutorial-{args.cell}-h{args.hidden}.json'), 'w') as f:
        json.dump({'torch': torch.__version__, 'seed': args.seed, 'cell': args.cell, 'hidden': args.hidden, 'trainLoss': losses,
                   'testPredictions': prices.tolist(),
                   'final': {k: v.tolist() for k, v in model.state_dict().items()}}, f)
    print(f'epoch 1 loss {losses[0]:.6f}  epoch {args.epochs} loss {losses[-1]:.6f}  first test prediction {prices[0]:.2f}')


if __name__ == '__main__':
    main()
