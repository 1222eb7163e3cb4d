"""The kernel's input history (history_request): tail, range and search.

Kept in memory for the life of the kernel process, one session number per
process, like IPython's without its SQLite file.
"""
from __future__ import annotations

import fnmatch


class History:
    def __init__(self, session: int = 1):
        self.session = session
        self.entries: list[tuple[int, str, str | None]] = []     # (line, input, output text)

    def add(self, line: int, source: str, output: str | None = None) -> None:
        self.entries.append((line, source, output))

    def set_output(self, line: int, output: str | None) -> None:
        for i in range(len(self.entries) - 1, -1, -1):
            if self.entries[i][0] == line:
                self.entries[i] = (line, self.entries[i][1], output)
                return

    def _rows(self, entries, output: bool):
        if output:
            return [(self.session, line, (src, out)) for line, src, out in entries]
        return [(self.session, line, src) for line, src, _ in entries]

    def request(self, output=False, raw=True, hist_access_type="tail", session=None, start=None,
                stop=None, n=None, pattern=None, unique=False, **_) -> list:
        if hist_access_type == "tail":
            entries = self.entries[-n:] if n else list(self.entries)
        elif hist_access_type == "range":
            if session is not None and session not in (0, self.session) and session > 0:
                return []
            start = start or 0
            entries = [e for e in self.entries if e[0] >= start and (stop is None or e[0] < stop)]
        elif hist_access_type == "search":
            pat = pattern or "*"
            entries = [e for e in self.entries if fnmatch.fnmatchcase(e[1], pat)]
            if unique:
                seen, kept = set(), []
                for e in reversed(entries):
                    if e[1] not in seen:
                        seen.add(e[1])
                        kept.append(e)
                entries = kept[::-1]
            if n:
                entries = entries[-n:]
        else:
            entries = []
        return self._rows(entries, output)
