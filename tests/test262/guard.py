#!/usr/bin/env python3
"""The conformance guard: run a test list and compare with the checked-in
list of tests expected to fail.

    python tests/test262/guard.py [LIST] [--expected FILE] [-j N] [--timeout S]
        [--retry-timeout S] [--update]

LIST defaults to es5id.txt and FILE to tests/test262/expected-failures/<LIST>.
It fails (exit 1) when

* a test that is not listed fails (a regression), or
* a listed test passes (remove it: the list only shrinks), or
* a listed test is not in LIST at all (a stale entry).

Noise: the machine is shared, so a test that fails unexpectedly is run once
more, alone, with a generous timeout (--retry-timeout, default 60 s) before it
counts as a regression; one that passes then is reported as slow, not as a
failure.  Listed tests are not retried: a listed test must fail
deterministically (a listed timeout that sometimes passes would make the guard
flaky, so slow tests get fixed, not listed).

--update rewrites FILE without the listed tests that passed (it never adds).
The pytest entry point is tests/test262/test_guard.py (marker "conformance").
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import resolve_list, suite_root           # noqa: E402
import run as runner                                   # noqa: E402

EXPECTED_DIR = Path(__file__).resolve().parent / "expected-failures"
DEFAULT_TIMEOUT = 10.0          # the timeout of the published numbers
DEFAULT_RETRY_TIMEOUT = 60.0


def expected_file(list_name: str) -> Path:
    name = list_name if list_name.endswith(".txt") else list_name + ".txt"
    return EXPECTED_DIR / Path(name).name


def load_expected(path: Path) -> dict[str, str]:
    """'path<TAB>reason' lines (the format of run.py --failures); '#' starts
    a comment line.  -> {path: reason}."""
    expected = {}
    for n, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        test, sep, reason = line.partition("\t")
        if not sep or not reason.strip():
            raise ValueError(f"{path}:{n}: expected 'path<TAB>reason', got {line!r}")
        expected[test.strip()] = reason.strip()
    return expected


@dataclass
class Verdict:
    regressions: dict = field(default_factory=dict)   # path -> reason (failed twice)
    fixed: list = field(default_factory=list)          # listed, but passed
    stale: list = field(default_factory=list)          # listed, not in the test list
    slow: dict = field(default_factory=dict)           # failed once, passed on retry
    passed: int = 0
    total: int = 0

    @property
    def ok(self) -> bool:
        return not (self.regressions or self.fixed or self.stale)

    def message(self, list_name: str, expected_path) -> str:
        out = [f"test262 guard, {list_name}: {self.passed}/{self.total} passed, "
               f"{self.total - self.passed} failed as expected by {expected_path}"]
        if self.regressions:
            out.append(f"\n{len(self.regressions)} test(s) that passed now FAIL "
                       f"(failed twice, the second time alone):")
            out += [f"  {p}\n      {r}" for p, r in sorted(self.regressions.items())]
        if self.fixed:
            out.append(f"\n{len(self.fixed)} listed test(s) now PASS -- remove them from "
                       f"{expected_path} (or run guard.py --update):")
            out += [f"  {p}" for p in sorted(self.fixed)]
        if self.stale:
            out.append(f"\n{len(self.stale)} listed test(s) are not in {list_name} -- "
                       f"remove them:")
            out += [f"  {p}" for p in sorted(self.stale)]
        if self.slow:
            out.append(f"\nnote: {len(self.slow)} test(s) failed once and passed when "
                       f"retried alone (slow or noisy machine):")
            out += [f"  {p}: {r}" for p, r in sorted(self.slow.items())]
        return "\n".join(out)


def compare(results: dict, expected: dict, retried: dict | None = None) -> Verdict:
    """results: {path: status or TestResult} of the first pass; retried:
    {path: result} of the retry of the unexpected failures."""
    def status(r):
        return r if isinstance(r, str) else r.status

    def reason(r):
        return "" if isinstance(r, str) else r.reason

    retried = retried or {}
    v = Verdict(total=len(results))
    for path, r in results.items():
        if status(r) == "pass":
            v.passed += 1
            if path in expected:
                v.fixed.append(path)
        elif path not in expected:
            again = retried.get(path)
            if again is not None and status(again) == "pass":
                v.passed += 1
                v.slow[path] = reason(r)
            else:
                v.regressions[path] = reason(again if again is not None else r)
    v.stale = sorted(p for p in expected if p not in results)
    return v


def check(list_name: str = "es5id.txt", expected_path: Path | None = None, jobs: int = 2,
          timeout: float = DEFAULT_TIMEOUT, retry_timeout: float = DEFAULT_RETRY_TIMEOUT,
          engine: str = "glassjs", out=sys.stderr, backend_factory=None,
          root: Path | None = None) -> Verdict:
    root = Path(root or suite_root())
    expected_path = Path(expected_path or expected_file(list_name))
    expected = load_expected(expected_path)
    _, paths = resolve_list(list_name, root)
    results, _ = runner.run(paths, engine, jobs, timeout, root, out=out,
                            backend_factory=backend_factory)
    suspects = [p for p, r in results.items() if r.status != "pass" and p not in expected]
    retried = {}
    if suspects:
        print(f"guard: retrying {len(suspects)} unexpected failure(s) alone, "
              f"timeout {retry_timeout:g} s", file=out, flush=True)
        retried, _ = runner.run(suspects, engine, 1, retry_timeout, root, out=out,
                                backend_factory=backend_factory)
    return compare(results, expected, retried)


def update(expected_path: Path, verdict: Verdict) -> int:
    """Drop the listed tests that passed or are stale; keep comments and order."""
    drop = set(verdict.fixed) | set(verdict.stale)
    lines = Path(expected_path).read_text().splitlines()
    kept = [l for l in lines if l.partition("\t")[0].strip() not in drop]
    Path(expected_path).write_text("\n".join(kept) + "\n")
    return len(lines) - len(kept)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("list", nargs="?", default="es5id.txt")
    ap.add_argument("--expected", metavar="FILE")
    ap.add_argument("--engine", default="glassjs")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    ap.add_argument("--retry-timeout", type=float, default=DEFAULT_RETRY_TIMEOUT)
    ap.add_argument("--update", action="store_true",
                    help="remove listed tests that now pass (never adds)")
    args = ap.parse_args(argv)
    expected_path = Path(args.expected) if args.expected else expected_file(args.list)
    t0 = time.monotonic()
    verdict = check(args.list, expected_path, args.jobs, args.timeout, args.retry_timeout,
                    args.engine)
    print(verdict.message(args.list, expected_path))
    print(f"guard time: {time.monotonic() - t0:.0f} s")
    if args.update and (verdict.fixed or verdict.stale):
        n = update(expected_path, verdict)
        print(f"removed {n} line(s) from {expected_path}")
        return 1 if verdict.regressions else 0
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
