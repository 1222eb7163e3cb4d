# The read-only inspection API (docs/inspection.md): heap walk, headers,
# value bits, the string table, frames and the value stack, disassembly,
# memory usage, and the heap consistency checker used by the tests.
#
# Everything returns plain records from engine/records.py.  Nothing here
# writes to the heap.

from libc.stdint cimport uint64_t, uint32_t, uint8_t, uint16_t
from libc.string cimport memcpy

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport hdr, heap_visit_children, decref, decref_off
from libc.stdlib cimport calloc, free
from glassjs.engine.core.strings cimport str_to_py, intern_py
from glassjs.engine.core.objects cimport prop_find, elems_items
from glassjs.engine.core.natives cimport native_info, native_count
from glassjs.engine.core.vm cimport pc_position
from glassjs.engine.api cimport Engine, ObjectHandle

from glassjs.engine import bytecode
from glassjs.engine.records import (Block, Header, StringEntry, Instruction, FrameInfo, Ref, BLOCK_TYPES,
                                    CLASS_NAMES, HEADER_FLAGS, decode_bits)


cdef inline Runtime* rt_of(Engine e) except NULL:
    if e.rt == NULL:
        raise ValueError("engine is closed")
    return e.rt


def _flags(uint8_t f):
    return tuple(name for bit, name in HEADER_FLAGS.items() if f & bit)


def read_bytes(Engine engine, uint32_t offset, uint32_t n):
    """Raw bytes of the arena (for hex views)."""
    cdef Runtime* rt = rt_of(engine)
    if offset + n > rt.top or offset < rt.rom_start:
        raise ValueError("outside the arena in use")
    return bytes((<char*>rt.base + offset)[:n])


def header(Engine engine, uint32_t offset):
    """Decode the 16-byte block header at offset."""
    cdef Runtime* rt = rt_of(engine)
    if offset < rt.rom_start or offset >= rt.top:
        raise ValueError("no block at offset %d" % offset)
    cdef BlockHeader* h = hdr(rt, offset)
    return Header(offset, BLOCK_TYPES[h.type] if h.type < BT_COUNT else "?", _flags(h.flags), h.aux,
                  h.refcount, h.size, h.link, bytes((<char*>h)[:16]))


cdef str block_detail(Runtime* rt, uint32_t off):
    cdef BlockHeader* h = hdr(rt, off)
    cdef JSString* s
    cdef JSCode* c
    if h.type == BT_STRING:
        s = <JSString*>h
        text = str_to_py(rt, off)
        return repr(text if len(text) <= 24 else text[:21] + "...")
    if h.type == BT_OBJECT:
        name = CLASS_NAMES[h.aux] if h.aux < len(CLASS_NAMES) else "?"
        if h.aux == CLASS_FUNCTION:
            c = <JSCode*>(rt.base + (<JSObject*>h).internal)
            if c.name:
                name += " " + str_to_py(rt, c.name)
        elif h.aux == CLASS_NATIVE:
            info = native_info((<JSObject*>h).internal)
            if info != NULL:
                name += " " + info.name.decode()
        return name
    if h.type == BT_CODE:
        c = <JSCode*>h
        return "code " + (str_to_py(rt, c.name) if c.name else "<script>")
    if h.type == BT_ENV:
        return "with" if h.aux == ENV_WITH else "declarative (%d slots)" % (<JSEnv*>h).nslots
    if h.type == BT_BYTES and h.aux == CLASS_REGEXP:
        return "regexp program"
    return ""


def heap_blocks(Engine engine, bint include_free=True):
    """Every block in address order: ROM segment first, then RAM."""
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t off = rt.rom_start
    cdef BlockHeader* h
    out = []
    while off < rt.top:
        if off == rt.rom_end and rt.ram_start > off:
            off = rt.ram_start
            continue
        h = hdr(rt, off)
        if h.size == 0:
            break
        if include_free or h.type != BT_FREE:
            out.append(Block(off, h.size, BLOCK_TYPES[h.type] if h.type < BT_COUNT else "?",
                             "rom" if off < rt.rom_end else "ram", h.refcount, _flags(h.flags),
                             block_detail(rt, off)))
        off += h.size
    return out


