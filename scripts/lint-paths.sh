#!/usr/bin/env bash
# Fails on any path that reaches outside the repository (../shared, a developer's /work folder):
# a user's clone has neither, so a test or script that reads them passes here and fails there.
set -euo pipefail
cd "$(dirname "$0")/.."
hits=$(git grep -nE "(\.\./)+shared/|/work/(main|shared)" -- . ':!*.md' ':!scripts/lint-paths.sh' || true)
if [ -n "$hits" ]; then
  echo "lint-paths: these lines reach outside the repository; copy what they need into it:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "lint-paths: no path outside the repository"
