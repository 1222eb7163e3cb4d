# The value stack, call frames and try handlers: reserved, committed on demand.
#
# The VM keeps raw pointers into all three arrays (frames point at their
# arguments and locals, handlers at operand-stack heights, the dispatch loop
# at its frame), so they may never move: a realloc-grown stack would have to
# fix every pointer, as Lua's luaD_reallocstack does.  Instead each array is
# one mmap'd range reserved for its maximum size with no access, and pages
# are made readable/writable (committed) the first time the VM needs them,
# doubling each time.  A fresh engine commits nothing; memory accounting
# counts exactly the committed bytes.

from libc.stdint cimport uintptr_t
from posix.mman cimport mmap, munmap, mprotect, PROT_NONE, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_FAILED

from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime, Frame, Handler

cdef extern from "sys/mman.h":
    int MAP_NORESERVE

cdef enum:
    PAGE = 4096
    MAX_FRAMES = 100000


cdef inline size_t page_up(size_t n) noexcept:
    return (n + PAGE - 1) & ~(<size_t>PAGE - 1)


cdef void* reserve(size_t nbytes) noexcept:
    cdef void* p = mmap(NULL, nbytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
    return NULL if p == MAP_FAILED else p


cdef size_t grow_to(void* base, size_t committed, size_t needed, size_t reserved) noexcept:
    """Commit [committed, new) of a reserved range, new >= needed; 0 if it cannot."""
    cdef size_t target = committed * 2 if committed else PAGE
    if target < needed:
        target = needed
    target = page_up(target)
    if target > reserved:
        target = reserved
    if target < needed:
        return 0
    if mprotect(<char*>base + committed, target - committed, PROT_READ | PROT_WRITE) != 0:
        return 0
    return target


cdef int stacks_init(Runtime* rt, size_t stack_bytes) noexcept:
    cdef size_t nslots = stack_bytes // 8
    if nslots < 1024:
        nslots = 1024
    cdef int nframes = <int>(nslots // 16) if nslots // 16 < MAX_FRAMES else MAX_FRAMES
    if nframes < 64:
        nframes = 64
    # page-rounded reservations; the limits are what fits in them
    rt.stack = <JSVal*>reserve(page_up(nslots * 8))
    rt.frames = <Frame*>reserve(page_up((nframes + 1) * sizeof(Frame)))
    rt.handlers = <Handler*>reserve(page_up((2 * nframes + 1) * sizeof(Handler)))
    if rt.stack == NULL or rt.frames == NULL or rt.handlers == NULL:
        stacks_destroy(rt)
        return -1
    rt.stack_limit = rt.stack + page_up(nslots * 8) // 8
    rt.frames_limit = <int>(page_up((nframes + 1) * sizeof(Frame)) // sizeof(Frame)) - 1
    rt.handlers_limit = <int>(page_up((2 * nframes + 1) * sizeof(Handler)) // sizeof(Handler)) - 1
    rt.stack_end = rt.stack          # nothing committed yet
    rt.max_frames = 0
    rt.max_handlers = 0
    rt.sp = rt.stack
    return 0


cdef void stacks_destroy(Runtime* rt) noexcept:
    if rt.stack != NULL:
        munmap(rt.stack, (rt.stack_limit - rt.stack) * 8)
    if rt.frames != NULL:
        munmap(rt.frames, page_up((rt.frames_limit + 1) * sizeof(Frame)))
    if rt.handlers != NULL:
        munmap(rt.handlers, page_up((rt.handlers_limit + 1) * sizeof(Handler)))
    rt.stack = rt.stack_end = rt.stack_limit = rt.sp = NULL
    rt.frames = NULL
    rt.handlers = NULL
    rt.max_frames = rt.max_handlers = 0


cdef int commit_items(void* base, int* committed, int need, int limit, size_t item) noexcept:
    """Commit room for `need` items of a frame or handler array (one spare
    item past them, as the eager arrays had); -1 past the reserved limit."""
    cdef size_t done, n
    if need <= committed[0]:
        return 0
    if need > limit:
        return -1
    done = grow_to(base, items_bytes(committed[0], item), (need + 1) * item, page_up((limit + 1) * item))
    if done == 0:
        return -1
    n = done // item - 1
    committed[0] = <int>n if <int>n < limit else limit
    return 0


cdef inline size_t items_bytes(int committed, size_t item) noexcept:
    return page_up((committed + 1) * item) if committed else 0


cdef int stack_commit(Runtime* rt, JSVal* need, int nframes) noexcept:
    """Make the value stack usable up to `need` (exclusive) and the frame
    array up to nframes frames; -1 when that passes the reserved maximum
    (the caller throws the stack-overflow RangeError)."""
    cdef size_t done
    if need > rt.stack_end:
        if need > rt.stack_limit:
            return -1
        done = grow_to(rt.stack, (rt.stack_end - rt.stack) * 8, (need - rt.stack) * 8,
                       (rt.stack_limit - rt.stack) * 8)
        if done == 0:
            return -1
        rt.stack_end = rt.stack + done // 8
    return commit_items(rt.frames, &rt.max_frames, nframes, rt.frames_limit, sizeof(Frame))


cdef int handlers_commit(Runtime* rt, int nhandlers) noexcept:
    return commit_items(rt.handlers, &rt.max_handlers, nhandlers, rt.handlers_limit, sizeof(Handler))


cdef size_t stacks_committed_bytes(Runtime* rt) noexcept:
    """Bytes of the three arrays the VM has committed (what they really cost)."""
    return ((rt.stack_end - rt.stack) * 8 + items_bytes(rt.max_frames, sizeof(Frame))
            + items_bytes(rt.max_handlers, sizeof(Handler)))
