# JSON (ES5.1 15.12, with the later editions' changes: well-formed stringify,
# CreateDataProperty in the reviver walk).
#
# JSON.parse reads the string's code units in place (one-byte or UTF-16) and
# builds objects and arrays directly, with an explicit stack instead of C
# recursion: nesting depth is limited only by memory.  Object keys are
# interned through a small direct-mapped cache, so the repeated keys of a
# typical document cost one hash and one compare, no allocation.
#
# JSON.stringify writes into a malloc'd buffer that stays one byte per unit
# until a unit above 0xFF has to be written (V8's one-byte strings), and
# becomes one JavaScript string at the end.  It recurses, with a depth limit
# (RangeError) well below what the C stack allows.

from libc.stdint cimport uint64_t, uint32_t, int64_t, uint16_t, uint8_t, int32_t
from libc.stdlib cimport malloc, realloc, free, strtod
from libc.string cimport memcpy, memcmp
from libc.math cimport isnan, isinf, fabs, floor

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport incref, decref, incref_off, decref_off, dup
from glassjs.engine.core.strings cimport (sptr, str_len, str_bytes, str_units, str_alloc, str_finish,
                                           str_new_onebyte, str_new_units, str_intern, num_to_cstr)
from glassjs.engine.core.objects cimport (optr, obj_new, arr_new, arr_push, prop_set_own, get_prop,
                                           get_index, own_keys, is_callable, index_key, elems_items,
                                           elems_capacity, table_entries, define_own_property,
                                           delete_property, throw_error, throw_error_str, throw_oom,
                                           PropDesc, HAS_VALUE, HAS_WRITABLE, HAS_ENUMERABLE,
                                           HAS_CONFIGURABLE, KEYS_ENUMERABLE, OF_LAZY)
from glassjs.engine.core.ops cimport to_string, to_number, to_integer, get_value
from glassjs.engine.core.natives cimport native_register


cdef enum:
    MAX_DEPTH = 4000              # stringify / reviver nesting (C recursion)
    MAX_UNITS = 0x3FFFFFFF        # longest string the engine makes (strings.pyx str_concat)
    KEY_CACHE = 256               # parse: interned-key cache entries (power of two)
    FAST_KEYS = 16                # stringify: keys snapshotted on the C stack


# =====================================================================================
# output buffer
# =====================================================================================

cdef struct Buf:
    uint8_t* data                 # bytes, or uint16_t units when wide
    uint32_t len                  # units written
    uint32_t cap                  # units of room
    bint wide


cdef int buf_reserve(Runtime* rt, Buf* b, uint64_t extra) noexcept:
    """Room for `extra` more units; -1 with RangeError/OOM pending."""
    cdef uint64_t need = <uint64_t>b.len + extra
    cdef uint64_t cap
    cdef uint8_t* nd
    if need <= b.cap:
        return 0
    if need > MAX_UNITS:
        return throw_error(rt, E_RANGE, "Invalid string length")
    cap = <uint64_t>b.cap * 2
    if cap < need:
        cap = need
    if cap < 256:
        cap = 256
    if cap > MAX_UNITS:
        cap = MAX_UNITS
    nd = <uint8_t*>realloc(b.data, cap * (2 if b.wide else 1))
    if nd == NULL:
        return throw_oom(rt)
    b.data = nd
    b.cap = <uint32_t>cap
    return 0


cdef int buf_widen(Runtime* rt, Buf* b) noexcept:
    """Switch to two bytes per unit (a unit above 0xFF is coming)."""
    cdef uint32_t cap = b.cap if b.cap >= 16 else 16, i
    cdef uint16_t* nd = <uint16_t*>malloc(2 * <size_t>cap)
    if nd == NULL:
        return throw_oom(rt)
    for i in range(b.len):
        nd[i] = b.data[i]
    free(b.data)
    b.data = <uint8_t*>nd
    b.cap = cap
    b.wide = 1
    return 0


cdef inline void put_unit(Buf* b, uint16_t c) noexcept:
    """Append one unit; the caller reserved room (and widened for c > 0xFF)."""
    if b.wide:
        (<uint16_t*>b.data)[b.len] = c
    else:
        b.data[b.len] = <uint8_t>c
    b.len += 1


cdef inline int put_ascii(Runtime* rt, Buf* b, const char* s, uint32_t n) noexcept:
    cdef uint32_t i
    if b.len + n > b.cap and buf_reserve(rt, b, n) < 0:
        return -1
    if b.wide:
        for i in range(n):
            (<uint16_t*>b.data)[b.len + i] = <uint8_t>s[i]
    else:
        memcpy(b.data + b.len, s, n)
    b.len += n
    return 0


cdef inline int put_char(Runtime* rt, Buf* b, char c) noexcept:
    if b.len >= b.cap and buf_reserve(rt, b, 1) < 0:
        return -1
    put_unit(b, <uint8_t>c)
    return 0


cdef int put_units(Runtime* rt, Buf* b, const uint16_t* u, uint32_t n) noexcept:
    """Append raw units (widening if one is above 0xFF)."""
    cdef uint32_t i
    if not b.wide:
        for i in range(n):
            if u[i] > 0xFF:
                if buf_widen(rt, b) < 0:
                    return -1
                break
    if b.len + n > b.cap and buf_reserve(rt, b, n) < 0:
        return -1
    if b.wide:
        memcpy(<uint16_t*>b.data + b.len, u, 2 * <size_t>n)
    else:
        for i in range(n):
            b.data[b.len + i] = <uint8_t>u[i]
    b.len += n
    return 0


