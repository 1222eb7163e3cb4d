"""console.log / console.error text on its way to the stdout/stderr streams.

Text goes out as soon as it is written, except that writes arriving within
``interval`` of the last send are batched (a loop of console.log calls
becomes a few messages, not thousands); a background timer sends the rest
of a batch even while JavaScript keeps running.  flush() is called before
any other output (display data, results, errors) so the order in the
notebook is the order things happened.  Past ``limit`` characters per cell
the text is dropped with one notice, so a runaway loop cannot flood the
front end.
"""
from __future__ import annotations

import threading
import time


class StreamOutput:
    def __init__(self, send, interval: float = 0.05, limit: int = 10_000_000):
        self._send = send                 # send(name, text)
        self.interval = interval
        self.limit = limit
        self._lock = threading.RLock()
        self._pending: list[tuple[str, list[str]]] = []
        self._last = 0.0
        self._timer: threading.Timer | None = None
        self._written = 0
        self._dropped = 0
        self.enabled = True

    def start_cell(self, enabled: bool = True) -> None:
        with self._lock:
            self._written = 0
            self._dropped = 0
            self.enabled = enabled

    def write(self, name: str, text: str) -> None:
        if not text or not self.enabled:
            return
        with self._lock:
            room = self.limit - self._written
            if room <= 0:
                self._dropped += len(text)
                return
            if len(text) > room:
                self._dropped += len(text) - room
                text = text[:room]
            self._written += len(text)
            if self._pending and self._pending[-1][0] == name:
                self._pending[-1][1].append(text)
            else:
                self._pending.append((name, [text]))
            if time.monotonic() - self._last >= self.interval:
                self.flush()
            elif self._timer is None:
                self._timer = threading.Timer(self.interval, self._timed_flush)
                self._timer.daemon = True
                self._timer.start()

    def _timed_flush(self) -> None:
        with self._lock:
            self._timer = None
            self.flush()

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            for name, parts in pending:
                self._send(name, "".join(parts))
            if pending:
                self._last = time.monotonic()

    def end_cell(self) -> None:
        with self._lock:
            if self._dropped:
                self._pending.append(("stderr", [
                    f"\n[glassjs: output limit reached; {self._dropped} more characters were not shown]\n"]))
                self._dropped = 0
            self.flush()
