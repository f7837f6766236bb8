#!/usr/bin/env bash
# Whole-process wall time, start to exit: `rnnkit train` (the tutorial's defaults) against the
# PyTorch tutorial script, interleaved run by run so that load from other work hits both alike.
#   bash scripts/whole-process.sh [runs, default 10]   (after pnpm build; needs python3-torch)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wall() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }
for _ in $(seq "$runs"); do
  echo "$(wall node apps/cli/dist/bin.js train --out "$out/run" --overwrite) $(wall /usr/bin/python3 scripts/pytorch_tutorial.py --out "$out/torch")"
done | python3 -c '
import statistics as s, sys
pairs = [tuple(map(float, line.split())) for line in sys.stdin]
a, b = [p[0] for p in pairs], [p[1] for p in pairs]
r = [x / y for x, y in pairs]
print(f"rnnkit train {s.median(a):.2f} s, PyTorch script {s.median(b):.2f} s (medians of {len(pairs)}); "
      f"rnnkit/PyTorch {s.median(r):.2f} (median of the per-run ratios, {min(r):.2f}-{max(r):.2f})")'
