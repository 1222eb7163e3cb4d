# Strings: creation, the interning string table, comparison, and the
# number <-> string conversions of the spec (ES5.1 9.3.1, 9.8.1).

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t, int64_t
from libc.string cimport memcpy, memcmp, memset, strlen
from libc.stdio cimport snprintf
from libc.stdlib cimport strtod
from libc.math cimport isnan, isinf, floor, fabs, INFINITY, NAN
from cpython.unicode cimport PyUnicode_DecodeLatin1

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport heap_alloc, heap_realloc, hdr, incref_off, decref_off

cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    object PyUnicode_DecodeUTF16(const char* s, Py_ssize_t size, const char* errors, int* byteorder)

# The texts of runtime.pxd's Atom enum, in its order.
cdef const char* ATOM_TEXTS[45]
ATOM_TEXTS[:] = [
    b"", b"length", b"prototype", b"constructor", b"toString", b"valueOf", b"name",
    b"message", b"stack", b"callee", b"caller", b"arguments", b"get", b"set", b"value",
    b"writable", b"enumerable", b"configurable", b"undefined", b"null", b"true", b"false",
    b"object", b"function", b"number", b"string", b"boolean", b"NaN", b"Infinity",
    b"-Infinity", b"0", b"toJSON", b"lastIndex", b"index", b"input", b"source", b"global",
    b"ignoreCase", b"multiline", b"eval", b"Error", b"symbol", b"join", b"toISOString", b"cause",
]
assert A_COUNT == 45

cdef enum:
    STRTAB_INITIAL = 256


cdef inline uint32_t hash_step(uint32_t h, uint32_t c) noexcept nogil:
    return (h ^ c) * 16777619U


cdef uint32_t hash_units(JSString* s) noexcept:
    cdef uint32_t h = 2166136261U, i
    cdef uint8_t* b
    cdef uint16_t* w
    if s.h.flags & HF_ONEBYTE:
        b = <uint8_t*>s + STRING_HEADER
        for i in range(s.length):
            h = hash_step(h, b[i])
    else:
        w = <uint16_t*>(<uint8_t*>s + STRING_HEADER)
        for i in range(s.length):
            h = hash_step(h, w[i])
    return h


cdef void detect_array_index(JSString* s) noexcept:
    """Canonical array index ("0" .. "4294967294", no leading zeros)?"""
    cdef uint32_t i, n = s.length
    cdef uint64_t v = 0
    cdef uint16_t c
    if n == 0 or n > 10:
        return
    for i in range(n):
        c = (<uint8_t*>s + STRING_HEADER)[i] if s.h.flags & HF_ONEBYTE else (<uint16_t*>(<uint8_t*>s + STRING_HEADER))[i]
        if c < 48 or c > 57:
            return
        if i == 0 and c == 48 and n > 1:
            return
        v = v * 10 + (c - 48)
    if v < 4294967295UL:
        s.h.flags |= HF_ARRAYIDX
        s.index = <uint32_t>v


cdef uint32_t str_alloc(Runtime* rt, uint32_t length, bint onebyte) noexcept:
    """An uninitialised string of `length` units; call str_finish after filling."""
    cdef uint32_t size = STRING_HEADER + (length if onebyte else 2 * length)
    cdef uint32_t off = heap_alloc(rt, size, BT_STRING)
    if off == 0:
        return 0
    cdef JSString* s = <JSString*>(rt.base + off)
    s.length = length
    if onebyte:
        s.h.flags |= HF_ONEBYTE
    return off


cdef uint32_t str_hash(Runtime* rt, uint32_t soff) noexcept:
    """The string's hash, computed on first use (most strings are never hashed:
    only interning and table lookups need it).  0 means "not yet"."""
    cdef JSString* s = <JSString*>(rt.base + soff)
    cdef uint32_t h
    if s.hash == 0:
        h = hash_units(s)
        s.hash = h if h else 1
    return s.hash


