# The global object's own value and function properties (ES5.1 15.1):
# NaN, Infinity, undefined, parseInt, parseFloat, isNaN, isFinite, the URI
# functions (15.1.3) and Annex B escape/unescape.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t, uint8_t
from libc.stdlib cimport malloc, realloc, free, strtod
from libc.math cimport isnan, isinf, NAN, INFINITY

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup, decref, decref_off
from glassjs.engine.core.objects cimport throw_error, throw_oom
from glassjs.engine.core.ops cimport to_string, to_number, to_int32
from glassjs.engine.core.strings cimport (str_len, str_at, str_new_onebyte, str_new_units, str_to_py,
                                          is_js_whitespace)
from glassjs.engine.core.natives cimport native_register


cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef inline int digit_value(uint16_t c) noexcept:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 99


# --- parseInt / parseFloat ------------------------------------------------------------------

cdef double big_parse_int(Runtime* rt, uint32_t s, uint32_t start, uint32_t end, int radix) noexcept:
    """The exact value of many digits, correctly rounded (Python's big integers)."""
    cdef uint32_t i
    try:
        digits = str_to_py(rt, s)[start:end]
        if radix == 10:
            return float(digits)
        try:
            v = int(digits, radix)
        except ValueError:          # int max str digits: accumulate by hand
            v = 0
            for ch in digits:
                v = v * radix + int(ch, 36)
        try:
            return float(v)
        except OverflowError:
            return float("inf")
    except BaseException:
        return NAN


cdef int global_parse_int(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, arg(argc, argv, 0))
    if s == 0:
        return -1
    cdef int32_t R
    if to_int32(rt, arg(argc, argv, 1), &R) < 0:
        decref_off(rt, s)
        return -1
    cdef uint32_t n = str_len(rt, s), i = 0, start
    cdef double sign = 1.0, v = 0
    cdef bint strip = 1, exact = 1
    cdef uint16_t c
    cdef int d
    while i < n and is_js_whitespace(str_at(rt, s, i)):
        i += 1
    if i < n:
        c = str_at(rt, s, i)
        if c == 45:
            sign = -1.0
            i += 1
        elif c == 43:
            i += 1
    if R != 0:
        if R < 2 or R > 36:
            decref_off(rt, s)
            ret[0] = mk_number(NAN)
            return 0
        if R != 16:
            strip = 0
    else:
        R = 10
    if strip and i + 1 < n and str_at(rt, s, i) == 48 and (str_at(rt, s, i + 1) | 0x20) == 120:
        i += 2
        R = 16
    start = i
    while i < n:
        d = digit_value(str_at(rt, s, i))
        if d >= R:
            break
        if exact:
            v = v * R + d
            if v >= 9007199254740992.0:
                exact = 0
        i += 1
    if i == start:
        decref_off(rt, s)
        ret[0] = mk_number(NAN)
        return 0
    if not exact:
        v = big_parse_int(rt, s, start, i, R)
    decref_off(rt, s)
    ret[0] = mk_number(sign * v)
    return 0


cdef int global_parse_float(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, arg(argc, argv, 0))
    if s == 0:
        return -1
    cdef uint32_t n = str_len(rt, s), i = 0, start, j, end, mark
    cdef bint digits = 0
    cdef double v
    cdef char* buf
    cdef const char* inf = "Infinity"
    while i < n and is_js_whitespace(str_at(rt, s, i)):
        i += 1
    start = i
    if i < n and (str_at(rt, s, i) == 43 or str_at(rt, s, i) == 45):
        i += 1
    # Infinity
    if n - i >= 8:
        for j in range(8):
            if str_at(rt, s, i + j) != <uint16_t>inf[j]:
                break
        else:
            v = -INFINITY if str_at(rt, s, start) == 45 else INFINITY
            decref_off(rt, s)
            ret[0] = mk_number(v)
            return 0
    while i < n and 48 <= str_at(rt, s, i) <= 57:
        i += 1
        digits = 1
    if i < n and str_at(rt, s, i) == 46:
        i += 1
        while i < n and 48 <= str_at(rt, s, i) <= 57:
            i += 1
            digits = 1
    if not digits:
        decref_off(rt, s)
        ret[0] = mk_number(NAN)
        return 0
    end = i
    if i < n and (str_at(rt, s, i) | 0x20) == 101:
        mark = i
        i += 1
        if i < n and (str_at(rt, s, i) == 43 or str_at(rt, s, i) == 45):
            i += 1
        if i < n and 48 <= str_at(rt, s, i) <= 57:
            while i < n and 48 <= str_at(rt, s, i) <= 57:
                i += 1
            end = i
    buf = <char*>malloc(end - start + 1)
    if buf == NULL:
        decref_off(rt, s)
        return throw_oom(rt)
    for j in range(start, end):
        buf[j - start] = <char>str_at(rt, s, j)
    buf[end - start] = 0
    v = strtod(buf, NULL)
    free(buf)
    decref_off(rt, s)
    ret[0] = mk_number(v)
    return 0