cdef uint32_t buf_to_string(Runtime* rt, Buf* b) noexcept:
    """The buffer as a new JavaScript string (0 with OOM pending)."""
    cdef uint32_t s = str_alloc(rt, b.len, not b.wide)
    if s == 0:
        throw_oom(rt)
        return 0
    memcpy(str_bytes(rt, s), b.data, <size_t>b.len * (2 if b.wide else 1))
    str_finish(rt, s)
    return s


# --- Quote (ES2019 24.5.2.3 QuoteJSONString) ------------------------------------------

cdef const char* HEX = b"0123456789abcdef"


cdef inline uint32_t put_escape(Buf* b, uint16_t c) noexcept:
    """Write the escape of c (room for 6 units reserved)."""
    cdef char e = 0
    if c == 34:
        e = 34
    elif c == 92:
        e = 92
    elif c == 8:
        e = 98
    elif c == 9:
        e = 116
    elif c == 10:
        e = 110
    elif c == 12:
        e = 102
    elif c == 13:
        e = 114
    put_unit(b, 92)
    if e:
        put_unit(b, <uint8_t>e)
        return 2
    put_unit(b, 117)
    put_unit(b, <uint8_t>HEX[(c >> 12) & 15])
    put_unit(b, <uint8_t>HEX[(c >> 8) & 15])
    put_unit(b, <uint8_t>HEX[(c >> 4) & 15])
    put_unit(b, <uint8_t>HEX[c & 15])
    return 6


cdef int quote(Runtime* rt, Buf* b, uint32_t s) noexcept:
    """QuoteJSONString(s) appended to b."""
    cdef JSString* js = sptr(rt, s)
    cdef uint32_t n = js.length, i, j, start
    cdef const uint8_t* p
    cdef const uint16_t* w
    cdef uint16_t c
    if buf_reserve(rt, b, <uint64_t>n + 2) < 0:
        return -1
    put_unit(b, 34)
    if js.h.flags & HF_ONEBYTE:
        p = str_bytes(rt, s)
        i = 0
        while i < n:
            # a run of units that need no escape, copied in one go
            start = i
            while i < n and p[i] >= 32 and p[i] != 34 and p[i] != 92:
                i += 1
            if i > start:
                if b.len + (i - start) + 7 > b.cap and buf_reserve(rt, b, (i - start) + 7) < 0:
                    return -1
                if b.wide:
                    for j in range(start, i):
                        (<uint16_t*>b.data)[b.len + j - start] = p[j]
                else:
                    memcpy(b.data + b.len, p + start, i - start)
                b.len += i - start
            if i < n:
                if b.len + 7 > b.cap and buf_reserve(rt, b, 7 + (n - i)) < 0:
                    return -1
                put_escape(b, p[i])
                i += 1
    else:
        w = str_units(rt, s)
        for i in range(n):
            if b.len + 7 > b.cap and buf_reserve(rt, b, 7 + (n - i)) < 0:
                return -1
            c = w[i]
            if c >= 0xD800 and c <= 0xDFFF:
                # a surrogate: raw only as part of a well-formed pair
                if c <= 0xDBFF and i + 1 < n and 0xDC00 <= w[i + 1] <= 0xDFFF:
                    pass
                elif c >= 0xDC00 and i > 0 and 0xD800 <= w[i - 1] <= 0xDBFF:
                    pass
                else:
                    put_escape(b, c)
                    continue
            if c < 32 or c == 34 or c == 92:
                put_escape(b, c)
            else:
                if c > 0xFF and not b.wide and buf_widen(rt, b) < 0:
                    return -1
                put_unit(b, c)
    if b.len >= b.cap and buf_reserve(rt, b, 1) < 0:
        return -1
    put_unit(b, 34)
    return 0


cdef int put_number(Runtime* rt, Buf* b, double d) noexcept:
    cdef char buf[40]
    cdef int n
    cdef int64_t iv
    cdef uint64_t u
    cdef int k
    if isnan(d) or isinf(d):
        return put_ascii(rt, b, "null", 4)
    if d == floor(d) and fabs(d) < 1e15:
        # integers: no snprintf (the common case in JSON)
        iv = <int64_t>d
        u = <uint64_t>(-iv if iv < 0 else iv)
        k = 39
        buf[k] = 0
        while True:
            k -= 1
            buf[k] = <char>(48 + u % 10)
            u //= 10
            if u == 0:
                break
        if iv < 0:
            k -= 1
            buf[k] = 45
        return put_ascii(rt, b, buf + k, 39 - k)
    n = num_to_cstr(d, buf)
    return put_ascii(rt, b, buf, n)


# =====================================================================================
# JSON.stringify
# =====================================================================================

cdef struct Ser:
    Runtime* rt
    Buf out
    JSVal replacer                # callable or UNDEFINED (borrowed from the arguments)
    uint32_t* plist               # property list (interned keys, owned) or NULL
    uint32_t nplist
    uint16_t gap[10]
    uint32_t gaplen
    uint32_t* stack               # objects being serialised (borrowed)
    uint32_t depth
    uint32_t stack_cap
    uint32_t wrapper              # the {"": value} holder (owned) or 0
    uint32_t space_str            # ToString(String object space) (owned) or 0


cdef int put_indent(Ser* st) noexcept:
    cdef Runtime* rt = st.rt
    cdef uint32_t i
    if put_char(rt, &st.out, 10) < 0:
        return -1
    for i in range(st.depth):
        if put_units(rt, &st.out, st.gap, st.gaplen) < 0:
            return -1
    return 0


