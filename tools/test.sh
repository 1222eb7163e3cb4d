#!/usr/bin/env bash
# Set up, then run the test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
exec .venv/bin/python -m pytest -q -n 2 "$@"
