# String (ES5.1 15.5, plus the ES2015+ methods engines ship today).
#
# Every method works on the string block directly: one-byte (Latin-1) strings
# take memchr/memcmp/table paths, two-byte strings a unit loop.  Python is
# used only off the normal paths: case mapping of non-Latin-1 text,
# normalize(), localeCompare of non-Latin-1 text, error messages.
#
# match/replace/search/split with a RegExp argument talk to the regexp only
# through its `exec` method and its `global`, `unicode`, `flags`, `source` and
# `lastIndex` properties (the protocol of ES2015's RegExp.prototype[@@match],
# [@@replace], [@@search], [@@split]), so they work with any RegExp module.

from libc.stdint cimport uint64_t, uint32_t, int32_t, int64_t, uint16_t, uint8_t
from libc.string cimport memcpy, memcmp, memchr, memset
from libc.stdlib cimport malloc, realloc, free
from libc.math cimport isnan, isinf, floor, INFINITY, NAN

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup, incref, decref, incref_off, decref_off, hdr
from glassjs.engine.core.strings cimport (str_from_unit, str_alloc, str_finish, str_new_onebyte, str_new_units, str_len,
                                           str_at, str_bytes, str_units, sptr, str_substring, str_to_py,
                                           str_from_py, intern_ascii, str_intern, is_js_whitespace)
from glassjs.engine.core.objects cimport (optr, obj_alloc, arr_new, arr_push, prop_set_own, get_index,
                                           is_callable, throw_error, throw_error_str, throw_oom)
from glassjs.engine.core.ops cimport (to_string, to_number, to_integer, to_uint32, to_object, to_boolean,
                                       to_property_key, get_value, put_value, op_strict_eq)
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT, vm_call, vm_construct

import unicodedata

cdef enum:
    MAX_STRING_LENGTH = 0x3FFFFFFF      # str_concat's limit
    VARARGS = 15

cdef double MAX_SAFE = 9007199254740991.0


# --- small helpers -------------------------------------------------------------------

cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef inline bint is_onebyte(Runtime* rt, uint32_t s) noexcept:
    return (sptr(rt, s).h.flags & HF_ONEBYTE) != 0


cdef uint32_t this_str(Runtime* rt, JSVal this, const char* method) noexcept:
    """RequireObjectCoercible(this) + ToString: a new reference or 0."""
    if is_string(this):
        incref_off(rt, ref_of(this))
        return ref_of(this)
    if is_nullish(this):
        throw_error_str(rt, E_TYPE, "String.prototype.%s called on null or undefined"
                        % (<bytes>method).decode())
        return 0
    return to_string(rt, this)


cdef inline const char* pick(int i, const char* a, const char* b, const char* c=NULL, const char* d=NULL) noexcept:
    return a if i == 0 else (b if i == 1 else (c if i == 2 else d))


cdef int arg_integer(Runtime* rt, JSVal v, double* out) noexcept:
    """ToIntegerOrInfinity."""
    cdef double d
    if is_number(v):
        out[0] = to_integer(num_of(v))
        return 0
    if to_number(rt, v, &d) < 0:
        return -1
    out[0] = to_integer(d)
    return 0


cdef inline double to_length(double d) noexcept:
    d = to_integer(d)
    if d <= 0:
        return 0.0
    return d if d < MAX_SAFE else MAX_SAFE


cdef inline double clamp(double d, double lo, double hi) noexcept:
    return lo if d < lo else (hi if d > hi else d)


cdef inline int ret_string(Runtime* rt, uint32_t s, JSVal* ret) noexcept:
    """ret = a freshly created string (0: out of memory)."""
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef uint32_t unit_string(Runtime* rt, uint16_t c) noexcept:
    return str_from_unit(rt, c)       # Latin-1 units come from the engine's cache


cdef inline uint32_t empty_string(Runtime* rt) noexcept:
    incref_off(rt, rt.atoms[A_EMPTY])
    return rt.atoms[A_EMPTY]


cdef int throw_length(Runtime* rt) noexcept:
    return throw_error(rt, E_RANGE, "Invalid string length")


cdef bint same_value(JSVal a, JSVal b) noexcept:
    if is_number(a) and is_number(b):
        if isnan(num_of(a)) and isnan(num_of(b)):
            return 1
        return a == b
    return a == b


# --- a growable string buffer (malloc'd; Latin-1 until a wide unit arrives) ---------

cdef struct StrBuf:
    uint8_t* data
    uint32_t length        # code units
    uint32_t cap           # code units
    int wide               # data holds uint16_t units


cdef void sb_init(StrBuf* b) noexcept:
    b.data = NULL
    b.length = 0
    b.cap = 0
    b.wide = 0


cdef void sb_free(StrBuf* b) noexcept:
    free(b.data)
    b.data = NULL


cdef int sb_reserve(Runtime* rt, StrBuf* b, uint64_t extra) noexcept:
    cdef uint64_t need = <uint64_t>b.length + extra, cap
    cdef uint8_t* nd
    if need <= b.cap:
        return 0
    if need > MAX_STRING_LENGTH:
        return throw_length(rt)
    cap = b.cap * 2 if b.cap * 2 > need else need
    if cap < 32:
        cap = 32
    if cap > MAX_STRING_LENGTH:
        cap = MAX_STRING_LENGTH
    nd = <uint8_t*>realloc(b.data, cap * (2 if b.wide else 1))
    if nd == NULL:
        return throw_oom(rt)
    b.data = nd
    b.cap = <uint32_t>cap
    return 0


cdef int sb_widen(Runtime* rt, StrBuf* b) noexcept:
    cdef uint16_t* w
    cdef uint32_t i
    if b.wide:
        return 0
    w = <uint16_t*>malloc(2 * (b.cap if b.cap else 32))
    if w == NULL:
        return throw_oom(rt)
    for i in range(b.length):
        w[i] = b.data[i]
    free(b.data)
    b.data = <uint8_t*>w
    if b.cap == 0:
        b.cap = 32
    b.wide = 1
    return 0


cdef int sb_add_unit(Runtime* rt, StrBuf* b, uint16_t c) noexcept:
    if c > 255 and not b.wide and sb_widen(rt, b) < 0:
        return -1
    if b.length >= b.cap and sb_reserve(rt, b, 1) < 0:
        return -1
    if b.wide:
        (<uint16_t*>b.data)[b.length] = c
    else:
        b.data[b.length] = <uint8_t>c
    b.length += 1
    return 0


cdef int sb_add_ascii(Runtime* rt, StrBuf* b, const char* text, uint32_t n) noexcept:
    cdef uint32_t i
    if sb_reserve(rt, b, n) < 0:
        return -1
    if b.wide:
        for i in range(n):
            (<uint16_t*>b.data)[b.length + i] = <uint8_t>text[i]
    else:
        memcpy(b.data + b.length, text, n)
    b.length += n
    return 0


cdef int sb_add_range(Runtime* rt, StrBuf* b, uint32_t s, uint32_t start, uint32_t end) noexcept:
    """Append units [start, end) of string s."""
    cdef uint32_t n = end - start if end > start else 0, i
    cdef uint8_t* src
    cdef uint16_t* w
    if n == 0:
        return 0
    if not is_onebyte(rt, s) and not b.wide and sb_widen(rt, b) < 0:
        return -1
    if sb_reserve(rt, b, n) < 0:
        return -1
    if is_onebyte(rt, s):
        src = str_bytes(rt, s) + start
        if b.wide:
            w = <uint16_t*>b.data + b.length
            for i in range(n):
                w[i] = src[i]
        else:
            memcpy(b.data + b.length, src, n)
    else:
        memcpy(<uint16_t*>b.data + b.length, str_units(rt, s) + start, 2 * n)
    b.length += n
    return 0


cdef inline int sb_add_str(Runtime* rt, StrBuf* b, uint32_t s) noexcept:
    return sb_add_range(rt, b, s, 0, str_len(rt, s))


cdef uint32_t sb_finish(Runtime* rt, StrBuf* b) noexcept:
    """The buffer's text as a string (new reference) and free the buffer; 0 = OOM pending."""
    cdef uint32_t s
    if b.length == 0:
        s = empty_string(rt)
    elif b.wide:
        s = str_new_units(rt, <uint16_t*>b.data, b.length)
    else:
        s = str_new_onebyte(rt, b.data, b.length)
    sb_free(b)
    if s == 0:
        throw_oom(rt)
    return s


# --- searching ----------------------------------------------------------------------

