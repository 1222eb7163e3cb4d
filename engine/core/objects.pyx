# Objects: property tables, the dense element part of arrays and arguments,
# the spec's [[GetOwnProperty]] / [[DefineOwnProperty]] / [[Get]] / [[Put]] /
# [[Delete]] (ES5.1 8.12, 15.4.5.1, 10.6), own-key order, and error objects.
#
# Property table: entries in insertion order (16 bytes each: key, flags,
# value) plus, past Runtime.props_hash_min entries (PF_LINEAR_MAX in the default
# profile), an open-addressing hash index of
# entry numbers.  Small tables are scanned linearly: comparing 32-bit keys is
# cheaper than hashing for a handful of properties.

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t, int64_t
from libc.string cimport memset, memcpy
from libc.math cimport floor, isnan

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport (heap_alloc, heap_realloc, heap_free, hdr, incref_off,
                                        decref_off, incref, decref, dup)
from glassjs.engine.core.strings cimport (sptr, str_from_index, str_intern, intern_py, str_to_py,
                                           str_len, str_at, str_new_units, str_from_py, num_to_str)
from glassjs.engine.core.natives cimport native_info


# --- allocation -------------------------------------------------------------

cdef uint32_t obj_alloc(Runtime* rt, uint32_t proto, uint16_t cls, uint32_t size) noexcept:
    cdef uint32_t off = heap_alloc(rt, size, BT_OBJECT)
    if off == 0:
        return 0
    cdef JSObject* o = optr(rt, off)
    o.h.aux = cls
    o.proto = proto
    o.oflags = OF_EXTENSIBLE
    if proto:
        incref_off(rt, proto)
    return off


cdef uint32_t obj_new(Runtime* rt) noexcept:
    return obj_alloc(rt, rt.object_proto, CLASS_OBJECT, sizeof(JSObject))


cdef uint32_t arr_new(Runtime* rt, uint32_t length) noexcept:
    """An array of `length` holes."""
    cdef uint32_t off = obj_alloc(rt, rt.array_proto, CLASS_ARRAY, sizeof(JSObject))
    if off == 0:
        return 0
    if length and elems_reserve(rt, off, length) < 0:
        decref_off(rt, off)
        return 0
    optr(rt, off).length = length
    return off


cdef uint32_t arr_from_values(Runtime* rt, JSVal* values, uint32_t n) noexcept:
    """An array holding new references to values[0..n)."""
    cdef uint32_t off = arr_new(rt, n), i
    if off == 0:
        return 0
    cdef JSVal* items
    if n:
        items = elems_items(rt, optr(rt, off).elems)
        for i in range(n):
            items[i] = dup(rt, values[i])
    return off


cdef int elems_reserve(Runtime* rt, uint32_t obj, uint32_t capacity) noexcept:
    """Make room for `capacity` dense elements; new slots hold <hole>."""
    cdef JSObject* o = optr(rt, obj)
    cdef uint32_t old_cap = 0, ne, i
    cdef JSVal* items
    if o.elems:
        old_cap = elems_capacity(rt, o.elems)
        if capacity <= old_cap:
            return 0
        if capacity < old_cap + old_cap // 2:
            capacity = old_cap + old_cap // 2
    if capacity < 4:
        capacity = 4
    if capacity > 0x0FFFFFF0:
        return throw_error(rt, E_RANGE, "array too large")
    if o.elems:
        ne = heap_realloc(rt, o.elems, ELEMS_HEADER + 8 * capacity)
    else:
        ne = heap_alloc(rt, ELEMS_HEADER + 8 * capacity, BT_ELEMS)
    if ne == 0:
        return throw_oom(rt)
    o = optr(rt, obj)
    o.elems = ne
    (<Elems*>(rt.base + ne)).capacity = capacity
    items = elems_items(rt, ne)
    for i in range(old_cap, capacity):
        items[i] = EMPTY
    return 0


cdef inline uint32_t* hash_index(PropTable* t) noexcept:
    return <uint32_t*>((<uint8_t*>t) + PROPS_HEADER + 16 * t.capacity)


# --- property table ---------------------------------------------------------

cdef PropEntry* prop_find(Runtime* rt, uint32_t obj, uint32_t key) noexcept:
    cdef JSObject* o = optr(rt, obj)
    if o.props == 0:
        return NULL
    cdef PropTable* t = <PropTable*>(rt.base + o.props)
    cdef PropEntry* e = table_entries(t)
    cdef uint32_t i, mask, slot, h
    cdef uint32_t* index
    if t.hash_size == 0:
        for i in range(t.used):
            if e[i].key == key:
                return &e[i]
        return NULL
    index = hash_index(t)
    mask = t.hash_size - 1
    h = sptr(rt, key).hash & mask
    while True:
        slot = index[h]
        if slot == 0:
            return NULL
        if e[slot - 1].key == key:
            return &e[slot - 1]
        h = (h + 1) & mask


cdef inline uint32_t hash_size_for(Runtime* rt, uint32_t cap) noexcept:
    """Slots of the hash index of a table of cap entries: 0 (linear search) up
    to the profile's props_hash_min entries, else a power of two >= 2 * cap."""
    cdef uint32_t hsize = 0
    if cap > rt.props_hash_min:
        hsize = 16
        while hsize < cap * 2:
            hsize <<= 1
    return hsize


cdef int props_reserve(Runtime* rt, uint32_t obj, uint32_t n) noexcept:
    """Give an object without properties a table of exactly n entries.

    For objects whose final properties are known in advance (the built-ins):
    no growth by reallocation, so no slack and no freed old tables left as
    holes in the arena (Duktape compacts its built-ins for the same reason).
    """
    cdef JSObject* o = optr(rt, obj)
    if o.props or n == 0:
        return 0
    cdef uint32_t hsize = hash_size_for(rt, n)
    cdef uint32_t nt = heap_alloc(rt, PROPS_HEADER + 16 * n + 4 * hsize, BT_PROPS)
    if nt == 0:
        return throw_oom(rt)
    cdef PropTable* t = <PropTable*>(rt.base + nt)
    t.capacity = n
    t.hash_size = hsize
    optr(rt, obj).props = nt
    return 0