cdef void str_finish(Runtime* rt, uint32_t soff) noexcept:
    """Narrow to one byte per unit if possible; detect array indices."""
    cdef JSString* s = <JSString*>(rt.base + soff)
    cdef uint16_t* w
    cdef uint8_t* b
    cdef uint32_t i
    if not (s.h.flags & HF_ONEBYTE):
        w = <uint16_t*>(<uint8_t*>s + STRING_HEADER)
        for i in range(s.length):
            if w[i] > 255:
                break
        else:
            # narrow in place; the spare bytes stay inside the block
            b = <uint8_t*>s + STRING_HEADER
            for i in range(s.length):
                b[i] = <uint8_t>w[i]
            s.h.flags |= HF_ONEBYTE
    s.hash = 0
    detect_array_index(s)


cdef uint32_t str_new_onebyte(Runtime* rt, const uint8_t* data, uint32_t length) noexcept:
    cdef uint32_t off = str_alloc(rt, length, 1)
    if off == 0:
        return 0
    memcpy(rt.base + off + STRING_HEADER, data, length)
    str_finish(rt, off)
    return off


cdef uint32_t str_new_units(Runtime* rt, const uint16_t* data, uint32_t length) noexcept:
    cdef uint32_t i
    cdef bint narrow = 1
    for i in range(length):
        if data[i] > 255:
            narrow = 0
            break
    cdef uint32_t off = str_alloc(rt, length, narrow)
    if off == 0:
        return 0
    cdef uint8_t* b = rt.base + off + STRING_HEADER
    if narrow:
        for i in range(length):
            b[i] = <uint8_t>data[i]
    else:
        memcpy(b, data, 2 * length)
    str_finish(rt, off)
    return off


cdef uint32_t str_from_ascii(Runtime* rt, const char* text) noexcept:
    return str_new_onebyte(rt, <const uint8_t*>text, <uint32_t>strlen(text))


cdef uint32_t str_from_utf8(Runtime* rt, const char* data, Py_ssize_t n) noexcept:
    cdef Py_ssize_t i
    for i in range(n):
        if <uint8_t>data[i] >= 0x80:
            break
    else:
        return str_new_onebyte(rt, <const uint8_t*>data, <uint32_t>n)
    try:
        return str_from_py(rt, data[:n].decode("utf-8", "replace"))
    except BaseException:
        return 0


cdef uint32_t str_from_py(Runtime* rt, str s) noexcept:
    cdef int kind = PyUnicode_KIND(s)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(s), i, j, extra
    cdef void* data = PyUnicode_DATA(s)
    cdef uint32_t off, cp
    cdef uint16_t* w
    cdef uint32_t* u4
    if kind == 1:
        return str_new_onebyte(rt, <const uint8_t*>data, <uint32_t>n)
    if kind == 2:
        return str_new_units(rt, <const uint16_t*>data, <uint32_t>n)
    u4 = <uint32_t*>data
    extra = 0
    for i in range(n):
        if u4[i] > 0xFFFF:
            extra += 1
    off = str_alloc(rt, <uint32_t>(n + extra), 0)
    if off == 0:
        return 0
    w = str_units(rt, off)
    j = 0
    for i in range(n):
        cp = u4[i]
        if cp > 0xFFFF:
            cp -= 0x10000
            w[j] = <uint16_t>(0xD800 + (cp >> 10))
            w[j + 1] = <uint16_t>(0xDC00 + (cp & 0x3FF))
            j += 2
        else:
            w[j] = <uint16_t>cp
            j += 1
    str_finish(rt, off)
    return off


cdef str str_to_py(Runtime* rt, uint32_t soff):
    cdef JSString* s = sptr(rt, soff)
    cdef int order = -1
    if s.h.flags & HF_ONEBYTE:
        return PyUnicode_DecodeLatin1(<char*>s + STRING_HEADER, s.length, NULL)
    return PyUnicode_DecodeUTF16(<char*>s + STRING_HEADER, 2 * s.length, "surrogatepass", &order)


cdef bytes str_to_utf8(Runtime* rt, uint32_t soff):
    return str_to_py(rt, soff).encode("utf-8", "surrogatepass")


