"""Recomputes an rnnkit backtest's figures independently from the raw CSV and forecasts.csv.

Usage: /usr/bin/python3 scripts/backtest_reference.py DATA.csv BACKTEST_DIR
Prints one JSON object: fold dates, naive metrics and MASE scales from the raw CSV, and per horizon
the DM statistic and p-value (numpy + scipy.stats.t) and the interval coverage from forecasts.csv.
"""
import csv
import json
import math
import sys

import numpy as np
from scipy import stats

data_path, out_dir = sys.argv[1], sys.argv[2]
config = json.load(open(f"{out_dir}/backtest.json"))["config"]
with open(data_path, newline="") as f:
    rows = [r for r in csv.DictReader(f)]
rows.sort(key=lambda r: r["Date"])
dates = [r["Date"] for r in rows]
close = np.array([float(r[config["target"]]) for r in rows])
K, D, H = config["folds"], config["testSize"], config["horizon"]
n = len(rows)

folds = []
for k in range(K):
    start = n - (K - k) * D
    end = start + D
    train_start = 0 if config["window"] == "expanding" else max(0, start - config["trainSize"])
    train = close[train_start:start]
    scale = float(np.mean(np.abs(np.diff(train))))
    # Naive at horizon 1: origins start-1 .. end-2, forecast Close[origin] for Close[origin+1].
    actual = close[start:end]
    naive = close[start - 1:end - 1]
    err = actual - naive
    folds.append({
        "train": {"from": dates[train_start], "to": dates[start - 1]},
        "test": {"from": dates[start], "to": dates[end - 1], "days": D},
        "naive": {"rmse": float(np.sqrt(np.mean(err ** 2))), "mae": float(np.mean(np.abs(err))),
                   "mape": float(100 * np.mean(np.abs(err) / np.abs(actual))), "mase": float(np.mean(np.abs(err)) / scale)},
        "maseScale": scale,
    })

with open(f"{out_dir}/forecasts.csv", newline="") as f:
    forecasts = list(csv.DictReader(f))
horizons = []
for h in range(1, H + 1):
    fs = sorted([r for r in forecasts if int(r["horizon"]) == h], key=lambda r: r["date"])
    a = np.array([float(r["actual"]) for r in fs])
    e1 = a - np.array([float(r["predicted"]) for r in fs])
    e2 = a - np.array([float(r["naive"]) for r in fs])
    d = e1 ** 2 - e2 ** 2
    m = d.size
    dc = d - d.mean()
    gamma = [np.dot(dc[k:], dc[:m - k]) / m for k in range(h)]
    var = gamma[0] + 2 * sum(gamma[1:])
    if var <= 0:
        var = gamma[0]
    dm = d.mean() / math.sqrt(var / m) * math.sqrt((m + 1 - 2 * h + h * (h - 1) / m) / m)
    entry = {"horizon": h, "n": m, "dm": {"statistic": dm, "pValue": float(2 * stats.t.sf(abs(dm), df=m - 1))}}
    if "lower" in fs[0]:
        entry["coverage"] = float(np.mean([float(r["lower"]) <= float(r["actual"]) <= float(r["upper"]) for r in fs]))
    horizons.append(entry)
print(json.dumps({"folds": folds, "horizons": horizons}))
