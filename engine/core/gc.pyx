# Mark-and-sweep for the cycles reference counting cannot free.
#
# Roots are found by trial deletion (as QuickJS does): every container
# block's refcount minus the references other heap blocks hold to it is the
# number of references from *outside* the heap -- the value stack, frames,
# the runtime's well-known objects, Python handles, C locals of a running
# native.  Blocks with outside references are the roots; everything they
# reach is marked; unmarked containers are garbage cycles and are freed.
# No root list has to be maintained by hand, so no native can forget one.

from libc.stdint cimport uint32_t, uint64_t, uint8_t
from libc.stdlib cimport malloc, realloc, free

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport (heap_visit_children, heap_free, heap_coalesce, decref_off, hdr,
                                        heap_refzero)


cdef inline bint is_container(uint8_t t) noexcept:
    return t == BT_OBJECT or t == BT_PROPS or t == BT_ELEMS or t == BT_CODE or t == BT_ENV or t == BT_SCOPE


cdef void subtract_internal(Runtime* rt, uint32_t child, void* ctx) noexcept:
    cdef BlockHeader* h
    if child < rt.ram_start:
        return
    h = hdr(rt, child)
    if is_container(h.type):
        h.link -= 1


cdef struct MarkStack:
    uint32_t* items
    uint32_t n
    uint32_t cap
    int failed


cdef void push_mark(Runtime* rt, uint32_t child, void* ctx) noexcept:
    cdef MarkStack* ms = <MarkStack*>ctx
    cdef BlockHeader* h
    cdef uint32_t* grown
    if child < rt.ram_start:
        return
    h = hdr(rt, child)
    if not is_container(h.type) or (h.flags & HF_MARK):
        return
    h.flags |= HF_MARK
    if ms.n == ms.cap:
        grown = <uint32_t*>realloc(ms.items, 8 * ms.cap + 64)
        if grown == NULL:
            ms.failed = 1
            return
        ms.items = grown
        ms.cap = 2 * ms.cap + 16
    ms.items[ms.n] = child
    ms.n += 1


cdef void release_from_garbage(Runtime* rt, uint32_t child, void* ctx) noexcept:
    """A garbage block drops its reference to a live block (or a string)."""
    cdef BlockHeader* h
    if child < rt.ram_start:
        return
    h = hdr(rt, child)
    if h.flags & HF_GARBAGE:
        return
    h.refcount -= 1
    if h.refcount == 0:
        heap_refzero(rt, child)


cdef GCStats gc_collect_stats(Runtime* rt) noexcept:
    cdef GCStats st
    st.blocks_marked = 0
    st.blocks_freed = 0
    st.bytes_freed = 0
    st.roots = 0
    if rt.gc_running or rt.freeing:
        return st
    rt.gc_running = 1
    cdef uint32_t off, size
    cdef BlockHeader* h
    cdef MarkStack ms
    ms.items = NULL
    ms.n = 0
    ms.cap = 0
    ms.failed = 0
    # 1. scratch count = refcount
    off = rt.ram_start
    while off < rt.top:
        h = hdr(rt, off)
        if is_container(h.type):
            h.link = h.refcount
            h.flags &= ~(HF_MARK | HF_GARBAGE)
        off += h.size
    # 2. subtract references held by heap blocks
    off = rt.ram_start
    while off < rt.top:
        h = hdr(rt, off)
        if is_container(h.type):
            heap_visit_children(rt, off, subtract_internal, NULL)
        off += h.size
    # 3. mark from the roots (blocks referenced from outside the heap)
    off = rt.ram_start
    while off < rt.top:
        h = hdr(rt, off)
        if is_container(h.type) and h.link > 0 and not (h.flags & HF_MARK):
            st.roots += 1
            push_mark(rt, off, &ms)
            while ms.n and not ms.failed:
                ms.n -= 1
                st.blocks_marked += 1
                heap_visit_children(rt, ms.items[ms.n], push_mark, &ms)
        off += h.size
    if ms.failed:
        # could not finish marking: treat everything as live this time
        free(ms.items)
        off = rt.ram_start
        while off < rt.top:
            h = hdr(rt, off)
            h.flags &= ~HF_MARK
            off += h.size
        rt.gc_running = 0
        return st
    free(ms.items)
    if rt.gc_observe != NULL:
        rt.gc_observe(rt, 1)          # marks set; link = references from outside the heap (roots > 0)
    # 4. sweep: flag the unmarked containers, release what they hold, free them
    off = rt.ram_start
    while off < rt.top:
        h = hdr(rt, off)
        if is_container(h.type):
            if h.flags & HF_MARK:
                h.flags &= ~HF_MARK
            else:
                h.flags |= HF_GARBAGE
        off += h.size
    if rt.gc_observe != NULL:
        rt.gc_observe(rt, 2)          # garbage flagged, nothing released yet
    off = rt.ram_start
    while off < rt.top:
        h = hdr(rt, off)
        if h.flags & HF_GARBAGE:
            heap_visit_children(rt, off, release_from_garbage, NULL)
        off += hdr(rt, off).size
    off = rt.ram_start
    while off < rt.top:
        h = hdr(rt, off)
        size = h.size
        if h.flags & HF_GARBAGE:
            h.flags &= ~HF_GARBAGE
            st.blocks_freed += 1
            st.bytes_freed += size
            heap_free(rt, off)
        off += size
    if rt.gc_observe != NULL:
        rt.gc_observe(rt, 3)          # freed
    rt.gc_runs += 1
    rt.alloc_since_gc = 0
    # the next collection when the live heap has doubled (QuickJS grows by half;
    # our pass walks every block, strings included, so it runs less often)
    if rt.gc_threshold != GC_THRESHOLD_OFF:       # set_gc_threshold(None) keeps it off
        rt.gc_threshold = 2 * rt.used_bytes
        if rt.gc_threshold < 1024 * 1024:
            rt.gc_threshold = 1024 * 1024
    rt.gc_running = 0
    return st


cdef void gc_collect(Runtime* rt) noexcept:
    gc_collect_stats(rt)


cdef void gc_install(Runtime* rt) noexcept:
    rt.collect = gc_collect