cdef int64_t find_units(Runtime* rt, uint32_t s, uint32_t p, uint32_t start) noexcept:
    """First index >= start where p occurs in s, or -1."""
    cdef JSString* xs = sptr(rt, s)
    cdef JSString* xp = sptr(rt, p)
    cdef uint32_t ls = xs.length, lp = xp.length, i, j, last
    cdef const uint8_t* sb
    cdef const uint8_t* pb
    cdef const uint8_t* hit
    cdef const uint16_t* sw
    cdef const uint16_t* pw
    cdef uint16_t first
    if lp == 0:
        return start if start <= ls else -1
    if start >= ls or lp > ls - start:
        return -1
    last = ls - lp
    if xs.h.flags & xp.h.flags & HF_ONEBYTE:
        sb = str_bytes(rt, s)
        pb = str_bytes(rt, p)
        i = start
        while i <= last:
            hit = <const uint8_t*>memchr(sb + i, pb[0], last - i + 1)
            if hit == NULL:
                return -1
            i = <uint32_t>(hit - sb)
            if lp == 1 or memcmp(sb + i + 1, pb + 1, lp - 1) == 0:
                return i
            i += 1
        return -1
    if not (xs.h.flags & HF_ONEBYTE) and not (xp.h.flags & HF_ONEBYTE):
        sw = str_units(rt, s)
        pw = str_units(rt, p)
        first = pw[0]
        for i in range(start, last + 1):
            if sw[i] == first and memcmp(sw + i, pw, 2 * lp) == 0:
                return i
        return -1
    first = str_at(rt, p, 0)
    for i in range(start, last + 1):
        if str_at(rt, s, i) == first:
            j = 1
            while j < lp and str_at(rt, s, i + j) == str_at(rt, p, j):
                j += 1
            if j == lp:
                return i
    return -1


cdef int64_t rfind_units(Runtime* rt, uint32_t s, uint32_t p, int64_t start) noexcept:
    """Last index <= start where p occurs in s, or -1."""
    cdef int64_t ls = str_len(rt, s), lp = str_len(rt, p), i, j
    cdef const uint8_t* sb
    cdef const uint8_t* pb
    cdef bint both_one = is_onebyte(rt, s) and is_onebyte(rt, p)
    i = ls - lp
    if start < i:
        i = start
    if both_one:
        sb = str_bytes(rt, s)
        pb = str_bytes(rt, p)
        while i >= 0:
            if lp == 0 or (sb[i] == pb[0] and memcmp(sb + i, pb, lp) == 0):
                return i
            i -= 1
        return -1
    while i >= 0:
        j = 0
        while j < lp and str_at(rt, s, <uint32_t>(i + j)) == str_at(rt, p, <uint32_t>j):
            j += 1
        if j == lp:
            return i
        i -= 1
    return -1


# --- property / call helpers for the regexp protocol ---------------------------------

cdef int get_named(Runtime* rt, JSVal base, const char* name, JSVal* out) noexcept:
    cdef uint32_t key = intern_ascii(rt, name)
    if key == 0:
        return throw_oom(rt)
    cdef int r = get_value(rt, base, key, out)
    decref_off(rt, key)
    return r


cdef int put_named(Runtime* rt, JSVal base, const char* name, JSVal v) noexcept:
    cdef uint32_t key = intern_ascii(rt, name)
    if key == 0:
        return throw_oom(rt)
    cdef int r = put_value(rt, base, key, v, 1)
    decref_off(rt, key)
    return r


cdef int get_idx(Runtime* rt, JSVal o, uint32_t i, JSVal* out) noexcept:
    return get_index(rt, ref_of(o), i, out)


cdef int get_named_bool(Runtime* rt, JSVal base, const char* name, bint* out) noexcept:
    cdef JSVal v
    if get_named(rt, base, name, &v) < 0:
        return -1
    out[0] = to_boolean(rt, v)
    decref(rt, v)
    return 0


cdef int get_named_length(Runtime* rt, JSVal base, const char* name, double* out) noexcept:
    """ToLength(Get(base, name))."""
    cdef JSVal v
    cdef double d
    if get_named(rt, base, name, &v) < 0:
        return -1
    cdef int r = to_number(rt, v, &d)
    decref(rt, v)
    if r < 0:
        return -1
    out[0] = to_length(d)
    return 0


cdef inline bint is_regexp(Runtime* rt, JSVal v) noexcept:
    return is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_REGEXP


cdef int regexp_ctor(Runtime* rt, JSVal* out) noexcept:
    """The RegExp constructor (regexp_proto.constructor, else the global)."""
    cdef JSVal c = UNDEFINED
    if rt.regexp_proto:
        if get_value(rt, mk_object(rt.regexp_proto), rt.atoms[A_constructor], &c) < 0:
            return -1
        if is_callable(rt, c):
            out[0] = c
            return 0
        decref(rt, c)
    if get_named(rt, mk_object(rt.global_obj), "RegExp", &c) < 0:
        return -1
    if is_callable(rt, c):
        out[0] = c
        return 0
    decref(rt, c)
    return throw_error(rt, E_TYPE, "RegExp is not available")


cdef int regexp_create(Runtime* rt, JSVal pattern, JSVal flags, JSVal* out) noexcept:
    """new RegExp(pattern, flags)."""
    cdef JSVal ctor = UNDEFINED
    cdef JSVal args[2]
    if regexp_ctor(rt, &ctor) < 0:
        return -1
    args[0] = pattern
    args[1] = flags
    cdef int r = vm_construct(rt, ctor, 2, args, out)
    decref(rt, ctor)
    return r


cdef int regexp_exec(Runtime* rt, JSVal rx, uint32_t s, JSVal* out) noexcept:
    """RegExpExec(rx, s): the result object or null (new reference)."""
    cdef JSVal f, r, sv = mk_string(s)
    if get_named(rt, rx, "exec", &f) < 0:
        return -1
    if not is_callable(rt, f):
        decref(rt, f)
        return throw_error(rt, E_TYPE, "RegExp exec method is not callable")
    cdef int rc = vm_call(rt, f, rx, 1, &sv, &r)
    decref(rt, f)
    if rc < 0:
        return -1
    if not is_object(r) and r != JSNULL:
        decref(rt, r)
        return throw_error(rt, E_TYPE, "RegExp exec method returned something other than an Object or null")
    out[0] = r
    return 0


cdef uint32_t get_string_named(Runtime* rt, JSVal base, const char* name) noexcept:
    """ToString(Get(base, name)) or 0."""
    cdef JSVal v
    if get_named(rt, base, name, &v) < 0:
        return 0
    cdef uint32_t s = to_string(rt, v)
    decref(rt, v)
    return s


cdef uint32_t get_string_idx(Runtime* rt, JSVal base, uint32_t i) noexcept:
    """ToString(Get(base, i)) or 0."""
    cdef JSVal v
    if get_idx(rt, base, i, &v) < 0:
        return 0
    cdef uint32_t s = to_string(rt, v)
    decref(rt, v)
    return s


cdef uint32_t advance_index(Runtime* rt, uint32_t s, double index, bint unicode) noexcept:
    """AdvanceStringIndex (as a uint32_t lastIndex; large values saturate)."""
    cdef uint32_t n = str_len(rt, s), i
    cdef uint16_t c
    if index >= 4294967294.0:
        return 4294967295U
    i = <uint32_t>index
    if not unicode or i + 1 >= n:
        return i + 1
    c = str_at(rt, s, i)
    if 0xD800 <= c <= 0xDBFF and 0xDC00 <= str_at(rt, s, i + 1) <= 0xDFFF:
        return i + 2
    return i + 1


cdef int set_last_index(Runtime* rt, JSVal rx, double v) noexcept:
    return put_named(rt, rx, "lastIndex", mk_number(v))


cdef bint has_regexp_syntax(Runtime* rt, uint32_t p) noexcept:
    """Could p, as a RegExp pattern, mean anything but its literal text?"""
    cdef uint32_t i, n = str_len(rt, p)
    cdef uint16_t c
    for i in range(n):
        c = str_at(rt, p, i)
        if (c == 94 or c == 36 or c == 92 or c == 46 or c == 42 or c == 43 or c == 63 or c == 40
                or c == 41 or c == 91 or c == 93 or c == 123 or c == 125 or c == 124):
            return 1
    return 0


# --- the constructor and String.* --------------------------------------------------

cdef int string_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s, o
    if argc == 0:
        s = empty_string(rt)
    else:
        s = to_string(rt, argv[0])
        if s == 0:
            return -1
    if not (flags & CALL_CONSTRUCT):
        ret[0] = mk_string(s)
        return 0
    o = obj_alloc(rt, rt.string_proto, CLASS_STRING, sizeof(JSWrapper))
    if o == 0:
        decref_off(rt, s)
        return throw_oom(rt)
    (<JSWrapper*>optr(rt, o)).value = mk_string(s)
    ret[0] = mk_object(o)
    return 0


