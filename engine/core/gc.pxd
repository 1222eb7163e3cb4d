# The cycle collector (Duktape's duk_heap_markandsweep.c, with QuickJS's
# trial deletion to find roots).  See docs/gc.md.

from libc.stdint cimport uint32_t, uint64_t
from glassjs.engine.core.runtime cimport Runtime

cdef struct GCStats:
    uint64_t blocks_marked
    uint64_t blocks_freed
    uint64_t bytes_freed
    uint64_t roots

cdef void gc_collect(Runtime* rt) noexcept
cdef GCStats gc_collect_stats(Runtime* rt) noexcept
cdef void gc_install(Runtime* rt) noexcept
