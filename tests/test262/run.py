#!/usr/bin/env python3
"""Run test262 against an engine backend and report pass rates.

    python tests/test262/run.py [LIST_OR_PATHS...] [--engine glassjs|quickjs|duktape]
        [-j N] [--timeout S] [--filter SUBSTR] [--markdown FILE] [--json FILE]
        [--failures FILE] [-v]

LIST_OR_PATHS: list files (es5id.txt, es5core, sample3000, or any path to a
.txt with one test path per line), test files or directories (relative to the
suite root, e.g. test/built-ins/Array).  Default: es5id.txt.
See tests/test262/README.md.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import functools
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backends import BACKENDS, make_backend          # noqa: E402
from harness import (Harness, TestResult, resolve_list, run_test,  # noqa: E402
                     suite_root)
from pool import WorkerInitError, WorkerPool          # noqa: E402
import report                                         # noqa: E402

_HARNESS = {}


def _task(backend, relpath, root, timeout):
    h = _HARNESS.get(root)
    if h is None:
        h = _HARNESS[root] = Harness(root)
    return run_test(backend, root, relpath, timeout, h)


def _signal_name(code):
    if code is not None and code < 0:
        import signal
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def collect(args_lists, root, filt=None):
    label_parts, paths, seen = [], [], set()
    for item in args_lists:
        label, found = resolve_list(item, root)
        label_parts.append(label)
        for p in found:
            if p not in seen:
                seen.add(p)
                paths.append(p)
    if filt:
        paths = [p for p in paths if filt in p]
    return "+".join(label_parts), paths


def run(paths, engine, jobs, timeout, root, verbose=False, out=sys.stderr,
        backend_factory=None):
    """Run the tests; returns {path: TestResult}."""
    factory = backend_factory or functools.partial(make_backend, engine)
    results = {}
    t0 = last = time.monotonic()
    npass = 0
    hard = timeout + max(5.0, timeout * 0.5)
    pool = WorkerPool(
        factory, functools.partial(_task, root=root, timeout=timeout), jobs=jobs,
        hard_timeout=hard,
        on_timeout=lambda p: TestResult(p, "fail", "timeout (worker killed by watchdog)"),
        on_crash=lambda p, code: TestResult(p, "fail", f"crash ({_signal_name(code)})"),
        on_runner_error=lambda p, msg: TestResult(p, "fail", f"runner error: {msg}"),
    )
    tty = out.isatty()
    with pool:
        for path, res in pool.imap_unordered(paths):
            results[path] = res
            npass += res.status == "pass"
            if verbose and res.status != "pass":
                print(f"FAIL {path}: {res.reason}", file=out, flush=True)
            now = time.monotonic()
            if now - last >= (0.5 if tty else 10) or len(results) == len(paths):
                last = now
                msg = (f"[{len(results)}/{len(paths)}] pass {npass} "
                       f"({100.0 * npass / len(results):.1f}%)  {now - t0:.0f}s")
                print(("\r" + msg) if tty else msg, end="" if tty else "\n", file=out, flush=True)
    if tty:
        print(file=out)
    return results, pool


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lists", nargs="*", metavar="LIST_OR_PATHS", default=None)
    ap.add_argument("--engine", default="glassjs",
                    help=f"backend: {', '.join(BACKENDS)} or module:Class (default glassjs)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per test (default 10)")
    ap.add_argument("--filter", help="only tests whose path contains SUBSTR")
    ap.add_argument("--markdown", metavar="FILE")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--failures", metavar="FILE")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each failure")
    args = ap.parse_args(argv)

    root = suite_root()
    label, paths = collect(args.lists or ["es5id.txt"], root, args.filter)
    if not paths:
        print("no tests selected", file=sys.stderr)
        return 2
    date = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    print(f"test262: {len(paths)} tests from {label}, engine {args.engine}, "
          f"-j {args.jobs}, timeout {args.timeout:g}s, suite {root}", file=sys.stderr)
    t0 = time.monotonic()
    try:
        results, pool = run(paths, args.engine, args.jobs, args.timeout, root, args.verbose)
    except WorkerInitError as err:
        print(f"error: the {args.engine} backend could not start in a worker:\n{err}",
              file=sys.stderr)
        return 2
    elapsed = time.monotonic() - t0

    rows, totals = report.summarize(results)
    title = (f"test262 {label} -- engine {args.engine} -- {date} -- "
             f"{elapsed:.0f} s, {pool.crashes} crashes, {pool.kills} watchdog kills")
    print(report.text_table(rows, totals, title))
    if args.markdown:
        Path(args.markdown).write_text(report.markdown_report(
            rows, totals, args.engine, label, date,
            extra=f"- timeout: {args.timeout:g} s per test; run time {elapsed:.0f} s"))
    if args.json:
        report.write_json(args.json, results, {
            "engine": args.engine, "list": label, "date": date,
            "timeout": args.timeout, "seconds": round(elapsed, 1)})
    if args.failures:
        report.write_failures(args.failures, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
