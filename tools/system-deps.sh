#!/usr/bin/env bash
# Debian packages the project needs beside its pip dependencies:
#   graphviz  - `dot`, which draws the object-graph visualizer
#   chromium  - the real-browser JupyterLab tests (Playwright drives /usr/bin/chromium)
# Installs only what is missing; needs root and apt-get (a fresh CI machine has
# both).  Elsewhere it says what to install and carries on: the tests that need
# a missing program skip with that same message.
set -euo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "note: install these Debian packages for the full test suite: ${missing[*]}" >&2
fi