cdef int table_rebuild(Runtime* rt, uint32_t obj, uint32_t min_capacity) noexcept:
    """Reallocate the table compacted (deleted entries dropped), with an index if large."""
    cdef JSObject* o = optr(rt, obj)
    cdef PropTable* old = NULL
    cdef uint32_t live = 0, cap, hsize = 0, nt, i, j, h
    if o.props:
        old = <PropTable*>(rt.base + o.props)
        live = old.live
    cap = live * 2
    if cap < min_capacity:
        cap = min_capacity
    if cap < 4:
        cap = 4
    hsize = hash_size_for(rt, cap)
    nt = heap_alloc(rt, PROPS_HEADER + 16 * cap + 4 * hsize, BT_PROPS)
    if nt == 0:
        return throw_oom(rt)
    o = optr(rt, obj)
    cdef PropTable* t = <PropTable*>(rt.base + nt)
    t.capacity = cap
    t.hash_size = hsize
    cdef PropEntry* dst = table_entries(t)
    cdef PropEntry* src
    cdef uint32_t* index = hash_index(t)
    j = 0
    if o.props:
        old = <PropTable*>(rt.base + o.props)
        src = table_entries(old)
        for i in range(old.used):
            if src[i].key:
                dst[j] = src[i]
                j += 1
        old.used = 0          # the entries moved: freeing the old table must not release them
        heap_free(rt, o.props)
    t.used = j
    t.live = j
    if hsize:
        for i in range(j):
            h = sptr(rt, dst[i].key).hash & (hsize - 1)
            while index[h]:
                h = (h + 1) & (hsize - 1)
            index[h] = i + 1
    o.props = nt
    return 0


cdef int prop_add(Runtime* rt, uint32_t obj, uint32_t key, uint32_t flags, JSVal v) noexcept:
    """Append a new own property (the caller knows it is absent). Takes new refs."""
    cdef JSObject* o = optr(rt, obj)
    cdef PropTable* t
    if o.oflags & OF_LAZY:
        # keep creation order: a function's own length/name/prototype come first
        if materialize_lazy(rt, obj) < 0:
            return -1
        o = optr(rt, obj)
    if o.props == 0 or (<PropTable*>(rt.base + o.props)).used == (<PropTable*>(rt.base + o.props)).capacity:
        if table_rebuild(rt, obj, 0 if o.props == 0 else (<PropTable*>(rt.base + o.props)).live + 1) < 0:
            return -1
        o = optr(rt, obj)
    t = <PropTable*>(rt.base + o.props)
    cdef uint32_t i = t.used, h, mask
    cdef PropEntry* e = table_entries(t)
    if sptr(rt, key).h.flags & HF_ARRAYIDX:
        o.oflags |= OF_INDEXED
    e[i].key = key
    e[i].flags = flags
    e[i].value = v
    incref_off(rt, key)
    if flags & PF_ACCESSOR:
        if <uint32_t>v:
            incref_off(rt, <uint32_t>v)
        if <uint32_t>(v >> 32):
            incref_off(rt, <uint32_t>(v >> 32))
    else:
        incref(rt, v)
    t.used += 1
    t.live += 1
    if t.hash_size:
        mask = t.hash_size - 1
        h = sptr(rt, key).hash & mask
        while hash_index(t)[h]:
            h = (h + 1) & mask
        hash_index(t)[h] = i + 1
    return 0


cdef void prop_value_decref(Runtime* rt, uint32_t flags, JSVal v) noexcept:
    """Release a property value: a value, or with PF_ACCESSOR the getter and setter offsets."""
    if flags & PF_ACCESSOR:
        if <uint32_t>v:
            decref_off(rt, <uint32_t>v)
        if <uint32_t>(v >> 32):
            decref_off(rt, <uint32_t>(v >> 32))
    else:
        decref(rt, v)


cdef void entry_release_value(Runtime* rt, PropEntry* e) noexcept:
    cdef JSVal v = e.value
    e.value = UNDEFINED
    prop_value_decref(rt, e.flags, v)


cdef void prop_remove(Runtime* rt, uint32_t obj, PropEntry* e) noexcept:
    cdef PropTable* t = <PropTable*>(rt.base + optr(rt, obj).props)
    cdef uint32_t key = e.key
    entry_release_value(rt, e)
    e.key = 0           # a tombstone: keeps insertion order and the hash chain intact
    e.flags = 0
    t.live -= 1
    decref_off(rt, key)


cdef int prop_set_own(Runtime* rt, uint32_t obj, uint32_t key, uint32_t flags, JSVal v) noexcept:
    """Create or overwrite an own data property with these attributes (no checks)."""
    cdef PropEntry* e = prop_find(rt, obj, key)
    if e == NULL:
        return prop_add(rt, obj, key, flags, v)
    if flags & PF_ACCESSOR:
        if <uint32_t>v:
            incref_off(rt, <uint32_t>v)
        if <uint32_t>(v >> 32):
            incref_off(rt, <uint32_t>(v >> 32))
    else:
        incref(rt, v)
    entry_release_value(rt, e)
    e.flags = flags
    e.value = v
    return 0


cdef uint32_t index_key(Runtime* rt, uint32_t idx) noexcept:
    """The interned key string of an array index (a new reference)."""
    cdef uint32_t s = str_from_index(rt, idx)
    if s == 0:
        return 0
    return str_intern(rt, s)


# --- lazily materialised function properties -----------------------------------

cdef bint is_lazy_key(Runtime* rt, uint32_t key) noexcept:
    return key == rt.atoms[A_length] or key == rt.atoms[A_name] or key == rt.atoms[A_prototype]


cdef int materialize_lazy(Runtime* rt, uint32_t obj) noexcept:
    """Give a function its real 'length', 'name' and 'prototype' properties.

    Closures are created without them (most functions never have them
    read), which saves a property table per closure.
    """
    cdef JSObject* o = optr(rt, obj)
    if not (o.oflags & OF_LAZY):
        return 0
    o.oflags &= ~OF_LAZY
    cdef JSCode* code
    cdef NativeInfo* info
    cdef uint32_t name = 0, proto
    cdef double length = 0
    if o.h.aux == CLASS_FUNCTION:
        code = <JSCode*>(rt.base + o.internal)
        length = code.nparams
        name = code.name
    else:
        info = native_info(o.internal)
        if info != NULL:
            length = info.length
            name = intern_py(rt, info.name.decode())
            if name == 0:
                return throw_oom(rt)
    if prop_add(rt, obj, rt.atoms[A_length], PF_CONFIGURABLE, mk_number(length)) < 0:
        return -1
    if name == 0:
        name = rt.atoms[A_EMPTY]
    elif o.h.aux != CLASS_FUNCTION:
        decref_off(rt, name)     # prop_add takes its own reference
    if prop_add(rt, obj, rt.atoms[A_name], PF_CONFIGURABLE, mk_string(name)) < 0:
        return -1
    o = optr(rt, obj)
    if o.h.aux == CLASS_FUNCTION and (o.oflags & OF_CONSTRUCTOR):
        proto = obj_new(rt)
        if proto == 0:
            return throw_oom(rt)
        if prop_add(rt, proto, rt.atoms[A_constructor], PF_WRITABLE | PF_CONFIGURABLE, mk_object(obj)) < 0 \
                or prop_add(rt, obj, rt.atoms[A_prototype], PF_WRITABLE, mk_object(proto)) < 0:
            decref_off(rt, proto)
            return -1
        decref_off(rt, proto)
    return 0


