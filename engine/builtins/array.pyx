# Array (ES5.1 15.4, with the later refinements test262 checks: ToLength
# lengths up to 2^53-1, ES2015 splice/concat/copyWithin/fill/find..., the
# ES2019 stable sort that collects the values, sorts, then writes back).
#
# Every method is generic: it works on any object through the core's
# HasProperty / Get / Set / Delete.  Dense arrays (CLASS_ARRAY, elements in
# o.elems, holes = EMPTY) take C fast paths:
#
#   - reading element k: one load from elems (`fetch`/`getk`); a hole only
#     means "absent" if no object on the prototype chain has index
#     properties (`protos_clean`, cached per loop until JavaScript may run);
#   - push/pop/shift/unshift/splice/reverse move the element block with
#     memmove when the array is "fast" (dense, extensible, writable length)
#     and holes cannot be filled from the prototype chain;
#   - callbacks (forEach, map, sort's comparator...) may do anything to the
#     array: every access after a call re-reads the object's state.
#
# Arrays created by methods are plain arrays with rt.array_proto (no species).

from libc.stdint cimport uint64_t, uint32_t, int32_t, int64_t, uint16_t, uint8_t
from libc.stdlib cimport malloc, calloc, realloc, free
from libc.string cimport memcpy, memmove, memset
from libc.math cimport isnan, floor

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport incref, decref, incref_off, decref_off, dup
from glassjs.engine.core.objects cimport (optr, elems_items, elems_capacity, table_entries, arr_new,
                                           arr_from_values, arr_push, elems_reserve, arr_set_length,
                                           arr_make_sparse, index_key, get_prop, put_prop,
                                           has_property, delete_property, define_own_property,
                                           own_keys, is_callable, is_array, throw_error,
                                           throw_error_str, throw_oom, key_to_py, PropDesc,
                                           HAS_VALUE, HAS_WRITABLE, HAS_ENUMERABLE, HAS_CONFIGURABLE)
from glassjs.engine.core.ops cimport (to_number, to_string, to_object, to_boolean, to_integer,
                                       get_value, op_strict_eq, same_value_zero)
from glassjs.engine.core.strings cimport (sptr, str_len, str_alloc, str_finish, str_intern, num_to_str,
                                           num_to_cstr, str_compare, str_from_ascii, intern_ascii,
                                           str_new_units)
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT, vm_call, vm_construct
from glassjs.engine.core.opcodes cimport OP_GET_ARG, OP_SUB, OP_RET


cdef enum:
    DENSE_LIMIT = 0x0FFFFFF0      # elems_reserve's ceiling
    MAX_STRING = 0x3FFFFFFF       # str_concat's ceiling
    POLL_MASK = 0xFFFF            # long C loops ask the host about interrupts this often
    PLAN_MIN = 1 << 16            # ranges shorter than this are walked index by index

cdef double MAX_SAFE = 9007199254740991.0
cdef double MAX_ARRAY_LEN = 4294967295.0


# --- small helpers ------------------------------------------------------------------

