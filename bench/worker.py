#!/usr/bin/env python3
"""Benchmark worker: one engine, in its own process (started by run.py and
startup.py; not meant to be run by hand).

    worker.py run ENGINE PROGRAM.js REPEAT
    worker.py startup ENGINE COUNT

Reports JSON lines prefixed with "@@BENCH " on stdout, one per event, flushed
immediately, so that the parent can apply a timeout per run and still keep
the runs that finished before a crash.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PREFIX = "@@BENCH "


def emit(**event):
    sys.stdout.write(PREFIX + json.dumps(event) + "\n")
    sys.stdout.flush()


def _short(exc):
    text = " ".join(str(exc).split())
    return (type(exc).__name__ + ": " + text)[:500]


def _memory(adapter, ctx):
    """memory_used_size of a fresh context, where the engine reports it."""
    try:
        if adapter.name == "quickjs":
            return ctx.memory().get("memory_used_size")
        if adapter.name == "glassjs":
            return ctx.memory_usage().get("memory_used_size")
    except Exception:
        return None
    return None


def main(argv):
    mode, engine = argv[0], argv[1]
    from engines import make_adapter
    try:
        adapter = make_adapter(engine)
    except Exception as exc:
        emit(event="unavailable", message=_short(exc), trace=traceback.format_exc()[-2000:])
        return 3
    emit(event="ready", version=adapter.version())

    if mode == "run":
        path, repeat = Path(argv[2]), int(argv[3])
        src = path.read_text(encoding="utf-8")
        for i in range(repeat):
            gc.collect()
            try:
                handle = adapter.create()
            except Exception as exc:
                emit(event="error", i=i, where="create", message=_short(exc))
                return 1
            t0 = time.perf_counter()
            try:
                adapter.eval(handle, src, path.name)
            except Exception as exc:
                emit(event="error", i=i, where="eval", message=_short(exc),
                     ms=(time.perf_counter() - t0) * 1000.0)
                return 1
            ms = (time.perf_counter() - t0) * 1000.0
            emit(event="run", i=i, ms=ms, output=adapter.output(handle))
            adapter.dispose(handle)
            del handle
        emit(event="done")
        return 0

    if mode == "startup":
        count = int(argv[2])
        create, first, mem = [], [], None
        for i in range(count):
            gc.collect()
            t0 = time.perf_counter()
            ctx = adapter.create_bare()
            t1 = time.perf_counter()
            if mem is None:
                mem = _memory(adapter, ctx)
            t2 = time.perf_counter()
            adapter.eval_bare(ctx, "0")
            t3 = time.perf_counter()
            create.append((t1 - t0) * 1000.0)
            first.append((t1 - t0 + t3 - t2) * 1000.0)
            del ctx
        emit(event="startup", create_ms=create, create_eval_ms=first, memory_used_size=mem)
        emit(event="done")
        return 0

    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