def address_map(Engine engine):
    """The segments of the heap's address space."""
    cdef Runtime* rt = rt_of(engine)
    return {"null_guard": (0, rt.rom_start), "rom": (rt.rom_start, rt.rom_end),
            "ram": (rt.ram_start, rt.top), "limit": rt.limit, "reserved": rt.reserved}


def free_lists(Engine engine):
    """{size class: [offsets]} of the allocator's free lists."""
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t off
    cdef int i
    out = {}
    for i in range(NSMALL):
        off = rt.free_small[i]
        items = []
        while off and len(items) < 100000:
            items.append(off)
            off = hdr(rt, off).link
        if items:
            out[i * 8] = items
    for i in range(NLARGE):
        off = rt.free_large[i]
        items = []
        while off:
            items.append(off)
            off = hdr(rt, off).link
        if items:
            out["large>=%d" % (1024 << i)] = items
    return out


def value_bits(Engine engine, value):
    """Decode a value: a handle, a Python value converted to JS, or raw bits."""
    cdef JSVal v
    if isinstance(value, ObjectHandle):
        v = (<ObjectHandle>value).value()
        return decode_bits(v)
    v = engine.to_js(value)
    bits = decode_bits(v)
    decref(engine.rt, v)
    return bits


def string_table(Engine engine):
    """[(bucket, [StringEntry...])] for the non-empty buckets, and the table's size."""
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t* buckets = <uint32_t*>(rt.base + rt.strtab + 16)
    cdef uint32_t i, cur
    cdef JSString* s
    out = []
    for i in range(rt.strtab_size):
        cur = buckets[i]
        chain = []
        while cur:
            s = <JSString*>(rt.base + cur)
            chain.append(StringEntry(cur, str_to_py(rt, cur), s.length, bool(s.h.flags & HF_ONEBYTE),
                                     s.hash, s.h.refcount, s.h.size))
            cur = s.h.link
        if chain:
            out.append((i, chain))
    return {"size": rt.strtab_size, "count": rt.strtab_count, "hits": rt.intern_hits,
            "misses": rt.intern_misses, "buckets": out}


cdef uint32_t code_of(Engine engine, fn) except? 0:
    cdef Runtime* rt = engine.rt
    if not isinstance(fn, ObjectHandle):
        raise TypeError("expected a function handle")
    cdef uint32_t off = (<ObjectHandle>fn).off
    if off == 0 or hdr(rt, off).type != BT_OBJECT or hdr(rt, off).aux != CLASS_FUNCTION:
        raise TypeError("not an ECMAScript function (natives have no bytecode)")
    return (<JSObject*>(rt.base + off)).internal


def disassemble(Engine engine, fn=None, uint32_t code_offset=0):
    """dis-like listing of a function's bytecode with source positions."""
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t code = code_offset or code_of(engine, fn)
    cdef JSCode* c = <JSCode*>(rt.base + code)
    cdef uint32_t* words = <uint32_t*>(rt.base + code + c.code_at)
    cdef JSVal* consts = <JSVal*>(rt.base + code + c.consts_at)
    cdef int line, col
    wl = [words[i] for i in range(c.ncode)]
    targets = set()
    for pc, op, a, extras in bytecode.iter_instructions(wl):
        if op.operand == "jump":
            targets.add(pc + 1 + len(op.extra) + a)
    out = []
    for pc, op, a, extras in bytecode.iter_instructions(wl):
        pc_position(rt, code, pc, &line, &col)
        argrepr = ""
        target = None
        if op.operand in ("const", "name") and a < c.nconsts:
            argrepr = _const_repr(engine, consts[a])
        elif op.operand == "jump":
            target = pc + 1 + len(op.extra) + a
            argrepr = "to %d" % target
        elif op.operand == "env":
            argrepr = "depth %d, slot %d" % (a >> 16, a & 0xFFFF)
        out.append(Instruction(pc, op.name, None if op.operand == "-" else a, extras, argrepr,
                               line, col, pc in targets, target))
    return out


