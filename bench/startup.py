#!/usr/bin/env python3
"""Fresh-context creation time per engine.

    python bench/startup.py [--engines glassjs,quickjs,duktape] [-n 200] [--json FILE]

For each engine (in its own subprocess, bench/worker.py) create N fresh
contexts one after another and report the median / min / 90th percentile of
(a) creating the context and (b) creating it and evaluating "0" in it (for
engines that initialise lazily), plus memory_used_size of a fresh context
where the engine reports it (QuickJS, glassjs).  Contexts are created bare
(no console.log setup).  See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Worker, now_stamp  # noqa: E402


def pct(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def measure(engine, n, timeout):
    w = Worker(["startup", engine, n], timeout=timeout)
    res = {"status": "CRASH"}
    for ev in w.events():
        kind = ev["event"]
        if kind == "ready":
            res["version"] = ev.get("version")
        elif kind == "startup":
            c, f = ev["create_ms"], ev["create_eval_ms"]
            res.update(status="OK", n=len(c),
                       create_ms={"median": statistics.median(c), "min": min(c), "p90": pct(c, 0.9)},
                       create_eval_ms={"median": statistics.median(f), "min": min(f),
                                       "p90": pct(f, 0.9)},
                       memory_used_size=ev.get("memory_used_size"))
        elif kind == "unavailable":
            res = {"status": "N/A", "message": ev["message"]}
        elif kind == "timeout":
            res = {"status": "TIMEOUT"}
        elif kind == "crash":
            res = {"status": "CRASH", "message": f"{ev['signal']}: {ev['stderr'][-300:]}"}
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default="glassjs,quickjs,duktape")
    ap.add_argument("-n", type=int, default=200, help="contexts per engine (default 200)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]

    print(f"fresh-context creation, {args.n} contexts per engine, {now_stamp()}")
    results = {e: measure(e, args.n, args.timeout) for e in engines}
    head = ("engine", "create median", "min", "p90", "create+eval('0') median", "memory_used_size")
    rows = []
    for e, r in results.items():
        if r["status"] == "OK":
            c, f = r["create_ms"], r["create_eval_ms"]
            rows.append((e, f"{c['median']:.3f} ms", f"{c['min']:.3f} ms", f"{c['p90']:.3f} ms",
                         f"{f['median']:.3f} ms",
                         f"{r['memory_used_size']:,} B" if r.get("memory_used_size") else "-"))
        else:
            rows.append((e, r["status"], "", "", "", r.get("message", "")[:60]))
    w = [max(len(str(x[i])) for x in [head] + rows) for i in range(len(head))]
    fmt = lambda r: "  ".join([r[0].ljust(w[0])] + [r[i].rjust(w[i]) for i in range(1, len(r))])  # noqa: E731
    print(fmt(head))
    print("-" * len(fmt(head)))
    for r in rows:
        print(fmt(r))
    if args.json:
        Path(args.json).write_text(json.dumps({"date": now_stamp(), "n": args.n,
                                               "results": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
