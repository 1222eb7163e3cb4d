# The arena and its allocator, reference counting and freeing (Duktape's
# duk_heap_alloc.c + duk_heap_refcount.c).  See docs/heap.md.

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t
from glassjs.engine.core.value cimport JSVal, is_ref, ref_of, likely, unlikely
from glassjs.engine.core.layout cimport BlockHeader
from glassjs.engine.core.runtime cimport Runtime

ctypedef void (*Visitor)(Runtime* rt, uint32_t child, void* ctx) noexcept

cdef enum:  # Runtime.alloc_hook events
    AE_MALLOC = 0
    AE_FREE = 1                   # reported before the block is freed: it is still intact
    AE_REALLOC = 2                # the block moved from old_off (old_size bytes) to off

cdef int heap_init(Runtime* rt, uint64_t memory_limit) noexcept
cdef void heap_destroy(Runtime* rt) noexcept
cdef uint32_t heap_alloc(Runtime* rt, uint32_t size, uint8_t btype) noexcept
cdef uint32_t heap_alloc_emergency(Runtime* rt, uint32_t size, uint8_t btype) noexcept
cdef uint32_t heap_realloc(Runtime* rt, uint32_t off, uint32_t new_size) noexcept
cdef void heap_free(Runtime* rt, uint32_t off) noexcept
cdef void heap_refzero(Runtime* rt, uint32_t off) noexcept
cdef void heap_visit_children(Runtime* rt, uint32_t off, Visitor visit, void* ctx) noexcept
cdef void heap_coalesce(Runtime* rt) noexcept
cdef uint32_t heap_next_block(Runtime* rt, uint32_t off) noexcept
cdef void strtab_unlink(Runtime* rt, uint32_t soff) noexcept


cdef inline BlockHeader* hdr(Runtime* rt, uint32_t off) noexcept nogil:
    return <BlockHeader*>(rt.base + off)

cdef inline void* ptr(Runtime* rt, uint32_t off) noexcept nogil:
    return <void*>(rt.base + off)

cdef inline void incref_off(Runtime* rt, uint32_t off) noexcept nogil:
    # ROM blocks sit below ram_start and are never counted
    if off >= rt.ram_start:
        (<BlockHeader*>(rt.base + off)).refcount += 1

cdef inline void decref_off(Runtime* rt, uint32_t off) noexcept:
    cdef BlockHeader* h
    if off >= rt.ram_start:
        h = <BlockHeader*>(rt.base + off)
        h.refcount -= 1
        if unlikely(h.refcount == 0):
            heap_refzero(rt, off)

cdef inline void incref(Runtime* rt, JSVal v) noexcept nogil:
    if is_ref(v):
        incref_off(rt, ref_of(v))

cdef inline void decref(Runtime* rt, JSVal v) noexcept:
    if is_ref(v):
        decref_off(rt, ref_of(v))

cdef inline JSVal dup(Runtime* rt, JSVal v) noexcept nogil:
    """A new reference to v (incref and return it)."""
    if is_ref(v):
        incref_off(rt, ref_of(v))
    return v
