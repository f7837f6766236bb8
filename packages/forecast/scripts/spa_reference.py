"""Independent float64 reference of Hansen's (2005) SPA test for the tests, in numpy.

It redraws the stationary bootstrap itself with the same seeded generator as rnnkit (mulberry32, as in
packages/tensor/src/random.ts) and the same draw order, so the p-values are comparable exactly.
Reads {"cases": [{"d": [[...], ...], "bootstrap": B, "blockLength": L or null, "seed": s}, ...]} on stdin
and writes {"spa": [{"statistic", "pValue", "pLower", "pUpper", "best", "blockLength", "omega"}, ...]}.
"""
import json
import math
import sys

import numpy as np

M32 = 0xFFFFFFFF


class Mulberry32:
    def __init__(self, seed):
        self.s = int(seed) & M32

    def next(self):
        self.s = (self.s + 0x6D2B79F5) & M32
        t = self.s
        t = ((t ^ (t >> 15)) * (t | 1)) & M32
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & M32)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    def int(self, n):
        return math.floor(self.next() * n)


def stationary_indices(n, block, rng):
    q = 1.0 / block
    tau = np.empty(n, dtype=np.int64)
    tau[0] = rng.int(n)
    for t in range(1, n):
        tau[t] = rng.int(n) if rng.next() < q else (tau[t - 1] + 1) % n
    return tau


def politis_white(x):
    """Politis & White (2004), Patton-Politis-White (2009) correction, stationary bootstrap."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    e = x - x.mean()
    kn = max(5, math.ceil(math.sqrt(math.log10(n))))
    m_max = math.ceil(math.sqrt(n)) + kn
    b_max = math.ceil(min(3 * math.sqrt(n), n / 3))
    lags = min(n - 1, m_max + kn)
    r = np.array([e[: n - k] @ e[k:] / n for k in range(lags + 1)])
    if not r[0] > 0:
        return 1.0
    rho = np.abs(r / r[0])
    bound = 2 * math.sqrt(math.log10(n) / n)
    m_hat = None
    for m in range(m_max + 1):
        if all((m + k > lags) or rho[m + k] < bound for k in range(1, kn + 1)):
            m_hat = m
            break
    big_m = min(m_max if m_hat is None else 2 * m_hat, lags)
    k = np.arange(1, big_m + 1)
    lam = np.where(k / max(big_m, 1) <= 0.5, 1.0, 2 * (1 - k / max(big_m, 1)))
    g_big = 2 * np.sum(lam * k * r[1 : big_m + 1])
    g0 = r[0] + 2 * np.sum(lam * r[1 : big_m + 1])
    d = 2 * g0 ** 2
    b = (2 * g_big ** 2 / d) ** (1 / 3) * n ** (1 / 3) if d > 0 else 1.0
    return float(min(max(b, 1.0), b_max))


def spa(d, bootstrap, block, seed):
    d = np.asarray(d, dtype=np.float64)  # [m, n]
    m, n = d.shape
    if block is None:
        block = float(np.mean([politis_white(row) for row in d]))
    q = 1.0 / block
    dbar = d.mean(axis=1)
    dc = d - dbar[:, None]
    i = np.arange(n)
    kappa = (n - i) / n * (1 - q) ** i + i / n * (1 - q) ** (n - i)
    gamma = np.array([[dc[k, : n - j] @ dc[k, j:] / n for j in range(n)] for k in range(m)])
    omega2 = gamma[:, 0] + 2 * (gamma[:, 1:] @ kappa[1:])
    ok = omega2 > 0
    omega = np.sqrt(np.where(ok, omega2, 1.0))
    tk = np.where(ok, np.sqrt(n) * dbar / omega, -np.inf)
    best = int(np.argmax(tk))
    stat = max(0.0, float(tk[best]))
    thr = np.sqrt(omega2 / n * 2 * np.log(np.log(n)))
    centres = {"l": np.maximum(dbar, 0), "c": dbar * (dbar >= -thr), "u": dbar}
    rng = Mulberry32(seed)
    counts = {"l": 0, "c": 0, "u": 0}
    for _ in range(bootstrap):
        tau = stationary_indices(n, block, rng)
        star = d[:, tau].mean(axis=1)
        for key, mu in centres.items():
            z = np.where(ok, np.sqrt(n) * (star - mu) / omega, -np.inf)
            counts[key] += int(max(0.0, float(z.max())) > stat)
    return {
        "statistic": stat, "best": best, "blockLength": block, "omega": omega.tolist(),
        "pValue": counts["c"] / bootstrap, "pLower": counts["l"] / bootstrap, "pUpper": counts["u"] / bootstrap,
    }


request = json.load(sys.stdin)
json.dump({"spa": [spa(c["d"], c["bootstrap"], c.get("blockLength"), c["seed"]) for c in request["cases"]],
           "politisWhite": [politis_white(x) for x in request.get("series", [])]}, sys.stdout)
