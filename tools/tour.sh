#!/usr/bin/env bash
# The main job: set up (tools/setup.sh, which also installs the glassjs
# kernelspec into .venv), then open the tour notebook in JupyterLab.
# Extra arguments go to `jupyter lab` (e.g. --no-browser --port 8899).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
tour=notebooks/00-tour.ipynb
[ -f "$tour" ] || { echo "$tour is missing from this checkout" >&2; exit 1; }
root=()
[ "$(id -u)" = 0 ] && root=(--allow-root)   # JupyterLab refuses root without it (CI-like machines)
exec .venv/bin/jupyter lab "${root[@]}" "$@" "$tour"