# --- the string table -------------------------------------------------------

cdef inline uint32_t* buckets(Runtime* rt) noexcept:
    return <uint32_t*>(rt.base + rt.strtab + 16)


cdef int strtab_init(Runtime* rt) noexcept:
    rt.strtab = heap_alloc(rt, 16 + 4 * STRTAB_INITIAL, BT_STRTAB)
    if rt.strtab == 0:
        return -1
    rt.strtab_size = STRTAB_INITIAL
    rt.strtab_count = 0
    return 0


cdef int strtab_grow(Runtime* rt) noexcept:
    cdef uint32_t new_size = rt.strtab_size * 2
    cdef uint32_t nt = heap_alloc(rt, 16 + 4 * new_size, BT_STRTAB)
    if nt == 0:
        return -1
    cdef uint32_t* old = buckets(rt)
    cdef uint32_t* nb = <uint32_t*>(rt.base + nt + 16)
    cdef uint32_t i, cur, nxt, b
    for i in range(rt.strtab_size):
        cur = old[i]
        while cur:
            nxt = hdr(rt, cur).link
            b = sptr(rt, cur).hash & (new_size - 1)
            hdr(rt, cur).link = nb[b]
            nb[b] = cur
            cur = nxt
    decref_off(rt, rt.strtab)
    rt.strtab = nt
    rt.strtab_size = new_size
    return 0


cdef bint same_units(Runtime* rt, uint32_t a, uint32_t b) noexcept:
    cdef JSString* x = sptr(rt, a)
    cdef JSString* y = sptr(rt, b)
    if x.length != y.length or (x.hash and y.hash and x.hash != y.hash):
        return 0
    if (x.h.flags & HF_ONEBYTE) != (y.h.flags & HF_ONEBYTE):
        return 0          # canonical representation: one-byte whenever possible
    cdef uint32_t n = x.length if x.h.flags & HF_ONEBYTE else 2 * x.length
    return memcmp(<uint8_t*>x + STRING_HEADER, <uint8_t*>y + STRING_HEADER, n) == 0


cdef uint32_t str_lookup_interned(Runtime* rt, uint32_t soff) noexcept:
    """The interned string equal to soff, or 0 (no reference taken)."""
    cdef JSString* s = sptr(rt, soff)
    if s.h.flags & HF_INTERNED:
        return soff
    cdef uint32_t cur = buckets(rt)[str_hash(rt, soff) & (rt.strtab_size - 1)]
    while cur:
        if same_units(rt, cur, soff):
            return cur
        cur = hdr(rt, cur).link
    return 0


cdef uint32_t str_intern(Runtime* rt, uint32_t soff) noexcept:
    """Consume a reference to soff; return a reference to the interned equal string."""
    cdef uint32_t found = str_lookup_interned(rt, soff)
    if found:
        rt.intern_hits += 1
        if found != soff:
            incref_off(rt, found)
            decref_off(rt, soff)
        return found
    rt.intern_misses += 1
    if rt.strtab_count >= rt.strtab_size * rt.strtab_max_load and strtab_grow(rt) < 0:   # profile: chain length
        decref_off(rt, soff)
        return 0
    cdef JSString* s = sptr(rt, soff)
    cdef uint32_t b = s.hash & (rt.strtab_size - 1)
    s.h.link = buckets(rt)[b]
    buckets(rt)[b] = soff
    s.h.flags |= HF_INTERNED
    rt.strtab_count += 1
    return soff


cdef uint32_t intern_ascii(Runtime* rt, const char* text) noexcept:
    cdef uint32_t s = str_from_ascii(rt, text)
    if s == 0:
        return 0
    return str_intern(rt, s)


cdef uint32_t intern_py(Runtime* rt, str text) noexcept:
    cdef uint32_t s = str_from_py(rt, text)
    if s == 0:
        return 0
    return str_intern(rt, s)


