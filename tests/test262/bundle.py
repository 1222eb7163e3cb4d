#!/usr/bin/env python3
"""Run a whole test262 list (the bundle sample, the whole archive, ...) and
write its per-directory table into docs/conformance.md, in place.

    python tests/test262/bundle.py [LIST] [-j N] [--peers quickjs,duktape]
        [--doc docs/conformance.md] [--timeout S] [--json FILE] [--failures FILE]

LIST: sample3000 (default), es5id, es5core, or `all` for every test of the
archive (44,132: hours on a 2-core machine).  glassjs runs the list; each
peer in --peers (default quickjs,duktape; '' for none) runs it too with the
same runner and rules, so the table has their rate per directory.  The
reference totals of /work/shared/test262/README.md (QuickJS, Duktape, Node),
where it has a row for LIST, go under the table.

The table replaces the section between
``<!-- test262:LIST begin -->`` and ``<!-- test262:LIST end -->`` in the doc,
or is appended with those markers if the doc has none yet.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report                                          # noqa: E402
import run as runner                                   # noqa: E402
from harness import DATA_DIR, REPO_ROOT, resolve_list, suite_root   # noqa: E402

PEER_NAMES = {"quickjs": "QuickJS", "duktape": "Duktape", "glassjs": "glassjs"}


def list_paths(name: str, root: Path) -> tuple[str, list[str]]:
    if name == "all":
        return "all (whole archive)", resolve_list("test", root)[1]
    label, paths = resolve_list(name, root)
    return label, paths


def reference_rates(label: str, data_dir: Path = DATA_DIR) -> dict[str, str]:
    """{engine: rate} from the table of the data README for this list."""
    readme = Path(data_dir) / "README.md"
    if not readme.exists():
        return {}
    header, out = None, {}
    for line in readme.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and header is None and len(cells) > 1 and not cells[0]:
            header = cells
        elif header and line.startswith("|") and cells[0] == label:
            out = {h: v for h, v in zip(header[1:], cells[1:]) if h}
    return out


def section(label: str, date: str, glass: dict, peers: dict, refs: dict, seconds: float,
            timeout: float, jobs: int) -> str:
    """The markdown section: per-directory rows, glassjs counts + peer rates."""
    rows, totals = report.summarize(glass)
    peer_rows = {name: dict((g, (p, t)) for g, p, t in report.summarize(res)[0])
                 for name, res in peers.items()}
    peer_totals = {name: report.summarize(res)[1] for name, res in peers.items()}
    cols = [PEER_NAMES.get(n, n) for n in peers]
    out = [f"- date: {date} (UTC)",
           f"- command: `python tests/test262/bundle.py {label.split(' ')[0].removesuffix('.txt')}"
           f" -j {jobs}`; timeout {timeout:g} s per test; glassjs run time {seconds:.0f} s",
           f"- glassjs: **{totals[0]} / {totals[1]} ({report._pct(*totals)})**"]
    for name, (p, t) in peer_totals.items():
        out.append(f"- {PEER_NAMES.get(name, name)} (same runner, this machine): "
                   f"{p} / {t} ({report._pct(p, t)})")
    if refs:
        out.append("- reference totals (shared/test262/README.md): "
                   + ", ".join(f"{k} {v}" for k, v in refs.items()))
    out += ["", "| directory | passed | total | glassjs | " + " | ".join(cols) + " |",
            "|---|---:|---:|---:|" + "---:|" * len(cols)]
    for g, p, t in rows:
        peer_cells = []
        for name in peers:
            pp = peer_rows[name].get(g)
            peer_cells.append(report._pct(*pp) if pp else "-")
        out.append(f"| {g} | {p} | {t} | {report._pct(p, t)} | " + " | ".join(peer_cells) + " |")
    out.append(f"| **total** | **{totals[0]}** | **{totals[1]}** | **{report._pct(*totals)}** | "
               + " | ".join(f"**{report._pct(*peer_totals[n])}**" for n in peers) + " |")
    return "\n".join(out) + "\n"


def update_doc(doc: Path, key: str, title: str, body: str) -> None:
    begin, end = f"<!-- test262:{key} begin -->", f"<!-- test262:{key} end -->"
    block = f"{begin}\n{body}{end}"
    text = doc.read_text() if doc.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda m: block, text)
    else:
        text = text.rstrip("\n") + f"\n\n## {title}\n\n{block}\n"
    doc.write_text(text)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("list", nargs="?", default="sample3000")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--peers", default="quickjs,duktape",
                    help="comma-separated peer backends to run too ('' for none)")
    ap.add_argument("--doc", default=str(REPO_ROOT / "docs" / "conformance.md"))
    ap.add_argument("--json", metavar="FILE", help="glassjs results as JSON")
    ap.add_argument("--failures", metavar="FILE", help="glassjs failures, path<TAB>reason")
    args = ap.parse_args(argv)

    root = suite_root()
    label, paths = list_paths(args.list, root)
    date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    out = sys.stderr
    print(f"bundle: {len(paths)} tests from {label}, -j {args.jobs}", file=out)
    t0 = time.monotonic()
    glass, _ = runner.run(paths, "glassjs", args.jobs, args.timeout, root, out=out)
    seconds = time.monotonic() - t0
    peers = {}
    for name in filter(None, (p.strip() for p in args.peers.split(","))):
        print(f"bundle: peer {name}", file=out)
        try:
            peers[name], _ = runner.run(paths, name, args.jobs, args.timeout, root, out=out)
        except runner.WorkerInitError as err:
            print(f"bundle: peer {name} cannot start, left out:\n{err}", file=out)
    refs = reference_rates(label)
    body = section(label, date, glass, peers, refs, seconds, args.timeout, args.jobs)
    key = "all" if args.list == "all" else label.removesuffix(".txt")
    update_doc(Path(args.doc), key, f"{label} per directory", body)
    rows, totals = report.summarize(glass)
    print(report.text_table(rows, totals, f"test262 {label} -- glassjs -- {date}"))
    print(f"wrote the {key} section of {args.doc}", file=out)
    if args.json:
        report.write_json(args.json, glass, {"engine": "glassjs", "list": label, "date": date,
                                             "timeout": args.timeout, "seconds": round(seconds, 1)})
    if args.failures:
        report.write_failures(args.failures, glass)
    return 0


if __name__ == "__main__":
    sys.exit(main())
