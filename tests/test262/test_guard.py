"""The es5id conformance guard (tests/test262/guard.py).

test_es5id_guard runs all of es5id.txt on glassjs (minutes, not seconds; it is
marked ``conformance`` so a quick local run can leave it out with
``-m "not conformance"``; CI runs it).  The other tests check the guard's
logic with fake engines."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import guard  # noqa: E402
import harness  # noqa: E402
from backends import Outcome  # noqa: E402
from test_runner import EXPECTED, FakeEngine, fake_suite  # noqa: E402,F401


@pytest.mark.conformance
def test_es5id_guard():
    """es5id.txt: every test passes except those in expected-failures/es5id.txt,
    and every listed test still fails."""
    verdict = guard.check("es5id.txt", jobs=2, out=open(os.devnull, "w"))
    assert verdict.total == 8087
    assert verdict.ok, verdict.message("es5id.txt", guard.expected_file("es5id.txt"))


def test_expected_list_format_and_membership():
    """Every entry of the checked-in list has a reason and names an es5id test."""
    path = guard.expected_file("es5id.txt")
    expected = guard.load_expected(path)
    listed = set((harness.DATA_DIR / "es5id.txt").read_text().split())
    assert all(reason for reason in expected.values())
    assert set(expected) <= listed, set(expected) - listed


def test_load_expected_rejects_entries_without_reason(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("# comment\ntest/a.js\tslow\n\ntest/b.js\n")
    with pytest.raises(ValueError, match="x.txt:4"):
        guard.load_expected(f)
    f.write_text("# comment\ntest/a.js\tslow\n")
    assert guard.load_expected(f) == {"test/a.js": "slow"}


def _fake_list(suite, expected_lines):
    names = sorted(EXPECTED)
    (suite / "all.txt").write_text("".join(f"test/fake/dir/{n}\n" for n in names))
    exp = suite / "expected.txt"
    exp.write_text("".join(line + "\n" for line in expected_lines))
    return str(suite / "all.txt"), exp


def _failing():
    return [f"test/fake/dir/{n}\tfails" for n, s in sorted(EXPECTED.items()) if s == "fail"]


def test_guard_passes_when_failures_match(fake_suite):
    lst, exp = _fake_list(fake_suite, _failing())
    v = guard.check(lst, exp, jobs=2, timeout=5, retry_timeout=5, root=fake_suite,
                    out=open(os.devnull, "w"), backend_factory=FakeEngine)
    assert v.ok and v.passed == list(EXPECTED.values()).count("pass")


def test_guard_reports_regression_fixed_and_stale(fake_suite):
    failing = _failing()
    regressed = failing.pop(0).split("\t")[0]               # no longer listed
    fixed = "test/fake/dir/plain.js"                         # listed, but passes
    lst, exp = _fake_list(fake_suite, failing + [f"{fixed}\twas broken",
                                                  "test/fake/dir/gone.js\tdeleted"])
    v = guard.check(lst, exp, jobs=2, timeout=5, retry_timeout=5, root=fake_suite,
                    out=open(os.devnull, "w"), backend_factory=FakeEngine)
    assert not v.ok
    assert list(v.regressions) == [regressed]
    assert v.fixed == [fixed] and v.stale == ["test/fake/dir/gone.js"]
    msg = v.message("all.txt", exp)
    assert regressed in msg and fixed in msg and "gone.js" in msg and "now PASS" in msg
    assert guard.update(exp, v) == 2
    assert set(guard.load_expected(exp)) == {l.split("\t")[0] for l in failing}


class SlowEngine(FakeEngine):
    """Times out unless given a long timeout: stands for a machine so loaded
    that every test timed out in the first pass."""
    name = "slow"

    def run_source(self, source, strict, filename, timeout=None):
        if timeout is None or timeout < 20:
            return Outcome("timeout")
        return super().run_source(source, strict, filename, timeout)


def test_guard_retries_unexpected_failures_alone(fake_suite):
    lst, exp = _fake_list(fake_suite, _failing()[1:])
    v = guard.check(lst, exp, jobs=2, timeout=5, retry_timeout=30, root=fake_suite,
                    out=open(os.devnull, "w"), backend_factory=SlowEngine)
    # the passing tests pass on retry; the unlisted failing one fails twice
    assert list(v.regressions) == [_failing()[0].split("\t")[0]]
    assert sorted(v.slow) == sorted(f"test/fake/dir/{n}" for n, s in EXPECTED.items()
                                    if s == "pass")
    assert v.passed == len(v.slow) and "note:" in v.message("all.txt", exp)
