"""Recomputes an rnnkit backtest's figures independently from the raw CSV and forecasts.csv.

Usage: /usr/bin/python3 scripts/backtest_reference.py DATA.csv BACKTEST_DIR
Prints one JSON object: fold dates, naive metrics and MASE scales from the raw CSV, and per horizon
the DM statistic and p-value (numpy + scipy.stats.t) and the interval coverage from forecasts.csv;
the baselines (seasonal naive, drift, AR on log returns by numpy.linalg.lstsq) refitted from the raw
CSV with their RMSE, skill and DM against naive, and the model's DM against the best of them.
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



def dm_test(e1, e2, h):
    """Diebold-Mariano with the HLN correction, Student t with m - 1 degrees of freedom."""
    d = e1 ** 2 - e2 ** 2
    m = d.size
    dc = d - d.mean()
    gamma = [np.dot(dc[k:], dc[:m - k]) / m for k in range(h)]
    var = gamma[0] + 2 * sum(gamma[1:])
    if var <= 0:
        var = gamma[0]
    dm = d.mean() / math.sqrt(var / m) * math.sqrt((m + 1 - 2 * h + h * (h - 1) / m) / m)
    return {"statistic": dm, "pValue": float(2 * stats.t.sf(abs(dm), df=m - 1))}


with open(f"{out_dir}/forecasts.csv", newline="") as f:
    forecasts = list(csv.DictReader(f))
horizons = []
for h in range(1, H + 1):
    fs = sorted([r for r in forecasts if int(r["horizon"]) == h], key=lambda r: r["date"])
    a = np.array([float(r["actual"]) for r in fs])
    e1 = a - np.array([float(r["predicted"]) for r in fs])
    e2 = a - np.array([float(r["naive"]) for r in fs])
    m = e1.size
    entry = {"horizon": h, "n": m, "dm": dm_test(e1, e2, h)}
    if "lower" in fs[0]:
        entry["coverage"] = float(np.mean([float(r["lower"]) <= float(r["actual"]) <= float(r["upper"]) for r in fs]))
    horizons.append(entry)

# Baselines from the raw CSV, fold by fold: seasonal naive (5 days), drift, AR(p = seqLen) on log returns (lstsq).
p = config["seqLen"]
logret = np.full(n, np.nan)
logret[1:] = np.diff(np.log(close))
pooled = {"seasonal naive": {}, "drift": {}, f"AR({p}) log returns": {}}
for k in range(K):
    start = n - (K - k) * D
    end = start + D
    s0 = 0 if config["window"] == "expanding" else max(0, start - config["trainSize"])
    slope = (close[start - 1] - close[s0]) / (start - 1 - s0)
    ts = np.arange(s0 + 1 + p, start)
    X = np.column_stack([np.ones(ts.size)] + [logret[ts - i] for i in range(1, p + 1)])
    beta = np.linalg.lstsq(X, logret[ts], rcond=None)[0]
    for o in range(start - 1, end - 1):
        hist = list(logret[o - p + 1:o + 1])
        total = 0.0
        for h in range(1, H + 1):
            nxt = beta[0] + sum(beta[i] * hist[-i] for i in range(1, p + 1))
            hist.append(nxt)
            total += nxt
            if o + h > end - 1:
                continue
            date = dates[o + h]
            pooled["seasonal naive"].setdefault(h, []).append((date, close[o + h], close[o + h - 5 * math.ceil(h / 5)], close[o]))
            pooled["drift"].setdefault(h, []).append((date, close[o + h], close[o] + h * slope, close[o]))
            pooled[f"AR({p}) log returns"].setdefault(h, []).append((date, close[o + h], close[o] * math.exp(total), close[o]))
baselines = {}
for name, by_h in pooled.items():
    baselines[name] = []
    for h in range(1, H + 1):
        fs = sorted(by_h[h])
        a = np.array([f[1] for f in fs])
        e1, e2 = a - np.array([f[2] for f in fs]), a - np.array([f[3] for f in fs])
        rmse = float(np.sqrt(np.mean(e1 ** 2)))
        baselines[name].append({"horizon": h, "n": len(fs), "rmse": rmse, "skill": 1 - rmse / float(np.sqrt(np.mean(e2 ** 2))), "dm": dm_test(e1, e2, h),
                                "forecasts": {f[0]: f[2] for f in fs}})
# The model against the best (lowest RMSE) of naive and the baselines, per horizon.
versus = []
for h in range(1, H + 1):
    fs = sorted([r for r in forecasts if int(r["horizon"]) == h], key=lambda r: r["date"])
    a = np.array([float(r["actual"]) for r in fs])
    naive = np.array([float(r["naive"]) for r in fs])
    best, best_pred = "naive", naive
    for name, scores in baselines.items():
        if scores[h - 1]["rmse"] < float(np.sqrt(np.mean((a - best_pred) ** 2))):
            best, best_pred = name, np.array([scores[h - 1]["forecasts"][r["date"]] for r in fs])
    versus.append({"horizon": h, "best": best, "dm": dm_test(a - np.array([float(r["predicted"]) for r in fs]), a - best_pred, h)})
for scores in baselines.values():
    for entry in scores:
        del entry["forecasts"]
print(json.dumps({"folds": folds, "horizons": horizons, "baselines": baselines, "versusBest": versus}))