# --- [[GetOwnProperty]] ------------------------------------------------------------

cdef inline void desc_data(PropDesc* d, JSVal v, uint32_t flags) noexcept:
    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
    d.flags = flags
    d.value = v
    d.getter = UNDEFINED
    d.setter = UNDEFINED


cdef void desc_release(Runtime* rt, PropDesc* d) noexcept:
    if d.has & HAS_VALUE:
        decref(rt, d.value)
    if d.has & HAS_GET:
        decref(rt, d.getter)
    if d.has & HAS_SET:
        decref(rt, d.setter)
    d.has = 0


cdef inline uint64_t arg_mapped_bit(uint32_t i) noexcept:
    return (<uint64_t>1) << i if i < 64 else 0


cdef int get_own_property(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d) noexcept:
    """1 and a complete descriptor (holding references), 0 if absent, -1 on error."""
    cdef JSObject* o = optr(rt, obj)
    cdef uint16_t cls = o.h.aux
    cdef JSString* ks = sptr(rt, key)
    cdef uint32_t idx
    cdef JSVal v
    cdef PropEntry* e
    cdef JSWrapper* w
    cdef uint16_t unit
    if (ks.h.flags & HF_ARRAYIDX) and o.elems and not (o.oflags & OF_SPARSE):
        idx = ks.index
        if idx < elems_capacity(rt, o.elems) and (cls != CLASS_ARRAY or idx < o.length):
            v = elems_items(rt, o.elems)[idx]
            if v != EMPTY:
                if cls == CLASS_ARGUMENTS and ((<JSArguments*>o).mapped & arg_mapped_bit(idx)):
                    v = (<JSVal*>(rt.base + o.internal + ENV_HEADER))[idx]
                desc_data(d, dup(rt, v), PF_DEFAULT)
                return 1
        if cls == CLASS_ARRAY:
            return 0
    if cls == CLASS_ARRAY:
        if key == rt.atoms[A_length]:
            desc_data(d, mk_number(<double>o.length), 0 if o.oflags & OF_LENGTH_READONLY else PF_WRITABLE)
            return 1
    elif cls == CLASS_STRING:
        w = <JSWrapper*>o
        if key == rt.atoms[A_length]:
            desc_data(d, mk_number(<double>str_len(rt, ref_of(w.value))), 0)
            return 1
        if (ks.h.flags & HF_ARRAYIDX) and ks.index < str_len(rt, ref_of(w.value)):
            unit = str_at(rt, ref_of(w.value), ks.index)
            idx = str_new_units(rt, &unit, 1)
            if idx == 0:
                return throw_oom(rt)
            idx = str_intern(rt, idx)
            if idx == 0:
                return throw_oom(rt)
            desc_data(d, mk_string(idx), PF_ENUMERABLE)
            return 1
    elif (o.oflags & OF_LAZY) and is_lazy_key(rt, key):
        if materialize_lazy(rt, obj) < 0:
            return -1
    e = prop_find(rt, obj, key)
    if e == NULL:
        return 0
    if e.flags & PF_ACCESSOR:
        d.has = HAS_GET | HAS_SET | HAS_ENUMERABLE | HAS_CONFIGURABLE
        d.flags = e.flags & (PF_ENUMERABLE | PF_CONFIGURABLE | PF_ACCESSOR)
        d.value = UNDEFINED
        d.getter = mk_object(<uint32_t>e.value) if <uint32_t>e.value else UNDEFINED
        d.setter = mk_object(<uint32_t>(e.value >> 32)) if <uint32_t>(e.value >> 32) else UNDEFINED
        incref(rt, d.getter)
        incref(rt, d.setter)
        return 1
    v = e.value
    if cls == CLASS_ARGUMENTS and (ks.h.flags & HF_ARRAYIDX) and ((<JSArguments*>o).mapped & arg_mapped_bit(ks.index)):
        v = (<JSVal*>(rt.base + o.internal + ENV_HEADER))[ks.index]
    desc_data(d, dup(rt, v), e.flags & PF_DEFAULT)
    return 1


cdef int has_own_property(Runtime* rt, uint32_t obj, uint32_t key) noexcept:
    cdef PropDesc d
    cdef int r = get_own_property(rt, obj, key, &d)
    if r == 1:
        desc_release(rt, &d)
    return r


cdef int has_property(Runtime* rt, uint32_t obj, uint32_t key) noexcept:
    cdef int r
    while obj:
        r = has_own_property(rt, obj, key)
        if r != 0:
            return r
        obj = optr(rt, obj).proto
    return 0


# --- [[Get]] ---------------------------------------------------------------------

cdef inline bint needs_exotic_lookup(JSObject* o) noexcept:
    return o.elems != 0 or o.h.aux == CLASS_ARRAY or o.h.aux == CLASS_STRING or o.h.aux == CLASS_ARGUMENTS \
        or (o.oflags & OF_LAZY) != 0


cdef int call_getter(Runtime* rt, uint32_t getter, JSVal receiver, JSVal* out) noexcept:
    if getter == 0:
        out[0] = UNDEFINED
        return 0
    return rt.call(rt, mk_object(getter), receiver, 0, NULL, out)


cdef int get_prop(Runtime* rt, uint32_t obj, uint32_t key, JSVal receiver, JSVal* out) noexcept:
    """[[Get]] along the prototype chain; out receives a new reference."""
    cdef JSObject* o
    cdef PropEntry* e
    cdef PropDesc d
    cdef int r
    cdef uint32_t g
    while obj:
        o = optr(rt, obj)
        if needs_exotic_lookup(o):
            r = get_own_property(rt, obj, key, &d)
            if r < 0:
                return -1
            if r:
                if d.flags & PF_ACCESSOR:
                    g = ref_of(d.getter) if is_object(d.getter) else 0
                    r = call_getter(rt, g, receiver, out)
                    desc_release(rt, &d)
                    return r
                out[0] = d.value        # the descriptor's reference moves to out
                return 0
        else:
            e = prop_find(rt, obj, key)
            if e != NULL:
                if e.flags & PF_ACCESSOR:
                    return call_getter(rt, <uint32_t>e.value, receiver, out)
                out[0] = dup(rt, e.value)
                return 0
        obj = o.proto
    out[0] = UNDEFINED
    return 0


cdef int get_index(Runtime* rt, uint32_t obj, uint32_t idx, JSVal* out) noexcept:
    cdef JSVal* slot = dense_slot(rt, optr(rt, obj), idx)
    if slot != NULL and slot[0] != EMPTY:
        out[0] = dup(rt, slot[0])
        return 0
    cdef uint32_t key = index_key(rt, idx)
    if key == 0:
        return throw_oom(rt)
    cdef int r = get_prop(rt, obj, key, mk_object(obj), out)
    decref_off(rt, key)
    return r


# --- [[DefineOwnProperty]] --------------------------------------------------------