cdef int atoms_init(Runtime* rt) noexcept:
    cdef int i
    for i in range(A_COUNT):
        rt.atoms[i] = intern_ascii(rt, ATOM_TEXTS[i])
        if rt.atoms[i] == 0:
            return -1
        hdr(rt, rt.atoms[i]).flags |= HF_PINNED
    return 0


cdef uint32_t str_from_unit(Runtime* rt, uint16_t unit) noexcept:
    """A one-unit string (new reference); Latin-1 ones are cached per engine,
    so s[i], charAt and fromCharCode allocate nothing in the common case."""
    cdef uint32_t s
    cdef uint8_t b
    if unit < 256:
        s = rt.unit_strings[unit]
        if s == 0:
            b = <uint8_t>unit
            s = str_new_onebyte(rt, &b, 1)
            if s == 0:
                return 0
            s = str_intern(rt, s)
            if s == 0:
                return 0
            rt.unit_strings[unit] = s          # the runtime keeps this reference
        incref_off(rt, s)
        return s
    return str_new_units(rt, &unit, 1)


# --- comparison and building -----------------------------------------------

cdef bint str_equals(Runtime* rt, uint32_t a, uint32_t b) noexcept:
    if a == b:
        return 1
    if (hdr(rt, a).flags & hdr(rt, b).flags & HF_INTERNED):
        return 0
    return same_units(rt, a, b)


cdef int str_compare(Runtime* rt, uint32_t a, uint32_t b) noexcept:
    cdef uint32_t la = str_len(rt, a), lb = str_len(rt, b), i, n
    cdef uint16_t ca, cb
    n = la if la < lb else lb
    for i in range(n):
        ca = str_at(rt, a, i)
        cb = str_at(rt, b, i)
        if ca != cb:
            return -1 if ca < cb else 1
    if la == lb:
        return 0
    return -1 if la < lb else 1


cdef void copy_units(Runtime* rt, uint32_t src, uint32_t start, uint32_t n, uint8_t* dst, bint dst_onebyte) noexcept:
    cdef JSString* s = sptr(rt, src)
    cdef uint8_t* sb
    cdef uint16_t* sw
    cdef uint16_t* dw = <uint16_t*>dst
    cdef uint32_t i
    if s.h.flags & HF_ONEBYTE:
        sb = <uint8_t*>s + STRING_HEADER + start
        if dst_onebyte:
            memcpy(dst, sb, n)
        else:
            for i in range(n):
                dw[i] = sb[i]
    else:
        sw = <uint16_t*>(<uint8_t*>s + STRING_HEADER) + start
        if dst_onebyte:          # caller knows every unit fits
            for i in range(n):
                dst[i] = <uint8_t>sw[i]
        else:
            memcpy(dst, sw, 2 * n)


cdef uint32_t str_concat(Runtime* rt, uint32_t a, uint32_t b) noexcept:
    cdef JSString* x = sptr(rt, a)
    cdef JSString* y = sptr(rt, b)
    cdef uint32_t la = x.length, lb = y.length
    if <uint64_t>la + lb > 0x3FFFFFFF:
        return 0
    cdef bint one = (x.h.flags & y.h.flags & HF_ONEBYTE) != 0
    cdef uint32_t off = str_alloc(rt, la + lb, one)
    if off == 0:
        return 0
    cdef uint8_t* d = rt.base + off + STRING_HEADER
    copy_units(rt, a, 0, la, d, one)
    copy_units(rt, b, 0, lb, d + (la if one else 2 * la), one)
    str_finish(rt, off)
    return off


cdef uint32_t str_substring(Runtime* rt, uint32_t s, uint32_t start, uint32_t end) noexcept:
    cdef uint32_t n = end - start if end > start else 0
    cdef JSString* x = sptr(rt, s)
    if start == 0 and n == x.length:
        incref_off(rt, s)
        return s
    if n == 0:
        incref_off(rt, rt.atoms[A_EMPTY])
        return rt.atoms[A_EMPTY]
    if x.h.flags & HF_ONEBYTE:
        return str_new_onebyte(rt, <uint8_t*>x + STRING_HEADER + start, n)
    return str_new_units(rt, <uint16_t*>(<uint8_t*>x + STRING_HEADER) + start, n)


