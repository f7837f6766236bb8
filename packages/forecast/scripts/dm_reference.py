"""Independent Diebold-Mariano reference for the tests: numpy for the statistic, scipy's Student t for p.

Reads {"cases": [{"e1": [...], "e2": [...], "h": 1}, ...], "t": [[t, df], ...]} on stdin and writes
{"dm": [[statistic, p], ...], "t": [p, ...]} on stdout.
"""
import json
import sys

import numpy as np
from scipy import stats


def dm_test(e1, e2, h):
    d = np.asarray(e1, dtype=np.float64) ** 2 - np.asarray(e2, dtype=np.float64) ** 2
    n = d.size
    dbar = d.mean()
    dc = d - dbar
    gamma = [np.dot(dc[k:], dc[: n - k]) / n for k in range(h)]
    var = gamma[0] + 2 * sum(gamma[1:])
    if var <= 0:
        var = gamma[0]
    dm = dbar / np.sqrt(var / n)
    hln = dm * np.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    return [float(hln), float(2 * stats.t.sf(abs(hln), df=n - 1))]


request = json.load(sys.stdin)
json.dump({
    "dm": [dm_test(c["e1"], c["e2"], c["h"]) for c in request["cases"]],
    "t": [float(2 * stats.t.sf(abs(t), df=df)) for t, df in request["t"]],
}, sys.stdout)