cdef int ser_push(Ser* st, uint32_t obj) noexcept:
    """Cycle check and enter obj."""
    cdef uint32_t i
    cdef uint32_t* ns
    for i in range(st.depth):
        if st.stack[i] == obj:
            return throw_error(st.rt, E_TYPE, "Converting circular structure to JSON")
    if st.depth >= MAX_DEPTH:
        return throw_error(st.rt, E_RANGE, "Maximum call stack size exceeded")
    if st.depth >= st.stack_cap:
        ns = <uint32_t*>realloc(st.stack, 4 * <size_t>(st.stack_cap * 2 + 16))
        if ns == NULL:
            return throw_oom(st.rt)
        st.stack = ns
        st.stack_cap = st.stack_cap * 2 + 16
    st.stack[st.depth] = obj
    st.depth += 1
    return 0


cdef int call_with_key(Ser* st, JSVal f, JSVal this, uint32_t key, uint32_t index, JSVal* value) noexcept:
    """value = f.call(this, keystring, value): value is owned and replaced."""
    cdef Runtime* rt = st.rt
    cdef JSVal args[2]
    cdef JSVal r
    cdef uint32_t k = key
    cdef int rc
    if k == 0:
        k = index_key(rt, index)
        if k == 0:
            return throw_oom(rt)
    else:
        incref_off(rt, k)
    args[0] = mk_string(k)
    args[1] = value[0]
    rc = rt.call(rt, f, this, 2, args, &r)
    decref_off(rt, k)
    if rc < 0:
        return -1
    decref(rt, value[0])
    value[0] = r
    return 0


cdef int ser_value(Ser* st, JSVal holder, uint32_t key, uint32_t index, JSVal value) noexcept:
    """SerializeJSONProperty with the value already read (owned, consumed).

    key: the property's string, or 0 for the array index `index`.
    1 = wrote something, 0 = undefined (nothing written), -1 = exception.
    """
    cdef Runtime* rt = st.rt
    cdef JSVal f, prim
    cdef uint32_t o, s
    cdef uint16_t cls
    cdef double d
    cdef int r
    # toJSON
    if is_object(value) or is_lightfunc(value):
        if is_object(value):
            r = get_prop(rt, ref_of(value), rt.atoms[A_toJSON], value, &f)
        else:
            r = get_value(rt, value, rt.atoms[A_toJSON], &f)
        if r < 0:
            decref(rt, value)
            return -1
        if is_callable(rt, f):
            r = call_with_key(st, f, value, key, index, &value)
            decref(rt, f)
            if r < 0:
                decref(rt, value)
                return -1
        else:
            decref(rt, f)
    if st.replacer != UNDEFINED:
        if call_with_key(st, st.replacer, holder, key, index, &value) < 0:
            decref(rt, value)
            return -1
    # unwrap boxed primitives
    if is_object(value):
        cls = optr(rt, ref_of(value)).h.aux
        if cls == CLASS_NUMBER:
            r = to_number(rt, value, &d)
            decref(rt, value)
            if r < 0:
                return -1
            value = mk_number(d)
        elif cls == CLASS_STRING:
            s = to_string(rt, value)
            decref(rt, value)
            if s == 0:
                return -1
            value = mk_string(s)
        elif cls == CLASS_BOOLEAN:
            prim = (<JSWrapper*>optr(rt, ref_of(value))).value
            decref(rt, value)
            value = prim
    if is_number(value):
        return -1 if put_number(rt, &st.out, num_of(value)) < 0 else 1
    if is_string(value):
        r = quote(rt, &st.out, ref_of(value))
        decref(rt, value)
        return -1 if r < 0 else 1
    if value == JSNULL:
        return -1 if put_ascii(rt, &st.out, "null", 4) < 0 else 1
    if value == JSTRUE:
        return -1 if put_ascii(rt, &st.out, "true", 4) < 0 else 1
    if value == JSFALSE:
        return -1 if put_ascii(rt, &st.out, "false", 5) < 0 else 1
    if is_object(value) and not (optr(rt, ref_of(value)).oflags & OF_CALLABLE):
        o = ref_of(value)
        if optr(rt, o).h.aux == CLASS_ARRAY:
            r = ser_array(st, o)
        else:
            r = ser_object(st, o)
        decref(rt, value)
        return -1 if r < 0 else 1
    decref(rt, value)          # undefined, functions
    return 0


cdef int ser_array(Ser* st, uint32_t arr) noexcept:
    cdef Runtime* rt = st.rt
    cdef uint32_t n, i
    cdef JSObject* o
    cdef JSVal v
    cdef int r
    if ser_push(st, arr) < 0:
        return -1
    n = optr(rt, arr).length          # LengthOfArrayLike, read once
    if put_char(rt, &st.out, 91) < 0:
        return -1
    for i in range(n):
        if i and put_char(rt, &st.out, 44) < 0:
            return -1
        if st.gaplen and put_indent(st) < 0:
            return -1
        o = optr(rt, arr)
        if o.elems and not (o.oflags & OF_SPARSE) and i < o.length and i < elems_capacity(rt, o.elems) \
                and elems_items(rt, o.elems)[i] != EMPTY:
            v = dup(rt, elems_items(rt, o.elems)[i])
        elif get_index(rt, arr, i, &v) < 0:
            return -1
        r = ser_value(st, mk_object(arr), 0, i, v)
        if r < 0:
            return -1
        if r == 0 and put_ascii(rt, &st.out, "null", 4) < 0:
            return -1
    st.depth -= 1
    if n and st.gaplen and put_indent(st) < 0:
        return -1
    return put_char(rt, &st.out, 93)