def code_info(Engine engine, fn=None, uint32_t code_offset=0):
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t code = code_offset or code_of(engine, fn)
    cdef JSCode* c = <JSCode*>(rt.base + code)
    cdef JSVal* consts = <JSVal*>(rt.base + code + c.consts_at)
    cdef uint32_t* names = <uint32_t*>(rt.base + code + c.names_at)
    return {"offset": code, "name": str_to_py(rt, c.name) if c.name else "",
            "filename": str_to_py(rt, c.filename) if c.filename else "",
            "nparams": c.nparams, "nlocals": c.nlocals, "max_stack": c.max_stack,
            "strict": bool(c.flags & CF_STRICT), "size": c.h.size, "line": c.line,
            "source": str_to_py(rt, c.source) if c.source else "",
            "constants": [_const_repr(engine, consts[i]) for i in range(c.nconsts)],
            "names": [str_to_py(rt, names[i]) if names[i] else "" for i in range(c.nnames)]}


cdef str _const_repr(Engine engine, JSVal v):
    cdef Runtime* rt = engine.rt
    cdef BlockHeader* h
    if is_string(v):
        return repr(str_to_py(rt, ref_of(v)))
    if is_number(v):
        return repr(num_of(v))
    if tag_of(v) == TAG_INTERNAL:
        h = hdr(rt, ref_of(v))
        if h.type == BT_CODE:
            nm = (<JSCode*>h).name
            return "<code %s @%d>" % (str_to_py(rt, nm) if nm else "anonymous", ref_of(v))
        if h.type == BT_SCOPE:
            n = (<JSScope*>h).count
            names = [str_to_py(rt, (<uint32_t*>(rt.base + ref_of(v) + SCOPE_HEADER))[i]) for i in range(n)]
            return "<scope %s>" % ", ".join(names)
    return decode_bits(v).kind