cdef int global_is_nan(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # magic 0: isNaN, 1: isFinite
    cdef double d
    if to_number(rt, arg(argc, argv, 0), &d) < 0:
        return -1
    if magic == 0:
        ret[0] = mk_bool(isnan(d))
    else:
        ret[0] = mk_bool(not isnan(d) and not isinf(d))
    return 0


# --- URI encoding (ES2023 19.2.6) -------------------------------------------------------------

cdef const char* HEX = "0123456789ABCDEF"

cdef bint in_set(uint16_t c, const char* extra) noexcept:
    """uriUnreserved (alnum and -_.!~*'()) or one of extra."""
    cdef int i = 0
    if (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122):
        return 1
    if c >= 128:
        return 0
    if c == 45 or c == 95 or c == 46 or c == 33 or c == 126 or c == 42 or c == 39 or c == 40 or c == 41:
        return 1
    while extra[i]:
        if <uint16_t>extra[i] == c:
            return 1
        i += 1
    return 0


cdef int uri_encode(Runtime* rt, JSVal v, const char* extra, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, v)
    if s == 0:
        return -1
    cdef uint32_t n = str_len(rt, s), k = 0, cp, o = 0, nb, j
    cdef uint16_t c, c2
    cdef uint8_t bytes_[4]
    cdef uint8_t* out = <uint8_t*>malloc(9 * <size_t>n + 1)
    if out == NULL:
        decref_off(rt, s)
        return throw_oom(rt)
    while k < n:
        c = str_at(rt, s, k)
        if in_set(c, extra):
            out[o] = <uint8_t>c
            o += 1
            k += 1
            continue
        if 0xDC00 <= c <= 0xDFFF:
            free(out)
            decref_off(rt, s)
            return throw_error(rt, E_URI, "URI malformed")
        if 0xD800 <= c <= 0xDBFF:
            if k + 1 >= n:
                free(out)
                decref_off(rt, s)
                return throw_error(rt, E_URI, "URI malformed")
            c2 = str_at(rt, s, k + 1)
            if not (0xDC00 <= c2 <= 0xDFFF):
                free(out)
                decref_off(rt, s)
                return throw_error(rt, E_URI, "URI malformed")
            cp = 0x10000 + ((<uint32_t>(c - 0xD800)) << 10) + (c2 - 0xDC00)
            k += 2
        else:
            cp = c
            k += 1
        if cp < 0x80:
            bytes_[0] = <uint8_t>cp
            nb = 1
        elif cp < 0x800:
            bytes_[0] = <uint8_t>(0xC0 | (cp >> 6))
            bytes_[1] = <uint8_t>(0x80 | (cp & 0x3F))
            nb = 2
        elif cp < 0x10000:
            bytes_[0] = <uint8_t>(0xE0 | (cp >> 12))
            bytes_[1] = <uint8_t>(0x80 | ((cp >> 6) & 0x3F))
            bytes_[2] = <uint8_t>(0x80 | (cp & 0x3F))
            nb = 3
        else:
            bytes_[0] = <uint8_t>(0xF0 | (cp >> 18))
            bytes_[1] = <uint8_t>(0x80 | ((cp >> 12) & 0x3F))
            bytes_[2] = <uint8_t>(0x80 | ((cp >> 6) & 0x3F))
            bytes_[3] = <uint8_t>(0x80 | (cp & 0x3F))
            nb = 4
        for j in range(nb):
            out[o] = 37     # %
            out[o + 1] = <uint8_t>HEX[bytes_[j] >> 4]
            out[o + 2] = <uint8_t>HEX[bytes_[j] & 15]
            o += 3
    decref_off(rt, s)
    cdef uint32_t r = str_new_onebyte(rt, out, o)
    free(out)
    if r == 0:
        return throw_oom(rt)
    ret[0] = mk_string(r)
    return 0


cdef inline int hex_value(uint16_t c) noexcept:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= (c | 0x20) <= 102:
        return (c | 0x20) - 87
    return -1


cdef int hex_octet(Runtime* rt, uint32_t s, uint32_t k) noexcept:
    """The byte written as two hex digits at s[k], s[k+1], or -1."""
    cdef int a = hex_value(str_at(rt, s, k)), b = hex_value(str_at(rt, s, k + 1))
    if a < 0 or b < 0:
        return -1
    return a * 16 + b


cdef int uri_decode(Runtime* rt, JSVal v, const char* reserved, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, v)
    if s == 0:
        return -1
    cdef uint32_t n = str_len(rt, s), k = 0, o = 0, cp, start, m, j
    cdef int b, nlead, cont
    cdef bint bad = 0
    cdef uint16_t c
    cdef uint16_t* out = <uint16_t*>malloc(2 * <size_t>n + 2)
    if out == NULL:
        decref_off(rt, s)
        return throw_oom(rt)
    while k < n:
        c = str_at(rt, s, k)
        if c != 37:
            out[o] = c
            o += 1
            k += 1
            continue
        start = k
        bad = 1
        if k + 3 > n:
            break
        b = hex_octet(rt, s, k + 1)
        if b < 0:
            break
        k += 2
        if b < 0x80:
            if in_reserved(<uint16_t>b, reserved):
                for j in range(start, k + 1):
                    out[o] = str_at(rt, s, j)
                    o += 1
            else:
                out[o] = <uint16_t>b
                o += 1
            k += 1
            bad = 0
            continue
        nlead = 0
        while nlead < 8 and (b << nlead) & 0x80:
            nlead += 1
        if nlead == 1 or nlead > 4:
            break
        if k + 3 * (nlead - 1) >= n:
            break
        if nlead == 2:
            cp = b & 0x1F
        elif nlead == 3:
            cp = b & 0x0F
        else:
            cp = b & 0x07
        for m in range(1, nlead):
            k += 1
            if str_at(rt, s, k) != 37:
                break
            cont = hex_octet(rt, s, k + 1)
            if cont < 0 or (cont & 0xC0) != 0x80:
                break
            cp = (cp << 6) | (cont & 0x3F)
            k += 2
        else:
            if (nlead == 2 and cp < 0x80) or (nlead == 3 and (cp < 0x800 or 0xD800 <= cp <= 0xDFFF)) \
                    or (nlead == 4 and (cp < 0x10000 or cp > 0x10FFFF)):
                break
            if cp < 0x10000:
                out[o] = <uint16_t>cp
                o += 1
            else:
                cp -= 0x10000
                out[o] = <uint16_t>(0xD800 + (cp >> 10))
                out[o + 1] = <uint16_t>(0xDC00 + (cp & 0x3FF))
                o += 2
            k += 1
            bad = 0
            continue
        break
    decref_off(rt, s)
    if bad:
        free(out)
        return throw_error(rt, E_URI, "URI malformed")
    cdef uint32_t r = str_new_units(rt, out, o)
    free(out)
    if r == 0:
        return throw_oom(rt)
    ret[0] = mk_string(r)
    return 0


cdef bint in_reserved(uint16_t c, const char* reserved) noexcept:
    cdef int i = 0
    while reserved[i]:
        if <uint16_t>reserved[i] == c:
            return 1
        i += 1
    return 0


cdef int global_uri(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # magic 0: encodeURI, 1: encodeURIComponent, 2: decodeURI, 3: decodeURIComponent
    cdef JSVal v = arg(argc, argv, 0)
    if magic == 0:
        return uri_encode(rt, v, ";/?:@&=+$,#", ret)
    if magic == 1:
        return uri_encode(rt, v, "", ret)
    if magic == 2:
        return uri_decode(rt, v, ";/?:@&=+$,#", ret)
    return uri_decode(rt, v, "", ret)


# --- Annex B escape / unescape ---------------------------------------------------------------------

cdef int global_escape(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, arg(argc, argv, 0))
    if s == 0:
        return -1
    cdef uint32_t n = str_len(rt, s), k, o = 0
    cdef uint16_t c
    cdef uint8_t* out = <uint8_t*>malloc(6 * <size_t>n + 1)
    if out == NULL:
        decref_off(rt, s)
        return throw_oom(rt)
    for k in range(n):
        c = str_at(rt, s, k)
        if (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or c == 64 or c == 42 or c == 95 \
                or c == 43 or c == 45 or c == 46 or c == 47:
            out[o] = <uint8_t>c
            o += 1
        elif c < 256:
            out[o] = 37
            out[o + 1] = <uint8_t>HEX[c >> 4]
            out[o + 2] = <uint8_t>HEX[c & 15]
            o += 3
        else:
            out[o] = 37
            out[o + 1] = 117     # u
            out[o + 2] = <uint8_t>HEX[c >> 12]
            out[o + 3] = <uint8_t>HEX[(c >> 8) & 15]
            out[o + 4] = <uint8_t>HEX[(c >> 4) & 15]
            out[o + 5] = <uint8_t>HEX[c & 15]
            o += 6
    decref_off(rt, s)
    cdef uint32_t r = str_new_onebyte(rt, out, o)
    free(out)
    if r == 0:
        return throw_oom(rt)
    ret[0] = mk_string(r)
    return 0


cdef int global_unescape(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t s = to_string(rt, arg(argc, argv, 0))
    if s == 0:
        return -1
    cdef uint32_t n = str_len(rt, s), k = 0, o = 0
    cdef uint16_t c
    cdef int a, b, x, y
    cdef uint16_t* out = <uint16_t*>malloc(2 * <size_t>n + 2)
    if out == NULL:
        decref_off(rt, s)
        return throw_oom(rt)
    while k < n:
        c = str_at(rt, s, k)
        if c == 37:
            if k + 6 <= n and str_at(rt, s, k + 1) == 117:
                a = hex_value(str_at(rt, s, k + 2))
                b = hex_value(str_at(rt, s, k + 3))
                x = hex_value(str_at(rt, s, k + 4))
                y = hex_value(str_at(rt, s, k + 5))
                if a >= 0 and b >= 0 and x >= 0 and y >= 0:
                    c = <uint16_t>((a << 12) | (b << 8) | (x << 4) | y)
                    k += 5
            elif k + 3 <= n:
                a = hex_octet(rt, s, k + 1)
                if a >= 0:
                    c = <uint16_t>a
                    k += 2
        out[o] = c
        o += 1
        k += 1
    decref_off(rt, s)
    cdef uint32_t r = str_new_units(rt, out, o)
    free(out)
    if r == 0:
        return throw_oom(rt)
    ret[0] = mk_string(r)
    return 0


DEFS = [
    ("value", "global", "NaN", float("nan"), 0),
    ("value", "global", "Infinity", float("inf"), 0),
    ("value", "global", "undefined", None, 0),
    ("method", "global", "parseInt", native_register(global_parse_int, "parseInt", 2, 2, 0)),
    ("method", "global", "parseFloat", native_register(global_parse_float, "parseFloat", 1, 1, 0)),
    ("method", "global", "isNaN", native_register(global_is_nan, "isNaN", 1, 1, 0)),
    ("method", "global", "isFinite", native_register(global_is_nan, "isFinite", 1, 1, 1)),
    ("method", "global", "encodeURI", native_register(global_uri, "encodeURI", 1, 1, 0)),
    ("method", "global", "encodeURIComponent", native_register(global_uri, "encodeURIComponent", 1, 1, 1)),
    ("method", "global", "decodeURI", native_register(global_uri, "decodeURI", 1, 1, 2)),
    ("method", "global", "decodeURIComponent", native_register(global_uri, "decodeURIComponent", 1, 1, 3)),
    ("method", "global", "escape", native_register(global_escape, "escape", 1, 1, 0)),
    ("method", "global", "unescape", native_register(global_unescape, "unescape", 1, 1, 0)),
    # ES2015: Number.parseInt/parseFloat are the very same function objects
    ("link", "Number", "parseInt", "global.parseInt", PF_WRITABLE | PF_CONFIGURABLE),
    ("link", "Number", "parseFloat", "global.parseFloat", PF_WRITABLE | PF_CONFIGURABLE),
]