cdef int str_index_of(Runtime* rt, uint32_t s, uint32_t pat, uint32_t start) noexcept:
    cdef uint32_t ls = str_len(rt, s), lp = str_len(rt, pat), i, j
    if lp == 0:
        return <int>(start if start <= ls else ls)
    if lp > ls:
        return -1
    cdef uint16_t first = str_at(rt, pat, 0)
    i = start
    while i + lp <= ls:
        if str_at(rt, s, i) == first:
            j = 1
            while j < lp and str_at(rt, s, i + j) == str_at(rt, pat, j):
                j += 1
            if j == lp:
                return <int>i
        i += 1
    return -1


cdef int str_last_index_of(Runtime* rt, uint32_t s, uint32_t pat, int start) noexcept:
    cdef int ls = <int>str_len(rt, s), lp = <int>str_len(rt, pat), i, j
    i = ls - lp
    if start < i:
        i = start
    while i >= 0:
        j = 0
        while j < lp and str_at(rt, s, i + j) == str_at(rt, pat, j):
            j += 1
        if j == lp:
            return i
        i -= 1
    return -1


# --- numbers <-> strings ---------------------------------------------------------

cdef int shortest_digits(double d, char* digits, int* exponent) noexcept:
    """Shortest decimal digits that read back as d (> 0): returns the digit count."""
    cdef char buf[40]
    cdef int p, k, i
    for p in range(1, 18):
        snprintf(buf, 40, "%.*e", p - 1, d)
        if strtod(buf, NULL) == d:
            break
    # buf = "d.ddde+XX"
    k = 0
    i = 0
    while buf[i] != b'e':
        if buf[i] != b'.':
            digits[k] = buf[i]
            k += 1
        i += 1
    exponent[0] = <int>strtod(buf + i + 1, NULL)
    while k > 1 and digits[k - 1] == b'0':
        k -= 1
    digits[k] = 0
    return k


cdef int num_to_cstr(double d, char* out) noexcept:
    """Number::toString (ES5.1 9.8.1) into out (>= 32 bytes); returns the length."""
    cdef char digits[24]
    cdef int k, n, e, pos = 0, i
    cdef int64_t iv
    if isnan(d):
        memcpy(out, b"NaN", 4)
        return 3
    if d == 0:
        out[0] = b'0'
        out[1] = 0
        return 1
    if isinf(d):
        if d > 0:
            memcpy(out, b"Infinity", 9)
            return 8
        memcpy(out, b"-Infinity", 10)
        return 9
    if d == floor(d) and fabs(d) < 1e15:
        iv = <int64_t>d
        return snprintf(out, 32, "%lld", <long long>iv)
    if d < 0:
        out[0] = b'-'
        pos = 1
        d = -d
    k = shortest_digits(d, digits, &e)
    n = e + 1
    if k <= n <= 21:
        memcpy(out + pos, digits, k)
        pos += k
        for i in range(n - k):
            out[pos] = b'0'
            pos += 1
    elif 0 < n <= 21:
        memcpy(out + pos, digits, n)
        pos += n
        out[pos] = b'.'
        pos += 1
        memcpy(out + pos, digits + n, k - n)
        pos += k - n
    elif -6 < n <= 0:
        out[pos] = b'0'
        out[pos + 1] = b'.'
        pos += 2
        for i in range(-n):
            out[pos] = b'0'
            pos += 1
        memcpy(out + pos, digits, k)
        pos += k
    else:
        out[pos] = digits[0]
        pos += 1
        if k > 1:
            out[pos] = b'.'
            pos += 1
            memcpy(out + pos, digits + 1, k - 1)
            pos += k - 1
        pos += snprintf(out + pos, 16, "e%+d", n - 1)
    out[pos] = 0
    return pos


cdef uint32_t num_to_str(Runtime* rt, double d) noexcept:
    cdef char buf[40]
    cdef int n = num_to_cstr(d, buf)
    return str_new_onebyte(rt, <uint8_t*>buf, n)