cdef int ser_member(Ser* st, uint32_t obj, uint32_t key, JSVal v, bint* any) noexcept:
    """One `"key":value` of an object; v owned, consumed.  Rolls back if undefined."""
    cdef Runtime* rt = st.rt
    cdef uint32_t mark = st.out.len
    cdef int r
    if any[0] and put_char(rt, &st.out, 44) < 0:
        decref(rt, v)
        return -1
    if st.gaplen and put_indent(st) < 0:
        decref(rt, v)
        return -1
    if quote(rt, &st.out, key) < 0 or put_char(rt, &st.out, 58) < 0 \
            or (st.gaplen and put_char(rt, &st.out, 32) < 0):
        decref(rt, v)
        return -1
    r = ser_value(st, mk_object(obj), key, 0, v)
    if r < 0:
        return -1
    if r == 0:
        st.out.len = mark
    else:
        any[0] = 1
    return 0


cdef int ser_object(Ser* st, uint32_t obj) noexcept:
    cdef Runtime* rt = st.rt
    cdef JSObject* o
    cdef PropTable* t
    cdef PropEntry* e
    cdef uint32_t i, n, key, karr = 0
    cdef uint32_t small_keys[FAST_KEYS]
    cdef uint32_t small_pos[FAST_KEYS]
    cdef uint32_t* keys = NULL
    cdef uint32_t* pos = NULL
    cdef JSVal v
    cdef bint any = 0, fast = 0
    cdef int r = 0
    if ser_push(st, obj) < 0:
        return -1
    if put_char(rt, &st.out, 123) < 0:
        return -1
    o = optr(rt, obj)
    if st.plist != NULL:
        for i in range(st.nplist):
            if get_prop(rt, obj, st.plist[i], mk_object(obj), &v) < 0 \
                    or ser_member(st, obj, st.plist[i], v, &any) < 0:
                return -1
    else:
        # fast path: an ordinary object whose keys are all in its property
        # table, none an array index: snapshot the enumerable keys (and
        # where they sit), then read each value where it was unless
        # something moved it (a toJSON or getter may have)
        if o.elems == 0 and not (o.oflags & OF_LAZY) and o.h.aux != CLASS_STRING \
                and o.h.aux != CLASS_ARGUMENTS and o.h.aux != CLASS_ARRAY:
            fast = 1
            n = 0
            if o.props:
                t = <PropTable*>(rt.base + o.props)
                e = table_entries(t)
                n = t.live
                keys = small_keys
                pos = small_pos
                if n > FAST_KEYS:
                    keys = <uint32_t*>malloc(8 * <size_t>n)
                    if keys == NULL:
                        return throw_oom(rt)
                    pos = keys + n
                n = 0
                for i in range(t.used):
                    key = e[i].key
                    if key == 0 or not (e[i].flags & PF_ENUMERABLE):
                        continue
                    if sptr(rt, key).h.flags & HF_ARRAYIDX:
                        fast = 0
                        break
                    keys[n] = key
                    pos[n] = i
                    n += 1
            if fast:
                for i in range(n):
                    incref_off(rt, keys[i])
                for i in range(n):
                    key = keys[i]
                    o = optr(rt, obj)
                    v = UNDEFINED
                    if o.props:
                        t = <PropTable*>(rt.base + o.props)
                        e = table_entries(t)
                        if pos[i] < t.used and e[pos[i]].key == key and not (e[pos[i]].flags & PF_ACCESSOR):
                            v = dup(rt, e[pos[i]].value)
                            r = 0
                        else:
                            r = get_prop(rt, obj, key, mk_object(obj), &v)
                    else:
                        r = get_prop(rt, obj, key, mk_object(obj), &v)
                    if r < 0 or ser_member(st, obj, key, v, &any) < 0:
                        r = -1
                        break
                for i in range(n):
                    decref_off(rt, keys[i])
            if keys != NULL and keys != small_keys:
                free(keys)
            if r < 0:
                return -1
        if not fast:
            karr = own_keys(rt, obj, KEYS_ENUMERABLE)
            if karr == 0:
                return -1
            n = optr(rt, karr).length
            for i in range(n):
                key = ref_of(elems_items(rt, optr(rt, karr).elems)[i])
                if get_prop(rt, obj, key, mk_object(obj), &v) < 0 or ser_member(st, obj, key, v, &any) < 0:
                    decref_off(rt, karr)
                    return -1
            decref_off(rt, karr)
    st.depth -= 1
    if any and st.gaplen and put_indent(st) < 0:
        return -1
    return put_char(rt, &st.out, 125)


cdef int plist_add(Runtime* rt, Ser* st, uint32_t s) noexcept:
    """Append string s (owned, consumed) to the property list unless present."""
    cdef uint32_t k = str_intern(rt, s), i
    cdef uint32_t* nl
    if k == 0:
        return throw_oom(rt)
    for i in range(st.nplist):
        if st.plist[i] == k:
            decref_off(rt, k)
            return 0
    nl = <uint32_t*>realloc(st.plist, 4 * <size_t>(st.nplist + 1))
    if nl == NULL:
        decref_off(rt, k)
        return throw_oom(rt)
    st.plist = nl
    st.plist[st.nplist] = k
    st.nplist += 1
    return 0


