# QuickJS's memory API on our heap (docs/memory-api.md): JS_ComputeMemoryUsage
# as a C-level walk of the arena, JS_DumpMemoryUsage's report, the allocator
# counters the walk is checked against, the allocator observer
# (JSMallocFunctions), JS_IsLiveObject and the leak report (DUMP_LEAKS).
#
# The walk is the accounting: every live block lands in exactly one size
# category, so the categories add up to memory_used_size and the tests can
# compare each of them with introspect.heap_blocks() and with the counters
# the allocator keeps as it allocates (Runtime.mem).

from libc.stdint cimport uint64_t, uint32_t, uint8_t
from libc.string cimport memset

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport (hdr, incref_off, decref_off, heap_visit_children, AE_MALLOC, AE_FREE,
                                        AE_REALLOC)
from glassjs.engine.core.gc cimport gc_collect_stats
from glassjs.engine.core.stack cimport stacks_committed_bytes
from glassjs.engine.api cimport Engine

from glassjs.engine.records import BLOCK_TYPES

# JS_ComputeMemoryUsage's fields, in QuickJS's order (quickjs.h JSMemoryUsage)
QUICKJS_FIELDS = ("malloc_size", "malloc_limit", "memory_used_size", "malloc_count", "memory_used_count",
                  "atom_count", "atom_size", "str_count", "str_size", "obj_count", "obj_size",
                  "prop_count", "prop_size", "shape_count", "shape_size", "js_func_count", "js_func_size",
                  "js_func_code_size", "js_func_pc2line_count", "js_func_pc2line_size", "c_func_count",
                  "array_count", "fast_array_count", "fast_array_elements", "binary_object_count",
                  "binary_object_size")

# the categories that partition memory_used_size (each live block is in one)
SIZE_CATEGORIES = ("atom_size", "str_size", "obj_size", "prop_size", "shape_size", "elems_size",
                   "js_func_size", "env_size", "binary_object_size")

cdef enum:
    HOST_ARRAYS = 3          # value stack, frame array, handler array: calloc'd beside the arena


cdef struct Usage:
    uint64_t used_count, used_size, free_count, free_size
    uint64_t atom_size, str_count, str_size
    uint64_t obj_count, obj_size, prop_count, prop_size, shape_count, shape_size
    uint64_t elems_count, elems_size, env_count, env_size, scope_count
    uint64_t js_func_count, js_func_size, js_func_code_size, js_func_pc2line_count, js_func_pc2line_size
    uint64_t c_func_count, array_count, fast_array_count, fast_array_elements
    uint64_t binary_object_count, binary_object_size


cdef inline Runtime* rt_of(Engine e) except NULL:
    if e.rt == NULL:
        raise ValueError("engine is closed")
    return e.rt


