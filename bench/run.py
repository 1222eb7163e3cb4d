#!/usr/bin/env python3
"""Run the benchmark programs on several engines and compare them.

    python bench/run.py [--engines glassjs,quickjs,duktape] [--repeat 3]
        [--programs 01_fib,...] [--exclude 10_regexp] [--timeout 300]
        [--json FILE] [--dir DIR] [--baseline quickjs]

Each (program, engine) pair runs in its own subprocess (bench/worker.py):
REPEAT times, each time in a fresh context; the time is the wall-clock time
of the evaluation only (context creation and console setup excluded); the
table shows the median.  The single line printed by console.log must equal
the checksum in the programs' README.  The last row is the geometric mean
over programs of time(engine) / time(baseline), using only programs where
both engines ran and printed the right checksum.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (BENCH_DIR, Worker, expected_checksums, geomean,  # noqa: E402
                    now_stamp, programs)


def run_pair(engine, path: Path, repeat, timeout, expected):
    """One (engine, program) pair in a subprocess -> result dict."""
    res = {"status": None, "runs_ms": [], "median_ms": None, "output": None,
           "expected": expected, "message": ""}
    w = Worker(["run", engine, path, repeat], timeout=timeout)
    for ev in w.events():
        kind = ev["event"]
        if kind == "ready":
            res["version"] = ev.get("version")
        elif kind == "run":
            res["runs_ms"].append(round(ev["ms"], 2))
            out = "\n".join(ev["output"]).strip()
            if res["output"] is None or out != expected:
                res["output"] = out
        elif kind == "done":
            res["status"] = "OK" if res["output"] == expected else "WRONG"
        elif kind == "unavailable":
            res["status"], res["message"] = "N/A", ev["message"]
        elif kind == "error":
            res["status"], res["message"] = "ERROR", ev["message"]
        elif kind == "timeout":
            res["status"] = "TIMEOUT"
            res["message"] = f"no result within {timeout:g} s (run {len(res['runs_ms']) + 1})"
        elif kind == "crash":
            res["status"] = "CRASH"
            res["message"] = f"{ev['signal']}; stderr: {ev['stderr'][-300:]}"
    if res["runs_ms"]:
        res["median_ms"] = round(statistics.median(res["runs_ms"]), 2)
    if res["status"] is None:
        res["status"] = "CRASH"
    return res


def cell(r):
    if r is None:
        return "-"
    if r["status"] in ("OK", "WRONG"):
        ms = r["median_ms"]
        text = f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"
        return text if r["status"] == "OK" else text + " WRONG"
    return r["status"]


def ratios(results, progs, engines, baseline):
    out = {}
    for e in engines:
        vals = []
        for p in progs:
            a, b = results[p].get(e), results[p].get(baseline)
            if a and b and a["status"] == b["status"] == "OK" and a["median_ms"] > 0 \
                    and b["median_ms"] > 0:
                vals.append(a["median_ms"] / b["median_ms"])
        g = geomean(vals)
        out[e] = {"ratio": round(g, 4) if g else None, "programs": len(vals)}
    return out


def table(results, progs, engines, baseline, geo):
    head = ["program"] + [f"{e} ms" for e in engines]
    rows = [[p] + [cell(results[p].get(e)) for e in engines] for p in progs]
    foot = [f"geomean vs {baseline}"] + [
        (f"{geo[e]['ratio']:.2f} ({geo[e]['programs']})" if geo[e]["ratio"] else "-")
        for e in engines]
    allrows = [head] + rows + [foot]
    w = [max(len(r[i]) for r in allrows) for i in range(len(head))]

    def fmt(r):
        return "  ".join([r[0].ljust(w[0])] + [r[i].rjust(w[i]) for i in range(1, len(r))])

    rule = "-" * len(fmt(head))
    return "\n".join([fmt(head), rule] + [fmt(r) for r in rows] + [rule, fmt(foot)])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default="glassjs,quickjs,duktape")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--programs", help="comma-separated names (default: all)")
    ap.add_argument("--exclude", default="", help="comma-separated names to skip")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds allowed for each single run (default 300)")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--dir", default=str(BENCH_DIR), help=f"programs (default {BENCH_DIR})")
    ap.add_argument("--baseline", default="quickjs")
    args = ap.parse_args(argv)

    bench_dir = Path(args.dir)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    allp = programs(bench_dir)
    progs = [p.strip().removesuffix(".js") for p in args.programs.split(",")] \
        if args.programs else allp
    excl = {p.strip().removesuffix(".js") for p in args.exclude.split(",") if p.strip()}
    progs = [p for p in progs if p not in excl]
    missing = [p for p in progs if p not in allp]
    if missing:
        ap.error(f"unknown programs: {', '.join(missing)} (have: {', '.join(allp)})")
    checks = expected_checksums(bench_dir)

    print(f"bench: {len(progs)} programs x {', '.join(engines)}; repeat {args.repeat}, "
          f"timeout {args.timeout:g} s per run; {platform.node()} "
          f"({os.cpu_count()} CPUs), {now_stamp()}", flush=True)
    results = {p: {} for p in progs}
    unavailable = {}
    versions = {}
    for p in progs:
        for e in engines:
            if e in unavailable:
                results[p][e] = {"status": "N/A", "message": unavailable[e],
                                 "runs_ms": [], "median_ms": None}
                continue
            r = run_pair(e, bench_dir / f"{p}.js", args.repeat, args.timeout,
                         checks.get(p))
            results[p][e] = r
            if r.get("version"):
                versions[e] = r["version"]
            if r["status"] == "N/A":
                unavailable[e] = r["message"]
                print(f"  {e}: unavailable: {r['message']}", flush=True)
                continue
            runs = ", ".join(f"{t:.0f}" for t in r["runs_ms"])
            extra = "" if r["status"] == "OK" else (
                f"  got {r['output']!r}, want {r['expected']!r}" if r["status"] == "WRONG"
                else f"  {r['message']}")
            print(f"  {p:<12} {e:<8} {cell(r):>12}  [{runs}]{extra}", flush=True)

    shown = [e for e in engines if e not in unavailable]
    geo = ratios(results, progs, shown, args.baseline) if args.baseline in shown else \
        {e: {"ratio": None, "programs": 0} for e in shown}
    print()
    if shown:
        print(table(results, progs, shown, args.baseline, geo))
    for e, msg in unavailable.items():
        print(f"{e}: not run ({msg})")
    problems = [(p, e, r) for p in progs for e, r in results[p].items()
                if r["status"] not in ("OK", "N/A")]
    if problems:
        print("\nproblems:")
        for p, e, r in problems:
            detail = (f"printed {r['output']!r}, expected {r['expected']!r}"
                      if r["status"] == "WRONG" else r["message"])
            print(f"  {p} / {e}: {r['status']}: {detail}")
    if args.baseline not in shown:
        print(f"\n(no ratios: baseline {args.baseline} did not run)")

    if args.json:
        Path(args.json).write_text(json.dumps({
            "date": now_stamp(), "host": platform.node(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "repeat": args.repeat,
            "timeout_s": args.timeout, "engines": engines, "versions": versions,
            "baseline": args.baseline, "results": results,
            "geomean_vs_baseline": geo}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
