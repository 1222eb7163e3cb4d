"""Shared parts of bench/run.py and bench/startup.py: program discovery,
expected checksums, and running worker.py in a subprocess with timeouts."""

from __future__ import annotations

import json
import math
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH_DIR = Path(os.environ.get("GLASSJS_BENCH_DIR", "/work/shared/bench"))
PREFIX = "@@BENCH "

# fallback if the programs' README is not next to them
DEFAULT_CHECKSUMS = {
    "01_fib": "fib 5702887 tak 76",
    "02_sieve": "sieve 330523601 mix 16726950",
    "03_nbody": "nbody -11024564328 -13619030749 -25509005",
    "04_objects": "objects 53028393 1029 405600 -9000,0 36041",
    "05_closures": "closures 384163036 735190",
    "06_arrays": "arrays 949104350",
    "07_strings": "strings 91335837",
    "08_dict": "dict 34732813",
    "09_json": "json 31857542",
    "10_regexp": "regexp 344356907",
    "11_stackvm": "stackvm 1824604 steps 11194211",
}

_ROW = re.compile(r"^\|\s*(\w+)\.js\s*\|.*\|\s*`([^`]*)`\s*\|\s*$")


def expected_checksums(bench_dir: Path) -> dict:
    """{program: checksum} from the table in bench_dir/README.md."""
    readme = Path(bench_dir) / "README.md"
    found = {}
    if readme.exists():
        for line in readme.read_text(encoding="utf-8").splitlines():
            m = _ROW.match(line.strip())
            if m:
                found[m.group(1)] = m.group(2)
    return found or dict(DEFAULT_CHECKSUMS)


def programs(bench_dir: Path) -> list:
    return sorted(p.stem for p in Path(bench_dir).glob("*.js"))


def signal_name(code):
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def geomean(values):
    values = list(values)
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


class Worker:
    """worker.py in a subprocess; iterate over its events with timeouts.

    ``events()`` yields the decoded JSON events; if no event arrives within
    ``timeout`` seconds (``first_timeout`` for the first one: imports) the
    process is killed and a {"event": "timeout"} is yielded; if the process
    ends without a "done" event, {"event": "crash", "code": ...}.
    """

    def __init__(self, args, timeout, first_timeout=120.0):
        self.timeout, self.first_timeout = timeout, first_timeout
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "worker.py")] + [str(a) for a in args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            text=True, encoding="utf-8", errors="replace", bufsize=1)
        self.q = queue.Queue()
        self.stderr_tail = ""
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self._err_thread = threading.Thread(target=self._read_stderr, daemon=True)
        self._err_thread.start()

    def _read_stdout(self):
        for line in self.proc.stdout:
            if line.startswith(PREFIX):
                try:
                    self.q.put(json.loads(line[len(PREFIX):]))
                except ValueError:
                    pass
        self.q.put(None)                       # EOF

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr_tail = (self.stderr_tail + line)[-2000:]

    def events(self):
        first = True
        while True:
            try:
                ev = self.q.get(timeout=self.first_timeout if first else self.timeout)
            except queue.Empty:
                self.kill()
                yield {"event": "timeout"}
                return
            first = False
            if ev is None:
                code = self.proc.wait()
                self._err_thread.join(2)
                yield {"event": "crash", "code": code, "signal": signal_name(code),
                       "stderr": self.stderr_tail.strip()[-500:]}
                return
            yield ev
            if ev.get("event") in ("done", "unavailable", "error"):
                self.proc.wait(30)
                return

    def kill(self):
        try:
            self.proc.kill()
            self.proc.wait(10)
        except Exception:
            pass


def now_stamp():
    return time.strftime("%Y-%m-%d %H:%M")
