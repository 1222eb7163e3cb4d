# The cycle collector (Duktape's duk_heap_markandsweep.c, with QuickJS's
# trial deletion to find roots).  See docs/gc.md.

from libc.stdint cimport uint32_t, uint64_t
from glassjs.engine.core.runtime cimport Runtime

cdef extern from *:
    """
    #define GJ_GC_THRESHOLD_OFF 0xFFFFFFFFFFFFFFFFULL
    """
    # Runtime.gc_threshold when automatic collection is off: only the memory limit triggers it
    const uint64_t GC_THRESHOLD_OFF "GJ_GC_THRESHOLD_OFF"

cdef struct GCStats:
    uint64_t blocks_marked
    uint64_t blocks_freed
    uint64_t bytes_freed
    uint64_t roots

cdef void gc_collect(Runtime* rt) noexcept
cdef GCStats gc_collect_stats(Runtime* rt) noexcept
cdef void gc_install(Runtime* rt) noexcept