cdef void walk(Runtime* rt, Usage* u) noexcept:
    """One linear pass over the RAM blocks, counting each into its category."""
    cdef uint32_t off = rt.ram_start, n
    cdef BlockHeader* h
    cdef JSObject* o
    cdef JSCode* c
    cdef PropTable* pt
    memset(u, 0, sizeof(Usage))
    while off < rt.top:
        h = hdr(rt, off)
        if h.size == 0:
            break
        if h.type == BT_FREE:
            u.free_count += 1
            u.free_size += h.size
            off += h.size
            continue
        u.used_count += 1
        u.used_size += h.size
        if h.type == BT_STRING:
            if h.flags & HF_INTERNED:
                u.atom_size += h.size
            else:
                u.str_count += 1
                u.str_size += h.size
        elif h.type == BT_STRTAB:
            u.atom_size += h.size
        elif h.type == BT_OBJECT:
            o = <JSObject*>h
            u.obj_count += 1
            u.obj_size += h.size
            if h.aux == CLASS_NATIVE or h.aux == CLASS_HOST:
                u.c_func_count += 1
            elif h.aux == CLASS_ARRAY or h.aux == CLASS_ARGUMENTS:
                u.array_count += 1
                if not (o.oflags & OF_SPARSE):
                    u.fast_array_count += 1
                    n = (<Elems*>(rt.base + o.elems)).capacity if o.elems else 0
                    u.fast_array_elements += o.length if o.length < n else n
        elif h.type == BT_PROPS:
            # QuickJS splits a property table in two: the shape (keys and flags,
            # shared between objects there) and the values.  Ours is one block per
            # object; the value words are "properties", the rest is its "shape".
            pt = <PropTable*>h
            u.prop_count += pt.live
            u.prop_size += 8 * pt.capacity
            u.shape_count += 1
            u.shape_size += h.size - 8 * pt.capacity
        elif h.type == BT_ELEMS:
            u.elems_count += 1
            u.elems_size += h.size
        elif h.type == BT_CODE:
            c = <JSCode*>h
            u.js_func_count += 1
            u.js_func_size += h.size
            u.js_func_code_size += 4 * c.ncode
            if c.npos:
                u.js_func_pc2line_count += 1
                u.js_func_pc2line_size += 12 * c.npos
        elif h.type == BT_SCOPE:
            u.scope_count += 1
            u.js_func_size += h.size        # slot names of a function's scopes: compiled metadata
        elif h.type == BT_ENV:
            u.env_count += 1
            u.env_size += h.size
        elif h.type == BT_BYTES:
            u.binary_object_count += 1
            u.binary_object_size += h.size
        off += h.size


def memory_usage(Engine engine):
    """The fields of QuickJS's JS_ComputeMemoryUsage, from one walk of the heap,
    followed by glassjs's own (docs/memory-api.md says what each counts here)."""
    cdef Runtime* rt = rt_of(engine)
    cdef Usage u
    walk(rt, &u)
    stack_bytes = stacks_committed_bytes(rt)      # committed pages only (stack.pyx)
    arena = rt.top - rt.ram_start
    return {
        # QuickJS's fields
        "malloc_size": arena + stack_bytes,
        "malloc_limit": rt.limit - rt.ram_start,
        "memory_used_size": u.used_size,
        "malloc_count": u.used_count + HOST_ARRAYS,
        "memory_used_count": u.used_count,
        "atom_count": rt.strtab_count,
        "atom_size": u.atom_size,
        "str_count": u.str_count,
        "str_size": u.str_size,
        "obj_count": u.obj_count,
        "obj_size": u.obj_size,
        "prop_count": u.prop_count,
        "prop_size": u.prop_size,
        "shape_count": u.shape_count,
        "shape_size": u.shape_size,
        "js_func_count": u.js_func_count,
        "js_func_size": u.js_func_size,
        "js_func_code_size": u.js_func_code_size,
        "js_func_pc2line_count": u.js_func_pc2line_count,
        "js_func_pc2line_size": u.js_func_pc2line_size,
        "c_func_count": u.c_func_count,
        "array_count": u.array_count,
        "fast_array_count": u.fast_array_count,
        "fast_array_elements": u.fast_array_elements,
        "binary_object_count": u.binary_object_count,
        "binary_object_size": u.binary_object_size,
        # glassjs's own: the rest of the partition of memory_used_size, and the arena
        "elems_count": u.elems_count,
        "elems_size": u.elems_size,
        "env_count": u.env_count,
        "env_size": u.env_size,
        "scope_count": u.scope_count,
        "free_count": u.free_count,
        "free_size": u.free_size,
        "arena_bytes": arena,
        "stack_bytes": stack_bytes,
        "rom_size": rt.rom_end - rt.rom_start,
        "peak_used": rt.peak_bytes,
        "gc_runs": rt.gc_runs,
    }


def allocator_counters(Engine engine):
    """{block type: (count, bytes)} as the allocator counted them while
    allocating and freeing -- independent of any heap walk."""
    cdef Runtime* rt = rt_of(engine)
    cdef int t
    return {BLOCK_TYPES[t]: (rt.mem.count[t], rt.mem.bytes[t]) for t in range(1, BT_COUNT)
            if rt.mem.count[t] or rt.mem.bytes[t]}