cdef inline JSVal argn(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef inline int oom(Runtime* rt) noexcept:
    """-1 with an exception pending (an out-of-memory error unless one already is)."""
    if not rt.has_exc:
        throw_oom(rt)
    return -1


cdef int poll(Runtime* rt) noexcept:
    """Long loops in C: let the host interrupt (like the VM's backward jumps)."""
    if rt.poll_interrupt != NULL and rt.poll_interrupt(rt):
        throw_error(rt, E_ERROR, "interrupted")
        rt.uncatchable = 1
        return -1
    return 0


cdef int not_callable(Runtime* rt, JSVal v) noexcept:
    cdef str what
    if is_undefined(v):
        what = "undefined"
    elif v == JSNULL:
        what = "null"
    elif is_number(v):
        what = "number"
    elif is_string(v):
        what = "string"
    elif is_bool(v):
        what = "boolean"
    else:
        what = "object"
    return throw_error_str(rt, E_TYPE, "%s is not a function" % what)


cdef inline bint is_dense(JSObject* p) noexcept:
    return p.h.aux == CLASS_ARRAY and not (p.oflags & OF_SPARSE)


cdef inline bint is_fast(JSObject* p) noexcept:
    """Dense, extensible, writable length: every index write stays in elems."""
    return p.h.aux == CLASS_ARRAY and (p.oflags & (OF_SPARSE | OF_LENGTH_READONLY | OF_EXTENSIBLE)) == OF_EXTENSIBLE


cdef inline uint32_t cap_of(Runtime* rt, JSObject* p) noexcept:
    return elems_capacity(rt, p.elems) if p.elems else 0


cdef int to_int_inf(Runtime* rt, JSVal v, double* out) noexcept:
    """ToIntegerOrInfinity."""
    cdef double d
    if is_number(v):
        d = num_of(v)
    elif to_number(rt, v, &d) < 0:
        return -1
    out[0] = to_integer(d) + 0.0
    return 0


cdef inline int64_t clamp_rel(double r, int64_t length) noexcept:
    """A relative index (negative counts from the end) clamped to [0, length]."""
    if r < 0:
        r += <double>length
        return 0 if r < 0 else <int64_t>r
    return length if r > <double>length else <int64_t>r


cdef int rel_arg(Runtime* rt, int argc, JSVal* argv, int i, int64_t length, int64_t dflt, int64_t* out) noexcept:
    """Argument i as a relative index; `dflt` when it is undefined."""
    cdef double d
    cdef JSVal v = argn(argc, argv, i)
    if is_undefined(v):
        out[0] = dflt
        return 0
    if to_int_inf(rt, v, &d) < 0:
        return -1
    out[0] = clamp_rel(d, length)
    return 0


cdef uint32_t key_for(Runtime* rt, int64_t k) noexcept:
    """The interned key of integer index k (a new reference), or 0 with an exception."""
    cdef uint32_t s
    if k < 4294967295:
        s = index_key(rt, <uint32_t>k)
    else:
        s = num_to_str(rt, <double>k)
        if s:
            s = str_intern(rt, s)
    if s == 0:
        oom(rt)
    return s


# protos_clean is asked on every push: its verdict is cached for one chain,
# keyed by a fingerprint of each prototype's property table (block offset,
# used / live / capacity counts, last key).  Adding a key appends an entry or
# rebuilds the table into a new block, so any change to the tables changes
# the fingerprint.  Chains whose objects have elements (or are String /
# arguments objects) are never cached: those are rescanned every time.

cdef enum:
    PCACHE_MAX = 4

cdef struct ProtoCache:
    Runtime* rt
    int n               # chain length; 0 = empty cache
    bint clean
    uint32_t obj[PCACHE_MAX]
    uint32_t props[PCACHE_MAX]
    uint32_t used[PCACHE_MAX]
    uint32_t live[PCACHE_MAX]
    uint32_t cap[PCACHE_MAX]
    uint32_t last[PCACHE_MAX]

cdef ProtoCache pcache


cdef inline void table_print(Runtime* rt, uint32_t props, uint32_t* used, uint32_t* live,
                             uint32_t* cap, uint32_t* last) noexcept:
    cdef PropTable* t
    if props == 0:
        used[0] = live[0] = cap[0] = last[0] = 0
        return
    t = <PropTable*>(rt.base + props)
    used[0] = t.used
    live[0] = t.live
    cap[0] = t.capacity
    last[0] = table_entries(t)[t.used - 1].key if t.used else 0


cdef bint protos_clean(Runtime* rt, uint32_t o) noexcept:
    """No object on o's prototype chain has an index property: a hole in o
    then really is absent (HasProperty false, Get undefined, Set creates)."""
    cdef uint32_t p = optr(rt, o).proto, used, live, cap, last
    cdef JSObject* q
    cdef int i = 0
    cdef bint clean
    if pcache.rt == rt and pcache.n:
        while p:
            if i >= pcache.n or pcache.obj[i] != p:
                break
            q = optr(rt, p)
            if q.elems or q.props != pcache.props[i]:
                break
            table_print(rt, q.props, &used, &live, &cap, &last)
            if used != pcache.used[i] or live != pcache.live[i] or cap != pcache.cap[i] or last != pcache.last[i]:
                break
            p = q.proto
            i += 1
        else:
            if i == pcache.n:
                return pcache.clean
    clean = protos_scan(rt, o)
    # remember the verdict if the chain is cacheable
    pcache.n = 0
    pcache.rt = rt
    p = optr(rt, o).proto
    i = 0
    while p:
        q = optr(rt, p)
        if i == PCACHE_MAX or q.elems or q.h.aux == CLASS_STRING or q.h.aux == CLASS_ARGUMENTS:
            return clean
        pcache.obj[i] = p
        pcache.props[i] = q.props
        table_print(rt, q.props, &pcache.used[i], &pcache.live[i], &pcache.cap[i], &pcache.last[i])
        p = q.proto
        i += 1
    if i == 0:
        return clean
    pcache.clean = clean
    pcache.n = i
    return clean


cdef bint protos_scan(Runtime* rt, uint32_t o) noexcept:
    cdef uint32_t p = optr(rt, o).proto, i, n
    cdef JSObject* q
    cdef PropTable* t
    cdef PropEntry* e
    cdef JSVal* items
    while p:
        q = optr(rt, p)
        if q.h.aux == CLASS_STRING:
            if str_len(rt, ref_of((<JSWrapper*>q).value)) != 0:
                return 0
        elif q.h.aux == CLASS_ARGUMENTS:
            return 0
        if q.elems and not (q.oflags & OF_SPARSE):
            n = elems_capacity(rt, q.elems)
            if q.h.aux == CLASS_ARRAY and q.length < n:
                n = q.length
            items = elems_items(rt, q.elems)
            for i in range(n):
                if items[i] != EMPTY:
                    return 0
        if q.props:
            t = <PropTable*>(rt.base + q.props)
            e = table_entries(t)
            for i in range(t.used):
                if e[i].key and (sptr(rt, e[i].key).h.flags & HF_ARRAYIDX):
                    return 0
        p = q.proto
    return 1


# --- element access: the spec's abstract operations with dense fast paths -----------
#
# `clean` caches protos_clean for the current loop: -1 unknown, 0 / 1.  Callers
# reset it to -1 whenever JavaScript may have run.

cdef int fetch_slow(Runtime* rt, uint32_t o, int64_t k, JSVal* out) noexcept:
    cdef uint32_t key = key_for(rt, k)
    if key == 0:
        return -1
    cdef int r = has_property(rt, o, key)
    if r > 0:
        if get_prop(rt, o, key, mk_object(o), out) < 0:
            r = -1
    decref_off(rt, key)
    return r


cdef inline int fetch(Runtime* rt, uint32_t o, int64_t k, JSVal* out, int* clean) noexcept:
    """HasProperty(O, k) then Get(O, k): 1 and out (owned) if present, 0 if absent, -1."""
    cdef JSObject* p = optr(rt, o)
    cdef JSVal v
    cdef int r
    if p.h.aux == CLASS_ARRAY and not (p.oflags & OF_SPARSE):
        if k < p.length and p.elems and k < elems_capacity(rt, p.elems):
            v = elems_items(rt, p.elems)[k]
            if v != EMPTY:
                out[0] = dup(rt, v)
                return 1
        if clean[0] < 0:
            clean[0] = protos_clean(rt, o)
        if clean[0] > 0:
            return 0
    r = fetch_slow(rt, o, k, out)
    clean[0] = -1
    return r


cdef inline int getk(Runtime* rt, uint32_t o, int64_t k, JSVal* out, int* clean) noexcept:
    """Get(O, k): 0 and out (owned), or -1."""
    cdef JSObject* p = optr(rt, o)
    cdef JSVal v
    cdef uint32_t key
    cdef int r
    if p.h.aux == CLASS_ARRAY and not (p.oflags & OF_SPARSE):
        if k < p.length and p.elems and k < elems_capacity(rt, p.elems):
            v = elems_items(rt, p.elems)[k]
            if v != EMPTY:
                out[0] = dup(rt, v)
                return 0
        if clean[0] < 0:
            clean[0] = protos_clean(rt, o)
        if clean[0] > 0:
            out[0] = UNDEFINED
            return 0
    key = key_for(rt, k)
    if key == 0:
        return -1
    r = get_prop(rt, o, key, mk_object(o), out)
    decref_off(rt, key)
    clean[0] = -1
    return r


cdef int putk(Runtime* rt, uint32_t o, int64_t k, JSVal v, int* clean) noexcept:
    """Set(O, k, v, true); v borrowed."""
    cdef JSObject* p = optr(rt, o)
    cdef JSVal* items
    cdef JSVal old
    cdef uint32_t key
    cdef int r
    if p.h.aux == CLASS_ARRAY and not (p.oflags & OF_SPARSE) and p.elems and k < elems_capacity(rt, p.elems):
        items = elems_items(rt, p.elems)
        if k < p.length and items[k] != EMPTY:
            old = items[k]
            items[k] = dup(rt, v)
            decref(rt, old)
            return 0
        if is_fast(p):
            if clean[0] < 0:
                clean[0] = protos_clean(rt, o)
            if clean[0] > 0:
                # a hole, and nothing on the chain to intercept the write
                old = items[k]
                items[k] = dup(rt, v)
                decref(rt, old)
                if k >= p.length:
                    p.length = <uint32_t>(k + 1)
                return 0
    elif p.h.aux == CLASS_ARRAY and not (p.oflags & OF_SPARSE) and k < p.length:
        # past the element block but below length: put_prop's fast path would
        # index elems out of bounds (see cover_length)
        if cover_length(rt, o, k + 1, 0) < 0:
            return -1
    key = key_for(rt, k)
    if key == 0:
        return -1
    r = put_prop(rt, o, key, v, mk_object(o), 1)
    decref_off(rt, key)
    clean[0] = -1
    return r


cdef int delk(Runtime* rt, uint32_t o, int64_t k) noexcept:
    """DeletePropertyOrThrow(O, k)."""
    cdef JSObject* p = optr(rt, o)
    cdef JSVal* items
    cdef JSVal old
    cdef uint32_t key
    cdef int r
    if p.h.aux == CLASS_ARRAY and not (p.oflags & OF_SPARSE):
        # a dense array keeps every index property in elems
        if p.elems and k < p.length and k < elems_capacity(rt, p.elems):
            items = elems_items(rt, p.elems)
            old = items[k]
            items[k] = EMPTY
            decref(rt, old)
        return 0
    key = key_for(rt, k)
    if key == 0:
        return -1
    r = delete_property(rt, o, key, 1)
    decref_off(rt, key)
    return -1 if r < 0 else 0


cdef int get_len(Runtime* rt, uint32_t o, int64_t* out) noexcept:
    """LengthOfArrayLike (ToLength(Get(O, "length")))."""
    cdef JSObject* p = optr(rt, o)
    cdef JSVal v
    cdef double d
    cdef int r
    if p.h.aux == CLASS_ARRAY:
        out[0] = p.length
        return 0
    if get_prop(rt, o, rt.atoms[A_length], mk_object(o), &v) < 0:
        return -1
    if is_number(v):
        d = num_of(v)
    else:
        r = to_number(rt, v, &d)
        decref(rt, v)
        if r < 0:
            return -1
    d = to_integer(d)
    if d <= 0:
        out[0] = 0
    elif d > MAX_SAFE:
        out[0] = <int64_t>MAX_SAFE
    else:
        out[0] = <int64_t>d
    return 0


cdef int cover_length(Runtime* rt, uint32_t a, int64_t n, bint eager) noexcept:
    """Before a dense array's length grows to n: give it n element slots, or
    make it sparse.  The core's element fast paths (get_index, put_index,
    put_prop, get_elem, put_elem) index elems with only `idx < length`
    checks, so a dense array must never be longer than its element block.
    `eager` (new Array(n)): the slots are likely to be filled, reserve up to
    16M of them; else only when n is not far past the elements it has."""
    cdef JSObject* p = optr(rt, a)
    cdef int64_t cap = cap_of(rt, p)
    if (p.oflags & OF_SPARSE) or n <= cap:
        return 0
    if n <= (1 << 24) if eager else n <= 2 * cap + 65536:
        if elems_reserve(rt, a, <uint32_t>n) == 0:
            return 0
        # out of memory: forget it and keep the elements in the property table
        decref(rt, rt.exc)
        rt.exc = UNDEFINED
        rt.has_exc = 0
    return arr_make_sparse(rt, a)


cdef int set_len(Runtime* rt, uint32_t o, double n) noexcept:
    """Set(O, "length", n, true)."""
    cdef JSObject* p = optr(rt, o)
    if p.h.aux == CLASS_ARRAY and not (p.oflags & OF_LENGTH_READONLY):
        if n > MAX_ARRAY_LEN:
            return throw_error(rt, E_RANGE, "Invalid array length")
        if p.oflags & OF_SPARSE or n < p.length:
            return arr_set_length(rt, o, n, 1)
        if cover_length(rt, o, <int64_t>n, 0) < 0:
            return -1
        optr(rt, o).length = <uint32_t>n
        return 0
    return put_prop(rt, o, rt.atoms[A_length], mk_number(n), mk_object(o), 1)


cdef int define_data(Runtime* rt, uint32_t o, int64_t k, JSVal v) noexcept:
    """CreateDataPropertyOrThrow(O, k, v); v borrowed."""
    cdef PropDesc d
    cdef uint32_t key = key_for(rt, k)
    if key == 0:
        return -1
    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
    d.flags = PF_DEFAULT
    d.value = v
    d.getter = UNDEFINED
    d.setter = UNDEFINED
    cdef int r = define_own_property(rt, o, key, &d, 1)
    decref_off(rt, key)
    return -1 if r < 0 else 0


cdef uint32_t new_array(Runtime* rt, int64_t length, int64_t reserve, bint eager=0) noexcept:
    """ArrayCreate(length) with room for `reserve` dense elements; 0 on error."""
    cdef uint32_t a
    if length > 4294967295:
        throw_error(rt, E_RANGE, "Invalid array length")
        return 0
    a = arr_new(rt, 0)
    if a == 0:
        oom(rt)
        return 0
    if reserve > DENSE_LIMIT:
        reserve = DENSE_LIMIT
    if reserve > 0 and elems_reserve(rt, a, <uint32_t>reserve) < 0:
        decref_off(rt, a)
        return 0
    if length > 0 and cover_length(rt, a, length, eager) < 0:
        decref_off(rt, a)
        return 0
    optr(rt, a).length = <uint32_t>length
    return a


cdef int species_check(Runtime* rt, uint32_t o) noexcept:
    """The observable part of ArraySpeciesCreate in an engine without
    @@species: an array's "constructor" is read; an object (whose @@species
    would be undefined) or undefined gives a plain array, anything else is a
    TypeError."""
    cdef JSVal c
    if optr(rt, o).h.aux != CLASS_ARRAY:
        return 0
    if get_prop(rt, o, rt.atoms[A_constructor], mk_object(o), &c) < 0:
        return -1
    if is_undefined(c) or is_object(c) or is_lightfunc(c):
        decref(rt, c)
        return 0
    decref(rt, c)
    return throw_error(rt, E_TYPE, "object.constructor[Symbol.species] is not a constructor")


cdef int fresh_put(Runtime* rt, uint32_t a, int64_t n, JSVal v) noexcept:
    """CreateDataPropertyOrThrow(A, n, v) on an array only this native can
    see (so no setter, no frozen length); v borrowed."""
    cdef JSObject* p = optr(rt, a)
    cdef uint32_t cap
    cdef JSVal* items
    cdef JSVal old
    if not (p.oflags & OF_SPARSE) and n < DENSE_LIMIT:
        cap = cap_of(rt, p)
        if n < cap or n <= 2 * <int64_t>cap + 1024:
            if n >= cap:
                if elems_reserve(rt, a, <uint32_t>n + 1) < 0:
                    return -1
                p = optr(rt, a)
            items = elems_items(rt, p.elems)
            old = items[n]
            items[n] = dup(rt, v)
            decref(rt, old)
            if n >= p.length:
                p.length = <uint32_t>(n + 1)
            return 0
    if n < 4294967295 and not (p.oflags & OF_SPARSE):
        # far past the dense part: keep the array sparse rather than reserve
        if arr_make_sparse(rt, a) < 0:
            return -1
    return define_data(rt, a, n, v)


cdef int64_t reserve_hint(Runtime* rt, uint32_t o, int64_t n) noexcept:
    """How many dense slots a result of up to n elements taken from o deserves."""
    cdef JSObject* p = optr(rt, o)
    cdef int64_t est
    if n <= 4096:
        return n
    if is_dense(p) and n <= <int64_t>cap_of(rt, p) + 16:
        return n
    est = <int64_t>chain_size(rt, o)
    if n <= 2 * est + 4096:
        return n
    return est


# --- walking an index range ------------------------------------------------------------
#
# Loops over [lo, hi) visit every index, except when the range is much larger
# than the properties that could be in it ({length: 2**32}, a.length = 1e9):
# then they visit the candidate indices (own and inherited index keys) in
# order.  Properties added to such an object *during* the loop at indices not
# yet known are not visited -- the only deviation, for pathological objects.

cdef struct Walk:
    int64_t* ks        # candidate indices, ascending; NULL = every index
    int64_t n          # number of steps
    int64_t lo


cdef inline int64_t walk_at(Walk* w, int64_t i) noexcept:
    return w.ks[i] if w.ks != NULL else w.lo + i


cdef inline void walk_free(Walk* w) noexcept:
    if w.ks != NULL:
        free(w.ks)
        w.ks = NULL


cdef uint64_t chain_size(Runtime* rt, uint32_t o) noexcept:
    """An upper bound on the index properties along o's chain (for walk plans)."""
    cdef uint64_t est = 0
    cdef JSObject* q
    while o:
        q = optr(rt, o)
        if q.props:
            est += (<PropTable*>(rt.base + q.props)).used
        if q.elems:
            est += elems_capacity(rt, q.elems)
        if q.h.aux == CLASS_STRING:
            est += str_len(rt, ref_of((<JSWrapper*>q).value))
        o = q.proto
    return est


cdef object chain_indices(Runtime* rt, uint32_t o):
    """The set of integer indices that are keys somewhere on o's chain, or
    None with an exception pending."""
    cdef uint32_t keys, i, n, key
    cdef JSObject* ka
    cdef JSString* ks
    found = set()
    while o:
        keys = own_keys(rt, o, 0)
        if keys == 0:
            oom(rt)
            return None
        ka = optr(rt, keys)
        n = ka.length
        for i in range(n):
            key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
            ks = sptr(rt, key)
            if ks.h.flags & HF_ARRAYIDX:
                found.add(ks.index)
            elif ks.length >= 10 and ks.length <= 16:
                s = key_to_py(rt, key)
                if s.isascii() and s.isdigit() and s[0] != "0":
                    found.add(int(s))
        decref_off(rt, keys)
        o = optr(rt, o).proto
    return found


cdef int walk_store(Runtime* rt, Walk* w, list ks) noexcept:
    cdef int64_t i
    w.n = len(ks)
    w.ks = <int64_t*>malloc(8 * (w.n + 1))
    if w.ks == NULL:
        return oom(rt)
    for i in range(w.n):
        w.ks[i] = ks[i]
    return 0


cdef int walk_init(Runtime* rt, Walk* w, uint32_t o, int64_t lo, int64_t hi) noexcept:
    """Prepare to visit [lo, hi) of o (see above)."""
    w.ks = NULL
    w.lo = lo
    w.n = hi - lo if hi > lo else 0
    if w.n <= PLAN_MIN or <uint64_t>w.n <= 8 * chain_size(rt, o) + PLAN_MIN:
        return 0
    try:
        found = chain_indices(rt, o)
        if found is None:
            return -1
        return walk_store(rt, w, sorted([k for k in found if lo <= k < hi]))
    except BaseException:
        return oom(rt)


cdef int walk_init_move(Runtime* rt, Walk* w, uint32_t o, int64_t src, int64_t dst, int64_t count) noexcept:
    """Steps i of a move src+i -> dst+i that can matter (either end may exist)."""
    w.ks = NULL
    w.lo = 0
    w.n = count if count > 0 else 0
    if w.n <= PLAN_MIN or <uint64_t>w.n <= 8 * chain_size(rt, o) + PLAN_MIN:
        return 0
    try:
        found = chain_indices(rt, o)
        if found is None:
            return -1
        steps = set()
        for k in found:
            if 0 <= k - src < count:
                steps.add(k - src)
            if 0 <= k - dst < count:
                steps.add(k - dst)
        return walk_store(rt, w, sorted(steps))
    except BaseException:
        return oom(rt)


cdef int move_elems(Runtime* rt, uint32_t o, int64_t src, int64_t dst, int64_t count, bint descending) noexcept:
    """For each i: if HasProperty(src+i) Set(dst+i, Get(src+i)) else Delete(dst+i),
    in ascending or descending order of i (the loops of shift, unshift, splice,
    copyWithin)."""
    cdef Walk w
    cdef int64_t j, i
    cdef int r = 0, clean = -1
    cdef JSVal v
    if walk_init_move(rt, &w, o, src, dst, count) < 0:
        return -1
    for j in range(w.n):
        i = walk_at(&w, w.n - 1 - j if descending else j)
        r = fetch(rt, o, src + i, &v, &clean)
        if r < 0:
            break
        if r > 0:
            r = putk(rt, o, dst + i, v, &clean)
            decref(rt, v)
        else:
            r = delk(rt, o, dst + i)
        if r < 0:
            break
        if (j & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    return -1 if r < 0 else 0


# --- a growable string buffer (join) ---------------------------------------------------

cdef struct SBuf:
    uint8_t* data
    size_t n           # code units
    size_t cap         # code units
    bint wide          # uint16 units (else one byte each)


cdef int sb_reserve(Runtime* rt, SBuf* b, size_t extra) noexcept:
    cdef size_t need = b.n + extra, ncap
    cdef uint8_t* nd
    if need > MAX_STRING:
        return throw_error(rt, E_RANGE, "Invalid string length")
    if need <= b.cap:
        return 0
    ncap = b.cap * 2
    if ncap < need:
        ncap = need
    if ncap < 64:
        ncap = 64
    nd = <uint8_t*>realloc(b.data, ncap * (2 if b.wide else 1))
    if nd == NULL:
        return throw_oom(rt)
    b.data = nd
    b.cap = ncap
    return 0


cdef int sb_widen(Runtime* rt, SBuf* b) noexcept:
    cdef size_t i, cap = b.cap if b.cap else 64
    cdef uint16_t* w = <uint16_t*>malloc(2 * cap)
    if w == NULL:
        return throw_oom(rt)
    for i in range(b.n):
        w[i] = b.data[i]
    free(b.data)
    b.data = <uint8_t*>w
    b.cap = cap
    b.wide = 1
    return 0


cdef int sb_append(Runtime* rt, SBuf* b, uint32_t s) noexcept:
    cdef JSString* x = sptr(rt, s)
    cdef size_t n = x.length, i
    cdef uint8_t* src
    cdef uint16_t* dw
    if n == 0:
        return 0
    if not (x.h.flags & HF_ONEBYTE) and not b.wide:
        if sb_widen(rt, b) < 0:
            return -1
    if sb_reserve(rt, b, n) < 0:
        return -1
    x = sptr(rt, s)
    src = <uint8_t*>x + STRING_HEADER
    if not b.wide:
        memcpy(b.data + b.n, src, n)
    elif x.h.flags & HF_ONEBYTE:
        dw = <uint16_t*>b.data + b.n
        for i in range(n):
            dw[i] = src[i]
    else:
        memcpy(<uint16_t*>b.data + b.n, src, 2 * n)
    b.n += n
    return 0


cdef int sb_append_ascii(Runtime* rt, SBuf* b, const char* s, size_t n) noexcept:
    cdef size_t i
    cdef uint16_t* dw
    if sb_reserve(rt, b, n) < 0:
        return -1
    if not b.wide:
        memcpy(b.data + b.n, s, n)
    else:
        dw = <uint16_t*>b.data + b.n
        for i in range(n):
            dw[i] = <uint8_t>s[i]
    b.n += n
    return 0


cdef int sb_append_repeat(Runtime* rt, SBuf* b, uint32_t s, int64_t times) noexcept:
    """s appended `times` times (join's separators across a run of holes)."""
    cdef JSString* x = sptr(rt, s)
    cdef int64_t i
    if times <= 0 or x.length == 0:
        return 0
    if <uint64_t>times * x.length > MAX_STRING:
        return throw_error(rt, E_RANGE, "Invalid string length")
    if x.length == 1 and (x.h.flags & HF_ONEBYTE) and not b.wide:
        if sb_reserve(rt, b, <size_t>times) < 0:
            return -1
        memset(b.data + b.n, (<uint8_t*>x + STRING_HEADER)[0], <size_t>times)
        b.n += <size_t>times
        return 0
    for i in range(times):
        if sb_append(rt, b, s) < 0:
            return -1
    return 0


cdef int sb_append_number(Runtime* rt, SBuf* b, double d) noexcept:
    cdef char buf[48]
    cdef int n
    cdef int64_t iv
    cdef uint64_t u
    if d == <double><int64_t>d and d > -1e15 and d < 1e15:
        # integers: digits straight into the buffer
        iv = <int64_t>d
        u = <uint64_t>(-iv) if iv < 0 else <uint64_t>iv
        n = 47
        buf[n] = 0
        while True:
            n -= 1
            buf[n] = <char>(48 + u % 10)
            u //= 10
            if u == 0:
                break
        if iv < 0:
            n -= 1
            buf[n] = 45
        return sb_append_ascii(rt, b, buf + n, 47 - n)
    n = num_to_cstr(d, buf)
    return sb_append_ascii(rt, b, buf, n)


cdef uint32_t sb_finish(Runtime* rt, SBuf* b) noexcept:
    """The buffer as a string (a new reference), or 0 with an exception."""
    cdef uint32_t s
    if b.n == 0:
        incref_off(rt, rt.atoms[A_EMPTY])
        return rt.atoms[A_EMPTY]
    s = str_alloc(rt, <uint32_t>b.n, not b.wide)
    if s == 0:
        oom(rt)
        return 0
    memcpy(rt.base + s + STRING_HEADER, b.data, b.n * (2 if b.wide else 1))
    str_finish(rt, s)
    return s


# --- the join stack: cycle detection for join / toString / toLocaleString -------------

cdef struct JoinEntry:
    Runtime* rt
    uint32_t obj

cdef JoinEntry* join_stack = NULL
cdef int join_depth = 0
cdef int join_cap = 0


cdef bint join_active(Runtime* rt, uint32_t o) noexcept:
    cdef int i
    for i in range(join_depth):
        if join_stack[i].obj == o and join_stack[i].rt == rt:
            return 1
    return 0


cdef int join_push(Runtime* rt, uint32_t o) noexcept:
    global join_stack, join_cap, join_depth
    cdef JoinEntry* ns
    if join_depth == join_cap:
        ns = <JoinEntry*>realloc(join_stack, sizeof(JoinEntry) * (join_cap * 2 + 16))
        if ns == NULL:
            return throw_oom(rt)
        join_stack = ns
        join_cap = join_cap * 2 + 16
    join_stack[join_depth].rt = rt
    join_stack[join_depth].obj = o
    join_depth += 1
    return 0


cdef void join_pop() noexcept:
    global join_depth
    join_depth -= 1


# --- the constructor and Array.* ------------------------------------------------------------

cdef int array_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double d
    cdef uint32_t a
    if argc == 1 and is_number(argv[0]):
        d = num_of(argv[0])
        if not (d >= 0 and d <= MAX_ARRAY_LEN and d == floor(d)):
            return throw_error(rt, E_RANGE, "Invalid array length")
        a = new_array(rt, <int64_t>d, <int64_t>d if d <= 65536 else 0, 1)
    else:
        a = arr_from_values(rt, argv, <uint32_t>argc)
        if a == 0:
            oom(rt)
    if a == 0:
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int array_is_array(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    ret[0] = mk_bool(is_array(rt, argn(argc, argv, 0)))
    return 0


cdef bint custom_ctor(Runtime* rt, JSVal c) noexcept:
    """`this` of Array.of / Array.from is a constructor other than Array."""
    return is_object(c) and (optr(rt, ref_of(c)).oflags & OF_CONSTRUCTOR) != 0 and ref_of(c) != rt.array_ctor


cdef int make_target(Runtime* rt, JSVal c, int64_t length, bint with_length, uint32_t* out) noexcept:
    """Construct(C, [len]) / Construct(C) for Array.of / from, or a plain array."""
    cdef JSVal arg, res
    if custom_ctor(rt, c):
        arg = mk_number(<double>length)
        if vm_construct(rt, c, 1 if with_length else 0, &arg, &res) < 0:
            return -1
        if not is_object(res):
            decref(rt, res)
            return throw_error(rt, E_TYPE, "constructor did not return an object")
        out[0] = ref_of(res)
        return 0
    out[0] = new_array(rt, length if with_length else 0, length if with_length and length <= 4096 else 0)
    return -1 if out[0] == 0 else 0


cdef int target_put(Runtime* rt, uint32_t a, bint custom, int64_t k, JSVal v) noexcept:
    if custom:
        return define_data(rt, a, k, v)
    return fresh_put(rt, a, k, v)


cdef int array_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t a
    cdef int i
    cdef bint custom = custom_ctor(rt, this)
    if make_target(rt, this, argc, 1, &a) < 0:
        return -1
    for i in range(argc):
        if target_put(rt, a, custom, i, argv[i]) < 0:
            decref_off(rt, a)
            return -1
    if set_len(rt, a, argc) < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int from_loop(Runtime* rt, uint32_t src, uint32_t a, bint custom, int64_t length,
                   JSVal mapfn, JSVal this_arg) noexcept:
    cdef int64_t k
    cdef int clean = -1, r
    cdef JSVal v, res
    cdef JSVal cargs[2]
    for k in range(length):
        if getk(rt, src, k, &v, &clean) < 0:
            return -1
        if not is_undefined(mapfn):
            cargs[0] = v
            cargs[1] = mk_number(<double>k)
            r = vm_call(rt, mapfn, this_arg, 2, cargs, &res)
            decref(rt, v)
            clean = -1
            if r < 0:
                return -1
            v = res
        r = target_put(rt, a, custom, k, v)
        decref(rt, v)
        if r < 0:
            return -1
        if (k & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            return -1
    return 0


cdef int from_array(Runtime* rt, JSVal c, uint32_t src, JSVal mapfn, JSVal this_arg, JSVal* ret) noexcept:
    """Array.from(array): the array iterator's steps (the length is read at
    every step, holes read as undefined), into Construct(C) or a new array."""
    cdef bint custom = custom_ctor(rt, c)
    cdef uint32_t a
    cdef int64_t k = 0
    cdef int r = 0, clean = -1
    cdef JSVal v, res
    cdef JSVal cargs[2]
    incref_off(rt, src)
    if make_target(rt, c, 0, 0, &a) < 0:
        decref_off(rt, src)
        return -1
    while k < optr(rt, src).length:
        if getk(rt, src, k, &v, &clean) < 0:
            r = -1
            break
        if not is_undefined(mapfn):
            cargs[0] = v
            cargs[1] = mk_number(<double>k)
            r = vm_call(rt, mapfn, this_arg, 2, cargs, &res)
            decref(rt, v)
            clean = -1
            if r < 0:
                break
            v = res
        r = target_put(rt, a, custom, k, v)
        decref(rt, v)
        if r < 0:
            break
        k += 1
        if (k & POLL_MASK) == 0 and poll(rt) < 0:
            r = -1
            break
    decref_off(rt, src)
    if r < 0 or set_len(rt, a, <double>k) < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int array_from(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Array.from for array-likes and strings (no iterator protocol: the engine has no symbols)."""
    cdef JSVal items = argn(argc, argv, 0), mapfn = argn(argc, argv, 1), this_arg = argn(argc, argv, 2)
    cdef uint32_t src, a, s, n, i, piece
    cdef uint16_t units[2]
    cdef uint16_t c
    cdef int64_t length, k
    cdef int r
    cdef bint custom = custom_ctor(rt, this)
    if not is_undefined(mapfn) and not is_callable(rt, mapfn):
        return not_callable(rt, mapfn)
    if is_object(items) and optr(rt, ref_of(items)).h.aux == CLASS_STRING:
        items = (<JSWrapper*>optr(rt, ref_of(items))).value
    if is_array(rt, items):
        return from_array(rt, this, ref_of(items), mapfn, this_arg, ret)
    if is_string(items):
        # the string iterator: code points
        s = ref_of(items)
        n = str_len(rt, s)
        src = new_array(rt, 0, n)
        if src == 0:
            return -1
        i = 0
        k = 0
        while i < n:
            units[0] = str_at_unit(rt, s, i)
            c = 1
            if 0xD800 <= units[0] <= 0xDBFF and i + 1 < n:
                units[1] = str_at_unit(rt, s, i + 1)
                if 0xDC00 <= units[1] <= 0xDFFF:
                    c = 2
            piece = str_new_units(rt, units, c)
            if piece == 0:
                decref_off(rt, src)
                return oom(rt)
            r = fresh_put(rt, src, k, mk_string(piece))
            decref_off(rt, piece)
            if r < 0:
                decref_off(rt, src)
                return -1
            i += c
            k += 1
        length = k
        if make_target(rt, this, 0, 0, &a) < 0:
            decref_off(rt, src)
            return -1
    else:
        src = to_object(rt, items)
        if src == 0:
            return -1
        if get_len(rt, src, &length) < 0:
            decref_off(rt, src)
            return -1
        if make_target(rt, this, length, 1, &a) < 0:
            decref_off(rt, src)
            return -1
    r = from_loop(rt, src, a, custom, length, mapfn, this_arg)
    decref_off(rt, src)
    if r < 0 or set_len(rt, a, <double>length) < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef inline uint16_t str_at_unit(Runtime* rt, uint32_t s, uint32_t i) noexcept:
    cdef JSString* x = sptr(rt, s)
    if x.h.flags & HF_ONEBYTE:
        return (<uint8_t*>x + STRING_HEADER)[i]
    return (<uint16_t*>(<uint8_t*>x + STRING_HEADER))[i]


# --- toString / toLocaleString / join ----------------------------------------------------

cdef const char* class_tag(Runtime* rt, uint32_t o) noexcept:
    cdef JSObject* p = optr(rt, o)
    cdef uint16_t cls = p.h.aux
    if cls == CLASS_ARRAY:
        return "[object Array]"
    if p.oflags & OF_CALLABLE:
        return "[object Function]"
    if cls == CLASS_ERROR:
        return "[object Error]"
    if cls == CLASS_BOOLEAN:
        return "[object Boolean]"
    if cls == CLASS_NUMBER:
        return "[object Number]"
    if cls == CLASS_STRING:
        return "[object String]"
    if cls == CLASS_DATE:
        return "[object Date]"
    if cls == CLASS_REGEXP:
        return "[object RegExp]"
    if cls == CLASS_ARGUMENTS:
        return "[object Arguments]"
    if cls == CLASS_MATH:
        return "[object Math]"
    if cls == CLASS_JSON:
        return "[object JSON]"
    return "[object Object]"


cdef int join_build(Runtime* rt, uint32_t o, int64_t length, uint32_t sep, uint32_t locale_key, JSVal* ret) noexcept:
    cdef SBuf b
    cdef Walk w
    cdef int64_t i, k, seps = 0
    cdef int r = 0, clean = -1
    cdef JSVal v, f, res
    cdef uint32_t s
    cdef uint64_t seplen = str_len(rt, sep)
    b.data = NULL
    b.n = 0
    b.cap = 0
    b.wide = 0
    if length > 1 and <uint64_t>(length - 1) * seplen > MAX_STRING:
        return throw_error(rt, E_RANGE, "Invalid string length")
    if walk_init(rt, &w, o, 0, length) < 0:
        return -1
    for i in range(w.n):
        k = walk_at(&w, i)
        r = getk(rt, o, k, &v, &clean)
        if r < 0:
            break
        r = sb_append_repeat(rt, &b, sep, k - seps)
        seps = k
        if r < 0:
            decref(rt, v)
            break
        if is_nullish(v):
            continue
        if locale_key:
            # Invoke(element, "toLocaleString")
            r = get_value(rt, v, locale_key, &f)
            if r == 0:
                if is_callable(rt, f):
                    r = vm_call(rt, f, v, 0, NULL, &res)
                else:
                    r = not_callable(rt, f)
                decref(rt, f)
            decref(rt, v)
            clean = -1
            if r < 0:
                break
            v = res
        if is_string(v):
            r = sb_append(rt, &b, ref_of(v))
        elif is_number(v):
            r = sb_append_number(rt, &b, num_of(v))
        elif is_bool(v):
            r = sb_append(rt, &b, rt.atoms[A_true] if bool_of(v) else rt.atoms[A_false])
        elif is_nullish(v):
            r = 0
        else:
            s = to_string(rt, v)
            clean = -1
            if s == 0:
                r = -1
            else:
                r = sb_append(rt, &b, s)
                decref_off(rt, s)
        decref(rt, v)
        if r < 0:
            break
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    if r >= 0 and length > 0:
        r = sb_append_repeat(rt, &b, sep, length - 1 - seps)
    if r >= 0:
        s = sb_finish(rt, &b)
        if s == 0:
            r = -1
        else:
            ret[0] = mk_string(s)
    free(b.data)
    return -1 if r < 0 else 0


cdef int join_impl(Runtime* rt, uint32_t o, JSVal sepv, bint locale, JSVal* ret) noexcept:
    cdef int64_t length
    cdef uint32_t sep, lkey = 0
    cdef int r
    if join_active(rt, o):
        # a cycle: the array being joined further up reads as ""
        incref_off(rt, rt.atoms[A_EMPTY])
        ret[0] = mk_string(rt.atoms[A_EMPTY])
        return 0
    if get_len(rt, o, &length) < 0:
        return -1
    if locale or is_undefined(sepv):
        sep = intern_ascii(rt, ",")
        if sep == 0:
            return oom(rt)
    else:
        sep = to_string(rt, sepv)
        if sep == 0:
            return -1
    if locale:
        lkey = intern_ascii(rt, "toLocaleString")
        if lkey == 0:
            decref_off(rt, sep)
            return oom(rt)
    if join_push(rt, o) < 0:
        r = -1
    else:
        r = join_build(rt, o, length, sep, lkey, ret)
        join_pop()
    decref_off(rt, sep)
    if lkey:
        decref_off(rt, lkey)
    return r


cdef int array_join(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = join_impl(rt, o, argn(argc, argv, 0), 0, ret)
    decref_off(rt, o)
    return r


cdef int array_to_locale_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = join_impl(rt, o, UNDEFINED, 1, ret)
    decref_off(rt, o)
    return r


cdef uint32_t JOIN_INDEX


cdef int array_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this), s
    cdef JSVal f
    cdef JSObject* fp
    cdef int r
    if o == 0:
        return -1
    if get_prop(rt, o, rt.atoms[A_join], mk_object(o), &f) < 0:
        decref_off(rt, o)
        return -1
    if is_callable(rt, f):
        fp = optr(rt, ref_of(f)) if is_object(f) else NULL
        if fp != NULL and fp.h.aux == CLASS_NATIVE and fp.internal == JOIN_INDEX:
            r = join_impl(rt, o, UNDEFINED, 0, ret)
        else:
            r = vm_call(rt, f, mk_object(o), 0, NULL, ret)
    else:
        s = str_from_ascii(rt, class_tag(rt, o))
        if s == 0:
            r = oom(rt)
        else:
            ret[0] = mk_string(s)
            r = 0
    decref(rt, f)
    decref_off(rt, o)
    return r


# --- push / pop / shift / unshift -----------------------------------------------------------

cdef int push_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, JSVal* ret) noexcept:
    cdef JSObject* p = optr(rt, o)
    cdef int64_t length
    cdef uint32_t n, cap
    cdef JSVal* items
    cdef int i, clean = -1
    if is_fast(p) and protos_clean(rt, o):
        n = p.length
        cap = cap_of(rt, p)
        if <int64_t>n + argc < DENSE_LIMIT and n <= cap + 1024:
            if argc == 1 and n < cap:
                elems_items(rt, p.elems)[n] = dup(rt, argv[0])
                p.length = n + 1
            elif argc:
                if n + <uint32_t>argc > cap:
                    if elems_reserve(rt, o, n + <uint32_t>argc) < 0:
                        return -1
                    p = optr(rt, o)
                items = elems_items(rt, p.elems)
                for i in range(argc):
                    items[n + i] = dup(rt, argv[i])
                p.length = n + <uint32_t>argc
            ret[0] = mk_number(<double>p.length)
            return 0
    if get_len(rt, o, &length) < 0:
        return -1
    if <double>length + argc > MAX_SAFE:
        return throw_error(rt, E_TYPE, "Pushing past the maximum array-like length")
    for i in range(argc):
        if putk(rt, o, length + i, argv[i], &clean) < 0:
            return -1
    if set_len(rt, o, <double>(length + argc)) < 0:
        return -1
    ret[0] = mk_number(<double>(length + argc))
    return 0


cdef int array_push(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o
    cdef JSObject* p
    cdef uint32_t n
    if is_object(this):
        # the hottest case: arr.push(x) on a fast array with room
        o = ref_of(this)
        p = optr(rt, o)
        if argc == 1 and is_fast(p) and p.elems and p.length < elems_capacity(rt, p.elems) \
                and protos_clean(rt, o):
            n = p.length
            elems_items(rt, p.elems)[n] = dup(rt, argv[0])
            p.length = n + 1
            ret[0] = mk_number(<double>(n + 1))
            return 0
    o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = push_impl(rt, o, argc, argv, ret)
    decref_off(rt, o)
    return r


cdef int pop_impl(Runtime* rt, uint32_t o, JSVal* ret) noexcept:
    cdef JSObject* p = optr(rt, o)
    cdef int64_t length
    cdef uint32_t n
    cdef JSVal* items
    cdef JSVal v
    cdef int clean = -1
    if is_fast(p) and p.length > 0 and p.elems and p.length <= elems_capacity(rt, p.elems):
        n = p.length - 1
        items = elems_items(rt, p.elems)
        if items[n] != EMPTY:
            ret[0] = items[n]          # the array's reference moves to ret
            items[n] = EMPTY
            p.length = n
            return 0
    if get_len(rt, o, &length) < 0:
        return -1
    if length == 0:
        if set_len(rt, o, 0) < 0:
            return -1
        ret[0] = UNDEFINED
        return 0
    if getk(rt, o, length - 1, &v, &clean) < 0:
        return -1
    if delk(rt, o, length - 1) < 0 or set_len(rt, o, <double>(length - 1)) < 0:
        decref(rt, v)
        return -1
    ret[0] = v
    return 0


cdef int array_pop(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = pop_impl(rt, o, ret)
    decref_off(rt, o)
    return r


cdef int shift_impl(Runtime* rt, uint32_t o, JSVal* ret) noexcept:
    cdef JSObject* p = optr(rt, o)
    cdef int64_t length
    cdef uint32_t n
    cdef JSVal* items
    cdef JSVal first
    cdef int clean = -1
    if is_fast(p) and p.length > 0 and p.elems and p.length <= elems_capacity(rt, p.elems) \
            and protos_clean(rt, o):
        n = p.length
        items = elems_items(rt, p.elems)
        first = items[0]
        if first == EMPTY:
            first = UNDEFINED
        memmove(items, items + 1, 8 * (n - 1))
        items[n - 1] = EMPTY
        p.length = n - 1
        ret[0] = first                 # the array's reference moves to ret
        return 0
    if get_len(rt, o, &length) < 0:
        return -1
    if length == 0:
        if set_len(rt, o, 0) < 0:
            return -1
        ret[0] = UNDEFINED
        return 0
    if getk(rt, o, 0, &first, &clean) < 0:
        return -1
    if move_elems(rt, o, 1, 0, length - 1, 0) < 0 or delk(rt, o, length - 1) < 0 \
            or set_len(rt, o, <double>(length - 1)) < 0:
        decref(rt, first)
        return -1
    ret[0] = first
    return 0


cdef int array_shift(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = shift_impl(rt, o, ret)
    decref_off(rt, o)
    return r


cdef int unshift_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, JSVal* ret) noexcept:
    cdef JSObject* p = optr(rt, o)
    cdef int64_t length
    cdef uint32_t n
    cdef JSVal* items
    cdef int i, clean = -1
    if is_fast(p) and p.length <= cap_of(rt, p) and <int64_t>p.length + argc < DENSE_LIMIT \
            and protos_clean(rt, o):
        n = p.length
        if argc:
            if elems_reserve(rt, o, n + <uint32_t>argc) < 0:
                return -1
            p = optr(rt, o)
            items = elems_items(rt, p.elems)
            memmove(items + argc, items, 8 * n)
            for i in range(argc):
                items[i] = dup(rt, argv[i])
            p.length = n + <uint32_t>argc
        ret[0] = mk_number(<double>p.length)
        return 0
    if get_len(rt, o, &length) < 0:
        return -1
    if argc:
        if <double>length + argc > MAX_SAFE:
            return throw_error(rt, E_TYPE, "Unshift past the maximum array-like length")
        if move_elems(rt, o, 0, argc, length, 1) < 0:
            return -1
        for i in range(argc):
            if putk(rt, o, i, argv[i], &clean) < 0:
                return -1
    if set_len(rt, o, <double>(length + argc)) < 0:
        return -1
    ret[0] = mk_number(<double>(length + argc))
    return 0


cdef int array_unshift(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = unshift_impl(rt, o, argc, argv, ret)
    decref_off(rt, o)
    return r


# --- reverse / slice / splice / concat / fill / copyWithin ----------------------------------

cdef int reverse_impl(Runtime* rt, uint32_t o) noexcept:
    cdef JSObject* p = optr(rt, o)
    cdef int64_t length, lower, upper, i, nsteps
    cdef JSVal* items
    cdef JSVal t, lv, uv
    cdef int rl, ru, r = 0, clean = -1
    cdef uint32_t a, b
    cdef Walk w
    if is_fast(p) and p.length <= cap_of(rt, p) and protos_clean(rt, o):
        if p.length > 1:
            items = elems_items(rt, p.elems)
            a = 0
            b = p.length - 1
            while a < b:
                t = items[a]
                items[a] = items[b]
                items[b] = t
                a += 1
                b -= 1
        return 0
    if get_len(rt, o, &length) < 0:
        return -1
    # the lower indices whose pair (lower, length-1-lower) may hold something
    if walk_init(rt, &w, o, 0, length) < 0:
        return -1
    if w.ks != NULL:
        try:
            lows = sorted({(k if k < length // 2 else length - 1 - k) for k in
                           [w.ks[i] for i in range(w.n)] if k != length - 1 - k})
        except BaseException:
            walk_free(&w)
            return oom(rt)
        walk_free(&w)
        if walk_store(rt, &w, lows) < 0:
            return -1
        nsteps = w.n
    else:
        nsteps = length // 2
    for i in range(nsteps):
        lower = walk_at(&w, i)
        upper = length - 1 - lower
        rl = fetch(rt, o, lower, &lv, &clean)
        if rl < 0:
            r = -1
            break
        ru = fetch(rt, o, upper, &uv, &clean)
        if ru < 0:
            if rl:
                decref(rt, lv)
            r = -1
            break
        if rl and ru:
            r = putk(rt, o, lower, uv, &clean)
            if r == 0:
                r = putk(rt, o, upper, lv, &clean)
        elif ru:
            r = putk(rt, o, lower, uv, &clean)
            if r == 0:
                r = delk(rt, o, upper)
        elif rl:
            r = delk(rt, o, lower)
            if r == 0:
                r = putk(rt, o, upper, lv, &clean)
        if rl:
            decref(rt, lv)
        if ru:
            decref(rt, uv)
        if r < 0:
            break
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    return r


cdef int array_reverse(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    if reverse_impl(rt, o) < 0:
        decref_off(rt, o)
        return -1
    ret[0] = mk_object(o)          # our reference moves to ret
    return 0


cdef int copy_range(Runtime* rt, uint32_t o, int64_t start, int64_t end, uint32_t a, int64_t base) noexcept:
    """A[base + k - start] = O[k] for the present k in [start, end)."""
    cdef JSObject* p = optr(rt, o)
    cdef JSObject* q
    cdef JSVal* src
    cdef JSVal* dst
    cdef JSVal v
    cdef int64_t i, k, count, lim
    cdef int r = 0, clean = -1
    cdef Walk w
    # bulk: a dense source whose holes are really absent into a dense fresh array
    if is_dense(p) and end <= p.length and end <= <int64_t>cap_of(rt, p) + 16 and base + end - start < DENSE_LIMIT \
            and not (optr(rt, a).oflags & OF_SPARSE) and protos_clean(rt, o):
        count = end - start
        if count <= 0:
            return 0
        if elems_reserve(rt, a, <uint32_t>(base + count)) < 0:
            return -1
        p = optr(rt, o)
        q = optr(rt, a)
        lim = cap_of(rt, p)
        dst = elems_items(rt, q.elems) + base
        src = elems_items(rt, p.elems) if p.elems else NULL
        for i in range(count):
            k = start + i
            v = src[k] if k < lim else EMPTY
            if v != EMPTY:
                incref(rt, v)
                decref(rt, dst[i])
                dst[i] = v
        if base + count > q.length:
            q.length = <uint32_t>(base + count)
        return 0
    if walk_init(rt, &w, o, start, end) < 0:
        return -1
    for i in range(w.n):
        k = walk_at(&w, i)
        r = fetch(rt, o, k, &v, &clean)
        if r < 0:
            break
        if r > 0:
            r = fresh_put(rt, a, base + k - start, v)
            decref(rt, v)
            if r < 0:
                break
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    return -1 if r < 0 else 0


cdef int slice_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, JSVal* ret) noexcept:
    cdef int64_t length, k, final, count
    cdef uint32_t a
    if get_len(rt, o, &length) < 0:
        return -1
    if rel_arg(rt, argc, argv, 0, length, 0, &k) < 0 or rel_arg(rt, argc, argv, 1, length, length, &final) < 0:
        return -1
    count = final - k if final > k else 0
    if species_check(rt, o) < 0:
        return -1
    if count > 4294967295:
        return throw_error(rt, E_RANGE, "Invalid array length")
    a = new_array(rt, 0, 0)
    if a == 0:
        return -1
    if copy_range(rt, o, k, k + count, a, 0) < 0 or set_len(rt, a, <double>count) < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int array_slice(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = slice_impl(rt, o, argc, argv, ret)
    decref_off(rt, o)
    return r


cdef int splice_fast(Runtime* rt, uint32_t o, int64_t length, int64_t start, int64_t dc,
                     int ic, JSVal* items_in, uint32_t* out) noexcept:
    """splice on a fast array by moving the element block: 1 done, 0 not applicable."""
    cdef JSObject* p = optr(rt, o)
    cdef JSObject* q
    cdef uint32_t a, n
    cdef int64_t newlen = length - dc + ic, i
    cdef JSVal* items
    cdef JSVal* removed
    if not is_fast(p) or p.length != length or length > cap_of(rt, p) or newlen >= DENSE_LIMIT \
            or not protos_clean(rt, o):
        return 0
    a = new_array(rt, dc, dc)
    if a == 0:
        return -1
    if newlen > length:
        if elems_reserve(rt, o, <uint32_t>newlen) < 0:
            decref_off(rt, a)
            return -1
        p = optr(rt, o)
    q = optr(rt, a)
    items = elems_items(rt, p.elems) if p.elems else NULL
    if dc:
        # the removed references move to the result
        removed = elems_items(rt, q.elems)
        memcpy(removed, items + start, 8 * dc)
    if ic != dc:
        memmove(items + start + ic, items + start + dc, 8 * (length - start - dc))
        if ic < dc:
            for i in range(newlen, length):
                items[i] = EMPTY
    for i in range(ic):
        items[start + i] = dup(rt, items_in[i])
    p.length = <uint32_t>newlen
    out[0] = a
    return 1


cdef int splice_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, JSVal* ret) noexcept:
    cdef int64_t length, start, dc, k
    cdef double d
    cdef int ic = argc - 2 if argc > 2 else 0, i, r, clean = -1
    cdef uint32_t a
    cdef JSVal* items_in = argv + 2
    if get_len(rt, o, &length) < 0:
        return -1
    if rel_arg(rt, argc, argv, 0, length, 0, &start) < 0:
        return -1
    if argc == 0:
        dc = 0
    elif argc == 1:
        dc = length - start
    else:
        if to_int_inf(rt, argv[1], &d) < 0:
            return -1
        if d < 0:
            dc = 0
        elif d > <double>(length - start):
            dc = length - start
        else:
            dc = <int64_t>d
    if <double>length + ic - dc > MAX_SAFE:
        return throw_error(rt, E_TYPE, "Splice past the maximum array-like length")
    if species_check(rt, o) < 0:
        return -1
    if dc > 4294967295:
        return throw_error(rt, E_RANGE, "Invalid array length")
    r = splice_fast(rt, o, length, start, dc, ic, items_in, &a)
    if r < 0:
        return -1
    if r > 0:
        ret[0] = mk_object(a)
        return 0
    # generic (ES2022 23.1.3.31)
    a = new_array(rt, 0, dc if dc <= 4096 else 0)
    if a == 0:
        return -1
    if copy_range(rt, o, start, start + dc, a, 0) < 0 or set_len(rt, a, <double>dc) < 0:
        decref_off(rt, a)
        return -1
    r = 0
    if ic < dc:
        r = move_elems(rt, o, start + dc, start + ic, length - start - dc, 0)
        if r == 0:
            r = delete_range(rt, o, length - dc + ic, length)
    elif ic > dc:
        r = move_elems(rt, o, start + dc, start + ic, length - start - dc, 1)
    if r == 0:
        for i in range(ic):
            if putk(rt, o, start + i, items_in[i], &clean) < 0:
                r = -1
                break
    if r == 0:
        r = set_len(rt, o, <double>(length - dc + ic))
    if r < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int delete_range(Runtime* rt, uint32_t o, int64_t lo, int64_t hi, bint upward=0) noexcept:
    """DeletePropertyOrThrow(O, k) for k in [lo, hi): from hi-1 down to lo
    (splice), or upward (sort's trailing holes)."""
    cdef Walk w
    cdef int64_t i
    cdef int r = 0
    cdef JSObject* p = optr(rt, o)
    if is_dense(p):
        # nothing own past the dense part
        if hi > p.length:
            hi = p.length
        if hi > cap_of(rt, p):
            hi = cap_of(rt, p)
    if walk_init(rt, &w, o, lo, hi) < 0:
        return -1
    for i in range(w.n):
        if delk(rt, o, walk_at(&w, i if upward else w.n - 1 - i)) < 0:
            r = -1
            break
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    return r


cdef int array_splice(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = splice_impl(rt, o, argc, argv, ret)
    decref_off(rt, o)
    return r


cdef int concat_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, JSVal* ret) noexcept:
    cdef uint32_t a, e
    cdef int i
    cdef int64_t n = 0, length, total = 0
    cdef JSVal item
    cdef JSObject* p
    if species_check(rt, o) < 0:
        return -1
    # room for everything that is dense
    for i in range(argc + 1):
        item = mk_object(o) if i == 0 else argv[i - 1]
        if is_array(rt, item):
            p = optr(rt, ref_of(item))
            if is_dense(p):
                total += p.length if p.length < cap_of(rt, p) else cap_of(rt, p)
        else:
            total += 1
    a = new_array(rt, 0, total)
    if a == 0:
        return -1
    for i in range(argc + 1):
        item = mk_object(o) if i == 0 else argv[i - 1]
        if is_array(rt, item):
            e = ref_of(item)
            length = optr(rt, e).length
            if <double>n + <double>length > MAX_SAFE:
                decref_off(rt, a)
                return throw_error(rt, E_TYPE, "Concat past the maximum array-like length")
            if copy_range(rt, e, 0, length, a, n) < 0:
                decref_off(rt, a)
                return -1
            n += length
        else:
            if <double>n >= MAX_SAFE:
                decref_off(rt, a)
                return throw_error(rt, E_TYPE, "Concat past the maximum array-like length")
            if fresh_put(rt, a, n, item) < 0:
                decref_off(rt, a)
                return -1
            n += 1
    if set_len(rt, a, <double>n) < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int array_concat(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = concat_impl(rt, o, argc, argv, ret)
    decref_off(rt, o)
    return r


cdef int fill_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv) noexcept:
    cdef int64_t length, k, final
    cdef int clean = -1
    cdef JSVal v = argn(argc, argv, 0)
    if get_len(rt, o, &length) < 0:
        return -1
    if rel_arg(rt, argc, argv, 1, length, 0, &k) < 0 or rel_arg(rt, argc, argv, 2, length, length, &final) < 0:
        return -1
    while k < final:
        if putk(rt, o, k, v, &clean) < 0:
            return -1
        if (k & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            return -1
        k += 1
    return 0


cdef int array_fill(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    if fill_impl(rt, o, argc, argv) < 0:
        decref_off(rt, o)
        return -1
    ret[0] = mk_object(o)
    return 0


cdef int copy_within_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv) noexcept:
    cdef int64_t length, to, frm, final, count
    if get_len(rt, o, &length) < 0:
        return -1
    if rel_arg(rt, argc, argv, 0, length, 0, &to) < 0 or rel_arg(rt, argc, argv, 1, length, 0, &frm) < 0 \
            or rel_arg(rt, argc, argv, 2, length, length, &final) < 0:
        return -1
    count = final - frm
    if length - to < count:
        count = length - to
    if count <= 0:
        return 0
    return move_elems(rt, o, frm, to, count, frm < to and to < frm + count)


cdef int array_copy_within(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    if copy_within_impl(rt, o, argc, argv) < 0:
        decref_off(rt, o)
        return -1
    ret[0] = mk_object(o)
    return 0


cdef int array_at(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    cdef int64_t length
    cdef double d
    cdef int r = -1, clean = -1
    if o == 0:
        return -1
    if get_len(rt, o, &length) == 0 and to_int_inf(rt, argn(argc, argv, 0), &d) == 0:
        if d < 0:
            d += <double>length
        if d < 0 or d >= <double>length:
            ret[0] = UNDEFINED
            r = 0
        else:
            r = getk(rt, o, <int64_t>d, ret, &clean)
    decref_off(rt, o)
    return r


# --- indexOf / lastIndexOf / includes ----------------------------------------------------------

cdef enum:
    S_INDEX_OF = 0
    S_LAST_INDEX_OF = 1
    S_INCLUDES = 2


cdef inline bint search_eq(Runtime* rt, JSVal v, JSVal x, bint zero) noexcept:
    if is_number(x):
        if is_number(v):
            return num_of(v) == num_of(x) or (zero and isnan(num_of(v)) and isnan(num_of(x)))
        return 0
    if v == x:
        return 1
    if is_string(v) and is_string(x):
        return op_strict_eq(rt, v, x)
    return 0


cdef int search_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, int magic, JSVal* ret) noexcept:
    cdef int64_t length, k, i, lim
    cdef double n
    cdef JSVal x = argn(argc, argv, 0), v
    cdef JSObject* p
    cdef JSVal* items
    cdef int r, clean = -1
    cdef bint zero = magic == S_INCLUDES
    cdef Walk w
    ret[0] = JSFALSE if magic == S_INCLUDES else mk_number(-1)
    if get_len(rt, o, &length) < 0:
        return -1
    if length == 0:
        return 0
    if magic == S_LAST_INDEX_OF:
        n = <double>(length - 1)
        if argc > 1 and to_int_inf(rt, argv[1], &n) < 0:
            return -1
        if n >= 0:
            k = length - 1 if n > <double>(length - 1) else <int64_t>n
        else:
            n += <double>length
            if n < 0:
                return 0
            k = <int64_t>n
        # descending
        if walk_init(rt, &w, o, 0, k + 1) < 0:
            return -1
        r = 0
        for i in range(w.n):
            k = walk_at(&w, w.n - 1 - i)
            r = fetch(rt, o, k, &v, &clean)
            if r < 0:
                break
            if r > 0:
                r = search_eq(rt, v, x, 0)
                decref(rt, v)
                if r:
                    ret[0] = mk_number(<double>k)
                    r = 0
                    break
            if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
                r = -1
                break
        walk_free(&w)
        return -1 if r < 0 else 0
    n = 0
    if argc > 1 and to_int_inf(rt, argv[1], &n) < 0:
        return -1
    if n >= <double>length:
        return 0
    k = <int64_t>n if n >= 0 else clamp_rel(n, length)
    # dense prefix: compare in place (strict equality runs no JavaScript)
    p = optr(rt, o)
    if is_dense(p) and p.elems:
        lim = p.length if p.length < length else length
        if lim > cap_of(rt, p):
            lim = cap_of(rt, p)
        items = elems_items(rt, p.elems)
        while k < lim:
            v = items[k]
            if v == EMPTY:
                if clean < 0:
                    clean = protos_clean(rt, o)
                if not clean:
                    break
                if zero and is_undefined(x):
                    ret[0] = JSTRUE
                    return 0
            elif search_eq(rt, v, x, zero):
                ret[0] = JSTRUE if zero else mk_number(<double>k)
                return 0
            k += 1
    if k >= length:
        return 0
    if zero:
        # includes: Get every index (holes read as undefined)
        r = 0
        i = 0
        while k < length:
            if getk(rt, o, k, &v, &clean) < 0:
                return -1
            r = search_eq(rt, v, x, 1)
            decref(rt, v)
            if r:
                ret[0] = JSTRUE
                return 0
            k += 1
            i += 1
            if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
                return -1
        return 0
    if walk_init(rt, &w, o, k, length) < 0:
        return -1
    r = 0
    for i in range(w.n):
        k = walk_at(&w, i)
        r = fetch(rt, o, k, &v, &clean)
        if r < 0:
            break
        if r > 0:
            r = search_eq(rt, v, x, 0)
            decref(rt, v)
            if r:
                ret[0] = mk_number(<double>k)
                r = 0
                break
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    return -1 if r < 0 else 0


cdef int array_search(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = search_impl(rt, o, argc, argv, magic, ret)
    decref_off(rt, o)
    return r


# --- every / some / forEach / map / filter / find... -------------------------------------------

cdef enum:
    IT_EVERY = 0
    IT_SOME = 1
    IT_FOREACH = 2
    IT_MAP = 3
    IT_FILTER = 4
    IT_FIND = 5
    IT_FIND_INDEX = 6
    IT_FIND_LAST = 7
    IT_FIND_LAST_INDEX = 8


cdef int find_loop(Runtime* rt, uint32_t o, int64_t length, JSVal cb, JSVal this_arg, int magic, JSVal* ret) noexcept:
    """find / findIndex / findLast / findLastIndex: every index, holes read as undefined."""
    cdef int64_t i, k
    cdef JSVal v, res
    cdef JSVal cargs[3]
    cdef int r, clean = -1
    cdef bint t
    cdef bint last = magic >= IT_FIND_LAST
    cdef bint want_index = magic == IT_FIND_INDEX or magic == IT_FIND_LAST_INDEX
    for i in range(length):
        k = length - 1 - i if last else i
        if getk(rt, o, k, &v, &clean) < 0:
            return -1
        cargs[0] = v
        cargs[1] = mk_number(<double>k)
        cargs[2] = mk_object(o)
        r = vm_call(rt, cb, this_arg, 3, cargs, &res)
        clean = -1
        if r < 0:
            decref(rt, v)
            return -1
        t = to_boolean(rt, res)
        decref(rt, res)
        if (i & POLL_MASK) == POLL_MASK and not t and poll(rt) < 0:
            decref(rt, v)
            return -1
        if t:
            if want_index:
                decref(rt, v)
                ret[0] = mk_number(<double>k)
            else:
                ret[0] = v
            return 0
        decref(rt, v)
    ret[0] = mk_number(-1) if want_index else UNDEFINED
    return 0


cdef int iterate_loop(Runtime* rt, uint32_t o, Walk* w, JSVal cb, JSVal this_arg, int magic,
                      uint32_t a, JSVal* ret) noexcept:
    cdef int64_t i, k, to = 0
    cdef JSVal v, res
    cdef JSVal cargs[3]
    cdef int r, clean = -1
    cdef bint t
    for i in range(w.n):
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            return -1
        k = walk_at(w, i)
        r = fetch(rt, o, k, &v, &clean)
        if r < 0:
            return -1
        if r == 0:
            continue
        cargs[0] = v
        cargs[1] = mk_number(<double>k)
        cargs[2] = mk_object(o)
        r = vm_call(rt, cb, this_arg, 3, cargs, &res)
        clean = -1
        if r < 0:
            decref(rt, v)
            return -1
        if magic == IT_MAP:
            r = fresh_put(rt, a, k, res)
            decref(rt, res)
            decref(rt, v)
            if r < 0:
                return -1
            continue
        if magic == IT_FOREACH:
            decref(rt, res)
            decref(rt, v)
            continue
        t = to_boolean(rt, res)
        decref(rt, res)
        if magic == IT_FILTER:
            r = 0
            if t:
                r = fresh_put(rt, a, to, v)
                to += 1
            decref(rt, v)
            if r < 0:
                return -1
            continue
        decref(rt, v)
        if magic == IT_EVERY and not t:
            ret[0] = JSFALSE
            return 1
        if magic == IT_SOME and t:
            ret[0] = JSTRUE
            return 1
    return 0


cdef int iterate_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, int magic, JSVal* ret) noexcept:
    cdef int64_t length
    cdef JSVal cb = argn(argc, argv, 0), this_arg = argn(argc, argv, 1)
    cdef uint32_t a = 0
    cdef Walk w
    cdef int r
    if get_len(rt, o, &length) < 0:
        return -1
    if not is_callable(rt, cb):
        return not_callable(rt, cb)
    if magic >= IT_FIND:
        return find_loop(rt, o, length, cb, this_arg, magic, ret)
    if (magic == IT_MAP or magic == IT_FILTER) and species_check(rt, o) < 0:
        return -1
    if magic == IT_MAP:
        a = new_array(rt, length, reserve_hint(rt, o, length))
        if a == 0:
            return -1
    elif magic == IT_FILTER:
        a = new_array(rt, 0, 0)
        if a == 0:
            return -1
    if walk_init(rt, &w, o, 0, length) < 0:
        if a:
            decref_off(rt, a)
        return -1
    r = iterate_loop(rt, o, &w, cb, this_arg, magic, a, ret)
    walk_free(&w)
    if r < 0:
        if a:
            decref_off(rt, a)
        return -1
    if r == 0:
        if a:
            ret[0] = mk_object(a)
        elif magic == IT_EVERY:
            ret[0] = JSTRUE
        elif magic == IT_SOME:
            ret[0] = JSFALSE
        else:
            ret[0] = UNDEFINED
    return 0


cdef int array_iterate(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = iterate_impl(rt, o, argc, argv, magic, ret)
    decref_off(rt, o)
    return r


# --- reduce / reduceRight -----------------------------------------------------------------------

cdef int reduce_loop(Runtime* rt, uint32_t o, Walk* w, int argc, JSVal* argv, bint right, JSVal* ret) noexcept:
    cdef JSVal cb = argv[0]
    cdef JSVal acc, v, res
    cdef JSVal cargs[4]
    cdef int64_t i = 0, k
    cdef int r, clean = -1
    cdef bint found = 0
    if argc >= 2:
        acc = dup(rt, argv[1])
    else:
        while i < w.n:
            k = walk_at(w, w.n - 1 - i if right else i)
            i += 1
            r = fetch(rt, o, k, &acc, &clean)
            if r < 0:
                return -1
            if r > 0:
                found = 1
                break
        if not found:
            return throw_error(rt, E_TYPE, "Reduce of empty array with no initial value")
    while i < w.n:
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            decref(rt, acc)
            return -1
        k = walk_at(w, w.n - 1 - i if right else i)
        i += 1
        r = fetch(rt, o, k, &v, &clean)
        if r < 0:
            decref(rt, acc)
            return -1
        if r == 0:
            continue
        cargs[0] = acc
        cargs[1] = v
        cargs[2] = mk_number(<double>k)
        cargs[3] = mk_object(o)
        r = vm_call(rt, cb, UNDEFINED, 4, cargs, &res)
        clean = -1
        decref(rt, v)
        decref(rt, acc)
        if r < 0:
            return -1
        acc = res
    ret[0] = acc
    return 0


cdef int reduce_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, bint right, JSVal* ret) noexcept:
    cdef int64_t length
    cdef Walk w
    cdef int r
    if get_len(rt, o, &length) < 0:
        return -1
    if argc < 1 or not is_callable(rt, argv[0]):
        return not_callable(rt, argn(argc, argv, 0))
    if walk_init(rt, &w, o, 0, length) < 0:
        return -1
    r = reduce_loop(rt, o, &w, argc, argv, right, ret)
    walk_free(&w)
    return r


cdef int array_reduce(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = reduce_impl(rt, o, argc, argv, magic, ret)
    decref_off(rt, o)
    return r


# --- flat / flatMap ------------------------------------------------------------------------------

cdef int flatten_into(Runtime* rt, uint32_t a, uint32_t src, int64_t length, int64_t* target,
                      double depth, JSVal mapper, JSVal this_arg, int nesting) noexcept:
    """FlattenIntoArray (ES2019): appends to the fresh array a from target[0] on."""
    cdef Walk w
    cdef int64_t i, k, elen
    cdef JSVal v, res
    cdef JSVal cargs[3]
    cdef int r = 0, clean = -1
    if nesting > 2000:
        return throw_error(rt, E_RANGE, "Maximum call stack size exceeded")
    if walk_init(rt, &w, src, 0, length) < 0:
        return -1
    for i in range(w.n):
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
        k = walk_at(&w, i)
        r = fetch(rt, src, k, &v, &clean)
        if r < 0:
            break
        if r == 0:
            continue
        if not is_undefined(mapper):
            cargs[0] = v
            cargs[1] = mk_number(<double>k)
            cargs[2] = mk_object(src)
            r = vm_call(rt, mapper, this_arg, 3, cargs, &res)
            decref(rt, v)
            clean = -1
            if r < 0:
                break
            v = res
        if depth > 0 and is_array(rt, v):
            r = get_len(rt, ref_of(v), &elen)
            if r == 0:
                r = flatten_into(rt, a, ref_of(v), elen, target, depth - 1, UNDEFINED, UNDEFINED, nesting + 1)
            clean = -1
        else:
            if <double>target[0] >= MAX_SAFE:
                r = throw_error(rt, E_TYPE, "Flattening past the maximum array-like length")
            else:
                r = fresh_put(rt, a, target[0], v)
                target[0] += 1
        decref(rt, v)
        if r < 0:
            break
    walk_free(&w)
    return -1 if r < 0 else 0


cdef int flat_impl(Runtime* rt, uint32_t o, int argc, JSVal* argv, bint flat_map, JSVal* ret) noexcept:
    cdef int64_t length, n = 0
    cdef double depth = 1
    cdef JSVal mapper = UNDEFINED, this_arg = UNDEFINED
    cdef uint32_t a
    if get_len(rt, o, &length) < 0:
        return -1
    if flat_map:
        mapper = argn(argc, argv, 0)
        this_arg = argn(argc, argv, 1)
        if not is_callable(rt, mapper):
            return not_callable(rt, mapper)
    elif not is_undefined(argn(argc, argv, 0)):
        if to_int_inf(rt, argv[0], &depth) < 0:
            return -1
        if depth < 0:
            depth = 0
    if species_check(rt, o) < 0:
        return -1
    a = new_array(rt, 0, 0)
    if a == 0:
        return -1
    if flatten_into(rt, a, o, length, &n, depth, mapper, this_arg, 0) < 0 or set_len(rt, a, <double>n) < 0:
        decref_off(rt, a)
        return -1
    ret[0] = mk_object(a)
    return 0


cdef int array_flat(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    cdef int r = flat_impl(rt, o, argc, argv, magic, ret)
    decref_off(rt, o)
    return r


# --- sort ------------------------------------------------------------------------------------
#
# ES2019+ SortIndexedProperties: collect the present values (holes skipped,
# undefined counted apart), sort them in a C buffer with a stable merge sort,
# write them back, undefineds after, then delete up to the old length.  The
# buffer holds references, so a comparator that empties the array or runs
# the collector cannot free them.

cdef struct SortItem:
    JSVal v
    uint32_t s          # default order: ToString(v), computed once (owned)
    uint32_t pad


cdef struct SortCtx:
    Runtime* rt
    JSVal cmp           # UNDEFINED: by string
    int numeric         # 1: cmp is `return a - b`, 2: `return b - a`, and every value is a number


cdef int subtract_comparator(Runtime* rt, JSVal f) noexcept:
    """1 if f is exactly `function (a, b) { return a - b }` (any names, arrow
    or not), 2 for `b - a`, else 0.  On two numbers such a call has no
    effect but its result, so sort may compute it in place."""
    cdef JSObject* o
    cdef JSCode* c
    cdef uint32_t* w
    cdef uint32_t a0, a1
    if not is_object(f) or rt.tracing:
        return 0
    o = optr(rt, ref_of(f))
    if o.h.aux != CLASS_FUNCTION or o.internal == 0:
        return 0
    c = <JSCode*>(rt.base + o.internal)
    if c.ncode != 4:
        return 0
    w = <uint32_t*>(rt.base + o.internal + c.code_at)
    if (w[0] & 0xFF) != OP_GET_ARG or (w[1] & 0xFF) != OP_GET_ARG or w[2] != OP_SUB or w[3] != OP_RET:
        return 0
    a0 = w[0] >> 8
    a1 = w[1] >> 8
    if a0 == 0 and a1 == 1:
        return 1
    if a0 == 1 and a1 == 0:
        return 2
    return 0


cdef int sort_gt(SortCtx* c, SortItem* x, SortItem* y, bint* gt) noexcept:
    """gt = SortCompare(x, y) > 0."""
    cdef JSVal args[2]
    cdef JSVal res
    cdef double d
    cdef int r
    if c.numeric:
        # (x - y) > 0, exactly what the comparator would return (NaN: false)
        d = num_of(x.v) - num_of(y.v)
        gt[0] = d > 0 if c.numeric == 1 else d < 0
        return 0
    if c.cmp == UNDEFINED:
        gt[0] = x.s != y.s and str_compare(c.rt, x.s, y.s) > 0
        return 0
    args[0] = x.v
    args[1] = y.v
    if vm_call(c.rt, c.cmp, UNDEFINED, 2, args, &res) < 0:
        return -1
    if is_number(res):
        d = num_of(res)
    else:
        r = to_number(c.rt, res, &d)
        decref(c.rt, res)
        if r < 0:
            return -1
    gt[0] = d > 0
    return 0


cdef int insertion_sort(SortCtx* c, SortItem* a, size_t n) noexcept:
    """Binary insertion sort (stable: an element goes after its equals)."""
    cdef size_t i, lo, hi, mid
    cdef SortItem x
    cdef bint gt
    for i in range(1, n):
        x = a[i]
        lo = 0
        hi = i
        while lo < hi:
            mid = (lo + hi) >> 1
            if sort_gt(c, &a[mid], &x, &gt) < 0:
                return -1          # x is still in a[i]: the buffer is intact
            if gt:
                hi = mid
            else:
                lo = mid + 1
        if lo < i:
            memmove(&a[lo + 1], &a[lo], (i - lo) * sizeof(SortItem))
            a[lo] = x
    return 0


cdef int merge_sort(SortCtx* c, SortItem* a, SortItem* tmp, size_t n) noexcept:
    cdef size_t mid, i, j, k
    cdef bint gt
    if n <= 12:
        return insertion_sort(c, a, n)
    mid = n >> 1
    if merge_sort(c, a, tmp, mid) < 0 or merge_sort(c, a + mid, tmp, n - mid) < 0:
        return -1
    if sort_gt(c, &a[mid - 1], &a[mid], &gt) < 0:
        return -1
    if not gt:
        return 0                   # already in order
    memcpy(tmp, a, mid * sizeof(SortItem))
    i = 0
    j = mid
    k = 0
    while i < mid and j < n:
        if sort_gt(c, &tmp[i], &a[j], &gt) < 0:
            # put the rest of the left run back: every item stays in a[0..n)
            memcpy(&a[k], &tmp[i], (mid - i) * sizeof(SortItem))
            return -1
        if gt:
            a[k] = a[j]
            j += 1
        else:
            a[k] = tmp[i]
            i += 1
        k += 1
    if i < mid:
        memcpy(&a[k], &tmp[i], (mid - i) * sizeof(SortItem))
    return 0


cdef inline bint num_gt(SortItem* x, SortItem* y, bint desc) noexcept:
    cdef double d = num_of(x.v) - num_of(y.v)
    return d < 0 if desc else d > 0


cdef void merge_sort_num(SortItem* a, SortItem* tmp, size_t n, bint desc) noexcept:
    """merge_sort with the `a - b` / `b - a` comparator inlined (same steps,
    same result, comparator calls cannot fail)."""
    cdef size_t mid, i, j, k, lo, hi, m
    cdef SortItem x
    if n <= 12:
        for i in range(1, n):
            x = a[i]
            lo = 0
            hi = i
            while lo < hi:
                m = (lo + hi) >> 1
                if num_gt(&a[m], &x, desc):
                    hi = m
                else:
                    lo = m + 1
            if lo < i:
                memmove(&a[lo + 1], &a[lo], (i - lo) * sizeof(SortItem))
                a[lo] = x
        return
    mid = n >> 1
    merge_sort_num(a, tmp, mid, desc)
    merge_sort_num(a + mid, tmp, n - mid, desc)
    if not num_gt(&a[mid - 1], &a[mid], desc):
        return
    memcpy(tmp, a, mid * sizeof(SortItem))
    i = 0
    j = mid
    k = 0
    while i < mid and j < n:
        if num_gt(&tmp[i], &a[j], desc):
            a[k] = a[j]
            j += 1
        else:
            a[k] = tmp[i]
            i += 1
        k += 1
    if i < mid:
        memcpy(&a[k], &tmp[i], (mid - i) * sizeof(SortItem))


cdef inline uint64_t num_key(JSVal v, bint desc) noexcept:
    """An unsigned key ordered like the number (-0 and 0 equal); NaN excluded."""
    cdef uint64_t k
    cdef double d = num_of(v) + 0.0          # -0 -> +0: equal numbers, equal keys
    memcpy(&k, &d, 8)
    if k >> 63:
        k = ~k
    else:
        k |= (<uint64_t>1) << 63
    return ~k if desc else k


cdef int radix_sort_num(SortItem* a, size_t n, bint desc) noexcept:
    """Stable LSD radix sort by num_key: the same order as merge_sort_num
    when no value is NaN (the comparator is then a consistent total order).
    0 = done, -1 = no memory (the caller falls back)."""
    cdef size_t* counts = <size_t*>calloc(8 * 256, sizeof(size_t))
    cdef SortItem* tmp
    cdef SortItem* src = a
    cdef SortItem* dst
    cdef SortItem* t
    cdef size_t i, total, c
    cdef uint64_t k
    cdef int d, shift
    if counts == NULL:
        return -1
    tmp = <SortItem*>malloc(n * sizeof(SortItem))
    if tmp == NULL:
        free(counts)
        return -1
    for i in range(n):
        k = num_key(a[i].v, desc)
        for d in range(8):
            counts[d * 256 + ((k >> (8 * d)) & 0xFF)] += 1
    dst = tmp
    for d in range(8):
        shift = 8 * d
        # a digit every key shares does not reorder anything
        if counts[d * 256 + ((num_key(src[0].v, desc) >> shift) & 0xFF)] == n:
            continue
        total = 0
        for i in range(256):
            c = counts[d * 256 + i]
            counts[d * 256 + i] = total
            total += c
        for i in range(n):
            k = (num_key(src[i].v, desc) >> shift) & 0xFF
            dst[counts[d * 256 + k]] = src[i]
            counts[d * 256 + k] += 1
        t = src
        src = dst
        dst = t
    if src != a:
        memcpy(a, src, n * sizeof(SortItem))
    free(tmp)
    free(counts)
    return 0


cdef void release_items(Runtime* rt, SortItem* items, size_t n) noexcept:
    cdef size_t i
    for i in range(n):
        decref(rt, items[i].v)
        if items[i].s:
            decref_off(rt, items[i].s)


cdef int sort_collect(Runtime* rt, uint32_t o, int64_t length, SortItem** out, size_t* count, int64_t* nundef) noexcept:
    cdef Walk w
    cdef SortItem* items = NULL
    cdef SortItem* ni
    cdef size_t n = 0, cap
    cdef int64_t i
    cdef JSVal v
    cdef int r = 0, clean = -1
    if walk_init(rt, &w, o, 0, length) < 0:
        return -1
    cap = <size_t>w.n if w.n < 4096 else 4096
    if cap < 8:
        cap = 8
    if is_dense(optr(rt, o)) and <uint64_t>w.n <= <uint64_t>cap_of(rt, optr(rt, o)):
        cap = <size_t>w.n + 1
    items = <SortItem*>malloc(cap * sizeof(SortItem))
    if items == NULL:
        walk_free(&w)
        return oom(rt)
    nundef[0] = 0
    for i in range(w.n):
        r = fetch(rt, o, walk_at(&w, i), &v, &clean)
        if r < 0:
            break
        if r == 0:
            continue
        r = 0
        if is_undefined(v):
            nundef[0] += 1
            continue
        if n == cap:
            ni = <SortItem*>realloc(items, 2 * cap * sizeof(SortItem))
            if ni == NULL:
                decref(rt, v)
                r = oom(rt)
                break
            items = ni
            cap *= 2
        items[n].v = v
        items[n].s = 0
        n += 1
        if (i & POLL_MASK) == POLL_MASK and poll(rt) < 0:
            r = -1
            break
    walk_free(&w)
    if r < 0:
        release_items(rt, items, n)
        free(items)
        return -1
    out[0] = items
    count[0] = n
    return 0


cdef int sort_write_back(Runtime* rt, uint32_t o, int64_t length, SortItem* items, size_t n, int64_t nundef) noexcept:
    cdef size_t j
    cdef int64_t k
    cdef int clean = -1
    for j in range(n):
        if putk(rt, o, <int64_t>j, items[j].v, &clean) < 0:
            return -1
    for k in range(<int64_t>n, <int64_t>n + nundef):
        if putk(rt, o, k, UNDEFINED, &clean) < 0:
            return -1
    return delete_range(rt, o, <int64_t>n + nundef, length, 1)


cdef int sort_impl(Runtime* rt, uint32_t o, JSVal cmp) noexcept:
    cdef bint has_nan
    cdef int64_t length, nundef
    cdef SortItem* items
    cdef SortItem* tmp
    cdef size_t n, i
    cdef SortCtx c
    cdef int r
    cdef uint32_t s
    if get_len(rt, o, &length) < 0:
        return -1
    if sort_collect(rt, o, length, &items, &n, &nundef) < 0:
        return -1
    r = 0
    if is_undefined(cmp):
        for i in range(n):
            if is_string(items[i].v):
                s = ref_of(items[i].v)
                incref_off(rt, s)
            else:
                s = to_string(rt, items[i].v)
                if s == 0:
                    r = -1
                    break
            items[i].s = s
    if r == 0 and n > 1:
        c.rt = rt
        c.cmp = cmp
        c.numeric = 0
        if not is_undefined(cmp):
            c.numeric = subtract_comparator(rt, cmp)
            if c.numeric:
                for i in range(n):
                    if not is_number(items[i].v):
                        c.numeric = 0
                        break
        tmp = <SortItem*>malloc((n // 2 + 1) * sizeof(SortItem))
        if tmp == NULL:
            r = oom(rt)
        else:
            if c.numeric:
                has_nan = 0
                for i in range(n):
                    if isnan(num_of(items[i].v)):
                        has_nan = 1
                        break
                # NaN makes the comparator inconsistent: keep merge sort's exact steps
                if has_nan or n < 64 or radix_sort_num(items, n, c.numeric == 2) < 0:
                    merge_sort_num(items, tmp, n, c.numeric == 2)
            else:
                r = merge_sort(&c, items, tmp, n)
            free(tmp)
    if r == 0:
        r = sort_write_back(rt, o, length, items, n, nundef)
    release_items(rt, items, n)
    free(items)
    return r


cdef int array_sort(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal cmp = argn(argc, argv, 0)
    if not is_undefined(cmp) and not is_callable(rt, cmp):
        return throw_error(rt, E_TYPE, "The comparison function must be either a function or undefined")
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        return -1
    if sort_impl(rt, o, cmp) < 0:
        decref_off(rt, o)
        return -1
    ret[0] = mk_object(o)
    return 0


# --- declarations ------------------------------------------------------------------------------

JOIN_INDEX = native_register(array_join, "join", 1, 1, 0)

DEFS = [
    ("ctor", "Array", native_register(array_ctor, "Array", 1, LIGHTFUNC_VARARGS, 0)),
    ("method", "Array", "isArray", native_register(array_is_array, "isArray", 1, 1, 0)),
    ("method", "Array", "of", native_register(array_of, "of", 0, LIGHTFUNC_VARARGS, 0)),
    ("method", "Array", "from", native_register(array_from, "from", 1, 3, 0)),
    ("method", "Array.prototype", "toString", native_register(array_to_string, "toString", 0, 0, 0)),
    ("method", "Array.prototype", "toLocaleString",
     native_register(array_to_locale_string, "toLocaleString", 0, 0, 0)),
    ("method", "Array.prototype", "concat", native_register(array_concat, "concat", 1, LIGHTFUNC_VARARGS, 0)),
    ("method", "Array.prototype", "join", JOIN_INDEX),
    ("method", "Array.prototype", "pop", native_register(array_pop, "pop", 0, 0, 0)),
    ("method", "Array.prototype", "push", native_register(array_push, "push", 1, LIGHTFUNC_VARARGS, 0)),
    ("method", "Array.prototype", "reverse", native_register(array_reverse, "reverse", 0, 0, 0)),
    ("method", "Array.prototype", "shift", native_register(array_shift, "shift", 0, 0, 0)),
    ("method", "Array.prototype", "slice", native_register(array_slice, "slice", 2, 2, 0)),
    ("method", "Array.prototype", "sort", native_register(array_sort, "sort", 1, 1, 0)),
    ("method", "Array.prototype", "splice", native_register(array_splice, "splice", 2, LIGHTFUNC_VARARGS, 0)),
    ("method", "Array.prototype", "unshift", native_register(array_unshift, "unshift", 1, LIGHTFUNC_VARARGS, 0)),
    ("method", "Array.prototype", "indexOf", native_register(array_search, "indexOf", 1, 2, S_INDEX_OF)),
    ("method", "Array.prototype", "lastIndexOf",
     native_register(array_search, "lastIndexOf", 1, 2, S_LAST_INDEX_OF)),
    ("method", "Array.prototype", "includes", native_register(array_search, "includes", 1, 2, S_INCLUDES)),
    ("method", "Array.prototype", "every", native_register(array_iterate, "every", 1, 2, IT_EVERY)),
    ("method", "Array.prototype", "some", native_register(array_iterate, "some", 1, 2, IT_SOME)),
    ("method", "Array.prototype", "forEach", native_register(array_iterate, "forEach", 1, 2, IT_FOREACH)),
    ("method", "Array.prototype", "map", native_register(array_iterate, "map", 1, 2, IT_MAP)),
    ("method", "Array.prototype", "filter", native_register(array_iterate, "filter", 1, 2, IT_FILTER)),
    ("method", "Array.prototype", "find", native_register(array_iterate, "find", 1, 2, IT_FIND)),
    ("method", "Array.prototype", "findIndex", native_register(array_iterate, "findIndex", 1, 2, IT_FIND_INDEX)),
    ("method", "Array.prototype", "findLast", native_register(array_iterate, "findLast", 1, 2, IT_FIND_LAST)),
    ("method", "Array.prototype", "findLastIndex",
     native_register(array_iterate, "findLastIndex", 1, 2, IT_FIND_LAST_INDEX)),
    ("method", "Array.prototype", "reduce", native_register(array_reduce, "reduce", 1, 2, 0)),
    ("method", "Array.prototype", "reduceRight", native_register(array_reduce, "reduceRight", 1, 2, 1)),
    ("method", "Array.prototype", "fill", native_register(array_fill, "fill", 1, 3, 0)),
    ("method", "Array.prototype", "copyWithin", native_register(array_copy_within, "copyWithin", 2, 3, 0)),
    ("method", "Array.prototype", "at", native_register(array_at, "at", 1, 1, 0)),
    ("method", "Array.prototype", "flat", native_register(array_flat, "flat", 0, 1, 0)),
    ("method", "Array.prototype", "flatMap", native_register(array_flat, "flatMap", 1, 2, 1)),
]