cdef int reject(Runtime* rt, bint throw, const char* msg, uint32_t key) noexcept:
    if throw:
        if key:
            return throw_error_str(rt, E_TYPE, msg.decode() % key_to_py(rt, key))
        return throw_error(rt, E_TYPE, msg)
    return 0


cdef bint same_value(Runtime* rt, JSVal a, JSVal b) noexcept:
    cdef double x, y
    if is_number(a) and is_number(b):
        x = num_of(a)
        y = num_of(b)
        if isnan(x) and isnan(y):
            return 1
        return a == b        # bitwise: distinguishes +0 and -0
    if is_string(a) and is_string(b):
        return ref_of(a) == ref_of(b) or _str_eq(rt, ref_of(a), ref_of(b))
    return a == b


cdef bint _str_eq(Runtime* rt, uint32_t a, uint32_t b) noexcept:
    cdef uint32_t n = str_len(rt, a), i
    if n != str_len(rt, b):
        return 0
    for i in range(n):
        if str_at(rt, a, i) != str_at(rt, b, i):
            return 0
    return 1


cdef uint64_t pack_accessor(JSVal g, JSVal s) noexcept:
    cdef uint64_t v = 0
    if is_object(g):
        v |= ref_of(g)
    if is_object(s):
        v |= (<uint64_t>ref_of(s)) << 32
    return v


cdef int dense_to_table_if_needed(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d) noexcept:
    """Dense elements only hold plain writable/enumerable/configurable data."""
    cdef JSObject* o = optr(rt, obj)
    if not (sptr(rt, key).h.flags & HF_ARRAYIDX) or o.elems == 0 or (o.oflags & OF_SPARSE):
        return 0
    if (d.has & (HAS_GET | HAS_SET)) or ((d.has & HAS_WRITABLE) and not (d.flags & PF_WRITABLE)) \
            or ((d.has & HAS_ENUMERABLE) and not (d.flags & PF_ENUMERABLE)) \
            or ((d.has & HAS_CONFIGURABLE) and not (d.flags & PF_CONFIGURABLE)):
        return arr_make_sparse(rt, obj)
    return 0


cdef int define_own_property(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d, bint throw) noexcept:
    """ES5.1 8.12.9 (+ 15.4.5.1 for arrays, 10.6 for mapped arguments).

    1 = done, 0 = rejected without throwing, -1 = exception.  The descriptor's
    values are borrowed.
    """
    cdef JSObject* o = optr(rt, obj)
    cdef uint16_t cls = o.h.aux
    cdef JSString* ks = sptr(rt, key)
    cdef uint32_t idx
    cdef int r
    cdef double newlen
    if cls == CLASS_ARRAY:
        if key == rt.atoms[A_length]:
            return define_array_length(rt, obj, d, throw)
        if ks.h.flags & HF_ARRAYIDX:
            idx = ks.index
            if idx >= o.length and (o.oflags & OF_LENGTH_READONLY):
                return reject(rt, throw, "Cannot define index beyond non-writable length", 0)
            r = define_ordinary(rt, obj, key, d, throw)
            if r == 1 and idx >= optr(rt, obj).length:
                optr(rt, obj).length = idx + 1
            return r
    elif cls == CLASS_ARGUMENTS and (ks.h.flags & HF_ARRAYIDX) and ((<JSArguments*>o).mapped & arg_mapped_bit(ks.index)):
        if not (d.has & (HAS_VALUE | HAS_GET | HAS_SET)) and (d.has & HAS_WRITABLE) and not (d.flags & PF_WRITABLE):
            # ES2023 10.4.4.2 step 2: freezing a mapped index keeps its current value
            d.value = (<JSVal*>(rt.base + o.internal + ENV_HEADER))[ks.index]
            d.has |= HAS_VALUE
        r = define_ordinary(rt, obj, key, d, throw)
        if r == 1:
            o = optr(rt, obj)
            if d.has & (HAS_GET | HAS_SET):
                (<JSArguments*>o).mapped &= ~arg_mapped_bit(ks.index)
            else:
                if d.has & HAS_VALUE:
                    env_slot_store(rt, o.internal, ks.index, d.value)
                if (d.has & HAS_WRITABLE) and not (d.flags & PF_WRITABLE):
                    (<JSArguments*>o).mapped &= ~arg_mapped_bit(ks.index)
        return r
    elif cls == CLASS_STRING:
        if key == rt.atoms[A_length] or ((ks.h.flags & HF_ARRAYIDX) and ks.index < str_len(rt, ref_of((<JSWrapper*>o).value))):
            return define_virtual_readonly(rt, obj, key, d, throw)
    return define_ordinary(rt, obj, key, d, throw)


cdef void env_slot_store(Runtime* rt, uint32_t env, uint32_t i, JSVal v) noexcept:
    cdef JSVal* slot = <JSVal*>(rt.base + env + ENV_HEADER) + i
    cdef JSVal old = slot[0]
    slot[0] = dup(rt, v)
    decref(rt, old)


cdef int define_virtual_readonly(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d, bint throw) noexcept:
    """String wrapper 'length' and indices: only an identical redefinition succeeds."""
    cdef PropDesc cur
    if get_own_property(rt, obj, key, &cur) < 0:
        return -1
    cdef bint ok = not (d.has & (HAS_GET | HAS_SET)) \
        and not ((d.has & HAS_WRITABLE) and (d.flags & PF_WRITABLE)) \
        and not ((d.has & HAS_CONFIGURABLE) and (d.flags & PF_CONFIGURABLE)) \
        and not ((d.has & HAS_ENUMERABLE) and ((d.flags ^ cur.flags) & PF_ENUMERABLE)) \
        and not ((d.has & HAS_VALUE) and not same_value(rt, d.value, cur.value))
    desc_release(rt, &cur)
    if ok:
        return 1
    return reject(rt, throw, "Cannot redefine property: %s", key)


