#!/usr/bin/env bash
# Set up a development environment from a fresh clone: a virtualenv in .venv
# with glassjs built (Cython core) and installed in editable mode, plus the
# test and benchmark dependencies, and the glassjs kernelspec.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip setuptools wheel "Cython==3.3.1"
.venv/bin/python -m pip install -q -e ".[test,bench]" --no-build-isolation
# The "JavaScript (glassjs)" kernelspec inside the venv, so .venv/bin/jupyter finds it.
.venv/bin/python -m glassjs.kernel install --sys-prefix >/dev/null