cdef int string_from_char_code(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint16_t stackbuf[16]
    cdef uint16_t* units = stackbuf
    cdef double d
    cdef int i
    cdef uint32_t s
    if argc == 1 and is_number(argv[0]):
        return ret_string(rt, unit_string(rt, <uint16_t>d_to_int32(num_of(argv[0]))), ret)
    if argc > 16:
        units = <uint16_t*>malloc(2 * argc)
        if units == NULL:
            return throw_oom(rt)
    for i in range(argc):
        if is_number(argv[i]):
            d = num_of(argv[i])
        elif to_number(rt, argv[i], &d) < 0:
            if units != stackbuf:
                free(units)
            return -1
        units[i] = <uint16_t>d_to_int32(d)
    s = str_new_units(rt, units, argc)
    if units != stackbuf:
        free(units)
    return ret_string(rt, s, ret)


cdef int string_from_code_point(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef StrBuf b
    cdef double d
    cdef uint32_t cp
    cdef int i
    sb_init(&b)
    for i in range(argc):
        if is_number(argv[i]):
            d = num_of(argv[i])
        elif to_number(rt, argv[i], &d) < 0:
            sb_free(&b)
            return -1
        if d != to_integer(d) or isinf(d) or d < 0 or d > 0x10FFFF:
            sb_free(&b)
            try:
                return throw_error_str(rt, E_RANGE, "Invalid code point %r" % d)
            except BaseException:
                return throw_error(rt, E_RANGE, "Invalid code point")
        cp = <uint32_t>d
        if cp > 0xFFFF:
            cp -= 0x10000
            if sb_add_unit(rt, &b, <uint16_t>(0xD800 + (cp >> 10))) < 0 or \
                    sb_add_unit(rt, &b, <uint16_t>(0xDC00 + (cp & 0x3FF))) < 0:
                sb_free(&b)
                return -1
        elif sb_add_unit(rt, &b, <uint16_t>cp) < 0:
            sb_free(&b)
            return -1
    cdef uint32_t s = sb_finish(rt, &b)
    if s == 0:
        return -1
    ret[0] = mk_string(s)
    return 0


cdef int string_raw(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """String.raw(template, ...substitutions) (ES2015 21.1.2.4)."""
    cdef uint32_t cooked, s
    cdef JSVal rawv, raw
    cdef double length
    cdef uint32_t i = 0
    cdef StrBuf b
    cooked = to_object(rt, arg(argc, argv, 0))
    if cooked == 0:
        return -1
    if get_named(rt, mk_object(cooked), "raw", &rawv) < 0:
        decref_off(rt, cooked)
        return -1
    decref_off(rt, cooked)
    cdef uint32_t ro = to_object(rt, rawv)
    decref(rt, rawv)
    if ro == 0:
        return -1
    raw = mk_object(ro)
    if get_named_length(rt, raw, "length", &length) < 0:
        decref(rt, raw)
        return -1
    sb_init(&b)
    while i < length:
        s = get_string_idx(rt, raw, i)
        if s == 0 or sb_add_str(rt, &b, s) < 0:
            if s:
                decref_off(rt, s)
            sb_free(&b)
            decref(rt, raw)
            return -1
        decref_off(rt, s)
        if i + 1 >= length:
            break
        if i + 1 < <uint32_t>argc:
            s = to_string(rt, argv[i + 1])
            if s == 0 or sb_add_str(rt, &b, s) < 0:
                if s:
                    decref_off(rt, s)
                sb_free(&b)
                decref(rt, raw)
                return -1
            decref_off(rt, s)
        i += 1
    decref(rt, raw)
    s = sb_finish(rt, &b)
    if s == 0:
        return -1
    ret[0] = mk_string(s)
    return 0


# --- String.prototype: value access -------------------------------------------------

cdef int this_string_value(Runtime* rt, JSVal this, JSVal* ret) noexcept:
    if is_string(this):
        ret[0] = dup(rt, this)
        return 0
    if is_object(this) and optr(rt, ref_of(this)).h.aux == CLASS_STRING:
        ret[0] = dup(rt, (<JSWrapper*>optr(rt, ref_of(this))).value)
        return 0
    return throw_error(rt, E_TYPE, "String.prototype.toString requires that 'this' be a String")


cdef int string_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    return this_string_value(rt, this, ret)


cdef int string_char_at(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """charAt (magic 0), charCodeAt (1), codePointAt (2), at (3)."""
    cdef uint32_t s, n
    cdef double pos
    cdef JSVal a = arg(argc, argv, 0)
    cdef uint16_t c, c2
    s = this_str(rt, this, pick(magic, "charAt", "charCodeAt", "codePointAt", "at"))
    if s == 0:
        return -1
    if is_number(a):
        pos = to_integer(num_of(a))
    elif arg_integer(rt, a, &pos) < 0:
        decref_off(rt, s)
        return -1
    n = str_len(rt, s)
    if magic == 3 and pos < 0:
        pos += n
    if pos < 0 or pos >= n:
        decref_off(rt, s)
        if magic == 0:
            ret[0] = mk_string(empty_string(rt))
        elif magic == 1:
            ret[0] = mk_number(NAN)
        else:
            ret[0] = UNDEFINED
        return 0
    c = str_at(rt, s, <uint32_t>pos)
    if magic == 1:
        ret[0] = mk_number(<double>c)
    elif magic == 2:
        if 0xD800 <= c <= 0xDBFF and <uint32_t>pos + 1 < n:
            c2 = str_at(rt, s, <uint32_t>pos + 1)
            if 0xDC00 <= c2 <= 0xDFFF:
                ret[0] = mk_number(<double>(0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00)))
                decref_off(rt, s)
                return 0
        ret[0] = mk_number(<double>c)
    else:
        decref_off(rt, s)
        return ret_string(rt, unit_string(rt, c), ret)
    decref_off(rt, s)
    return 0


cdef int string_concat(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = this_str(rt, this, "concat"), r, t
    cdef int i
    cdef StrBuf b
    if s == 0:
        return -1
    if argc == 0:
        ret[0] = mk_string(s)
        return 0
    sb_init(&b)
    if sb_add_str(rt, &b, s) < 0:
        decref_off(rt, s)
        return -1
    decref_off(rt, s)
    for i in range(argc):
        t = to_string(rt, argv[i])
        if t == 0:
            sb_free(&b)
            return -1
        r = sb_add_str(rt, &b, t)
        decref_off(rt, t)
        if r < 0:
            sb_free(&b)
            return -1
    r = sb_finish(rt, &b)
    if r == 0:
        return -1
    ret[0] = mk_string(r)
    return 0


# --- searching ----------------------------------------------------------------------

cdef int string_index_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """indexOf (magic 0), includes (1)."""
    cdef uint32_t s, p
    cdef double pos = 0
    cdef JSVal a1 = arg(argc, argv, 1)
    cdef int64_t r
    s = this_str(rt, this, pick(magic, "indexOf", "includes"))
    if s == 0:
        return -1
    if magic == 1 and is_regexp(rt, arg(argc, argv, 0)):
        decref_off(rt, s)
        return throw_error(rt, E_TYPE, "First argument to String.prototype.includes must not be a regular expression")
    p = to_string(rt, arg(argc, argv, 0))
    if p == 0:
        decref_off(rt, s)
        return -1
    if is_number(a1):
        pos = to_integer(num_of(a1))
    elif a1 != UNDEFINED and arg_integer(rt, a1, &pos) < 0:
        decref_off(rt, s)
        decref_off(rt, p)
        return -1
    pos = clamp(pos, 0, str_len(rt, s))
    r = find_units(rt, s, p, <uint32_t>pos)
    decref_off(rt, s)
    decref_off(rt, p)
    if magic == 1:
        ret[0] = mk_bool(r >= 0)
    else:
        ret[0] = mk_number(<double>r)
    return 0


cdef int string_last_index_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s, p
    cdef double pos
    cdef JSVal a1 = arg(argc, argv, 1)
    s = this_str(rt, this, "lastIndexOf")
    if s == 0:
        return -1
    p = to_string(rt, arg(argc, argv, 0))
    if p == 0:
        decref_off(rt, s)
        return -1
    if is_number(a1):
        pos = num_of(a1)
    elif to_number(rt, a1, &pos) < 0:
        decref_off(rt, s)
        decref_off(rt, p)
        return -1
    pos = INFINITY if isnan(pos) else to_integer(pos)
    pos = clamp(pos, 0, str_len(rt, s))
    ret[0] = mk_number(<double>rfind_units(rt, s, p, <int64_t>pos))
    decref_off(rt, s)
    decref_off(rt, p)
    return 0


cdef int string_starts_with(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """startsWith (magic 0), endsWith (1)."""
    cdef uint32_t s, p, n, lp
    cdef double pos
    cdef JSVal a1 = arg(argc, argv, 1)
    cdef int64_t start, i
    s = this_str(rt, this, pick(magic, "startsWith", "endsWith"))
    if s == 0:
        return -1
    if is_regexp(rt, arg(argc, argv, 0)):
        decref_off(rt, s)
        return throw_error(rt, E_TYPE, "First argument to String.prototype.startsWith/endsWith must not be a regular expression")
    p = to_string(rt, arg(argc, argv, 0))
    if p == 0:
        decref_off(rt, s)
        return -1
    n = str_len(rt, s)
    lp = str_len(rt, p)
    if a1 == UNDEFINED:
        pos = 0 if magic == 0 else n
    elif arg_integer(rt, a1, &pos) < 0:
        decref_off(rt, s)
        decref_off(rt, p)
        return -1
    pos = clamp(pos, 0, n)
    start = <int64_t>pos if magic == 0 else <int64_t>pos - lp
    ret[0] = JSFALSE
    if start >= 0 and start + lp <= n:
        ret[0] = JSTRUE
        for i in range(lp):
            if str_at(rt, s, <uint32_t>(start + i)) != str_at(rt, p, <uint32_t>i):
                ret[0] = JSFALSE
                break
    decref_off(rt, s)
    decref_off(rt, p)
    return 0


# --- extracting ----------------------------------------------------------------------

cdef int string_slice(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """slice (magic 0), substring (1), substr (2)."""
    cdef uint32_t s, n
    cdef double a, b, lo, hi
    cdef JSVal a0 = arg(argc, argv, 0), a1 = arg(argc, argv, 1)
    s = this_str(rt, this, pick(magic, "slice", "substring", "substr"))
    if s == 0:
        return -1
    n = str_len(rt, s)
    if is_number(a0):
        a = to_integer(num_of(a0))
    elif arg_integer(rt, a0, &a) < 0:
        decref_off(rt, s)
        return -1
    if a1 == UNDEFINED:
        b = n if magic != 2 else INFINITY
    elif is_number(a1):
        b = to_integer(num_of(a1))
    elif arg_integer(rt, a1, &b) < 0:
        decref_off(rt, s)
        return -1
    if magic == 0:
        lo = (a + n if a + n > 0 else 0) if a < 0 else (a if a < n else n)
        hi = (b + n if b + n > 0 else 0) if b < 0 else (b if b < n else n)
    elif magic == 1:
        a = clamp(a, 0, n)
        b = clamp(b, 0, n)
        lo = a if a < b else b
        hi = b if a < b else a
    else:
        if a < 0:
            a = a + n if a + n > 0 else 0
        lo = a if a < n else n
        b = clamp(b, 0, n - lo)
        hi = lo + b
    if hi <= lo:
        ret[0] = mk_string(empty_string(rt))
        decref_off(rt, s)
        return 0
    cdef uint32_t r = str_substring(rt, s, <uint32_t>lo, <uint32_t>hi)
    decref_off(rt, s)
    return ret_string(rt, r, ret)


cdef bint is_ws1(uint8_t c) noexcept:
    return c == 32 or (9 <= c <= 13) or c == 0xA0


cdef int string_trim(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """magic bit 1: trim the start, bit 2: the end."""
    cdef uint32_t s = this_str(rt, this, "trim"), n, i = 0, j
    cdef uint8_t* b
    if s == 0:
        return -1
    n = str_len(rt, s)
    j = n
    if is_onebyte(rt, s):
        b = str_bytes(rt, s)
        if magic & 1:
            while i < j and is_ws1(b[i]):
                i += 1
        if magic & 2:
            while j > i and is_ws1(b[j - 1]):
                j -= 1
    else:
        if magic & 1:
            while i < j and is_js_whitespace(str_at(rt, s, i)):
                i += 1
        if magic & 2:
            while j > i and is_js_whitespace(str_at(rt, s, j - 1)):
                j -= 1
    cdef uint32_t r = str_substring(rt, s, i, j)
    decref_off(rt, s)
    return ret_string(rt, r, ret)


# --- case mapping -----------------------------------------------------------------

cdef uint8_t LOWER1[256]
cdef uint16_t UPPER1[256]        # 0 for U+00DF (becomes "SS")

cdef void init_case_tables() noexcept:
    cdef int c
    for c in range(256):
        LOWER1[c] = <uint8_t>c
        UPPER1[c] = <uint16_t>c
        if 65 <= c <= 90 or (0xC0 <= c <= 0xDE and c != 0xD7):
            LOWER1[c] = <uint8_t>(c + 32)
        if 97 <= c <= 122 or (0xE0 <= c <= 0xFE and c != 0xF7):
            UPPER1[c] = <uint16_t>(c - 32)
    UPPER1[0xB5] = 0x039C
    UPPER1[0xFF] = 0x0178
    UPPER1[0xDF] = 0

init_case_tables()


cdef uint32_t lower_onebyte(Runtime* rt, uint32_t s) noexcept:
    cdef uint32_t n = str_len(rt, s), i, j, r
    cdef uint8_t* b = str_bytes(rt, s)
    cdef uint8_t* d
    for i in range(n):
        if LOWER1[b[i]] != b[i]:
            break
    else:
        incref_off(rt, s)
        return s
    r = str_alloc(rt, n, 1)
    if r == 0:
        return 0
    b = str_bytes(rt, s)
    d = str_bytes(rt, r)
    memcpy(d, b, i)
    for j in range(i, n):
        d[j] = LOWER1[b[j]]
    str_finish(rt, r)
    return r


cdef uint32_t upper_onebyte(Runtime* rt, uint32_t s) noexcept:
    cdef uint32_t n = str_len(rt, s), i, k, r, sharp = 0
    cdef uint8_t* b = str_bytes(rt, s)
    cdef uint8_t* d
    cdef uint16_t* w
    cdef uint16_t u
    cdef bint changed = 0, wide = 0
    for i in range(n):
        u = UPPER1[b[i]]
        if u != b[i]:
            changed = 1
            if u == 0:
                sharp += 1
            elif u > 255:
                wide = 1
    if not changed:
        incref_off(rt, s)
        return s
    if <uint64_t>n + sharp > MAX_STRING_LENGTH:
        return 0
    r = str_alloc(rt, n + sharp, not wide)
    if r == 0:
        return 0
    b = str_bytes(rt, s)
    k = 0
    if not wide:
        d = str_bytes(rt, r)
        for i in range(n):
            u = UPPER1[b[i]]
            if u == 0:
                d[k] = 83
                d[k + 1] = 83
                k += 2
            else:
                d[k] = <uint8_t>u
                k += 1
    else:
        w = str_units(rt, r)
        for i in range(n):
            u = UPPER1[b[i]]
            if u == 0:
                w[k] = 83
                w[k + 1] = 83
                k += 2
            else:
                w[k] = u
                k += 1
    str_finish(rt, r)
    return r


cdef uint32_t case_map_py(Runtime* rt, uint32_t s, bint upper) noexcept:
    try:
        t = str_to_py(rt, s)
        return str_from_py(rt, t.upper() if upper else t.lower())
    except BaseException:
        return 0


cdef int string_case(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """toLowerCase (magic 0), toUpperCase (1), and the toLocale* forms."""
    cdef uint32_t s = this_str(rt, this, pick(magic, "toLowerCase", "toUpperCase")), r
    if s == 0:
        return -1
    if is_onebyte(rt, s):
        r = upper_onebyte(rt, s) if magic else lower_onebyte(rt, s)
    else:
        r = case_map_py(rt, s, magic)
    decref_off(rt, s)
    return ret_string(rt, r, ret)


# --- comparison, normalisation ----------------------------------------------------

cdef int string_locale_compare(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Code-unit order after canonical (NFC) normalisation."""
    cdef uint32_t s = this_str(rt, this, "localeCompare"), t, n, m, i
    cdef int c = 0
    cdef uint16_t x, y
    if s == 0:
        return -1
    t = to_string(rt, arg(argc, argv, 0))
    if t == 0:
        decref_off(rt, s)
        return -1
    if is_onebyte(rt, s) and is_onebyte(rt, t):
        n = str_len(rt, s)
        m = str_len(rt, t)
        c = memcmp(str_bytes(rt, s), str_bytes(rt, t), n if n < m else m)
        if c == 0:
            c = 0 if n == m else (-1 if n < m else 1)
    else:
        try:
            a = unicodedata.normalize("NFC", str_to_py(rt, s)).encode("utf-16-be", "surrogatepass")
            b = unicodedata.normalize("NFC", str_to_py(rt, t)).encode("utf-16-be", "surrogatepass")
            c = 0 if a == b else (-1 if a < b else 1)
        except BaseException:
            decref_off(rt, s)
            decref_off(rt, t)
            return throw_oom(rt)
    decref_off(rt, s)
    decref_off(rt, t)
    ret[0] = mk_number(<double>(-1 if c < 0 else (1 if c > 0 else 0)))
    return 0


cdef int string_normalize(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = this_str(rt, this, "normalize"), f = 0, r, i, n
    cdef JSVal a0 = arg(argc, argv, 0)
    cdef uint8_t* b
    if s == 0:
        return -1
    form = "NFC"
    if a0 != UNDEFINED:
        f = to_string(rt, a0)
        if f == 0:
            decref_off(rt, s)
            return -1
        form = str_to_py(rt, f)
        decref_off(rt, f)
        if form not in ("NFC", "NFD", "NFKC", "NFKD"):
            decref_off(rt, s)
            return throw_error(rt, E_RANGE, "The normalization form should be one of NFC, NFD, NFKC, NFKD.")
    if is_onebyte(rt, s):
        n = str_len(rt, s)
        b = str_bytes(rt, s)
        for i in range(n):
            if b[i] >= 0x80:
                break
        else:
            ret[0] = mk_string(s)
            return 0
    try:
        r = str_from_py(rt, unicodedata.normalize(form, str_to_py(rt, s)))
    except BaseException:
        r = 0
    decref_off(rt, s)
    return ret_string(rt, r, ret)


cdef int string_well_formed(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """isWellFormed (magic 0), toWellFormed (1): lone surrogates (-> U+FFFD)."""
    cdef uint32_t s = this_str(rt, this, pick(magic, "isWellFormed", "toWellFormed")), n, i, r
    cdef uint16_t* w
    cdef uint16_t* d
    cdef uint16_t c
    cdef bint ok = 1
    if s == 0:
        return -1
    n = str_len(rt, s)
    if not is_onebyte(rt, s):
        w = str_units(rt, s)
        i = 0
        while i < n:
            c = w[i]
            if 0xD800 <= c <= 0xDBFF and i + 1 < n and 0xDC00 <= w[i + 1] <= 0xDFFF:
                i += 2
                continue
            if 0xD800 <= c <= 0xDFFF:
                ok = 0
                break
            i += 1
    if magic == 0:
        decref_off(rt, s)
        ret[0] = mk_bool(ok)
        return 0
    if ok:
        ret[0] = mk_string(s)
        return 0
    r = str_alloc(rt, n, 0)
    if r == 0:
        decref_off(rt, s)
        return throw_oom(rt)
    w = str_units(rt, s)
    d = str_units(rt, r)
    i = 0
    while i < n:
        c = w[i]
        if 0xD800 <= c <= 0xDBFF and i + 1 < n and 0xDC00 <= w[i + 1] <= 0xDFFF:
            d[i] = c
            d[i + 1] = w[i + 1]
            i += 2
            continue
        d[i] = 0xFFFD if 0xD800 <= c <= 0xDFFF else c
        i += 1
    str_finish(rt, r)
    decref_off(rt, s)
    ret[0] = mk_string(r)
    return 0


# --- building ---------------------------------------------------------------------

cdef int string_repeat(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = this_str(rt, this, "repeat"), n, r, k, i
    cdef double count
    cdef uint8_t* d
    if s == 0:
        return -1
    if arg_integer(rt, arg(argc, argv, 0), &count) < 0:
        decref_off(rt, s)
        return -1
    if count < 0 or isinf(count):
        decref_off(rt, s)
        return throw_error(rt, E_RANGE, "Invalid count value")
    n = str_len(rt, s)
    if count == 0 or n == 0:
        decref_off(rt, s)
        ret[0] = mk_string(empty_string(rt))
        return 0
    if count * n > MAX_STRING_LENGTH:
        decref_off(rt, s)
        return throw_length(rt)
    k = <uint32_t>count
    cdef bint one = is_onebyte(rt, s)
    cdef uint32_t unit = 1 if one else 2
    r = str_alloc(rt, n * k, one)
    if r == 0:
        decref_off(rt, s)
        return throw_oom(rt)
    d = str_bytes(rt, r)
    memcpy(d, str_bytes(rt, s), n * unit)
    i = 1
    while i < k:          # doubling copies
        m = i if i <= k - i else k - i
        memcpy(d + i * n * unit, d, m * n * unit)
        i += m
    str_finish(rt, r)
    decref_off(rt, s)
    ret[0] = mk_string(r)
    return 0


cdef int string_pad(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """padStart (magic 0), padEnd (1)."""
    cdef uint32_t s = this_str(rt, this, pick(magic, "padStart", "padEnd")), filler, n, fl, fill, r
    cdef double maxlen
    cdef JSVal a1 = arg(argc, argv, 1)
    cdef StrBuf b
    if s == 0:
        return -1
    if to_number(rt, arg(argc, argv, 0), &maxlen) < 0:
        decref_off(rt, s)
        return -1
    maxlen = to_length(maxlen)
    n = str_len(rt, s)
    if maxlen <= n:
        ret[0] = mk_string(s)
        return 0
    if a1 == UNDEFINED:
        filler = 0
        fl = 1
    else:
        filler = to_string(rt, a1)
        if filler == 0:
            decref_off(rt, s)
            return -1
        fl = str_len(rt, filler)
        if fl == 0:
            decref_off(rt, filler)
            ret[0] = mk_string(s)
            return 0
    if maxlen > MAX_STRING_LENGTH:
        decref_off(rt, s)
        if filler:
            decref_off(rt, filler)
        return throw_length(rt)
    fill = <uint32_t>maxlen - n
    sb_init(&b)
    r = 0
    if magic == 1:
        r = sb_add_str(rt, &b, s)
    while r == 0 and fill > 0:
        if filler == 0:
            r = sb_add_unit(rt, &b, 32)
            fill -= 1
        else:
            r = sb_add_range(rt, &b, filler, 0, fl if fl < fill else fill)
            fill -= fl if fl < fill else fill
    if r == 0 and magic == 0:
        r = sb_add_str(rt, &b, s)
    decref_off(rt, s)
    if filler:
        decref_off(rt, filler)
    if r < 0:
        sb_free(&b)
        return -1
    r = sb_finish(rt, &b)
    if r == 0:
        return -1
    ret[0] = mk_string(r)
    return 0


# --- split ------------------------------------------------------------------------

cdef int push_owned(Runtime* rt, uint32_t arr, uint32_t s) noexcept:
    """Append a string we own (reference consumed); 0 = OOM."""
    if s == 0:
        return throw_oom(rt)
    cdef int r = arr_push(rt, arr, mk_string(s))
    decref_off(rt, s)
    return r


cdef int split_string(Runtime* rt, uint32_t s, uint32_t sep, uint32_t lim, uint32_t arr) noexcept:
    """ES2023 22.1.3.23 steps 8-17 into arr."""
    cdef uint32_t n = str_len(rt, s), ls = str_len(rt, sep), i, count = 0
    cdef int64_t j
    cdef uint8_t* b
    if ls == 0:
        if lim < n:
            n = lim
        if is_onebyte(rt, s):
            for i in range(n):
                b = str_bytes(rt, s) + i
                if push_owned(rt, arr, str_new_onebyte(rt, b, 1)) < 0:
                    return -1
        else:
            for i in range(n):
                if push_owned(rt, arr, unit_string(rt, str_at(rt, s, i))) < 0:
                    return -1
        return 0
    if n == 0:
        return arr_push(rt, arr, mk_string(s))
    i = 0
    j = find_units(rt, s, sep, 0)
    while j >= 0:
        if push_owned(rt, arr, str_substring(rt, s, i, <uint32_t>j)) < 0:
            return -1
        count += 1
        if count == lim:
            return 0
        i = <uint32_t>j + ls
        j = find_units(rt, s, sep, i)
    return push_owned(rt, arr, str_substring(rt, s, i, n))


cdef int make_splitter(Runtime* rt, JSVal rx, JSVal* splitter, bint* unicode) noexcept:
    """new RegExp(rx.source, rx.flags without 'y', plus 'g')."""
    cdef uint32_t fl, src, nf, i
    cdef JSVal flagsv
    cdef bint gi, ii, mi
    cdef StrBuf b
    cdef uint16_t c
    cdef int r
    unicode[0] = 0
    if get_named(rt, rx, "flags", &flagsv) < 0:
        return -1
    sb_init(&b)
    if flagsv == UNDEFINED:
        if (get_named_bool(rt, rx, "global", &gi) < 0 or get_named_bool(rt, rx, "ignoreCase", &ii) < 0
                or get_named_bool(rt, rx, "multiline", &mi) < 0):
            return -1
        if ii:
            sb_add_unit(rt, &b, 105)
        if mi:
            sb_add_unit(rt, &b, 109)
    else:
        fl = to_string(rt, flagsv)
        decref(rt, flagsv)
        if fl == 0:
            return -1
        nf = str_len(rt, fl)
        for i in range(nf):
            c = str_at(rt, fl, i)
            if c == 117:
                unicode[0] = 1
            if c != 121 and c != 103 and sb_add_unit(rt, &b, c) < 0:
                decref_off(rt, fl)
                sb_free(&b)
                return -1
        decref_off(rt, fl)
    if sb_add_unit(rt, &b, 103) < 0:
        sb_free(&b)
        return -1
    fl = sb_finish(rt, &b)
    if fl == 0:
        return -1
    src = get_string_named(rt, rx, "source")
    if src == 0:
        decref_off(rt, fl)
        return -1
    r = regexp_create(rt, mk_string(src), mk_string(fl), splitter)
    decref_off(rt, src)
    decref_off(rt, fl)
    return r


cdef int split_match(Runtime* rt, JSVal splitter, uint32_t s, uint32_t q, JSVal* z, double* index, double* e) noexcept:
    """Search from q: z = the exec result or null, index = where it matched, e = its end."""
    cdef JSVal v = UNDEFINED
    cdef uint32_t size = str_len(rt, s)
    if set_last_index(rt, splitter, q) < 0 or regexp_exec(rt, splitter, s, z) < 0:
        return -1
    if z[0] == JSNULL:
        return 0
    if get_named(rt, z[0], "index", &v) < 0 or arg_integer(rt, v, index) < 0 or \
            get_named_length(rt, splitter, "lastIndex", e) < 0:
        decref(rt, v)
        decref(rt, z[0])
        return -1
    decref(rt, v)
    if index[0] < q:
        index[0] = q
    if e[0] > size:
        e[0] = size
    return 0


cdef int split_regexp(Runtime* rt, JSVal rx, uint32_t s, uint32_t lim, uint32_t arr) noexcept:
    """RegExp.prototype[@@split] (ES2015 21.2.5.11) through exec, on a global copy of
    rx: the sticky matcher at q is emulated by a forward search from q."""
    cdef JSVal splitter, z, v
    cdef bint unicode
    cdef uint32_t size = str_len(rt, s), p = 0, q = 0, count = 0, k
    cdef double index, e, ncaps
    cdef int r = 0
    if make_splitter(rt, rx, &splitter, &unicode) < 0:
        return -1
    if lim == 0:
        decref(rt, splitter)
        return 0
    if size == 0:
        r = split_match(rt, splitter, s, 0, &z, &index, &e)
        if r == 0:
            if z == JSNULL:
                r = arr_push(rt, arr, mk_string(s))
            decref(rt, z)
        decref(rt, splitter)
        return r
    while q < size:
        if split_match(rt, splitter, s, q, &z, &index, &e) < 0:
            decref(rt, splitter)
            return -1
        if z == JSNULL:
            break
        if index >= size:
            decref(rt, z)
            break
        if e == p:
            decref(rt, z)
            q = advance_index(rt, s, index, unicode)
            continue
        r = push_owned(rt, arr, str_substring(rt, s, p, <uint32_t>index))
        count += 1
        if r == 0 and count < lim:
            p = <uint32_t>e
            r = get_named_length(rt, z, "length", &ncaps)
            k = 1
            while r == 0 and k < ncaps and count < lim:
                r = get_idx(rt, z, k, &v)
                if r == 0:
                    r = arr_push(rt, arr, v)
                    decref(rt, v)
                count += 1
                k += 1
        decref(rt, z)
        if r < 0 or count >= lim:
            decref(rt, splitter)
            return r
        q = p
    decref(rt, splitter)
    return push_owned(rt, arr, str_substring(rt, s, p, size))


cdef int string_split(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal sepv = arg(argc, argv, 0), limv = arg(argc, argv, 1)
    cdef uint32_t s, sep = 0, lim = 0xFFFFFFFF, arr
    cdef int r
    s = this_str(rt, this, "split")
    if s == 0:
        return -1
    if limv != UNDEFINED and to_uint32(rt, limv, &lim) < 0:
        decref_off(rt, s)
        return -1
    arr = arr_new(rt, 0)
    if arr == 0:
        decref_off(rt, s)
        return throw_oom(rt)
    if is_regexp(rt, sepv):
        r = split_regexp(rt, sepv, s, lim, arr)
    else:
        sep = to_string(rt, sepv)
        if sep == 0:
            r = -1
        elif lim == 0:
            r = 0
        elif sepv == UNDEFINED:
            r = arr_push(rt, arr, mk_string(s))
        else:
            r = split_string(rt, s, sep, lim, arr)
        if sep:
            decref_off(rt, sep)
    decref_off(rt, s)
    if r < 0:
        decref_off(rt, arr)
        return -1
    ret[0] = mk_object(arr)
    return 0


# --- match / search ----------------------------------------------------------------

cdef int literal_match_result(Runtime* rt, uint32_t s, uint32_t p, int64_t pos, JSVal* ret) noexcept:
    """What exec of a flagless literal pattern returns: [p] with index and input."""
    cdef uint32_t arr, key
    if pos < 0:
        ret[0] = JSNULL
        return 0
    arr = arr_new(rt, 0)
    if arr == 0:
        return throw_oom(rt)
    if (arr_push(rt, arr, mk_string(p)) < 0
            or prop_set_own(rt, arr, rt.atoms[A_index], PF_DEFAULT, mk_number(<double>pos)) < 0
            or prop_set_own(rt, arr, rt.atoms[A_input], PF_DEFAULT, mk_string(s)) < 0):
        decref_off(rt, arr)
        return -1
    key = intern_ascii(rt, "groups")
    if key == 0 or prop_set_own(rt, arr, key, PF_DEFAULT, UNDEFINED) < 0:
        if key:
            decref_off(rt, key)
        decref_off(rt, arr)
        return throw_oom(rt)
    decref_off(rt, key)
    ret[0] = mk_object(arr)
    return 0


cdef int pattern_or_regexp(Runtime* rt, JSVal v, uint32_t* literal, JSVal* rx) noexcept:
    """For match/search: a literal pattern (set *literal) when v is not a RegExp and
    its text has no RegExp syntax, else a RegExp (new RegExp(v) if needed)."""
    cdef uint32_t p
    literal[0] = 0
    if is_regexp(rt, v):
        rx[0] = dup(rt, v)
        return 0
    if v == UNDEFINED:
        p = empty_string(rt)
    else:
        p = to_string(rt, v)
        if p == 0:
            return -1
    if not has_regexp_syntax(rt, p):
        literal[0] = p
        return 0
    cdef int r = regexp_create(rt, mk_string(p), UNDEFINED, rx)
    decref_off(rt, p)
    return r


cdef int match_regexp(Runtime* rt, JSVal rx, uint32_t s, JSVal* ret) noexcept:
    """RegExp.prototype[@@match] (ES2015 21.2.5.6) through exec."""
    cdef bint glob, unicode
    cdef uint32_t arr, m
    cdef JSVal res
    cdef double li
    cdef int n = 0
    if get_named_bool(rt, rx, "global", &glob) < 0:
        return -1
    if not glob:
        return regexp_exec(rt, rx, s, ret)
    if get_named_bool(rt, rx, "unicode", &unicode) < 0 or set_last_index(rt, rx, 0) < 0:
        return -1
    arr = arr_new(rt, 0)
    if arr == 0:
        return throw_oom(rt)
    while True:
        if regexp_exec(rt, rx, s, &res) < 0:
            decref_off(rt, arr)
            return -1
        if res == JSNULL:
            break
        m = get_string_idx(rt, res, 0)
        decref(rt, res)
        if m == 0:
            decref_off(rt, arr)
            return -1
        if arr_push(rt, arr, mk_string(m)) < 0:
            decref_off(rt, m)
            decref_off(rt, arr)
            return -1
        n += 1
        if str_len(rt, m) == 0:
            if get_named_length(rt, rx, "lastIndex", &li) < 0 or \
                    set_last_index(rt, rx, advance_index(rt, s, li, unicode)) < 0:
                decref_off(rt, m)
                decref_off(rt, arr)
                return -1
        decref_off(rt, m)
    if n == 0:
        decref_off(rt, arr)
        ret[0] = JSNULL
    else:
        ret[0] = mk_object(arr)
    return 0


cdef int string_match(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = this_str(rt, this, "match"), p
    cdef JSVal rx
    cdef int r
    if s == 0:
        return -1
    if pattern_or_regexp(rt, arg(argc, argv, 0), &p, &rx) < 0:
        decref_off(rt, s)
        return -1
    if p:
        r = literal_match_result(rt, s, p, find_units(rt, s, p, 0), ret)
        decref_off(rt, p)
    else:
        r = match_regexp(rt, rx, s, ret)
        decref(rt, rx)
    decref_off(rt, s)
    return r


cdef int search_regexp(Runtime* rt, JSVal rx, uint32_t s, JSVal* ret) noexcept:
    """RegExp.prototype[@@search] (ES2015 21.2.5.9) through exec."""
    cdef JSVal prev, cur, res
    if get_named(rt, rx, "lastIndex", &prev) < 0:
        return -1
    if prev != mk_number(0.0) and set_last_index(rt, rx, 0) < 0:
        decref(rt, prev)
        return -1
    if regexp_exec(rt, rx, s, &res) < 0:
        decref(rt, prev)
        return -1
    if get_named(rt, rx, "lastIndex", &cur) < 0:
        decref(rt, prev)
        decref(rt, res)
        return -1
    if not same_value(cur, prev) and not (is_string(cur) and is_string(prev) and op_strict_eq(rt, cur, prev)):
        if put_named(rt, rx, "lastIndex", prev) < 0:
            decref(rt, prev)
            decref(rt, cur)
            decref(rt, res)
            return -1
    decref(rt, prev)
    decref(rt, cur)
    if res == JSNULL:
        ret[0] = mk_number(-1.0)
        return 0
    cdef int r = get_value(rt, res, rt.atoms[A_index], ret)
    decref(rt, res)
    return r


cdef int string_search(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = this_str(rt, this, "search"), p
    cdef JSVal rx
    cdef int r = 0
    if s == 0:
        return -1
    if pattern_or_regexp(rt, arg(argc, argv, 0), &p, &rx) < 0:
        decref_off(rt, s)
        return -1
    if p:
        ret[0] = mk_number(<double>find_units(rt, s, p, 0))
        decref_off(rt, p)
    else:
        r = search_regexp(rt, rx, s, ret)
        decref(rt, rx)
    decref_off(rt, s)
    return r


# --- replace ------------------------------------------------------------------------

cdef int substitute(Runtime* rt, StrBuf* b, uint32_t matched, uint32_t s, uint32_t position,
                    JSVal* caps, uint32_t m, JSVal named, uint32_t repl) noexcept:
    """GetSubstitution (ES2023 22.1.3.19.1), appended to b."""
    cdef uint32_t n = str_len(rt, repl), i = 0, start = 0, d, d2, gt, tail, sl = str_len(rt, s), key
    cdef uint16_t c, c2
    cdef JSVal v
    cdef int r
    while i < n:
        c = str_at(rt, repl, i)
        if c != 36 or i + 1 >= n:
            i += 1
            continue
        # flush the literal run before '$'
        if sb_add_range(rt, b, repl, start, i) < 0:
            return -1
        c2 = str_at(rt, repl, i + 1)
        if c2 == 36:
            r = sb_add_unit(rt, b, 36)
            i += 2
        elif c2 == 38:
            r = sb_add_str(rt, b, matched)
            i += 2
        elif c2 == 96:
            r = sb_add_range(rt, b, s, 0, position)
            i += 2
        elif c2 == 39:
            tail = position + str_len(rt, matched)
            r = sb_add_range(rt, b, s, tail if tail < sl else sl, sl)
            i += 2
        elif 48 <= c2 <= 57:
            d = c2 - 48
            d2 = 0xFFFF
            if i + 2 < n and 48 <= str_at(rt, repl, i + 2) <= 57:
                d2 = d * 10 + (str_at(rt, repl, i + 2) - 48)
            if d2 != 0xFFFF and 1 <= d2 <= m:
                v = caps[d2 - 1]
                r = sb_add_str(rt, b, ref_of(v)) if is_string(v) else 0
                i += 3
            elif 1 <= d <= m:
                v = caps[d - 1]
                r = sb_add_str(rt, b, ref_of(v)) if is_string(v) else 0
                i += 2
            else:
                r = sb_add_unit(rt, b, 36)
                i += 1
        elif c2 == 60 and named != UNDEFINED:
            gt = i + 2
            while gt < n and str_at(rt, repl, gt) != 62:
                gt += 1
            if gt >= n:
                r = sb_add_unit(rt, b, 36)
                i += 1
            else:
                key = str_substring(rt, repl, i + 2, gt)
                if key == 0:
                    return throw_oom(rt)
                key = str_intern(rt, key)
                if key == 0:
                    return throw_oom(rt)
                r = get_value(rt, named, key, &v)
                decref_off(rt, key)
                if r < 0:
                    return -1
                if v != UNDEFINED:
                    key = to_string(rt, v)
                    decref(rt, v)
                    if key == 0:
                        return -1
                    r = sb_add_str(rt, b, key)
                    decref_off(rt, key)
                i = gt + 1
        else:
            r = sb_add_unit(rt, b, 36)
            i += 1
        if r < 0:
            return -1
        start = i
    return sb_add_range(rt, b, repl, start, n)


cdef int exec_all(Runtime* rt, JSVal rx, uint32_t s, uint32_t results) noexcept:
    """The exec results @@replace works from, pushed onto the array `results`."""
    cdef bint glob, unicode = 0
    cdef JSVal res
    cdef uint32_t t, k
    cdef double li
    cdef int r
    if get_named_bool(rt, rx, "global", &glob) < 0:
        return -1
    if glob:
        if get_named_bool(rt, rx, "unicode", &unicode) < 0 or set_last_index(rt, rx, 0) < 0:
            return -1
    while True:
        if regexp_exec(rt, rx, s, &res) < 0:
            return -1
        if res == JSNULL:
            return 0
        r = arr_push(rt, results, res)
        if r < 0 or not glob:
            decref(rt, res)
            return r
        t = get_string_idx(rt, res, 0)
        decref(rt, res)
        if t == 0:
            return -1
        k = str_len(rt, t)
        decref_off(rt, t)
        if k == 0:
            if get_named_length(rt, rx, "lastIndex", &li) < 0 or \
                    set_last_index(rt, rx, advance_index(rt, s, li, unicode)) < 0:
                return -1


cdef int sb_add_sb(Runtime* rt, StrBuf* acc, StrBuf* b) noexcept:
    cdef uint32_t k
    if b.length == 0:
        return 0
    if b.wide and sb_widen(rt, acc) < 0:
        return -1
    if sb_reserve(rt, acc, b.length) < 0:
        return -1
    if acc.wide and b.wide:
        memcpy(<uint16_t*>acc.data + acc.length, b.data, 2 * b.length)
    elif acc.wide:
        for k in range(b.length):
            (<uint16_t*>acc.data)[acc.length + k] = b.data[k]
    else:
        memcpy(acc.data + acc.length, b.data, b.length)
    acc.length += b.length
    return 0


cdef int replacement_of(Runtime* rt, JSVal res, uint32_t s, JSVal replv, uint32_t repl, StrBuf* out,
                        uint32_t* position, uint32_t* match_length) noexcept:
    """The replacement text for one exec result (ES2015 21.2.5.8 step 16)."""
    cdef double ncaps_d, pos_d
    cdef uint32_t ncap, k, t, matched
    cdef JSVal v = UNDEFINED, named = UNDEFINED, fr
    cdef JSVal* caps
    cdef int r = 0
    if get_named_length(rt, res, "length", &ncaps_d) < 0:
        return -1
    ncap = <uint32_t>(ncaps_d - 1) if ncaps_d >= 1 else 0
    matched = get_string_idx(rt, res, 0)
    if matched == 0:
        return -1
    match_length[0] = str_len(rt, matched)
    if get_value(rt, res, rt.atoms[A_index], &v) < 0 or arg_integer(rt, v, &pos_d) < 0:
        decref(rt, v)
        decref_off(rt, matched)
        return -1
    decref(rt, v)
    position[0] = <uint32_t>clamp(pos_d, 0, str_len(rt, s))
    # caps: matched, the captures, then position, s, groups (the replacer's arguments)
    caps = <JSVal*>malloc(8 * (<size_t>ncap + 4))
    if caps == NULL:
        decref_off(rt, matched)
        return throw_oom(rt)
    caps[0] = mk_string(matched)
    for k in range(1, ncap + 1):
        caps[k] = UNDEFINED
    for k in range(1, ncap + 1):
        r = get_idx(rt, res, k, &v)
        if r < 0:
            break
        if v != UNDEFINED:
            t = to_string(rt, v)
            decref(rt, v)
            if t == 0:
                r = -1
                break
            caps[k] = mk_string(t)
    if r == 0:
        r = get_named(rt, res, "groups", &named)
    if r == 0:
        if repl == 0:
            caps[ncap + 1] = mk_number(<double>position[0])
            caps[ncap + 2] = mk_string(s)
            caps[ncap + 3] = named
            r = vm_call(rt, replv, UNDEFINED, <int>ncap + 3 + (1 if named != UNDEFINED else 0), caps, &fr)
            if r == 0:
                t = to_string(rt, fr)
                decref(rt, fr)
                if t == 0:
                    r = -1
                else:
                    r = sb_add_str(rt, out, t)
                    decref_off(rt, t)
        else:
            if named != UNDEFINED:
                t = to_object(rt, named)
                decref(rt, named)
                named = mk_object(t) if t else UNDEFINED
                if t == 0:
                    r = -1
            if r == 0:
                r = substitute(rt, out, matched, s, position[0], caps + 1, ncap, named, repl)
    decref(rt, named)
    for k in range(ncap + 1):
        decref(rt, caps[k])
    free(caps)
    return r


cdef int replace_regexp(Runtime* rt, JSVal rx, uint32_t s, JSVal replv, JSVal* ret) noexcept:
    """RegExp.prototype[@@replace] (ES2015 21.2.5.8) through exec."""
    cdef uint32_t repl = 0, results, nres, j, sl = str_len(rt, s), next_pos = 0, position, mlen, t
    cdef JSVal res
    cdef StrBuf acc, scratch
    cdef int r = 0
    if not is_callable(rt, replv):
        repl = to_string(rt, replv)
        if repl == 0:
            return -1
    results = arr_new(rt, 0)
    if results == 0:
        if repl:
            decref_off(rt, repl)
        return throw_oom(rt)
    sb_init(&acc)
    sb_init(&scratch)
    r = exec_all(rt, rx, s, results)
    nres = optr(rt, results).length if r == 0 else 0
    for j in range(nres):
        r = get_index(rt, results, j, &res)
        if r < 0:
            break
        scratch.length = 0
        r = replacement_of(rt, res, s, replv, repl, &scratch, &position, &mlen)
        decref(rt, res)
        if r < 0:
            break
        if position >= next_pos:
            r = sb_add_range(rt, &acc, s, next_pos, position)
            if r == 0:
                r = sb_add_sb(rt, &acc, &scratch)
            if r < 0:
                break
            next_pos = position + mlen
    if r == 0 and next_pos < sl:
        r = sb_add_range(rt, &acc, s, next_pos, sl)
    sb_free(&scratch)
    if repl:
        decref_off(rt, repl)
    decref_off(rt, results)
    if r < 0:
        sb_free(&acc)
        return -1
    t = sb_finish(rt, &acc)
    if t == 0:
        return -1
    ret[0] = mk_string(t)
    return 0


cdef int replace_string_at(Runtime* rt, StrBuf* b, uint32_t s, uint32_t search, int64_t pos,
                           JSVal replv, uint32_t repl) noexcept:
    """Append the replacement for the match of search at pos."""
    cdef JSVal args[3]
    cdef JSVal fr
    cdef uint32_t t
    cdef int r
    if repl == 0:
        args[0] = mk_string(search)
        args[1] = mk_number(<double>pos)
        args[2] = mk_string(s)
        if vm_call(rt, replv, UNDEFINED, 3, args, &fr) < 0:
            return -1
        t = to_string(rt, fr)
        decref(rt, fr)
        if t == 0:
            return -1
        r = sb_add_str(rt, b, t)
        decref_off(rt, t)
        return r
    return substitute(rt, b, search, s, <uint32_t>pos, NULL, 0, UNDEFINED, repl)


cdef int string_replace(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """replace (magic 0), replaceAll (1)."""
    cdef JSVal pat = arg(argc, argv, 0), replv = arg(argc, argv, 1), fv
    cdef uint32_t s, search, repl = 0, ls, lsearch, fl
    cdef int64_t pos, end_of_last = 0
    cdef StrBuf b
    cdef int r = 0
    cdef bint found_g
    cdef uint32_t i
    if is_nullish(this):
        return throw_error(rt, E_TYPE, "String.prototype.replace called on null or undefined")
    if magic == 1 and is_regexp(rt, pat):
        # replaceAll with a RegExp: it must be global
        if get_named(rt, pat, "flags", &fv) < 0:
            return -1
        if fv == UNDEFINED:
            if get_named_bool(rt, pat, "global", &found_g) < 0:
                return -1
        else:
            fl = to_string(rt, fv)
            decref(rt, fv)
            if fl == 0:
                return -1
            found_g = 0
            for i in range(str_len(rt, fl)):
                if str_at(rt, fl, i) == 103:
                    found_g = 1
            decref_off(rt, fl)
        if not found_g:
            return throw_error(rt, E_TYPE, "replaceAll must be called with a global RegExp")
    s = this_str(rt, this, pick(magic, "replace", "replaceAll"))
    if s == 0:
        return -1
    if is_regexp(rt, pat):
        r = replace_regexp(rt, pat, s, replv, ret)
        decref_off(rt, s)
        return r
    search = to_string(rt, pat)
    if search == 0:
        decref_off(rt, s)
        return -1
    if not is_callable(rt, replv):
        repl = to_string(rt, replv)
        if repl == 0:
            decref_off(rt, s)
            decref_off(rt, search)
            return -1
    pos = find_units(rt, s, search, 0)
    if pos < 0:
        ret[0] = mk_string(s)
        decref_off(rt, search)
        if repl:
            decref_off(rt, repl)
        return 0
    ls = str_len(rt, s)
    lsearch = str_len(rt, search)
    sb_init(&b)
    while pos >= 0:
        r = sb_add_range(rt, &b, s, <uint32_t>end_of_last, <uint32_t>pos)
        if r == 0:
            r = replace_string_at(rt, &b, s, search, pos, replv, repl)
        if r < 0:
            break
        end_of_last = pos + lsearch
        if magic == 0:
            break
        pos = find_units(rt, s, search, <uint32_t>(pos + (lsearch if lsearch else 1)))
    if r == 0:
        r = sb_add_range(rt, &b, s, <uint32_t>end_of_last if end_of_last < ls else ls, ls)
    decref_off(rt, search)
    if repl:
        decref_off(rt, repl)
    decref_off(rt, s)
    if r < 0:
        sb_free(&b)
        return -1
    s = sb_finish(rt, &b)
    if s == 0:
        return -1
    ret[0] = mk_string(s)
    return 0


# --- Annex B HTML methods -------------------------------------------------------------

_HTML = [("anchor", "a", "name"), ("big", "big", ""), ("blink", "blink", ""), ("bold", "b", ""),
         ("fixed", "tt", ""), ("fontcolor", "font", "color"), ("fontsize", "font", "size"),
         ("italics", "i", ""), ("link", "a", "href"), ("small", "small", ""),
         ("strike", "strike", ""), ("sub", "sub", ""), ("sup", "sup", "")]


cdef int string_html(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """CreateHTML (ES2015 B.2.3.2.1)."""
    cdef uint32_t s = this_str(rt, this, "HTML method"), v, r
    name, tag, attr = _HTML[magic]
    if s == 0:
        return -1
    try:
        text = "<" + tag
        if attr:
            v = to_string(rt, arg(argc, argv, 0))
            if v == 0:
                decref_off(rt, s)
                return -1
            text += ' %s="%s"' % (attr, str_to_py(rt, v).replace('"', "&quot;"))
            decref_off(rt, v)
        text += ">" + str_to_py(rt, s) + "</" + tag + ">"
        r = str_from_py(rt, text)
    except BaseException:
        r = 0
    decref_off(rt, s)
    return ret_string(rt, r, ret)


# --- declarations ---------------------------------------------------------------------

cdef uint32_t _n(NativeFn fn, const char* name, int length, int nargs, int magic):
    return native_register(fn, name, length, nargs, magic)


DEFS = [
    ("ctor", "String", _n(string_ctor, "String", 1, 1, 0)),
    ("method", "String", "fromCharCode", _n(string_from_char_code, "fromCharCode", 1, VARARGS, 0)),
    ("method", "String", "fromCodePoint", _n(string_from_code_point, "fromCodePoint", 1, VARARGS, 0)),
    ("method", "String", "raw", _n(string_raw, "raw", 1, VARARGS, 0)),
    ("method", "String.prototype", "toString", _n(string_to_string, "toString", 0, 0, 0)),
    ("method", "String.prototype", "valueOf", _n(string_to_string, "valueOf", 0, 0, 0)),
    ("method", "String.prototype", "charAt", _n(string_char_at, "charAt", 1, 1, 0)),
    ("method", "String.prototype", "charCodeAt", _n(string_char_at, "charCodeAt", 1, 1, 1)),
    ("method", "String.prototype", "codePointAt", _n(string_char_at, "codePointAt", 1, 1, 2)),
    ("method", "String.prototype", "at", _n(string_char_at, "at", 1, 1, 3)),
    ("method", "String.prototype", "concat", _n(string_concat, "concat", 1, VARARGS, 0)),
    ("method", "String.prototype", "indexOf", _n(string_index_of, "indexOf", 1, 2, 0)),
    ("method", "String.prototype", "includes", _n(string_index_of, "includes", 1, 2, 1)),
    ("method", "String.prototype", "lastIndexOf", _n(string_last_index_of, "lastIndexOf", 1, 2, 0)),
    ("method", "String.prototype", "startsWith", _n(string_starts_with, "startsWith", 1, 2, 0)),
    ("method", "String.prototype", "endsWith", _n(string_starts_with, "endsWith", 1, 2, 1)),
    ("method", "String.prototype", "localeCompare", _n(string_locale_compare, "localeCompare", 1, 1, 0)),
    ("method", "String.prototype", "normalize", _n(string_normalize, "normalize", 0, 1, 0)),
    ("method", "String.prototype", "slice", _n(string_slice, "slice", 2, 2, 0)),
    ("method", "String.prototype", "substring", _n(string_slice, "substring", 2, 2, 1)),
    ("method", "String.prototype", "substr", _n(string_slice, "substr", 2, 2, 2)),
    ("method", "String.prototype", "toLowerCase", _n(string_case, "toLowerCase", 0, 0, 0)),
    ("method", "String.prototype", "toUpperCase", _n(string_case, "toUpperCase", 0, 0, 1)),
    ("method", "String.prototype", "toLocaleLowerCase", _n(string_case, "toLocaleLowerCase", 0, 0, 0)),
    ("method", "String.prototype", "toLocaleUpperCase", _n(string_case, "toLocaleUpperCase", 0, 0, 1)),
    ("method", "String.prototype", "trim", _n(string_trim, "trim", 0, 0, 3)),
    ("method", "String.prototype", "trimStart", _n(string_trim, "trimStart", 0, 0, 1)),
    ("method", "String.prototype", "trimEnd", _n(string_trim, "trimEnd", 0, 0, 2)),
    ("link", "String.prototype", "trimLeft", "String.prototype.trimStart", PF_WRITABLE | PF_CONFIGURABLE),
    ("link", "String.prototype", "trimRight", "String.prototype.trimEnd", PF_WRITABLE | PF_CONFIGURABLE),
    ("method", "String.prototype", "isWellFormed", _n(string_well_formed, "isWellFormed", 0, 0, 0)),
    ("method", "String.prototype", "toWellFormed", _n(string_well_formed, "toWellFormed", 0, 0, 1)),
    ("method", "String.prototype", "repeat", _n(string_repeat, "repeat", 1, 1, 0)),
    ("method", "String.prototype", "padStart", _n(string_pad, "padStart", 1, 2, 0)),
    ("method", "String.prototype", "padEnd", _n(string_pad, "padEnd", 1, 2, 1)),
    ("method", "String.prototype", "split", _n(string_split, "split", 2, 2, 0)),
    ("method", "String.prototype", "match", _n(string_match, "match", 1, 1, 0)),
    ("method", "String.prototype", "search", _n(string_search, "search", 1, 1, 0)),
    ("method", "String.prototype", "replace", _n(string_replace, "replace", 2, 2, 0)),
    ("method", "String.prototype", "replaceAll", _n(string_replace, "replaceAll", 2, 2, 1)),
]
_HTML_NAMES = [name.encode() for name, tag, attr in _HTML]    # native_register keeps the pointer
DEFS += [("method", "String.prototype", _HTML[i][0],
          _n(string_html, _HTML_NAMES[i], 1 if _HTML[i][2] else 0, 1 if _HTML[i][2] else 0, i))
         for i in range(len(_HTML))]
