#!/usr/bin/env bash
# Give a concurrent engineer a git worktree of main with its own .venv:
#   tools/worktree.sh NAME [DIR]      (DIR defaults to /tmp/wt/NAME, branch NAME)
# main's generated C and compiled modules are copied over (and made newer than
# the sources) so the first build is incremental, not a full Cython rebuild;
# valid only while main's checkout is built from main's HEAD.
set -euo pipefail
name=$1
main=$(cd "$(dirname "$0")/.." && pwd)
dest=${2:-/tmp/wt/$name}
git -C "$main" worktree add -q "$dest" -b "$name" main
cd "$main"
git ls-files --others --ignored --exclude-standard engine | grep -E '\.(c|so|pxd)$' > "$dest/.built-files" || true
while read -r f; do cp -p "$f" "$dest/$f"; done < "$dest/.built-files"
cd "$dest"
grep -E '\.(c|pxd)$' .built-files | xargs -r touch
sleep 1
grep -E '\.so$' .built-files | xargs -r touch
rm .built-files
bash tools/setup.sh