cdef int define_ordinary(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d, bint throw) noexcept:
    cdef JSObject* o = optr(rt, obj)
    cdef PropEntry* e
    cdef JSVal* items
    cdef JSString* ks = sptr(rt, key)
    cdef uint32_t idx, flags, cur_flags
    cdef JSVal v
    cdef bint is_acc, cur_acc
    if dense_to_table_if_needed(rt, obj, key, d) < 0:
        return -1
    o = optr(rt, obj)
    if (o.oflags & OF_LAZY) and is_lazy_key(rt, key):
        if materialize_lazy(rt, obj) < 0:
            return -1
        o = optr(rt, obj)
    # dense element: plain data only (dense_to_table_if_needed made sure)
    if (ks.h.flags & HF_ARRAYIDX) and (o.h.aux == CLASS_ARRAY or o.h.aux == CLASS_ARGUMENTS) \
            and not (o.oflags & OF_SPARSE) and prop_find(rt, obj, key) == NULL:
        idx = ks.index
        if o.elems and idx < elems_capacity(rt, o.elems) and elems_items(rt, o.elems)[idx] != EMPTY:
            if d.has & HAS_VALUE:
                items = elems_items(rt, o.elems)
                v = items[idx]
                items[idx] = dup(rt, d.value)
                decref(rt, v)
            return 1
        if not (o.oflags & OF_EXTENSIBLE):
            return reject(rt, throw, "Cannot add property %s, object is not extensible", key)
        if (d.has & HAS_WRITABLE) and (d.has & HAS_ENUMERABLE) and (d.has & HAS_CONFIGURABLE) \
                and (d.flags & PF_DEFAULT) == PF_DEFAULT and idx < 0x10000000 \
                and (o.h.aux == CLASS_ARRAY or (o.elems and idx < elems_capacity(rt, o.elems))) \
                and idx <= (elems_capacity(rt, o.elems) * 3 // 2 if o.elems else 0) + 64:
            # dense while the new index is near the allocated elements (not the
            # length: `a.length = 1e8; a[5e7] = 1` must not allocate 400 MB)
            if elems_reserve(rt, obj, idx + 1) < 0:
                return -1
            items = elems_items(rt, optr(rt, obj).elems)
            items[idx] = dup(rt, d.value) if d.has & HAS_VALUE else UNDEFINED
            if o.h.aux == CLASS_ARGUMENTS and idx >= optr(rt, obj).length:
                optr(rt, obj).length = idx + 1
            return 1
        if arr_make_sparse(rt, obj) < 0:
            return -1
        o = optr(rt, obj)
    e = prop_find(rt, obj, key)
    is_acc = (d.has & (HAS_GET | HAS_SET)) != 0
    if e == NULL:
        if not (o.oflags & OF_EXTENSIBLE):
            return reject(rt, throw, "Cannot add property %s, object is not extensible", key)
        flags = d.flags & (PF_ENUMERABLE | PF_CONFIGURABLE)
        if is_acc:
            flags |= PF_ACCESSOR
            if prop_add(rt, obj, key, flags, pack_accessor(d.getter if d.has & HAS_GET else UNDEFINED,
                                                           d.setter if d.has & HAS_SET else UNDEFINED)) < 0:
                return -1
        else:
            flags |= d.flags & PF_WRITABLE
            if prop_add(rt, obj, key, flags, d.value if d.has & HAS_VALUE else UNDEFINED) < 0:
                return -1
        return 1
    # existing property: ES5.1 8.12.9 steps 5-13
    cur_flags = e.flags
    cur_acc = (cur_flags & PF_ACCESSOR) != 0
    if d.has == 0:
        return 1
    if not (cur_flags & PF_CONFIGURABLE):
        if (d.has & HAS_CONFIGURABLE) and (d.flags & PF_CONFIGURABLE):
            return reject(rt, throw, "Cannot redefine property: %s", key)
        if (d.has & HAS_ENUMERABLE) and ((d.flags ^ cur_flags) & PF_ENUMERABLE):
            return reject(rt, throw, "Cannot redefine property: %s", key)
        if is_acc != cur_acc and (d.has & (HAS_VALUE | HAS_WRITABLE | HAS_GET | HAS_SET)):
            return reject(rt, throw, "Cannot redefine property: %s", key)
        if cur_acc and is_acc:
            if (d.has & HAS_GET) and pack_accessor(d.getter, UNDEFINED) != (e.value & 0xFFFFFFFF):
                return reject(rt, throw, "Cannot redefine property: %s", key)
            if (d.has & HAS_SET) and pack_accessor(UNDEFINED, d.setter) != (e.value & 0xFFFFFFFF00000000):
                return reject(rt, throw, "Cannot redefine property: %s", key)
        elif not cur_acc and not is_acc and not (cur_flags & PF_WRITABLE):
            if (d.has & HAS_WRITABLE) and (d.flags & PF_WRITABLE):
                return reject(rt, throw, "Cannot redefine property: %s", key)
            if (d.has & HAS_VALUE) and not same_value(rt, d.value, e.value):
                return reject(rt, throw, "Cannot assign to read only property '%s'", key)
    # apply
    flags = cur_flags
    if d.has & HAS_ENUMERABLE:
        flags = (flags & ~PF_ENUMERABLE) | (d.flags & PF_ENUMERABLE)
    if d.has & HAS_CONFIGURABLE:
        flags = (flags & ~PF_CONFIGURABLE) | (d.flags & PF_CONFIGURABLE)
    if is_acc:
        if not cur_acc:
            entry_release_value(rt, e)
            e.value = 0
            flags = (flags & ~PF_WRITABLE) | PF_ACCESSOR
            e.flags = flags
        v = e.value
        if d.has & HAS_GET:
            if is_object(d.getter):
                incref_off(rt, ref_of(d.getter))
            if <uint32_t>v:
                decref_off(rt, <uint32_t>v)
            v = (v & 0xFFFFFFFF00000000) | pack_accessor(d.getter, UNDEFINED)
        if d.has & HAS_SET:
            if is_object(d.setter):
                incref_off(rt, ref_of(d.setter))
            if <uint32_t>(v >> 32):
                decref_off(rt, <uint32_t>(v >> 32))
            v = (v & 0xFFFFFFFF) | pack_accessor(UNDEFINED, d.setter)
        e = prop_find(rt, obj, key)     # decref may not move the table, but be safe
        e.value = v
    elif d.has & (HAS_VALUE | HAS_WRITABLE):
        if cur_acc:
            entry_release_value(rt, e)
            e.value = UNDEFINED
            flags &= ~(PF_ACCESSOR | PF_WRITABLE)
        if d.has & HAS_WRITABLE:
            flags = (flags & ~PF_WRITABLE) | (d.flags & PF_WRITABLE)
        if d.has & HAS_VALUE:
            v = e.value
            e.value = dup(rt, d.value)
            decref(rt, v)
            e = prop_find(rt, obj, key)
    e.flags = flags
    return 1


cdef int define_array_length(Runtime* rt, uint32_t obj, PropDesc* d, bint throw) noexcept:
    """ES5.1 15.4.5.1 step 3: 'length' of an array."""
    cdef JSObject* o = optr(rt, obj)
    cdef double n
    if (d.has & (HAS_GET | HAS_SET)) or ((d.has & HAS_CONFIGURABLE) and (d.flags & PF_CONFIGURABLE)) \
            or ((d.has & HAS_ENUMERABLE) and (d.flags & PF_ENUMERABLE)):
        return reject(rt, throw, "Cannot redefine property: length", 0)
    if (o.oflags & OF_LENGTH_READONLY) and (d.has & HAS_WRITABLE) and (d.flags & PF_WRITABLE):
        return reject(rt, throw, "Cannot redefine property: length", 0)
    if d.has & HAS_VALUE:
        # the caller has converted the value with ToUint32 checks (Object.defineProperty)
        n = num_of(d.value) if is_number(d.value) else -1
        if n < 0 or n != floor(n) or n > 4294967295.0:
            return throw_error(rt, E_RANGE, "Invalid array length")
        if <uint32_t>n != o.length:
            if o.oflags & OF_LENGTH_READONLY:
                return reject(rt, throw, "Cannot assign to read only property 'length' of object", 0)
            if truncate_array(rt, obj, <uint32_t>n) < 0:
                # a non-configurable element stopped the deletion
                if (d.has & HAS_WRITABLE) and not (d.flags & PF_WRITABLE):
                    optr(rt, obj).oflags |= OF_LENGTH_READONLY
                return reject(rt, throw, "Cannot delete array element", 0)
    if (d.has & HAS_WRITABLE) and not (d.flags & PF_WRITABLE):
        optr(rt, obj).oflags |= OF_LENGTH_READONLY
    return 1


cdef int truncate_array(Runtime* rt, uint32_t obj, uint32_t newlen) noexcept:
    """Set length; deletes elements >= newlen.  -1 (no exception) if a
    non-configurable element stops it: length is then just past that element."""
    cdef JSObject* o = optr(rt, obj)
    cdef uint32_t i, cap, oldlen = o.length, best
    cdef JSVal* items
    cdef JSVal v
    cdef PropTable* t
    cdef PropEntry* e
    cdef JSString* ks
    if newlen >= oldlen:
        o.length = newlen
        return 0
    if not (o.oflags & OF_SPARSE):
        if o.elems:
            items = elems_items(rt, o.elems)
            cap = elems_capacity(rt, o.elems)
            i = oldlen if oldlen < cap else cap
            while i > newlen:
                i -= 1
                v = items[i]
                items[i] = EMPTY
                decref(rt, v)
        optr(rt, obj).length = newlen
        return 0
    # sparse: find the highest non-configurable index >= newlen
    best = newlen
    if o.props:
        t = <PropTable*>(rt.base + o.props)
        e = table_entries(t)
        for i in range(t.used):
            if e[i].key:
                ks = sptr(rt, e[i].key)
                if (ks.h.flags & HF_ARRAYIDX) and ks.index >= newlen and not (e[i].flags & PF_CONFIGURABLE):
                    if ks.index + 1 > best:
                        best = ks.index + 1
        for i in range(t.used):
            t = <PropTable*>(rt.base + optr(rt, obj).props)
            e = table_entries(t)
            if e[i].key:
                ks = sptr(rt, e[i].key)
                if (ks.h.flags & HF_ARRAYIDX) and ks.index >= best:
                    prop_remove(rt, obj, &e[i])
    optr(rt, obj).length = best
    return -1 if best != newlen else 0


cdef int arr_set_length(Runtime* rt, uint32_t arr, double newlen, bint strict) noexcept:
    """arr.length = newlen (the value already validated as a uint32)."""
    cdef PropDesc d
    desc_data(&d, mk_number(newlen), 0)
    d.has = HAS_VALUE
    cdef int r = define_array_length(rt, arr, &d, strict)
    return -1 if r < 0 else 0


cdef int arr_make_sparse(Runtime* rt, uint32_t obj) noexcept:
    """Move the dense elements into the property table (keys "0", "1", ...)."""
    cdef JSObject* o = optr(rt, obj)
    if o.oflags & OF_SPARSE:
        return 0
    cdef uint32_t elems = o.elems, i, n, key
    cdef JSVal v
    o.oflags |= OF_SPARSE
    if elems == 0:
        return 0
    n = elems_capacity(rt, elems)
    if o.h.aux == CLASS_ARRAY and o.length < n:
        n = o.length
    for i in range(n):
        v = elems_items(rt, elems)[i]
        if v != EMPTY:
            key = index_key(rt, i)
            if key == 0 or prop_add(rt, obj, key, PF_DEFAULT, v) < 0:
                return throw_oom(rt)
            decref_off(rt, key)
    optr(rt, obj).elems = 0
    decref_off(rt, elems)      # releases the element references (now held by the table)
    return 0


cdef bint obj_is_dense(Runtime* rt, uint32_t obj) noexcept:
    cdef JSObject* o = optr(rt, obj)
    return o.h.aux == CLASS_ARRAY and not (o.oflags & OF_SPARSE)


cdef int arr_push(Runtime* rt, uint32_t arr, JSVal v) noexcept:
    """Append to a dense, extensible array with writable length (fast path for push)."""
    cdef JSObject* o = optr(rt, arr)
    cdef uint32_t n = o.length
    if (o.oflags & (OF_SPARSE | OF_LENGTH_READONLY)) or not (o.oflags & OF_EXTENSIBLE) or n == 0xFFFFFFFF:
        return put_index(rt, arr, n, v, 1)
    if o.elems == 0 or n >= elems_capacity(rt, o.elems):
        if elems_reserve(rt, arr, n + 1 if n >= 4 else 4) < 0:
            return -1
        o = optr(rt, arr)
    elems_items(rt, o.elems)[n] = dup(rt, v)
    o.length = n + 1
    return 0


# --- [[Put]] -----------------------------------------------------------------------

cdef int put_prop(Runtime* rt, uint32_t obj, uint32_t key, JSVal v, JSVal receiver, bint strict) noexcept:
    """ES5.1 8.12.5 [[Put]] with receiver (the `this` of setters); 0 or -1."""
    cdef JSObject* o = optr(rt, obj)
    cdef PropEntry* e
    cdef PropDesc d
    cdef int r
    cdef uint32_t cur, setter, robj
    cdef JSVal old, ignored
    cdef JSString* ks
    cdef JSVal* slot
    # fast path: own writable data property of the receiver itself
    if is_object(receiver) and ref_of(receiver) == obj:
        if not needs_exotic_lookup(o):
            e = prop_find(rt, obj, key)
            if e != NULL and (e.flags & (PF_ACCESSOR | PF_WRITABLE)) == PF_WRITABLE:
                old = e.value
                e.value = dup(rt, v)
                decref(rt, old)
                return 0
        elif o.h.aux == CLASS_ARRAY and not (o.oflags & OF_SPARSE):
            ks = sptr(rt, key)
            if ks.h.flags & HF_ARRAYIDX:
                slot = dense_slot(rt, o, ks.index)
                if slot != NULL and slot[0] != EMPTY:
                    old = slot[0]
                    slot[0] = dup(rt, v)
                    decref(rt, old)
                    return 0
    # walk the chain looking for a setter or a read-only property
    cur = obj
    while cur:
        r = get_own_property(rt, cur, key, &d)
        if r < 0:
            return -1
        if r:
            if d.flags & PF_ACCESSOR:
                setter = ref_of(d.setter) if is_object(d.setter) else 0
                desc_release(rt, &d)
                if setter == 0:
                    if strict:
                        return throw_error_str(rt, E_TYPE, "Cannot set property %s which has only a getter" % key_to_py(rt, key))
                    return 0
                ignored = UNDEFINED
                r = rt.call(rt, mk_object(setter), receiver, 1, &v, &ignored)
                decref(rt, ignored)
                return r
            desc_release(rt, &d)
            if not (d.flags & PF_WRITABLE):
                if strict:
                    return throw_error_str(rt, E_TYPE, "Cannot assign to read only property '%s' of object" % key_to_py(rt, key))
                return 0
            if cur == obj:
                break
            break
        cur = optr(rt, cur).proto
    if not is_object(receiver):
        if strict:
            return throw_error_str(rt, E_TYPE, "Cannot create property '%s' on %s" % (
                key_to_py(rt, key), "a lightfunc (it has no own properties)" if is_lightfunc(receiver) else "primitive"))
        return 0
    robj = ref_of(receiver)
    # own data property of the receiver: update its value only
    r = get_own_property(rt, robj, key, &d)
    if r < 0:
        return -1
    if r:
        desc_release(rt, &d)
        if d.flags & PF_ACCESSOR or not (d.flags & PF_WRITABLE):
            if strict:
                return throw_error_str(rt, E_TYPE, "Cannot assign to read only property '%s' of object" % key_to_py(rt, key))
            return 0
        d.has = HAS_VALUE
        d.value = v
        if optr(rt, robj).h.aux == CLASS_ARRAY and key == rt.atoms[A_length]:
            return set_length_value(rt, robj, v, strict)
        r = define_own_property(rt, robj, key, &d, strict)
        return -1 if r < 0 else 0
    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
    d.flags = PF_DEFAULT
    d.value = v
    r = define_own_property(rt, robj, key, &d, strict)
    return -1 if r < 0 else 0


cdef int set_length_value(Runtime* rt, uint32_t arr, JSVal v, bint strict) noexcept:
    """arr.length = v: v must already be a number here (the VM converts)."""
    cdef double n = num_of(v) if is_number(v) else -1
    if n < 0 or n != floor(n) or n > 4294967295.0:
        return throw_error(rt, E_RANGE, "Invalid array length")
    return arr_set_length(rt, arr, n, strict)


cdef bint protos_without_indices(Runtime* rt, uint32_t proto) noexcept:
    """No object on the chain can have an array-index property (no setter or
    read-only element that a store into a hole would have to respect)."""
    cdef JSObject* p
    while proto:
        p = optr(rt, proto)
        if p.elems or (p.oflags & (OF_INDEXED | OF_LAZY)) or p.h.aux == CLASS_STRING \
                or p.h.aux == CLASS_ARGUMENTS:
            return 0
        proto = p.proto
    return 1


cdef int put_index(Runtime* rt, uint32_t obj, uint32_t idx, JSVal v, bint strict) noexcept:
    cdef JSVal old
    cdef JSObject* o = optr(rt, obj)
    cdef JSVal* slot = dense_slot(rt, o, idx)
    if slot != NULL:
        if slot[0] != EMPTY:
            old = slot[0]
            slot[0] = dup(rt, v)
            decref(rt, old)
            return 0
        # filling a hole: a plain store unless a prototype could intercept it
        if (o.oflags & OF_EXTENSIBLE) and protos_without_indices(rt, o.proto):
            slot[0] = dup(rt, v)
            return 0
    cdef uint32_t key = index_key(rt, idx)
    if key == 0:
        return throw_oom(rt)
    cdef int r = put_prop(rt, obj, key, v, mk_object(obj), strict)
    decref_off(rt, key)
    return r


# --- [[Delete]] ---------------------------------------------------------------------

cdef int delete_property(Runtime* rt, uint32_t obj, uint32_t key, bint strict) noexcept:
    """1 if gone (or never there), 0 if it may not be deleted (sloppy), -1 on error."""
    cdef JSObject* o = optr(rt, obj)
    cdef JSString* ks = sptr(rt, key)
    cdef PropEntry* e
    cdef JSVal v
    cdef uint32_t idx
    if (o.oflags & OF_LAZY) and is_lazy_key(rt, key):
        if materialize_lazy(rt, obj) < 0:
            return -1
        o = optr(rt, obj)
    if (ks.h.flags & HF_ARRAYIDX) and o.elems and not (o.oflags & OF_SPARSE):
        idx = ks.index
        if idx < elems_capacity(rt, o.elems) and (o.h.aux != CLASS_ARRAY or idx < o.length):
            v = elems_items(rt, o.elems)[idx]
            elems_items(rt, o.elems)[idx] = EMPTY
            decref(rt, v)
            if o.h.aux == CLASS_ARGUMENTS:
                (<JSArguments*>optr(rt, obj)).mapped &= ~arg_mapped_bit(idx)
        return 1
    if (o.h.aux == CLASS_ARRAY and key == rt.atoms[A_length]) or \
            (o.h.aux == CLASS_STRING and (key == rt.atoms[A_length] or
             ((ks.h.flags & HF_ARRAYIDX) and ks.index < str_len(rt, ref_of((<JSWrapper*>o).value))))):
        if strict:
            return throw_error_str(rt, E_TYPE, "Cannot delete property '%s'" % key_to_py(rt, key))
        return 0
    e = prop_find(rt, obj, key)
    if e == NULL:
        return 1
    if not (e.flags & PF_CONFIGURABLE):
        if strict:
            return throw_error_str(rt, E_TYPE, "Cannot delete property '%s'" % key_to_py(rt, key))
        return 0
    prop_remove(rt, obj, e)
    if o.h.aux == CLASS_ARGUMENTS and (ks.h.flags & HF_ARRAYIDX):
        (<JSArguments*>optr(rt, obj)).mapped &= ~arg_mapped_bit(ks.index)
    return 1


# --- own keys, in the spec's order (integer indices ascending, then strings
# in creation order) --------------------------------------------------------------

cdef int push_key(Runtime* rt, uint32_t arr, uint32_t key) noexcept:
    return arr_push(rt, arr, mk_string(key))


cdef uint32_t own_keys(Runtime* rt, uint32_t obj, int flags) noexcept:
    """A new array of the own string keys."""
    cdef uint32_t arr = arr_new(rt, 0), i, n, key, nidx = 0, k
    if arr == 0:
        return 0
    cdef JSObject* o = optr(rt, obj)
    cdef PropTable* t
    cdef PropEntry* e
    cdef JSVal* items
    cdef JSString* ks
    cdef list index_keys
    if o.oflags & OF_LAZY:
        if materialize_lazy(rt, obj) < 0:
            decref_off(rt, arr)
            return 0
        o = optr(rt, obj)
    if o.h.aux == CLASS_STRING:
        n = str_len(rt, ref_of((<JSWrapper*>o).value))
        for i in range(n):
            key = index_key(rt, i)
            if key == 0 or push_key(rt, arr, key) < 0:
                decref_off(rt, arr)
                return 0
            decref_off(rt, key)
    o = optr(rt, obj)
    if o.elems and not (o.oflags & OF_SPARSE):
        n = elems_capacity(rt, o.elems)
        if o.h.aux == CLASS_ARRAY and o.length < n:
            n = o.length
        for i in range(n):
            if elems_items(rt, optr(rt, obj).elems)[i] != EMPTY:
                key = index_key(rt, i)
                if key == 0 or push_key(rt, arr, key) < 0:
                    decref_off(rt, arr)
                    return 0
                decref_off(rt, key)
    o = optr(rt, obj)
    # index-like keys in the table come first, sorted
    if o.props:
        t = <PropTable*>(rt.base + o.props)
        e = table_entries(t)
        index_keys = None
        for i in range(t.used):
            if e[i].key and (sptr(rt, e[i].key).h.flags & HF_ARRAYIDX):
                if (flags & KEYS_ENUMERABLE) and not (e[i].flags & PF_ENUMERABLE):
                    continue
                if index_keys is None:
                    index_keys = []
                index_keys.append((sptr(rt, e[i].key).index, e[i].key))
        if index_keys:
            index_keys.sort()
            for pair in index_keys:
                if push_key(rt, arr, pair[1]) < 0:
                    decref_off(rt, arr)
                    return 0
    o = optr(rt, obj)
    if (o.h.aux == CLASS_ARRAY or o.h.aux == CLASS_STRING) and not (flags & KEYS_ENUMERABLE):
        if push_key(rt, arr, rt.atoms[A_length]) < 0:
            decref_off(rt, arr)
            return 0
    o = optr(rt, obj)
    if o.props:
        n = (<PropTable*>(rt.base + o.props)).used
        for i in range(n):
            t = <PropTable*>(rt.base + optr(rt, obj).props)
            e = table_entries(t)
            key = e[i].key
            if key and not (sptr(rt, key).h.flags & HF_ARRAYIDX):
                if (flags & KEYS_ENUMERABLE) and not (e[i].flags & PF_ENUMERABLE):
                    continue
                if push_key(rt, arr, key) < 0:
                    decref_off(rt, arr)
                    return 0
    return arr


# --- misc ------------------------------------------------------------------------

cdef bint is_callable(Runtime* rt, JSVal v) noexcept:
    if is_lightfunc(v):
        return 1
    if not is_object(v):
        return 0
    return (optr(rt, ref_of(v)).oflags & OF_CALLABLE) != 0


cdef bint is_array(Runtime* rt, JSVal v) noexcept:
    return is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_ARRAY


cdef int set_prototype(Runtime* rt, uint32_t obj, uint32_t proto) noexcept:
    cdef JSObject* o = optr(rt, obj)
    cdef uint32_t old = o.proto
    if proto:
        incref_off(rt, proto)
    o.proto = proto
    if old:
        decref_off(rt, old)
    return 0


cdef str key_to_py(Runtime* rt, uint32_t key):
    if key == 0:
        return "?"
    try:
        s = str_to_py(rt, key)
    except BaseException:
        return "?"
    if len(s) > 60:
        s = s[:57] + "..."
    return s


# --- errors --------------------------------------------------------------------------

cdef int throw_value(Runtime* rt, JSVal v) noexcept:
    """Make v (an owned reference) the pending exception; returns -1."""
    if rt.has_exc:
        decref(rt, rt.exc)
    rt.exc = v
    rt.has_exc = 1
    rt.uncatchable = 0
    return -1


cdef uint32_t error_new(Runtime* rt, int kind, uint32_t msg) noexcept:
    """A new error object of the given kind; msg is a string offset (borrowed) or 0."""
    cdef uint32_t err = obj_alloc(rt, rt.error_protos[kind], CLASS_ERROR, sizeof(JSObject))
    cdef uint32_t stack
    if err == 0:
        return 0
    if msg and prop_add(rt, err, rt.atoms[A_message], PF_WRITABLE | PF_CONFIGURABLE, mk_string(msg)) < 0:
        decref_off(rt, err)
        return 0
    if rt.capture_stack != NULL:
        stack = rt.capture_stack(rt)
        if stack:
            stack = with_error_header(rt, kind, msg, stack)
        if stack:
            if prop_add(rt, err, rt.atoms[A_stack], PF_WRITABLE | PF_CONFIGURABLE, mk_string(stack)) < 0:
                decref_off(rt, stack)
                decref_off(rt, err)
                return 0
            decref_off(rt, stack)
    return err


_ERROR_NAMES = ("TypeError", "ReferenceError", "SyntaxError", "RangeError", "Error", "EvalError", "URIError")


cdef uint32_t with_error_header(Runtime* rt, int kind, uint32_t msg, uint32_t frames) noexcept:
    """V8's stack text: "Name: message" then the frame lines (consumes frames)."""
    cdef uint32_t s
    try:
        head = _ERROR_NAMES[kind]
        if msg and str_len(rt, msg):
            head += ": " + str_to_py(rt, msg)
        text = head + "\n" + str_to_py(rt, frames) if str_len(rt, frames) else head
        s = str_from_py(rt, text)
    except BaseException:
        s = 0
    decref_off(rt, frames)
    return s


cdef int throw_error(Runtime* rt, int kind, const char* msg) noexcept:
    cdef uint32_t m = str_from_py(rt, msg.decode("utf-8", "replace"))
    if m == 0:
        return throw_oom(rt)
    cdef uint32_t err = error_new(rt, kind, m)
    decref_off(rt, m)
    if err == 0:
        return throw_oom(rt)
    return throw_value(rt, mk_object(err))


cdef int throw_error_str(Runtime* rt, int kind, str msg) noexcept:
    cdef uint32_t m = str_from_py(rt, msg)
    if m == 0:
        return throw_oom(rt)
    cdef uint32_t err = error_new(rt, kind, m)
    decref_off(rt, m)
    if err == 0:
        return throw_oom(rt)
    return throw_value(rt, mk_object(err))


cdef int throw_oom(Runtime* rt) noexcept:
    """Throw RangeError('out of memory'), built in the emergency reserve."""
    cdef uint32_t saved = rt.limit
    cdef int disabled = rt.gc_disabled
    rt.limit = <uint32_t>(rt.reserved - 4096)
    rt.gc_disabled = 1
    cdef uint32_t m = str_from_py(rt, "out of memory")
    cdef uint32_t err = 0
    if m:
        err = error_new(rt, E_RANGE, m)
        decref_off(rt, m)
    rt.limit = saved
    rt.gc_disabled = disabled
    if err == 0:
        return throw_value(rt, JSNULL)
    return throw_value(rt, mk_object(err))
