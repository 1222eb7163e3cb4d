"""Allocator observers for Engine(allocator=...) (docs/memory-api.md).

QuickJS lets an embedder replace malloc with JSMallocFunctions; its qjs shell
uses that to count allocations and track the peak.  glassjs allocates every
block in its own arena, so the hook *observes* instead of allocating: it is
told of each block the arena allocator hands out, moves or takes back.
"""
from __future__ import annotations


class TrackingAllocator:
    """Counts arena block events, with current and peak bytes (qjs's trace malloc).

    Installed at construction (`Engine(allocator=TrackingAllocator())`) it sees
    every block, so `current_bytes` equals `memory_usage()["memory_used_size"]`
    and `peak_bytes` its high-water mark.  `log`, if given, gets one line per
    event in qjs's `-T` style: "A size -> offset", "F offset", "R size offset -> offset".
    """

    def __init__(self, log=None):
        self.log = log
        self.malloc_count = 0
        self.free_count = 0
        self.realloc_count = 0
        self.current_count = 0
        self.current_bytes = 0
        self.peak_bytes = 0
        self.by_kind: dict[str, list[int]] = {}     # kind -> [live blocks, live bytes]

    def _add(self, kind, count, size):
        entry = self.by_kind.setdefault(kind, [0, 0])
        entry[0] += count
        entry[1] += size
        self.current_count += count
        self.current_bytes += size
        if self.current_bytes > self.peak_bytes:
            self.peak_bytes = self.current_bytes

    def malloc(self, offset, size, kind):
        self.malloc_count += 1
        self._add(kind, 1, size)
        if self.log:
            self.log(f"A {size} -> {offset} {kind}")

    def free(self, offset, size, kind):
        self.free_count += 1
        self._add(kind, -1, -size)
        if self.log:
            self.log(f"F {offset} {kind}")

    def realloc(self, old_offset, new_offset, old_size, new_size, kind):
        self.realloc_count += 1
        # the arena holds both blocks for a moment (copy, then free): that is the peak
        self.peak_bytes = max(self.peak_bytes, self.current_bytes + new_size)
        self._add(kind, 0, new_size - old_size)
        if self.log:
            self.log(f"R {new_size} {old_offset} -> {new_offset} {kind}")

    def report(self) -> str:
        return (f"malloc {self.malloc_count}, free {self.free_count}, realloc {self.realloc_count}; "
                f"live {self.current_count} blocks, {self.current_bytes} bytes; peak {self.peak_bytes} bytes\n")