cdef int build_property_list(Runtime* rt, Ser* st, uint32_t arr) noexcept:
    cdef uint32_t n = optr(rt, arr).length, i, s
    cdef JSVal v
    cdef uint16_t cls
    st.plist = <uint32_t*>malloc(4)      # non-NULL even when empty
    if st.plist == NULL:
        return throw_oom(rt)
    for i in range(n):
        if get_index(rt, arr, i, &v) < 0:
            return -1
        s = 0
        if is_string(v):
            s = ref_of(v)                     # the reference moves to s
            v = UNDEFINED
        elif is_number(v):
            s = to_string(rt, v)
            if s == 0:
                return -1
        elif is_object(v):
            cls = optr(rt, ref_of(v)).h.aux
            if cls == CLASS_STRING or cls == CLASS_NUMBER:
                s = to_string(rt, v)
                if s == 0:
                    decref(rt, v)
                    return -1
        decref(rt, v)
        if s and plist_add(rt, st, s) < 0:
            return -1
    return 0


cdef int stringify_body(Runtime* rt, Ser* st, JSVal value, JSVal replacer, JSVal space, JSVal* ret) noexcept:
    cdef double d
    cdef uint32_t s, i, n
    cdef uint16_t cls
    cdef int r
    cdef JSVal holder = UNDEFINED
    # replacer: a function, or an array naming the properties to keep
    if is_callable(rt, replacer):
        st.replacer = replacer
    elif is_object(replacer) and optr(rt, ref_of(replacer)).h.aux == CLASS_ARRAY:
        if build_property_list(rt, st, ref_of(replacer)) < 0:
            return -1
    # space: Number/String objects unwrapped, then up to 10 units of indent
    if is_object(space):
        cls = optr(rt, ref_of(space)).h.aux
        if cls == CLASS_NUMBER:
            if to_number(rt, space, &d) < 0:
                return -1
            space = mk_number(d)
        elif cls == CLASS_STRING:
            s = to_string(rt, space)
            if s == 0:
                return -1
            st.space_str = s              # released by the caller
            space = mk_string(s)
    if is_number(space):
        d = to_integer(num_of(space))
        n = 10 if d > 10 else (<uint32_t>d if d >= 1 else 0)
        for i in range(n):
            st.gap[i] = 32
        st.gaplen = n
    elif is_string(space):
        n = str_len(rt, ref_of(space))
        if n > 10:
            n = 10
        for i in range(n):
            if sptr(rt, ref_of(space)).h.flags & HF_ONEBYTE:
                st.gap[i] = str_bytes(rt, ref_of(space))[i]
            else:
                st.gap[i] = str_units(rt, ref_of(space))[i]
        st.gaplen = n
    # the holder {"": value} is only observable by a replacer function
    if st.replacer != UNDEFINED:
        st.wrapper = obj_new(rt)
        if st.wrapper == 0:
            return throw_oom(rt)
        if prop_set_own(rt, st.wrapper, rt.atoms[A_EMPTY], PF_DEFAULT, value) < 0:
            return -1
        holder = mk_object(st.wrapper)
    r = ser_value(st, holder, rt.atoms[A_EMPTY], 0, dup(rt, value))
    if r < 0:
        return -1
    if r == 0:
        ret[0] = UNDEFINED
        return 0
    s = buf_to_string(rt, &st.out)
    if s == 0:
        return -1
    ret[0] = mk_string(s)
    return 0