def dump_memory_usage(dict u, profile="default"):
    """QuickJS's JS_DumpMemoryUsage report for a memory_usage() dict."""
    def row(name, count, size=None, note=""):
        # str.format: Cython's compiled '%' formatting drops the field widths of %s
        line = "{:<20} {:>8}".format(name, "" if count is None else count) \
            + (" {:>8}".format(size) if size is not None else "")
        return line + ("  (" + note + ")" if note else "")

    def per(a, b):
        return a / b if b else 0.0

    lines = ["glassjs memory usage -- profile %s, 64-bit values, 32-bit offsets, malloc limit: %d"
             % (profile, u["malloc_limit"]), "",
             "{:<20} {:>8} {:>8}".format("NAME", "COUNT", "SIZE")]
    if u["malloc_count"]:
        lines.append(row("memory allocated", u["malloc_count"], u["malloc_size"],
                         "%.1f per block" % per(u["malloc_size"], u["malloc_count"])))
        lines.append(row("memory used", u["memory_used_count"], u["memory_used_size"],
                         "16 header, %.1f average slack" % per(u["malloc_size"] - u["memory_used_size"],
                                                              u["memory_used_count"])))
    if u["atom_count"]:
        lines.append(row("atoms", u["atom_count"], u["atom_size"],
                         "%.1f per atom" % per(u["atom_size"], u["atom_count"])))
    if u["str_count"]:
        lines.append(row("strings", u["str_count"], u["str_size"],
                         "%.1f per string" % per(u["str_size"], u["str_count"])))
    if u["obj_count"]:
        lines.append(row("objects", u["obj_count"], u["obj_size"],
                         "%.1f per object" % per(u["obj_size"], u["obj_count"])))
        lines.append(row("  properties", u["prop_count"], u["prop_size"],
                         "%.1f per object" % per(u["prop_count"], u["obj_count"])))
        lines.append(row("  shapes", u["shape_count"], u["shape_size"],
                         "%.1f per shape" % per(u["shape_size"], u["shape_count"])))
    if u["js_func_count"]:
        lines.append(row("bytecode functions", u["js_func_count"], u["js_func_size"],
                         "%.1f per function" % per(u["js_func_size"], u["js_func_count"])))
        lines.append(row("  bytecode", u["js_func_count"], u["js_func_code_size"],
                         "%.1f per function" % per(u["js_func_code_size"], u["js_func_count"])))
        if u["js_func_pc2line_count"]:
            lines.append(row("  pc2line", u["js_func_pc2line_count"], u["js_func_pc2line_size"],
                             "%.1f per function" % per(u["js_func_pc2line_size"], u["js_func_pc2line_count"])))
    if u["c_func_count"]:
        lines.append(row("C functions", u["c_func_count"]))
    if u["array_count"]:
        lines.append(row("arrays", u["array_count"]))
        if u["fast_array_count"]:
            lines.append(row("  fast arrays", u["fast_array_count"]))
            lines.append(row("  elements", u["fast_array_elements"], 8 * u["fast_array_elements"],
                             "%.1f per fast array" % per(u["fast_array_elements"], u["fast_array_count"])))
    if u["binary_object_count"]:
        lines.append(row("binary objects", u["binary_object_count"], u["binary_object_size"]))
    # glassjs's own rows: the categories QuickJS folds elsewhere, and the arena
    if u["elems_count"]:
        lines.append(row("element arrays", u["elems_count"], u["elems_size"],
                         "%.1f per array" % per(u["elems_size"], u["elems_count"])))
    if u["env_count"]:
        lines.append(row("environments", u["env_count"], u["env_size"],
                         "%.1f per environment" % per(u["env_size"], u["env_count"])))
    lines.append(row("free blocks", u["free_count"], u["free_size"]))
    lines.append(row("value stack", HOST_ARRAYS, u["stack_bytes"], "value stack, frames, handlers"))
    if u["rom_size"]:
        lines.append(row("ROM", 1, u["rom_size"], "read-only, not in malloc_size"))
    lines.append(row("peak used", None, u["peak_used"], "most memory used at once"))
    return "\n".join(lines) + "\n"