def frames(Engine engine):
    """The call frames, innermost last: function, position, locals, operand stack."""
    cdef Runtime* rt = rt_of(engine)
    cdef Frame* fr
    cdef JSCode* c
    cdef int i, j, line, col
    cdef uint32_t pc_index
    cdef uint32_t* names
    cdef JSVal* p
    out = []
    for i in range(rt.nframes):
        fr = &rt.frames[i]
        c = <JSCode*>(rt.base + fr.code)
        pc_index = <uint32_t>((<uint8_t*>fr.pc - (<uint8_t*>c + c.code_at)) // 4)
        pc_position(rt, fr.code, pc_index, &line, &col)
        names = <uint32_t*>(rt.base + fr.code + c.names_at)
        nargs = fr.argc if fr.argc > <int>c.nparams else c.nparams
        args = [engine.to_py(fr.args[j]) for j in range(nargs)]
        local_vals = {}
        for j in range(c.nlocals):
            nm = str_to_py(rt, names[c.nparams + j]) if c.nparams + j < c.nnames and names[c.nparams + j] else ""
            if nm:
                local_vals[nm] = engine.to_py(fr.locals[j]) if fr.locals[j] != EMPTY else "<uninitialized>"
        for j in range(c.nparams):
            nm = str_to_py(rt, names[j]) if j < c.nnames and names[j] else ""
            if nm:
                local_vals[nm] = engine.to_py(fr.args[j])
        stack = []
        bits = []
        p = fr.locals + c.nlocals
        while p < fr.sp:
            stack.append(engine.to_py(p[0]) if p[0] != EMPTY else "<hole>")
            bits.append(p[0])
            p += 1
        fname = str_to_py(rt, c.name) if c.name else ""
        if not fname:
            fname = "<script>" if c.flags & CF_SCRIPT else ("<eval>" if c.flags & CF_EVAL else "<anonymous>")
        out.append(FrameInfo(i, fname,
                             str_to_py(rt, c.filename) if c.filename else "", line, col, pc_index,
                             engine.to_py(fr.args[-1]), args, local_vals, stack, bits))
    return out


def memory_usage(Engine engine):
    """The fields of QuickJS's JS_ComputeMemoryUsage, from a walk of the heap
    (engine/memory.pyx; docs/memory-api.md)."""
    from glassjs.engine.memory import memory_usage
    return memory_usage(engine)


def runtime_roots(Engine engine):
    """References the runtime itself holds: {offset: count}."""
    cdef Runtime* rt = rt_of(engine)
    cdef int i
    roots = {}
    def add(uint32_t off):
        if off:
            roots[off] = roots.get(off, 0) + 1
    for i in range(A_COUNT):
        add(rt.atoms[i])
    for off in (rt.object_proto, rt.function_proto, rt.array_proto, rt.string_proto, rt.number_proto,
                rt.boolean_proto, rt.date_proto, rt.regexp_proto, rt.global_obj, rt.global_lex,
                rt.lex_consts, rt.eval_fn, rt.thrower, rt.array_ctor, rt.regexp_ctor, rt.strtab):
        add(off)
    for i in range(E_COUNT):
        add(rt.error_protos[i])
    for i in range(256):
        add(rt.unit_strings[i])
    return roots


cdef void count_ref(Runtime* rt, uint32_t child, void* ctx) noexcept:
    cdef uint32_t* counts = <uint32_t*>ctx
    if child >= rt.ram_start and child < rt.top:
        counts[(child - rt.ram_start) >> 3] += 1


def check_heap(Engine engine, dict external=None):
    """Verify every refcount against the references found.

    Returns a list of problems (empty when the heap is consistent).  Valid
    when no JavaScript is running: references then come only from other
    blocks, the runtime's own fields and Python handles (`external`).
    """
    cdef Runtime* rt = rt_of(engine)
    if rt.nframes:
        raise RuntimeError("check_heap needs a quiescent engine (code is running)")
    cdef uint32_t n = (rt.top - rt.ram_start) // 8 + 1
    cdef uint32_t* counts = <uint32_t*>calloc(n, 4)
    cdef uint32_t off
    cdef BlockHeader* h
    problems = []
    try:
        off = rt.ram_start
        while off < rt.top:
            h = hdr(rt, off)
            if h.size < 16 or h.size % 8 or off + h.size > rt.top:
                problems.append("block at %d has a bad size %d" % (off, h.size))
                return problems
            if h.type != BT_FREE:
                heap_visit_children(rt, off, count_ref, counts)
            off += h.size
        for k, v in runtime_roots(engine).items():
            counts[(k - rt.ram_start) >> 3] += v
        for k, v in (external if external is not None else engine.live_handles()).items():
            counts[(k - rt.ram_start) >> 3] += v
        off = rt.ram_start
        while off < rt.top:
            h = hdr(rt, off)
            found = counts[(off - rt.ram_start) >> 3]
            if h.type == BT_FREE:
                if found:
                    problems.append("free block at %d is still referenced %d times" % (off, found))
            elif h.refcount != found:
                problems.append("%s at %d (%s): refcount %d, references found %d" % (
                    BLOCK_TYPES[h.type], off, block_detail(rt, off), h.refcount, found))
            off += h.size
    finally:
        free(counts)
    return problems


def lightfunc(Engine engine, str path):
    """A lightfunc value for a built-in native, named by its path ("Math.max").

    The value is a tagged word (tag 0xFFFC) holding the native's index,
    nargs, length and magic: no heap allocation at all.  It can be stored
    in a global and called from JavaScript like any function.
    """
    from glassjs.engine.builtins.realm import all_definitions
    cdef uint32_t i
    cdef NativeInfo* info
    for d in all_definitions():
        if d[0] == "method" and d[1].replace("global.", "") + "." + d[2] == path.replace("global.", "") \
                or d[0] == "method" and d[1] == "global" and d[2] == path \
                or d[0] == "ctor" and d[1] == path:
            i = d[-1]
            info = native_info(i)
            return engine.to_py(mk_lightfunc(i, info.nargs if info.nargs < 15 else 15,
                                             info.length if info.length < 15 else 15, info.magic))
    raise KeyError("no built-in native at %r" % path)


def natives():
    """[(index, name, length, nargs, magic)] of the registered natives."""
    from glassjs.engine.core.natives import registered_natives
    return registered_natives()


def property_bits(Engine engine, ObjectHandle obj, str key):
    """The raw value word stored in an own data property (no conversion)."""
    cdef Runtime* rt = rt_of(engine)
    cdef uint32_t k = intern_py(rt, key)
    cdef PropEntry* e = prop_find(rt, obj.off, k)
    decref_off(rt, k)
    if e == NULL:
        raise KeyError(key)
    return decode_bits(e.value)


def global_roots(Engine engine):
    """Offsets of the global object and of the object holding top-level let/const/class bindings."""
    cdef Runtime* rt = rt_of(engine)
    return {"global": rt.global_obj, "global_lex": rt.global_lex}


def references(Engine engine, uint32_t offset):
    """The outgoing references of one object or environment block, as `Ref` records.

    An object's property table and element block are folded into it (keys
    label the edges); internal slots use spec names ([[Prototype]], [[Code]],
    [[Scope]], [[BoundTarget]]...).  Virtual properties of lazy functions
    (`length`, `name`, `prototype` before first use) are not stored, so not
    listed.  Other block types have no labelled references: [].
    """
    cdef Runtime* rt = rt_of(engine)
    if offset < rt.rom_start or offset >= rt.top or (rt.rom_end <= offset < rt.ram_start):
        raise ValueError("no block at offset %d" % offset)
    cdef BlockHeader* h = hdr(rt, offset)
    cdef JSObject* o
    cdef PropTable* pt
    cdef PropEntry* e
    cdef JSVal* vals
    cdef JSEnv* env
    cdef uint32_t i, n
    cdef uint32_t* names
    out = []
    if h.type == BT_OBJECT:
        o = <JSObject*>h
        out.append(Ref("[[Prototype]]", "proto", decode_bits(mk_object(o.proto) if o.proto else JSNULL)))
        if o.props:
            pt = <PropTable*>(rt.base + o.props)
            e = <PropEntry*>(rt.base + o.props + PROPS_HEADER)
            for i in range(pt.used):
                if not e[i].key:
                    continue
                key = str_to_py(rt, e[i].key)
                if e[i].flags & PF_ACCESSOR:
                    if <uint32_t>e[i].value:
                        out.append(Ref("get " + key, "accessor", decode_bits(mk_object(<uint32_t>e[i].value))))
                    if <uint32_t>(e[i].value >> 32):
                        out.append(Ref("set " + key, "accessor", decode_bits(mk_object(<uint32_t>(e[i].value >> 32)))))
                else:
                    out.append(Ref(key, "property", decode_bits(e[i].value)))
        if o.elems and h.aux != CLASS_FORIN:
            vals = elems_items(rt, o.elems)
            n = o.length if h.aux == CLASS_ARRAY or h.aux == CLASS_ARGUMENTS else (<Elems*>(rt.base + o.elems)).capacity
            if n > (<Elems*>(rt.base + o.elems)).capacity:
                n = (<Elems*>(rt.base + o.elems)).capacity
            for i in range(n):
                if vals[i] != EMPTY:
                    out.append(Ref("[%d]" % i, "element", decode_bits(vals[i])))
        if h.aux == CLASS_FUNCTION:
            out.append(Ref("[[Code]]", "internal", decode_bits(mk_internal(o.internal))))
            if (<JSFunction*>h).env:
                out.append(Ref("[[Scope]]", "internal", decode_bits(mk_internal((<JSFunction*>h).env))))
        elif h.aux == CLASS_BOUND:
            out.append(Ref("[[BoundTarget]]", "internal", decode_bits(mk_object(o.internal))))
            out.append(Ref("[[BoundThis]]", "internal", decode_bits((<JSBound*>h).bound_this)))
        elif h.aux in (CLASS_BOOLEAN, CLASS_NUMBER, CLASS_STRING, CLASS_DATE):
            out.append(Ref("[[PrimitiveValue]]", "internal", decode_bits((<JSWrapper*>h).value)))
    elif h.type == BT_ENV:
        env = <JSEnv*>h
        if env.parent:
            out.append(Ref("[[Outer]]", "internal", decode_bits(mk_internal(env.parent))))
        if h.aux == ENV_WITH:
            out.append(Ref("[[WithObject]]", "internal", decode_bits(mk_object(env.scope))))
        else:
            vals = <JSVal*>(rt.base + offset + ENV_HEADER)
            names = <uint32_t*>(rt.base + env.scope + SCOPE_HEADER) if env.scope else NULL
            n = (<JSScope*>(rt.base + env.scope)).count if env.scope else 0
            for i in range(env.nslots):
                nm = str_to_py(rt, names[i]) if i < n and names[i] else "slot %d" % i
                out.append(Ref(nm, "binding", decode_bits(vals[i])))
    return out


cdef extern from "malloc.h":
    size_t malloc_usable_size(void* p)


def runtime_bytes(Engine engine):
    """Bytes of the Runtime struct (the engine's fixed state outside the arena:
    free lists, atoms, well-known objects) as malloc holds it: its usable size
    plus glibc's 8-byte chunk header."""
    cdef Runtime* rt = rt_of(engine)
    return malloc_usable_size(rt) + 8
