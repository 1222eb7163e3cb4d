"""The kernel's engine and the running of cells, without any Jupyter protocol.

One Shell owns one glassjs.Engine (the persistent realm every cell runs in),
the probe used by completion and the HTML view, the ``display`` API, and the
source of every cell by filename (``<cell N>``), so tracebacks can show the
lines of earlier cells.  ``reset()`` starts a fresh engine with the current
limits; nothing else ever replaces it -- an interrupt or an error keeps all
state.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time

import glassjs
from glassjs.engine.builtins.inspect import inspect

from glassjs.kernel import errors, render
from glassjs.kernel.config import Limits
from glassjs.kernel.display import DisplayAPI
from glassjs.kernel.glass import GlassAPI
from glassjs.kernel.probe import Probe


class Shell:
    def __init__(self, limits: Limits, stdout, stderr, publish, clear):
        """stdout/stderr(text); publish(data, metadata, display_id, update); clear(wait)."""
        self.limits = limits
        self._stdout, self._stderr = stdout, stderr
        self.display_api = DisplayAPI(publish, clear, lambda v: render.bundle(self.engine, self.probe, v))
        self.glass = GlassAPI(publish)
        self.sources: dict[str, str] = {}
        self._deadline = None
        self.engine = None
        self.reset()

    # --- the engine ------------------------------------------------------------------------

    def reset(self, limits: Limits | None = None) -> None:
        """A fresh engine (all JavaScript state dropped) with the given or current limits.

        SIGINT is held back while the engine, its probe and ``display`` are swapped in
        together, so an interrupt can never leave the shell between two engines.
        """
        limits = limits or self.limits
        with _sigint_blocked():
            engine = glassjs.Engine(stdout=self._stdout, stderr=self._stderr,
                                    interrupt_handler=self._over_time, **limits.engine_kwargs())
            probe = Probe(engine)
            self.display_api.install(engine)
            self.glass.install(engine)
            self.engine, self.probe, self.limits, self.sources = engine, probe, limits, {}

    def _over_time(self) -> bool:
        return self._deadline is not None and time.monotonic() > self._deadline

    # --- running ---------------------------------------------------------------------------

    def run(self, source: str, filename: str):
        """Evaluate a cell; returns its completion value.

        Raises glassjs.JSError (uncaught exception / syntax error),
        glassjs.JSInterrupted (time limit) or KeyboardInterrupt (SIGINT).
        """
        self.sources[filename] = source
        self._deadline = time.monotonic() + self.limits.time if self.limits.time else None
        try:
            return self.engine.eval(source, filename=filename)
        finally:
            self._deadline = None
            self.probe.note_declarations(source)

    def result_bundle(self, value) -> dict:
        return render.bundle(self.engine, self.probe, value)

    def inspect(self, value, depth=2) -> str:
        return inspect(self.engine, value, depth=depth)

    def error_report(self, exc: BaseException) -> errors.ErrorReport:
        if isinstance(exc, KeyboardInterrupt):
            return errors.report_interrupt()
        if isinstance(exc, glassjs.JSInterrupted):
            return errors.report_timeout(self.limits.time)
        if isinstance(exc, glassjs.JSError):
            def describe(v):
                try:
                    return self.inspect(v)
                except Exception:
                    return repr(v)

            def is_error(v):
                try:
                    return self.probe.is_error(v)
                except glassjs.JSError:
                    return False
            return errors.report_js_error(exc, self.sources, describe, is_error)
        return errors.report_internal(exc)


@contextlib.contextmanager
def _sigint_blocked():
    """Delay SIGINT (delivered when the block ends) on the main thread, where the kernel runs."""
    can = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if can:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if can:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