cdef int json_stringify(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef Ser st
    cdef uint32_t i
    cdef int r
    st.rt = rt
    st.out.data = NULL
    st.out.len = 0
    st.out.cap = 0
    st.out.wide = 0
    st.replacer = UNDEFINED
    st.plist = NULL
    st.nplist = 0
    st.gaplen = 0
    st.stack = NULL
    st.depth = 0
    st.stack_cap = 0
    st.wrapper = 0
    st.space_str = 0
    r = stringify_body(rt, &st, argv[0] if argc > 0 else UNDEFINED, argv[1] if argc > 1 else UNDEFINED,
                       argv[2] if argc > 2 else UNDEFINED, ret)
    if st.wrapper:
        decref_off(rt, st.wrapper)
    if st.space_str:
        decref_off(rt, st.space_str)
    free(st.out.data)
    free(st.stack)
    if st.plist != NULL:
        for i in range(st.nplist):
            decref_off(rt, st.plist[i])
        free(st.plist)
    return r


# =====================================================================================
# JSON.parse
# =====================================================================================

cdef struct PFrame:               # an object or array being filled
    uint32_t container            # owned
    uint32_t key                  # objects: the pending member's key (owned) or 0
    bint is_array


cdef struct Parser:
    Runtime* rt
    const uint8_t* b              # one-byte text, or NULL
    const uint16_t* w             # UTF-16 text, or NULL
    uint32_t pos
    uint32_t n
    uint16_t* tmp                 # decoded string with escapes
    uint32_t tmpcap
    PFrame* frames
    uint32_t nframes
    uint32_t frames_cap
    uint32_t cache[KEY_CACHE]     # interned keys (owned) by hash


cdef inline uint16_t at(Parser* p, uint32_t i) noexcept:
    return p.b[i] if p.b != NULL else p.w[i]


cdef inline void skip_ws(Parser* p) noexcept:
    cdef uint16_t c
    while p.pos < p.n:
        c = at(p, p.pos)
        if c == 32 or c == 10 or c == 13 or c == 9:
            p.pos += 1
        else:
            break


cdef int syntax_error(Parser* p, str what) noexcept:
    """SyntaxError naming the position (and the unit found there)."""
    cdef uint16_t c
    if p.pos >= p.n:
        return throw_error_str(p.rt, E_SYNTAX, "Unexpected end of JSON input")
    c = at(p, p.pos)
    if what:
        return throw_error_str(p.rt, E_SYNTAX, "%s%s at position %d"
                               % (what, "" if what.endswith("JSON") else " in JSON", p.pos))
    return throw_error_str(p.rt, E_SYNTAX, "Unexpected token '%s' in JSON at position %d"
                           % (chr(c) if c < 0xD800 or c > 0xDFFF else "\\u%04x" % c, p.pos))


cdef int tmp_put(Parser* p, uint32_t len, uint16_t c) noexcept:
    cdef uint16_t* nt
    cdef uint32_t cap
    if len >= p.tmpcap:
        cap = p.tmpcap * 2 if p.tmpcap else 64
        nt = <uint16_t*>realloc(p.tmp, 2 * <size_t>cap)
        if nt == NULL:
            return throw_oom(p.rt)
        p.tmp = nt
        p.tmpcap = cap
    p.tmp[len] = c
    return 0


cdef inline int hexval(uint16_t c) noexcept:
    if 48 <= c <= 57:
        return c - 48
    c |= 0x20
    if 97 <= c <= 102:
        return c - 87
    return -1


cdef bint cached_key_matches(Parser* p, uint32_t k, uint32_t start, uint32_t len) noexcept:
    cdef Runtime* rt = p.rt
    cdef JSString* s = sptr(rt, k)
    cdef const uint8_t* kb
    cdef uint32_t i
    if s.length != len:
        return 0
    if not (s.h.flags & HF_ONEBYTE):
        if p.b != NULL:
            return 0            # a two-byte string has a unit > 0xFF
        return memcmp(str_units(rt, k), p.w + start, 2 * <size_t>len) == 0
    kb = str_bytes(rt, k)
    if p.b != NULL:
        return memcmp(kb, p.b + start, len) == 0
    for i in range(len):
        if p.w[start + i] != kb[i]:
            return 0
    return 1


cdef uint32_t parse_string(Parser* p, bint as_key) noexcept:
    """At the opening quote: a new string (interned for keys), or 0 with an exception."""
    cdef Runtime* rt = p.rt
    cdef uint32_t start = p.pos + 1, i = start, n = p.n, len, s, slot = 0
    cdef uint32_t h = 2166136261U
    cdef uint16_t c = 0
    cdef int d0, d1, d2, d3
    # fast scan: no escapes
    if p.b != NULL:
        while i < n:
            c = p.b[i]
            if c == 34 or c == 92 or c < 32:
                break
            h = (h ^ c) * 16777619U
            i += 1
    else:
        while i < n:
            c = p.w[i]
            if c == 34 or c == 92 or c < 32:
                break
            h = (h ^ c) * 16777619U
            i += 1
    if i < n and c == 34:
        len = i - start
        p.pos = i + 1
        if as_key:
            slot = h & (KEY_CACHE - 1)
            s = p.cache[slot]
            if s and cached_key_matches(p, s, start, len):
                incref_off(rt, s)
                return s
        if p.b != NULL:
            s = str_new_onebyte(rt, p.b + start, len)
        else:
            s = str_new_units(rt, p.w + start, len)
        if s == 0:
            throw_oom(rt)
            return 0
        if as_key:
            s = str_intern(rt, s)
            if s == 0:
                throw_oom(rt)
                return 0
            if p.cache[slot]:
                decref_off(rt, p.cache[slot])
            p.cache[slot] = s
            incref_off(rt, s)
        return s
    # slow path: decode escapes into tmp
    len = 0
    for s in range(start, i):
        if tmp_put(p, len, at(p, s)) < 0:
            return 0
        len += 1
    while True:
        if i >= n:
            p.pos = n
            throw_error_str(rt, E_SYNTAX, "Unterminated string in JSON at position %d" % n)
            return 0
        c = at(p, i)
        if c == 34:
            break
        if c < 32:
            p.pos = i
            syntax_error(p, "Bad control character in string literal")
            return 0
        if c == 92:
            i += 1
            if i >= n:
                p.pos = n
                throw_error_str(rt, E_SYNTAX, "Unterminated string in JSON at position %d" % n)
                return 0
            c = at(p, i)
            if c == 34 or c == 92 or c == 47:
                pass
            elif c == 98:
                c = 8
            elif c == 102:
                c = 12
            elif c == 110:
                c = 10
            elif c == 114:
                c = 13
            elif c == 116:
                c = 9
            elif c == 117:
                for d0 in range(1, 5):
                    if i + d0 >= n:
                        p.pos = n
                        throw_error_str(rt, E_SYNTAX, "Unterminated string in JSON at position %d" % n)
                        return 0
                    if hexval(at(p, i + d0)) < 0:
                        p.pos = i + d0
                        syntax_error(p, "Bad Unicode escape")
                        return 0
                d0 = hexval(at(p, i + 1))
                d1 = hexval(at(p, i + 2))
                d2 = hexval(at(p, i + 3))
                d3 = hexval(at(p, i + 4))
                if d0 < 0 or d1 < 0 or d2 < 0 or d3 < 0:
                    p.pos = i - 1
                    syntax_error(p, "Bad Unicode escape")
                    return 0
                c = <uint16_t>((d0 << 12) | (d1 << 8) | (d2 << 4) | d3)
                i += 4
            else:
                p.pos = i
                syntax_error(p, "Bad escaped character")
                return 0
        if tmp_put(p, len, c) < 0:
            return 0
        len += 1
        i += 1
    p.pos = i + 1
    s = str_new_units(rt, p.tmp, len)
    if s == 0:
        throw_oom(rt)
        return 0
    if as_key:
        s = str_intern(rt, s)
        if s == 0:
            throw_oom(rt)
    return s


cdef int parse_number(Parser* p, JSVal* out) noexcept:
    """-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?"""
    cdef uint32_t start = p.pos, i = p.pos, n = p.n, ndig = 0, k
    cdef bint neg = 0, simple = 1
    cdef uint16_t c
    cdef int64_t iv = 0
    cdef char small[64]
    cdef char* buf
    cdef double d
    if at(p, i) == 45:
        neg = 1
        i += 1
    if i >= n or not (48 <= at(p, i) <= 57):
        p.pos = i
        if i >= n:
            return syntax_error(p, "")
        return syntax_error(p, "No number after minus sign")
    if at(p, i) == 48:
        i += 1
        ndig = 1
    else:
        while i < n and 48 <= at(p, i) <= 57:
            iv = iv * 10 + (at(p, i) - 48) if ndig < 18 else iv
            ndig += 1
            i += 1
    if i < n and at(p, i) == 46:
        simple = 0
        i += 1
        if i >= n or not (48 <= at(p, i) <= 57):
            p.pos = i
            if i >= n:
                return syntax_error(p, "")
            return syntax_error(p, "Unterminated fractional number")
        while i < n and 48 <= at(p, i) <= 57:
            i += 1
    if i < n and (at(p, i) | 0x20) == 101:
        simple = 0
        i += 1
        if i < n and (at(p, i) == 43 or at(p, i) == 45):
            i += 1
        if i >= n or not (48 <= at(p, i) <= 57):
            p.pos = i
            if i >= n:
                return syntax_error(p, "")
            return syntax_error(p, "Exponent part is missing a number")
        while i < n and 48 <= at(p, i) <= 57:
            i += 1
    p.pos = i
    if simple and ndig <= 15:
        d = <double>iv
        out[0] = mk_number(-d if neg else d)
        return 0
    k = i - start
    buf = small
    if k >= 64:
        buf = <char*>malloc(k + 1)
        if buf == NULL:
            return throw_oom(p.rt)
    for i in range(k):
        buf[i] = <char>at(p, start + i)
    buf[k] = 0
    d = strtod(buf, NULL)
    if buf != small:
        free(buf)
    out[0] = mk_number(d)
    return 0


cdef int parse_literal(Parser* p, const char* word, uint32_t len, JSVal v, JSVal* out) noexcept:
    cdef uint32_t i
    for i in range(len):
        if p.pos + i >= p.n or at(p, p.pos + i) != <uint8_t>word[i]:
            p.pos += i
            return syntax_error(p, "")
    p.pos += len
    out[0] = v
    return 0


cdef int push_frame(Parser* p, uint32_t container, bint is_array) noexcept:
    cdef PFrame* nf
    if p.nframes >= p.frames_cap:
        nf = <PFrame*>realloc(p.frames, sizeof(PFrame) * (p.frames_cap * 2 + 16))
        if nf == NULL:
            decref_off(p.rt, container)
            return throw_oom(p.rt)
        p.frames = nf
        p.frames_cap = p.frames_cap * 2 + 16
    p.frames[p.nframes].container = container
    p.frames[p.nframes].key = 0
    p.frames[p.nframes].is_array = is_array
    p.nframes += 1
    return 0


cdef uint32_t parse_member_key(Parser* p) noexcept:
    """At '"' of a member name (after whitespace): key, ':' and the whitespace after."""
    cdef uint32_t key
    if p.pos >= p.n or at(p, p.pos) != 34:
        syntax_error(p, "" if p.pos >= p.n else "Expected property name or '}'")
        return 0
    key = parse_string(p, 1)
    if key == 0:
        return 0
    skip_ws(p)
    if p.pos >= p.n or at(p, p.pos) != 58:
        decref_off(p.rt, key)
        syntax_error(p, "" if p.pos >= p.n else "Expected ':' after property name")
        return 0
    p.pos += 1
    return key


cdef int parse_text(Parser* p, JSVal* result) noexcept:
    """The whole text; result receives a new reference."""
    cdef Runtime* rt = p.rt
    cdef JSVal value = UNDEFINED
    cdef uint16_t c
    cdef uint32_t o, s
    cdef PFrame* top
    while True:
        # --- a value starts here ---
        skip_ws(p)
        if p.pos >= p.n:
            return syntax_error(p, "")
        c = at(p, p.pos)
        if c == 123:             # {
            p.pos += 1
            o = obj_new(rt)
            if o == 0:
                return throw_oom(rt)
            skip_ws(p)
            if p.pos < p.n and at(p, p.pos) == 125:
                p.pos += 1
                value = mk_object(o)
            else:
                if push_frame(p, o, 0) < 0:
                    return -1
                s = parse_member_key(p)
                if s == 0:
                    return -1
                p.frames[p.nframes - 1].key = s
                continue
        elif c == 91:            # [
            p.pos += 1
            o = arr_new(rt, 0)
            if o == 0:
                return throw_oom(rt)
            skip_ws(p)
            if p.pos < p.n and at(p, p.pos) == 93:
                p.pos += 1
                value = mk_object(o)
            else:
                if push_frame(p, o, 1) < 0:
                    return -1
                continue
        elif c == 34:
            s = parse_string(p, 0)
            if s == 0:
                return -1
            value = mk_string(s)
        elif c == 45 or 48 <= c <= 57:
            if parse_number(p, &value) < 0:
                return -1
        elif c == 116:
            if parse_literal(p, "true", 4, JSTRUE, &value) < 0:
                return -1
        elif c == 102:
            if parse_literal(p, "false", 5, JSFALSE, &value) < 0:
                return -1
        elif c == 110:
            if parse_literal(p, "null", 4, JSNULL, &value) < 0:
                return -1
        else:
            return syntax_error(p, "")
        # --- a value is complete: store it in its container, then look for ',' or the end ---
        while True:
            if p.nframes == 0:
                skip_ws(p)
                if p.pos < p.n:
                    decref(rt, value)
                    return syntax_error(p, "Unexpected non-whitespace character after JSON")
                result[0] = value
                return 0
            top = &p.frames[p.nframes - 1]
            if top.is_array:
                if arr_push(rt, top.container, value) < 0:
                    decref(rt, value)
                    return -1
            else:
                if prop_set_own(rt, top.container, top.key, PF_DEFAULT, value) < 0:
                    decref(rt, value)
                    return -1
                decref_off(rt, top.key)
                top.key = 0
            decref(rt, value)
            value = UNDEFINED
            skip_ws(p)
            if p.pos >= p.n:
                return syntax_error(p, "")
            c = at(p, p.pos)
            if c == 44:          # ,
                p.pos += 1
                if not top.is_array:
                    skip_ws(p)
                    s = parse_member_key(p)
                    if s == 0:
                        return -1
                    top.key = s
                break            # parse the next value
            if c == (93 if top.is_array else 125):
                p.pos += 1
                value = mk_object(top.container)      # the frame's reference moves to value
                p.nframes -= 1
                continue
            return syntax_error(p, "Expected ',' or ']' after array element" if top.is_array
                                else "Expected ',' or '}' after property value")


cdef int internalize(Runtime* rt, JSVal reviver, uint32_t holder, uint32_t name, int depth, JSVal* out) noexcept:
    """InternalizeJSONProperty (ES2023 25.5.1.1); out receives a new reference."""
    cdef JSVal val, el
    cdef JSVal args[2]
    cdef uint32_t o, n, i, key, karr = 0
    cdef PropDesc d
    cdef int r
    if depth > MAX_DEPTH:
        return throw_error(rt, E_RANGE, "Maximum call stack size exceeded")
    if get_prop(rt, holder, name, mk_object(holder), &val) < 0:
        return -1
    if is_object(val):
        o = ref_of(val)
        if optr(rt, o).h.aux == CLASS_ARRAY:
            n = optr(rt, o).length
        else:
            karr = own_keys(rt, o, KEYS_ENUMERABLE)
            if karr == 0:
                decref(rt, val)
                return -1
            n = optr(rt, karr).length
        for i in range(n):
            if karr:
                key = ref_of(elems_items(rt, optr(rt, karr).elems)[i])
                incref_off(rt, key)
            else:
                key = index_key(rt, i)
                if key == 0:
                    decref(rt, val)
                    return throw_oom(rt)
            r = internalize(rt, reviver, o, key, depth + 1, &el)
            if r == 0:
                if el == UNDEFINED:
                    r = delete_property(rt, o, key, 0)
                else:
                    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
                    d.flags = PF_DEFAULT
                    d.value = el
                    d.getter = UNDEFINED
                    d.setter = UNDEFINED
                    r = define_own_property(rt, o, key, &d, 0)
                    decref(rt, el)
            decref_off(rt, key)
            if r < 0:
                if karr:
                    decref_off(rt, karr)
                decref(rt, val)
                return -1
        if karr:
            decref_off(rt, karr)
    args[0] = mk_string(name)
    args[1] = val
    r = rt.call(rt, reviver, mk_object(holder), 2, args, out)
    decref(rt, val)
    return r


cdef int json_parse(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal reviver = argv[1] if argc > 1 else UNDEFINED
    cdef uint32_t text = to_string(rt, argv[0] if argc > 0 else UNDEFINED)
    cdef Parser p
    cdef JSVal result = UNDEFINED
    cdef int r
    cdef uint32_t i, root
    if text == 0:
        return -1
    p.rt = rt
    p.b = NULL
    p.w = NULL
    if sptr(rt, text).h.flags & HF_ONEBYTE:
        p.b = str_bytes(rt, text)
    else:
        p.w = str_units(rt, text)
    p.pos = 0
    p.n = str_len(rt, text)
    p.tmp = NULL
    p.tmpcap = 0
    p.frames = NULL
    p.nframes = 0
    p.frames_cap = 0
    for i in range(KEY_CACHE):
        p.cache[i] = 0
    r = parse_text(&p, &result)
    # release what the parser still holds (all of it on error)
    for i in range(p.nframes):
        if p.frames[i].key:
            decref_off(rt, p.frames[i].key)
        decref_off(rt, p.frames[i].container)
    for i in range(KEY_CACHE):
        if p.cache[i]:
            decref_off(rt, p.cache[i])
    free(p.frames)
    free(p.tmp)
    decref_off(rt, text)
    if r < 0:
        return -1
    if is_callable(rt, reviver):
        root = obj_new(rt)
        if root == 0:
            decref(rt, result)
            return throw_oom(rt)
        r = prop_set_own(rt, root, rt.atoms[A_EMPTY], PF_DEFAULT, result)
        decref(rt, result)
        if r == 0:
            r = internalize(rt, reviver, root, rt.atoms[A_EMPTY], 0, ret)
        decref_off(rt, root)
        return r
    ret[0] = result
    return 0


DEFS = [
    ("object", "JSON", "Object.prototype", CLASS_JSON),
    ("method", "JSON", "parse", native_register(json_parse, "parse", 2, 2, 0)),
    ("method", "JSON", "stringify", native_register(json_stringify, "stringify", 3, 3, 0)),
]
