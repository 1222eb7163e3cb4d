"""A process pool with a watchdog, for running engines that may hang or crash.

Each worker process creates one backend (in-process engine) at start-up and
then runs tasks sent over its own pipe.  The parent:

* hands tasks to idle workers and collects results as they arrive
  (``imap_unordered``);
* kills (SIGKILL) and replaces a worker whose task ran longer than
  ``hard_timeout`` -> the task's result is ``on_timeout(task)``;
* notices a worker that died (segfault, abort, os._exit, OOM-kill) -> the
  task's result is ``on_crash(task, exitcode)``, and replaces it;
* recycles a worker after ``max_tasks`` tasks (bounds engine leaks).

The engine's own interrupt handler is the first line of defence against
runaway scripts; the watchdog is for hangs in C code and for engines
without interrupts.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
import traceback
from multiprocessing.connection import wait

__all__ = ["WorkerPool", "WorkerInitError"]


class WorkerInitError(RuntimeError):
    pass


def _worker_main(conn, backend_factory, task_fn):
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # the parent handles ^C
    try:
        backend = backend_factory()
    except BaseException:
        conn.send(("init-error", None, traceback.format_exc()))
        conn.close()
        return
    conn.send(("ready", None, None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        idx, task = msg
        try:
            result = task_fn(backend, task)
        except BaseException as err:                  # keep the worker alive
            result = ("runner-error", f"{type(err).__name__}: {err}")
        conn.send(("result", idx, result))
    try:
        backend.close()
    except Exception:
        pass


def _mp_context():
    methods = mp.get_all_start_methods()
    # fork: workers inherit the imported engine and need no pickling
    return mp.get_context("fork" if "fork" in methods else None)


class _Worker:
    def __init__(self, ctx, backend_factory, task_fn):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main,
                                args=(child, backend_factory, task_fn), daemon=True)
        self.proc.start()
        child.close()
        self.current = None          # (idx, task, started)
        self.ntasks = 0
        self.ready = False

    def kill(self):
        try:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(5)
        except Exception:
            pass
        try:
            self.conn.close()
        except Exception:
            pass

    def stop(self):
        try:
            self.conn.send(None)
        except Exception:
            pass
        self.proc.join(2)
        self.kill()


class WorkerPool:
    """Usage::

        with WorkerPool(factory, task_fn, jobs=4, hard_timeout=15,
                        on_timeout=..., on_crash=...) as pool:
            for task, result in pool.imap_unordered(tasks):
                ...

    ``factory()`` builds the backend in each worker; ``task_fn(backend, task)``
    runs in the worker and returns a picklable result.
    """

    def __init__(self, backend_factory, task_fn, jobs=None, hard_timeout=None,
                 on_timeout=None, on_crash=None, max_tasks=1000, on_runner_error=None):
        self.factory = backend_factory
        self.task_fn = task_fn
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.hard_timeout = hard_timeout
        self.on_timeout = on_timeout or (lambda task: "timeout")
        self.on_crash = on_crash or (lambda task, code: f"crash (exit code {code})")
        self.on_runner_error = on_runner_error or (lambda task, msg: f"runner error: {msg}")
        self.max_tasks = max_tasks
        self.ctx = _mp_context()
        self.workers: list[_Worker] = []
        self.crashes = 0
        self.kills = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(graceful=exc[0] is None)

    def close(self, graceful=True):
        for w in self.workers:
            w.stop() if graceful else w.kill()
        self.workers = []

    def _spawn(self):
        w = _Worker(self.ctx, self.factory, self.task_fn)
        self.workers.append(w)
        return w

    def _replace(self, w):
        w.kill()
        self.workers.remove(w)
        return self._spawn()

    def imap_unordered(self, tasks):
        pending = list(enumerate(tasks))
        pending.reverse()                      # pop() from the end = in order
        total = len(pending)
        done = 0
        while len(self.workers) < min(self.jobs, max(total, 1)):
            self._spawn()
        while done < total:
            # hand out work
            for w in self.workers:
                if w.current is None and pending:
                    idx, task = pending.pop()
                    try:
                        w.conn.send((idx, task))
                        w.current = (idx, task, time.monotonic())
                    except (OSError, BrokenPipeError):
                        pending.append((idx, task))
                        self._replace(w)
                        break
            busy = [w for w in self.workers if w.current is not None]
            now = time.monotonic()
            wait_for = 1.0
            if self.hard_timeout:
                for w in busy:
                    wait_for = min(wait_for, max(0.0, w.current[2] + self.hard_timeout - now))
            handles = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
            ready = set(wait(handles, timeout=wait_for))
            for w in list(self.workers):
                got_msg = eof = False
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        while w.conn.poll():
                            kind, idx, payload = w.conn.recv()
                            got_msg = True
                            if kind == "ready":
                                w.ready = True
                            elif kind == "init-error":
                                self.close(graceful=False)
                                raise WorkerInitError(payload)
                            elif kind == "result":
                                task = w.current[1]
                                w.current = None
                                w.ntasks += 1
                                done += 1
                                if isinstance(payload, tuple) and payload[:1] == ("runner-error",):
                                    payload = self.on_runner_error(task, payload[1])
                                yield task, payload
                    except (EOFError, OSError):
                        eof = True                      # the worker is gone
                    if eof or not w.proc.is_alive():
                        w.proc.join(1)
                        if w.proc.is_alive():           # pipe closed, process not
                            w.proc.kill()
                            w.proc.join(1)
                        code = w.proc.exitcode
                        if not w.ready:
                            self.close(graceful=False)
                            raise WorkerInitError(
                                f"worker died during start-up (exit code {code})")
                        if w.current is not None:
                            task = w.current[1]
                            w.current = None
                            done += 1
                            self.crashes += 1
                            self._replace(w)
                            yield task, self.on_crash(task, code)
                        else:
                            self._replace(w)
                        continue
                    if w.current is None and self.max_tasks and w.ntasks >= self.max_tasks:
                        w.stop()
                        self.workers.remove(w)
                        self._spawn()
                        continue
                # watchdog
                if (w.current is not None and self.hard_timeout and not got_msg
                        and time.monotonic() - w.current[2] > self.hard_timeout):
                    task = w.current[1]
                    w.current = None
                    done += 1
                    self.kills += 1
                    self._replace(w)
                    yield task, self.on_timeout(task)
