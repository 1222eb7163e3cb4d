"""test262 suite access and the pass/fail rules of INTERPRETING.md.

* :func:`suite_root` finds the extracted suite, unpacking the archive into the
  cache directory on first use (idempotent, safe against concurrent runs).
* :func:`plan_runs` / :func:`build_source` turn a test into the scripts to run
  (harness prelude, includes, strict prefix).
* :func:`judge_run` / :func:`judge_test` decide pass/fail from the backends'
  :class:`~backends.Outcome` objects.
* :func:`run_test` does all of it for one test file (called in the workers).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

try:                                    # run as a package or as plain modules
    from .frontmatter import FrontmatterError, Metadata, parse_metadata
    from .backends import Outcome
except ImportError:                     # pragma: no cover
    from frontmatter import FrontmatterError, Metadata, parse_metadata
    from backends import Outcome

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("GLASSJS_TEST262_DATA", "/work/shared/test262"))
STRICT_PREFIX = '"use strict";\n'


# ---------------------------------------------------------------------------
# locating / extracting the suite

def cache_dir() -> Path:
    return Path(os.environ.get("GLASSJS_TEST262_DIR", REPO_ROOT / "build" / "test262"))


def find_archive(data_dir: Path = None) -> Path:
    data_dir = Path(data_dir or DATA_DIR)
    archives = sorted(data_dir.glob("test262-*.tar.xz"))
    if not archives:
        raise FileNotFoundError(f"no test262-*.tar.xz in {data_dir}")
    return archives[-1]


def _is_suite(p: Path) -> bool:
    return (p / "test").is_dir() and (p / "harness").is_dir()


def suite_root(data_dir: Path = None, cache: Path = None) -> Path:
    """The directory holding test/ and harness/, extracting if needed.

    GLASSJS_TEST262_DIR may also point at an already unpacked suite (a
    directory with test/ and harness/) which is then used as is.
    """
    cache = Path(cache or cache_dir())
    if _is_suite(cache):
        return cache
    archive = find_archive(data_dir)
    stem = archive.name[: -len(".tar.xz")]
    target = cache / stem
    if (target / ".complete").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)            # one extractor at a time
        if (target / ".complete").exists():
            return target
        tmp = cache / f".extract-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if shutil.which("tar"):
            subprocess.run(["tar", "-xJf", str(archive), "-C", str(tmp)], check=True)
        else:                                       # pragma: no cover
            with tarfile.open(archive) as tf:
                tf.extractall(tmp)
        inner = tmp if _is_suite(tmp) else next(
            (p for p in tmp.iterdir() if p.is_dir() and _is_suite(p)), None)
        if inner is None:
            raise RuntimeError(f"{archive} does not contain test/ and harness/")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(inner, target)
        shutil.rmtree(tmp, ignore_errors=True)
        (target / ".complete").write_text(f"{archive}\n{time.ctime()}\n")
    return target


def read_text(path: Path) -> str:
    # bytes-exact: no newline translation (tests are sensitive to CR/LF)
    return path.read_bytes().decode("utf-8")


def resolve_list(arg: str, root: Path, data_dir: Path = None) -> tuple[str, list[str]]:
    """A CLI argument -> (label, test paths relative to the suite root).

    Accepts a list file (a path, or a name in the data dir with or without
    '.txt'), a test file or a directory (relative to the suite root, to
    root/test, or absolute).
    """
    data_dir = Path(data_dir or DATA_DIR)
    cands = [Path(arg), data_dir / arg, data_dir / (arg + ".txt")]
    for c in cands:
        if c.is_file() and c.suffix == ".txt":
            lines = [l.strip() for l in c.read_text().splitlines()]
            return c.name, [l for l in lines if l and not l.startswith("#")]
    for base in (root, root / "test", Path.cwd()):
        p = (base / arg) if not Path(arg).is_absolute() else Path(arg)
        if p.exists():
            p = p.resolve()
            try:
                rel_root = p.relative_to(root.resolve())
            except ValueError:
                raise ValueError(f"{arg}: not inside the suite at {root}")
            if p.is_file():
                return str(rel_root), [str(rel_root)]
            found = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for f in sorted(filenames):
                    if f.endswith(".js") and "_FIXTURE" not in f:
                        found.append(str((Path(dirpath) / f).relative_to(root.resolve())))
            return str(rel_root) + "/", found
    raise FileNotFoundError(f"{arg}: not a list file, test file or directory")


class Harness:
    """Cached access to harness/*.js."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        src = self._cache.get(name)
        if src is None:
            src = self._cache[name] = read_text(self.root / "harness" / name)
        return src


# ---------------------------------------------------------------------------
# the rules

@dataclass(frozen=True)
class Run:
    strict: bool
    label: str        # "non-strict" | "strict"


def plan_runs(meta: Metadata) -> list[Run]:
    """The runs a test needs.  [] for module tests (run as modules, which the
    caller must handle)."""
    flags = meta.flags
    if "module" in flags:
        return []
    if "raw" in flags or "noStrict" in flags:
        return [Run(False, "non-strict")]
    if "onlyStrict" in flags:
        return [Run(True, "strict")]
    return [Run(False, "non-strict"), Run(True, "strict")]


def build_source(meta: Metadata, test_source: str, harness, strict: bool) -> str:
    """The script for one run: [strict prefix] assert.js sta.js
    [doneprintHandle.js] includes... test."""
    if "raw" in meta.flags:
        return test_source
    parts = [harness("assert.js"), harness("sta.js")]
    if "async" in meta.flags:
        parts.append(harness("doneprintHandle.js"))
    parts.extend(harness(name) for name in meta.includes)
    parts.append(test_source)
    src = "\n".join(parts)
    return STRICT_PREFIX + src if strict else src


ASYNC_OK = "Test262:AsyncTestComplete"
ASYNC_FAIL = "Test262:AsyncTestFailure:"


def judge_run(meta: Metadata, outcome: Outcome) -> tuple[bool, str]:
    """(passed, reason) for one run.  reason is "" on a pass."""
    if outcome.kind in ("timeout", "crash"):
        return False, outcome.kind + (f": {outcome.message}" if outcome.message else "")
    if outcome.kind == "unsupported":
        return False, f"unsupported: {outcome.message}"
    if outcome.kind == "internal":
        return False, f"engine internal error: {outcome.message}"
    got = "none" if outcome.kind == "ok" else f"{outcome.name or 'uncaught ' + repr(outcome.message)} at {outcome.phase}"
    if meta.negative:
        want_phase, want_type = meta.negative["phase"], meta.negative["type"]
        if outcome.kind == "error" and outcome.phase == want_phase and outcome.name == want_type:
            return True, ""
        reason = f"expected {want_type} at {want_phase}, got {got}"
        if outcome.kind == "error" and outcome.message:
            reason += f": {outcome.message}"
        return False, reason
    if outcome.kind == "error":
        desc = outcome.describe()
        return False, desc if outcome.phase != "parse" else f"{desc} (at parse)"
    if "async" in meta.flags:
        for line in outcome.printed:
            if line.startswith(ASYNC_FAIL):
                return False, "async: " + line[len(ASYNC_FAIL):].strip()
        if ASYNC_OK not in outcome.printed:
            return False, "async test did not print " + ASYNC_OK
    return True, ""


@dataclass
class TestResult:
    path: str
    status: str            # "pass" | "fail"
    reason: str = ""
    seconds: float = 0.0

    def to_json(self):
        d = {"status": self.status}
        if self.reason:
            d["reason"] = self.reason
        return d


# features that only a host can provide (INTERPRETING.md: "only hosts
# supporting this property will run them"); others are the engine's business
HOST_FEATURES = frozenset({"IsHTMLDDA"})


def skip_reason(meta: Metadata, backend) -> str | None:
    """Why a test must not be run on this backend (skipped = failed), or None."""
    if "module" in meta.flags and not getattr(backend, "supports_modules", False):
        return "module tests are not supported (skipped)"
    missing = [f for f in meta.features if f in HOST_FEATURES
               and f not in getattr(backend, "host_features", frozenset())]
    if missing:
        return f"needs host feature {', '.join(missing)} (skipped)"
    can_block = getattr(backend, "can_block", True)
    if ("CanBlockIsFalse" in meta.flags and can_block) or \
            ("CanBlockIsTrue" in meta.flags and not can_block):
        return f"needs [[CanBlock]] {'false' if can_block else 'true'} (skipped)"
    return None


def judge_test(meta: Metadata, runs: list[Run], outcomes: list[Outcome],
               supports_modules: bool = False) -> tuple[str, str]:
    """("pass"|"fail", reason): a test passes only if every required run
    passes.  ``outcomes`` may be shorter than ``runs`` (the runner stops at
    the first failing run)."""
    if "module" in meta.flags and not supports_modules:
        return "fail", "module tests are not supported (skipped)"
    if not runs:
        return "fail", "no runs"
    if len(outcomes) < len(runs) and all(judge_run(meta, o)[0] for o in outcomes):
        return "fail", "not all runs completed"
    for run, outcome in zip(runs, outcomes):
        ok, reason = judge_run(meta, outcome)
        if not ok:
            return "fail", (f"[{run.label}] {reason}" if len(runs) > 1 else reason)
    return "pass", ""


def run_test(backend, root: Path, relpath: str, timeout: float | None,
             harness: Harness | None = None) -> TestResult:
    """Run one test file with every run it needs; stop at the first failure.
    ``timeout`` bounds the whole test (all its runs)."""
    t0 = time.monotonic()
    harness = harness or Harness(root)
    try:
        source = read_text(Path(root) / relpath)
        meta = parse_metadata(source)
    except (OSError, UnicodeDecodeError, FrontmatterError) as err:
        return TestResult(relpath, "fail", f"runner: cannot load test: {err}")
    skip = skip_reason(meta, backend)
    if skip:
        return TestResult(relpath, "fail", skip, time.monotonic() - t0)
    runs = plan_runs(meta)
    outcomes = []
    if runs:
        for run in runs:
            try:
                src = build_source(meta, source, harness, run.strict)
            except OSError as err:
                return TestResult(relpath, "fail", f"runner: missing harness file: {err}")
            left = None if timeout is None else timeout - (time.monotonic() - t0)
            if left is not None and left <= 0:
                outcomes.append(Outcome("timeout"))
                break
            outcome = backend.run_source(src, run.strict, relpath, timeout=left)
            outcomes.append(outcome)
            if not judge_run(meta, outcome)[0]:
                break
    status, reason = judge_test(meta, runs, outcomes,
                                getattr(backend, "supports_modules", False))
    return TestResult(relpath, status, reason, time.monotonic() - t0)
