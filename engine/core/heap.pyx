# The arena, the allocator, and freeing by reference count.
#
# The arena is one reserved range of address space (mmap, MAP_NORESERVE), so
# its base never moves: a block's offset is its identity for life and raw
# pointers to blocks stay valid while the block lives.  Offsets below
# ram_start belong to the guard page and the ROM segment.
#
# Allocation: exact-size free lists for small blocks (8-byte steps up to
# SMALL_MAX), a first-fit list for large ones, then the bump pointer `top`.
# The memory limit caps `top`; when a request would pass it, the cycle
# collector runs once and the free lists are coalesced before giving up.

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t
from libc.string cimport memset, memcpy
from posix.mman cimport mmap, munmap, madvise, MADV_DONTNEED, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_FAILED

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *

cdef extern from "sys/mman.h":
    int MAP_NORESERVE

cdef enum:
    PAGE = 4096
    EMERGENCY_RESERVE = 256 * 1024   # room to build the out-of-memory error itself


cdef int heap_init(Runtime* rt, uint64_t memory_limit) noexcept:
    cdef uint64_t reserve
    if memory_limit < 64 * 1024:
        memory_limit = 64 * 1024
    if memory_limit > 0xF0000000UL:
        memory_limit = 0xF0000000UL
    reserve = ((memory_limit + PAGE + EMERGENCY_RESERVE + PAGE - 1) // PAGE) * PAGE
    cdef void* p = mmap(NULL, reserve, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
    if p == MAP_FAILED:
        return -1
    rt.base = <uint8_t*>p
    rt.reserved = reserve
    rt.rom_start = PAGE
    rt.rom_end = PAGE
    rt.ram_start = PAGE
    rt.top = PAGE
    rt.limit = <uint32_t>(PAGE + memory_limit)
    rt.gc_threshold = 1024 * 1024
    return 0


cdef void heap_destroy(Runtime* rt) noexcept:
    if rt.base != NULL:
        munmap(rt.base, rt.reserved)
        rt.base = NULL


cdef inline void account(Runtime* rt, uint8_t btype, uint32_t size, int sign) noexcept:
    if sign > 0:
        rt.used_bytes += size
        rt.alloc_since_gc += size
        if rt.used_bytes > rt.peak_bytes:
            rt.peak_bytes = rt.used_bytes
        rt.mem.bytes[btype] += size
        rt.mem.count[btype] += 1
    else:
        rt.used_bytes -= size
        rt.mem.bytes[btype] -= size
        rt.mem.count[btype] -= 1


cdef inline uint32_t take_free_small(Runtime* rt, uint32_t size) noexcept:
    cdef uint32_t off = rt.free_small[size >> 3]
    if off:
        rt.free_small[size >> 3] = (<BlockHeader*>(rt.base + off)).link
    return off


cdef void put_free(Runtime* rt, uint32_t off, uint32_t size) noexcept:
    cdef BlockHeader* h = <BlockHeader*>(rt.base + off)
    h.type = BT_FREE
    h.flags = 0
    h.aux = 0
    h.refcount = 0
    h.size = size
    cdef int b
    if size <= SMALL_MAX:
        h.link = rt.free_small[size >> 3]
        rt.free_small[size >> 3] = off
    else:
        b = large_bin(size)
        h.link = rt.free_large[b]
        rt.free_large[b] = off


cdef inline int large_bin(uint32_t size) noexcept:
    cdef int b = 0
    size >>= 11          # sizes 1025..2047 -> bin 0
    while size and b < NLARGE - 1:
        size >>= 1
        b += 1
    return b


cdef uint32_t take_free_large(Runtime* rt, uint32_t size) noexcept:
    """A free block of at least size bytes: first fit in the size's own bin,
    else the head of any larger bin.  The remainder goes back to a free list."""
    cdef uint32_t prev, off, bsize, rest
    cdef BlockHeader* h
    cdef int b = large_bin(size) if size > SMALL_MAX else 0
    cdef int budget
    while b < NLARGE:
        prev = 0
        off = rt.free_large[b]
        budget = 32        # bounded search: allocation stays O(1) however long the bin
        while off and budget:
            budget -= 1
            h = <BlockHeader*>(rt.base + off)
            bsize = h.size
            if bsize >= size and (bsize == size or bsize - size >= 16):
                if prev:
                    (<BlockHeader*>(rt.base + prev)).link = h.link
                else:
                    rt.free_large[b] = h.link
                rest = bsize - size
                if rest:
                    put_free(rt, off + size, rest)
                return off
            prev = off
            off = h.link
        b += 1
    return 0


cdef uint32_t alloc_raw(Runtime* rt, uint32_t size) noexcept:
    cdef uint32_t off = 0
    if size <= SMALL_MAX:
        off = take_free_small(rt, size)
        if off:
            return off
    off = take_free_large(rt, size)
    if off:
        return off
    # Much free space but none of the right size (e.g. a string growing by +=):
    # merge neighbours before growing the arena.
    if rt.top > rt.coalesced_top + 4 * 1024 * 1024 and (rt.top - rt.ram_start) - rt.used_bytes > rt.used_bytes \
            and not rt.freeing and not rt.gc_running:
        heap_coalesce(rt)
        off = take_free_large(rt, size) if size > SMALL_MAX else take_free_small(rt, size)
        if off == 0 and size <= SMALL_MAX:
            off = take_free_large(rt, size)
        if off:
            return off
    if <uint64_t>rt.top + size <= rt.limit:
        off = rt.top
        rt.top += size
        return off
    return 0


cdef uint32_t heap_alloc(Runtime* rt, uint32_t size, uint8_t btype) noexcept:
    """A zeroed block with refcount 1, or 0 when the memory limit is reached."""
    cdef uint32_t off = alloc_block(rt, size, btype)
    if unlikely(rt.alloc_hook != NULL) and off:
        rt.alloc_hook(rt, AE_MALLOC, off, (<BlockHeader*>(rt.base + off)).size, 0, 0, btype)
    return off


cdef inline uint32_t alloc_block(Runtime* rt, uint32_t size, uint8_t btype) noexcept:
    cdef uint32_t off
    size = (size + 7) & ~(<uint32_t>7)
    if size < 16:
        size = 16
    if rt.used_bytes > rt.gc_threshold and not rt.gc_running and not rt.freeing \
            and not rt.gc_disabled and rt.collect != NULL:
        rt.collect(rt)
    off = alloc_raw(rt, size)
    if off == 0 and not rt.gc_running and not rt.freeing and rt.collect != NULL:
        rt.collect(rt)
        heap_coalesce(rt)
        off = alloc_raw(rt, size)
    if off == 0:
        rt.oom_count += 1
        return 0
    cdef BlockHeader* h = <BlockHeader*>(rt.base + off)
    # strings are filled by their creator: clear only their 32-byte header
    memset(h, 0, 32 if btype == BT_STRING and size > 32 else size)
    h.type = btype
    h.refcount = 1
    h.size = size
    account(rt, btype, size, 1)
    if unlikely(rt.tracing) and rt.trace_heap != NULL:
        rt.trace_heap(rt, off, 1)
    return off


cdef uint32_t heap_alloc_emergency(Runtime* rt, uint32_t size, uint8_t btype) noexcept:
    """Allocate past the memory limit, into the reserve kept for error objects."""
    cdef uint32_t saved = rt.limit
    rt.limit = <uint32_t>(rt.reserved - PAGE)
    cdef int disabled = rt.gc_disabled
    rt.gc_disabled = 1
    cdef uint32_t off = heap_alloc(rt, size, btype)
    rt.gc_disabled = disabled
    rt.limit = saved
    return off


cdef uint32_t heap_realloc(Runtime* rt, uint32_t off, uint32_t new_size) noexcept:
    """Move a block's bytes to a block of new_size (the old one is freed).

    Only for blocks with a single owner (property tables, element arrays,
    string-table buckets): the caller stores the returned offset.
    """
    cdef BlockHeader* old = <BlockHeader*>(rt.base + off)
    cdef uint8_t btype = old.type
    cdef uint32_t old_size = old.size
    cdef uint32_t noff = alloc_block(rt, new_size, btype)
    if noff == 0:
        return 0
    old = <BlockHeader*>(rt.base + off)
    cdef BlockHeader* h = <BlockHeader*>(rt.base + noff)
    cdef uint32_t keep = h.size
    cdef uint32_t n = old_size if old_size < keep else keep
    memcpy(<uint8_t*>h + 16, <uint8_t*>old + 16, n - 16)
    h.flags = old.flags
    h.aux = old.aux
    h.refcount = old.refcount
    free_block(rt, off)
    # one event for the move (the observer saw neither half on its own)
    if unlikely(rt.alloc_hook != NULL):
        rt.alloc_hook(rt, AE_REALLOC, noff, keep, off, old_size, btype)
    return noff


cdef void heap_free(Runtime* rt, uint32_t off) noexcept:
    """Return a block's bytes to the allocator (children are not touched)."""
    cdef BlockHeader* h = <BlockHeader*>(rt.base + off)
    if off < rt.ram_start or h.type == BT_FREE:
        return
    if unlikely(rt.alloc_hook != NULL):
        rt.alloc_hook(rt, AE_FREE, off, h.size, 0, 0, h.type)
    free_block(rt, off)


cdef inline void free_block(Runtime* rt, uint32_t off) noexcept:
    cdef BlockHeader* h = <BlockHeader*>(rt.base + off)
    if unlikely(rt.tracing) and rt.trace_heap != NULL:
        rt.trace_heap(rt, off, -1)     # the block is still intact: the recorder may read it
    account(rt, h.type, h.size, -1)
    put_free(rt, off, h.size)


cdef uint32_t heap_next_block(Runtime* rt, uint32_t off) noexcept:
    return off + (<BlockHeader*>(rt.base + off)).size


# --- children: what a block references (used by freeing, the collector, the
# checker and the object-graph view) ----------------------------------------

cdef inline void visit_val(Runtime* rt, JSVal v, Visitor visit, void* ctx) noexcept:
    if is_ref(v):
        visit(rt, ref_of(v), ctx)

cdef inline void visit_off(Runtime* rt, uint32_t off, Visitor visit, void* ctx) noexcept:
    if off:
        visit(rt, off, ctx)


cdef void heap_visit_children(Runtime* rt, uint32_t off, Visitor visit, void* ctx) noexcept:
    cdef BlockHeader* h = <BlockHeader*>(rt.base + off)
    cdef JSObject* o
    cdef PropTable* pt
    cdef PropEntry* e
    cdef Elems* el
    cdef JSCode* c
    cdef JSEnv* env
    cdef JSScope* sc
    cdef JSVal* vals
    cdef uint32_t* names
    cdef uint32_t i, n
    cdef uint16_t cls
    if h.type == BT_OBJECT:
        o = <JSObject*>h
        visit_off(rt, o.proto, visit, ctx)
        visit_off(rt, o.props, visit, ctx)
        visit_off(rt, o.elems, visit, ctx)
        cls = h.aux
        if cls == CLASS_FUNCTION:
            visit_off(rt, o.internal, visit, ctx)
            visit_off(rt, (<JSFunction*>h).env, visit, ctx)
        elif cls == CLASS_BOUND:
            visit_off(rt, o.internal, visit, ctx)
            visit_val(rt, (<JSBound*>h).bound_this, visit, ctx)
            visit_off(rt, (<JSBound*>h).args, visit, ctx)
        elif cls == CLASS_BOOLEAN or cls == CLASS_NUMBER or cls == CLASS_STRING or cls == CLASS_DATE:
            visit_val(rt, (<JSWrapper*>h).value, visit, ctx)
        elif cls == CLASS_ARGUMENTS or cls == CLASS_FORIN or cls == CLASS_REGEXP:
            visit_off(rt, o.internal, visit, ctx)
    elif h.type == BT_PROPS:
        pt = <PropTable*>h
        e = <PropEntry*>(<uint8_t*>h + PROPS_HEADER)
        for i in range(pt.used):
            if e[i].key:
                visit(rt, e[i].key, ctx)
                if e[i].flags & PF_ACCESSOR:
                    visit_off(rt, <uint32_t>e[i].value, visit, ctx)
                    visit_off(rt, <uint32_t>(e[i].value >> 32), visit, ctx)
                else:
                    visit_val(rt, e[i].value, visit, ctx)
    elif h.type == BT_ELEMS:
        el = <Elems*>h
        vals = <JSVal*>(<uint8_t*>h + ELEMS_HEADER)
        for i in range(el.capacity):
            visit_val(rt, vals[i], visit, ctx)
    elif h.type == BT_CODE:
        c = <JSCode*>h
        visit_off(rt, c.name, visit, ctx)
        visit_off(rt, c.filename, visit, ctx)
        visit_off(rt, c.source, visit, ctx)
        vals = <JSVal*>(<uint8_t*>h + c.consts_at)
        for i in range(c.nconsts):
            visit_val(rt, vals[i], visit, ctx)
        names = <uint32_t*>(<uint8_t*>h + c.names_at)
        for i in range(c.nnames):
            visit_off(rt, names[i], visit, ctx)
    elif h.type == BT_ENV:
        env = <JSEnv*>h
        visit_off(rt, env.parent, visit, ctx)
        visit_off(rt, env.scope, visit, ctx)
        visit_off(rt, env.ext, visit, ctx)
        vals = <JSVal*>(<uint8_t*>h + ENV_HEADER)
        for i in range(env.nslots):
            visit_val(rt, vals[i], visit, ctx)
    elif h.type == BT_SCOPE:
        sc = <JSScope*>h
        names = <uint32_t*>(<uint8_t*>h + SCOPE_HEADER)
        for i in range(sc.count):
            visit_off(rt, names[i], visit, ctx)


# --- freeing by reference count ---------------------------------------------

cdef void refzero_child(Runtime* rt, uint32_t child, void* ctx) noexcept:
    cdef BlockHeader* h
    if child < rt.ram_start:
        return
    h = <BlockHeader*>(rt.base + child)
    if h.flags & HF_GARBAGE:
        return          # the collector frees it itself
    h.refcount -= 1
    if h.refcount == 0:
        heap_refzero(rt, child)


cdef void heap_refzero(Runtime* rt, uint32_t off) noexcept:
    """A block's refcount reached zero: free it and release what it holds.

    Work goes through a list threaded through the headers (Duktape's
    refzero list), so a long chain of objects frees without C recursion.
    """
    cdef BlockHeader* h = <BlockHeader*>(rt.base + off)
    if h.type == BT_STRING:
        if h.flags & HF_INTERNED:
            strtab_unlink(rt, off)
        heap_free(rt, off)
        return
    h.link = rt.refzero_head
    rt.refzero_head = off
    if rt.freeing:
        return
    rt.freeing = 1
    while rt.refzero_head:
        off = rt.refzero_head
        h = <BlockHeader*>(rt.base + off)
        rt.refzero_head = h.link
        heap_visit_children(rt, off, refzero_child, NULL)
        heap_free(rt, off)
    rt.freeing = 0


cdef void strtab_unlink(Runtime* rt, uint32_t soff) noexcept:
    """Remove a dying interned string from its bucket chain."""
    cdef JSString* s = <JSString*>(rt.base + soff)
    cdef uint32_t* buckets = <uint32_t*>(rt.base + rt.strtab + 16)
    cdef uint32_t b = s.hash & (rt.strtab_size - 1)
    cdef uint32_t cur = buckets[b], prev = 0
    while cur:
        if cur == soff:
            if prev:
                (<BlockHeader*>(rt.base + prev)).link = s.h.link
            else:
                buckets[b] = s.h.link
            rt.strtab_count -= 1
            s.h.flags &= ~HF_INTERNED
            return
        prev = cur
        cur = (<BlockHeader*>(rt.base + cur)).link


# --- coalescing -----------------------------------------------------------------

cdef void heap_coalesce(Runtime* rt) noexcept:
    """Merge neighbouring free blocks, rebuild the free lists, lower `top`."""
    cdef uint32_t off = rt.ram_start, run_start = 0, run_size = 0, size
    cdef BlockHeader* h
    cdef int i
    rt.coalesced_top = rt.top
    for i in range(NSMALL):
        rt.free_small[i] = 0
    for i in range(NLARGE):
        rt.free_large[i] = 0
    while off < rt.top:
        h = <BlockHeader*>(rt.base + off)
        size = h.size
        if h.type == BT_FREE:
            if run_size == 0:
                run_start = off
            run_size += size
        else:
            if run_size:
                put_free(rt, run_start, run_size)
                run_size = 0
        off += size
    if run_size:
        rt.top = run_start     # the free tail goes back to the bump region
        rt.coalesced_top = run_start
        release_pages(rt, run_start, run_start + run_size)


cdef void release_pages(Runtime* rt, uint32_t start, uint32_t end) noexcept:
    """Give the whole pages of an unused range back to the OS (RSS drops)."""
    cdef uint64_t a = (start + PAGE - 1) & ~(<uint64_t>PAGE - 1)
    cdef uint64_t b = end & ~(<uint64_t>PAGE - 1)
    if b > a + 1024 * 1024:
        madvise(rt.base + a, b - a, MADV_DONTNEED)