# --- the allocator observer (QuickJS's JSMallocFunctions, as an observer) ----------

cdef void alloc_observer(Runtime* rt, int event, uint32_t off, uint32_t size, uint32_t old_off,
                         uint32_t old_size, uint8_t btype) noexcept:
    """Runtime.alloc_hook: tell the Python allocator object about one block event."""
    cdef Engine eng = <Engine>rt.owner
    if rt.in_alloc_hook:
        return
    rt.in_alloc_hook = 1
    try:
        kind = BLOCK_TYPES[btype]
        if event == AE_MALLOC:
            eng.allocator_obj.malloc(off, size, kind)
        elif event == AE_FREE:
            eng.allocator_obj.free(off, size, kind)
        else:
            eng.allocator_obj.realloc(old_off, off, old_size, size, kind)
    except BaseException as exc:
        # an allocation cannot fail on the observer's account: remove it, keep the error
        eng.allocator_error = exc
        eng.allocator_obj = None
        rt.alloc_hook = NULL
    rt.in_alloc_hook = 0


def install_allocator(Engine engine, allocator):
    cdef Runtime* rt = engine.live()
    if allocator is not None:
        for name in ("malloc", "free", "realloc"):
            if not callable(getattr(allocator, name, None)):
                raise TypeError("an allocator needs malloc, free and realloc methods (missing %s)" % name)
    if allocator is not None:
        rt.alloc_hook = alloc_observer
    else:
        rt.alloc_hook = NULL


# --- JS_IsLiveObject ------------------------------------------------------------------

def is_live_object(Engine engine, uint32_t offset):
    """Does a live object block start at offset?  (A walk: offsets inside blocks
    or of freed blocks are not confused with block starts.)"""
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t off
    cdef BlockHeader* h
    if rt.rom_start <= offset < rt.rom_end:
        off = rt.rom_start
    elif rt.ram_start <= offset < rt.top:
        off = rt.ram_start
    else:
        return False
    while off < offset:
        h = hdr(rt, off)
        if h.size == 0:
            return False
        off += h.size
    h = hdr(rt, off)
    return off == offset and h.type == BT_OBJECT and not (h.flags & HF_GARBAGE)


# --- the leak report (QuickJS's DUMP_LEAKS) ------------------------------------------------

cdef void collect_child(Runtime* rt, uint32_t child, void* ctx) noexcept:
    if child >= rt.ram_start:
        (<list>ctx).append(child)


def leak_report(Engine engine):
    """Free what the runtime holds, collect cycles, and report what is left.

    Destructive: only close() calls it, just before the arena is unmapped.
    The runtime drops its own references (runtime_roots: atoms, prototypes, the
    global object...); reference counting and one collection then free
    everything else.  Whatever survives is kept alive from outside: by a
    Python handle (the embedder's JS_FreeValue not called) or by a reference
    count nobody will release (an engine bug).
    """
    from glassjs.engine.introspect import runtime_roots, heap_blocks
    from glassjs.engine.records import LeakReport
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t off
    cdef int i
    for off, n in runtime_roots(engine).items():
        if off != rt.strtab:
            for i in range(n):
                decref_off(rt, off)
    gc_collect_stats(rt)
    held = set()
    todo = [off for off in engine.live_handles() if off >= rt.ram_start]
    while todo:
        off = todo.pop()
        if off in held:
            continue
        held.add(off)
        heap_visit_children(rt, off, collect_child, <void*>todo)
    left = [b for b in heap_blocks(engine, include_free=False)
            if b.segment == "ram" and b.offset != rt.strtab]
    return LeakReport(tuple(left), frozenset(b.offset for b in left if b.offset in held),
                      sum(b.size for b in left))


def _leak_reference(Engine engine, handle):
    """Tests of the leak report only: take a reference nobody will release,
    as an engine bug would."""
    incref_off(engine.live(), handle.offset)