cdef uint32_t str_from_index(Runtime* rt, uint32_t i) noexcept:
    cdef char buf[16]
    cdef int n = snprintf(buf, 16, "%u", i)
    return str_new_onebyte(rt, <uint8_t*>buf, n)


cdef bint is_js_whitespace(uint16_t c) noexcept:
    # WhiteSpace and LineTerminator (ES5.1 7.2, 7.3) incl. Unicode Zs
    if c == 9 or c == 10 or c == 11 or c == 12 or c == 13 or c == 32 or c == 0xA0:
        return 1
    if c < 0x1680:
        return 0
    return (c == 0x1680 or (0x2000 <= c <= 0x200A) or c == 0x2028 or c == 0x2029
            or c == 0x202F or c == 0x205F or c == 0x3000 or c == 0xFEFF)


cdef double str_to_num(Runtime* rt, uint32_t soff) noexcept:
    """ToNumber applied to a string (ES5.1 9.3.1)."""
    cdef uint32_t n = str_len(rt, soff), i = 0, j, start
    cdef uint16_t c
    cdef char buf[400]
    cdef int k = 0, radix, dv
    cdef double v, sign = 1.0
    cdef bint digits = 0
    while i < n and is_js_whitespace(str_at(rt, soff, i)):
        i += 1
    while n > i and is_js_whitespace(str_at(rt, soff, n - 1)):
        n -= 1
    if i == n:
        return 0.0
    # 0x / 0o / 0b literals (no sign allowed)
    if n - i > 2 and str_at(rt, soff, i) == 48:
        c = str_at(rt, soff, i + 1) | 0x20
        radix = 16 if c == 120 else (8 if c == 111 else (2 if c == 98 else 0))
        if radix:
            v = 0
            for j in range(i + 2, n):
                c = str_at(rt, soff, j)
                if 48 <= c <= 57:
                    dv = c - 48
                elif 97 <= (c | 0x20) <= 102:
                    dv = (c | 0x20) - 87
                else:
                    return NAN
                if dv >= radix:
                    return NAN
                v = v * radix + dv
            return v
    start = i
    c = str_at(rt, soff, i)
    if c == 43 or c == 45:
        if c == 45:
            sign = -1.0
        i += 1
    if n - i == 8:
        for j in range(8):
            if str_at(rt, soff, i + j) != <uint16_t>(b"Infinity"[j]):
                break
        else:
            return sign * INFINITY
    # StrDecimalLiteral: digits [. digits] [(e|E) [+-] digits]
    if n - start > 380:
        # long inputs: validate and parse through Python's float
        try:
            text = str_to_py(rt, soff).strip(" \t\n\v\f\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
            for ch in text:
                if ch not in "0123456789.eE+-":
                    return NAN
            return float(text)
        except BaseException:
            return NAN
    if sign < 0:
        buf[k] = b'-'
        k += 1
    while i < n and 48 <= str_at(rt, soff, i) <= 57:
        buf[k] = <char>str_at(rt, soff, i)
        k += 1
        i += 1
        digits = 1
    if i < n and str_at(rt, soff, i) == 46:
        buf[k] = b'.'
        k += 1
        i += 1
        while i < n and 48 <= str_at(rt, soff, i) <= 57:
            buf[k] = <char>str_at(rt, soff, i)
            k += 1
            i += 1
            digits = 1
    if not digits:
        return NAN
    if i < n and (str_at(rt, soff, i) | 0x20) == 101:
        buf[k] = b'e'
        k += 1
        i += 1
        if i < n and (str_at(rt, soff, i) == 43 or str_at(rt, soff, i) == 45):
            buf[k] = <char>str_at(rt, soff, i)
            k += 1
            i += 1
        digits = 0
        while i < n and 48 <= str_at(rt, soff, i) <= 57:
            buf[k] = <char>str_at(rt, soff, i)
            k += 1
            i += 1
            digits = 1
        if not digits:
            return NAN
    if i != n:
        return NAN
    buf[k] = 0
    return strtod(buf, NULL)
