#!/usr/bin/env bash
# publint (strict) and @arethetypeswrong/cli (ESM-only packages) on every published package.
set -euo pipefail
cd "$(dirname "$0")/.."
for p in packages/tensor packages/kernels packages/layers packages/datasets packages/onnx packages/forecast apps/cli; do
  (cd "$p" && ../../node_modules/.bin/publint --strict --level warning)
done
for p in packages/tensor packages/kernels packages/layers packages/datasets packages/onnx packages/forecast; do
  ./node_modules/.bin/attw --pack "$p" --profile esm-only --format ascii > /dev/null
  echo "attw: $p: no problems"
done
