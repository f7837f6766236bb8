#!/usr/bin/python3
"""Independent check of an rnnkit run's model.onnx: reads the weights with the `onnx` Python package
(another ONNX reader than rnnkit's), runs the tutorial's equations in float64 with numpy on the
run's test windows (rebuilt from the CSV with Python's csv module), and compares the prices with
the run's predictions.csv.

    /usr/bin/python3 scripts/check_onnx_weights.py RUN_DIR

Prints the max relative difference and exits 1 above 1e-4. Needs Debian's python3-onnx.
Covers the default setup: minmax scaler, one layer, time-major op-style export.
"""
import csv, json, os, sys
import numpy as np
import onnx
from onnx import numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(run):
    model = onnx.load(os.path.join(run, 'model.onnx'))
    weights = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    meta = {p.key: json.loads(p.value) for p in model.metadata_props}
    W, R = weights['rnn.W'][0], weights['rnn.R'][0]  # [H, I], [H, H]
    wy, by = weights['w_y.weight'], weights['w_y.bias']
    scaler = meta['rnnkit.scaler']
    config = meta['rnnkit.config']
    lo, hi = np.array(scaler['min']), np.array(scaler['max'])

    data = config.get('data') or os.path.join(ROOT, 'packages/datasets/data/samsung_005930.csv')
    with open(data, newline='') as f:
        rows = [r for r in csv.DictReader(f) if config['testRange']['from'] <= r['Date'] <= config['testRange']['to']]
    rows.sort(key=lambda r: r['Date'])
    prices = np.array([[float(r[c]) for c in scaler['columns']] for r in rows])
    scaled = (prices - lo) / (hi - lo)
    seq, t = meta['rnnkit.seqLength'], scaler['columns'].index(meta['rnnkit.target'])
    preds = []
    for i in range(len(scaled) - seq):
        h = np.zeros(W.shape[0])
        for x in scaled[i:i + seq]:
            h = np.tanh(W @ x + R @ h)
        y = (wy @ h + by)[0]
        preds.append(y * (hi[t] - lo[t]) + lo[t])

    with open(os.path.join(run, 'predictions.csv'), newline='') as f:
        written = [float(r['predicted']) for r in csv.DictReader(f)]
    rel = max(abs(a - b) / abs(b) for a, b in zip(preds, written))
    print(f'{len(preds)} windows, {len(written)} predictions in predictions.csv; max relative difference {rel:.2e}')
    sys.exit(0 if len(preds) == len(written) and rel < 1e-4 else 1)


if __name__ == '__main__':
    main(sys.argv[1])
