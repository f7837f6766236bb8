"""Independent float64 reference of the baselines for the tests: closed forms and numpy.linalg.lstsq.

Reads {"y": [...], "start": s, "end": e, "origins": [...], "horizon": H, "order": p, "period": 5} on stdin
and writes {"seasonal": [[...]], "drift": [[...]], "ar": [[...]], "beta": [...]} on stdout.
"""
import json
import sys

import numpy as np

q = json.load(sys.stdin)
y = np.asarray(q["y"], dtype=np.float64)
s, e, H, p, period = q["start"], q["end"], q["horizon"], q["order"], q["period"]
origins = q["origins"]

seasonal = [[float(y[o + h - period * int(np.ceil(h / period))]) for h in range(1, H + 1)] for o in origins]
slope = (y[e - 1] - y[s]) / (e - 1 - s)
drift = [[float(y[o] + h * slope) for h in range(1, H + 1)] for o in origins]

r = np.full(y.size, np.nan)
r[1:] = np.diff(np.log(y))
ts = np.arange(s + 1 + p, e)
X = np.column_stack([np.ones(ts.size)] + [r[ts - i] for i in range(1, p + 1)])
beta, *_ = np.linalg.lstsq(X, r[ts], rcond=None)
ar = []
for o in origins:
    hist = list(r[o - p + 1 : o + 1])  # oldest first
    out, total = [], 0.0
    for _ in range(H):
        nxt = beta[0] + sum(beta[i] * hist[-i] for i in range(1, p + 1))
        hist.append(nxt)
        total += nxt
        out.append(float(y[o] * np.exp(total)))
    ar.append(out)
json.dump({"seasonal": seasonal, "drift": drift, "ar": ar, "beta": beta.tolist()}, sys.stdout)
