# Number (ES5.1 15.7, plus the ES2015 constants and predicates).
#
# The formatting methods are exact.  toFixed/toExponential/toPrecision round
# the exact binary value half-up (the spec's "if there are two such n, pick
# the larger"); C's printf is exact too but rounds ties to even, so the C path
# prints one digit more to see whether the value could sit exactly on a tie
# and, only then, takes the exact decimal path (Python's decimal).
# toString(radix) converts the integer part exactly and the fraction like V8
# (digits until the value is pinned down to its double precision).

from libc.stdint cimport uint64_t, uint32_t, int32_t, int64_t, uint16_t, uint8_t
from libc.string cimport memcpy, strlen
from libc.stdio cimport snprintf
from libc.stdlib cimport strtod, atoi
from libc.math cimport isnan, isinf, floor, fabs, frexp, ldexp, nextafter, fmod, INFINITY, NAN

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup
from glassjs.engine.core.strings cimport str_new_onebyte, num_to_str, num_to_cstr
from glassjs.engine.core.objects cimport optr, obj_alloc, throw_error, throw_oom
from glassjs.engine.core.ops cimport to_number, to_integer
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT

from decimal import Decimal, Context, ROUND_HALF_UP

cdef enum:
    MAX_DIGITS = 100
    BUF = 2400            # radix 2: up to 1024 integer digits and 1074 fraction digits


cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef int ret_ascii(Runtime* rt, const char* text, int n, JSVal* ret) noexcept:
    cdef uint32_t s = str_new_onebyte(rt, <const uint8_t*>text, <uint32_t>n)
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef int ret_number_string(Runtime* rt, double x, JSVal* ret) noexcept:
    cdef uint32_t s = num_to_str(rt, x)
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef int ret_py(Runtime* rt, str text, JSVal* ret) noexcept:
    cdef bytes b = text.encode("ascii")
    return ret_ascii(rt, b, len(b), ret)


cdef int this_number(Runtime* rt, JSVal this, double* out) noexcept:
    """thisNumberValue: a number or a Number object, else TypeError."""
    if is_number(this):
        out[0] = num_of(this)
        return 0
    if is_object(this) and optr(rt, ref_of(this)).h.aux == CLASS_NUMBER:
        out[0] = num_of((<JSWrapper*>optr(rt, ref_of(this))).value)
        return 0
    return throw_error(rt, E_TYPE, "Number.prototype method called on incompatible receiver")


cdef int arg_integer(Runtime* rt, JSVal v, double* out) noexcept:
    cdef double d
    if is_number(v):
        out[0] = to_integer(num_of(v))
        return 0
    if to_number(rt, v, &d) < 0:
        return -1
    out[0] = to_integer(d)
    return 0


# --- the constructor and the predicates --------------------------------------------

cdef int number_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double d = 0.0
    cdef uint32_t o
    if argc > 0 and to_number(rt, argv[0], &d) < 0:
        return -1
    if not (flags & CALL_CONSTRUCT):
        ret[0] = mk_number(d)
        return 0
    o = obj_alloc(rt, rt.number_proto, CLASS_NUMBER, sizeof(JSWrapper))
    if o == 0:
        return throw_oom(rt)
    (<JSWrapper*>optr(rt, o)).value = mk_number(d)
    ret[0] = mk_object(o)
    return 0


cdef int number_is(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """isFinite (magic 0), isNaN (1), isInteger (2), isSafeInteger (3): no conversion."""
    cdef JSVal v = arg(argc, argv, 0)
    cdef double d
    cdef bint r = 0
    if is_number(v):
        d = num_of(v)
        if magic == 0:
            r = not (isnan(d) or isinf(d))
        elif magic == 1:
            r = isnan(d)
        else:
            r = not (isnan(d) or isinf(d)) and floor(d) == d
            if magic == 3 and fabs(d) > 9007199254740991.0:
                r = 0
    ret[0] = mk_bool(r)
    return 0


# --- valueOf / toString ----------------------------------------------------------

cdef int number_value_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x
    if this_number(rt, this, &x) < 0:
        return -1
    ret[0] = mk_number(x)
    return 0


cdef const char* DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


cdef int integer_digits(double v, int radix, char* end) noexcept:
    """Write the integer v >= 0 in radix, right to left ending before `end`; returns
    the digit count.  Exact: doubles >= 2^53 go through a multi-word division."""
    cdef uint64_t u
    cdef uint32_t words[36]
    cdef int nw, i, n = 0, e
    cdef uint64_t rem, cur
    cdef double m
    if v < 9007199254740992.0:
        u = <uint64_t>v
        while True:
            n += 1
            end[-n] = DIGITS[u % radix]
            u //= radix
            if u == 0:
                return n
    # v = m * 2^e with m a 53-bit integer
    m = frexp(v, &e)
    u = <uint64_t>ldexp(m, 53)
    e -= 53
    for i in range(36):
        words[i] = 0
    for i in range(53):
        if (u >> i) & 1:
            words[(i + e) >> 5] |= (<uint32_t>1) << ((i + e) & 31)
    nw = ((52 + e) >> 5) + 1
    while nw > 0 and words[nw - 1] == 0:
        nw -= 1
    while nw > 0:
        rem = 0
        for i in range(nw - 1, -1, -1):
            cur = (rem << 32) | words[i]
            words[i] = <uint32_t>(cur // radix)
            rem = cur % radix
        n += 1
        end[-n] = DIGITS[rem]
        while nw > 0 and words[nw - 1] == 0:
            nw -= 1
    return n


cdef int radix_string(double value, int radix, char* out) noexcept:
    """Number::toString(radix) for finite value (V8's DoubleToRadixCString, with an
    exact integer part); returns the length written to out (>= BUF bytes)."""
    cdef char buf[BUF]
    cdef int mid = BUF // 2, fcur, icur, digit, n, c
    cdef bint negative = value < 0
    cdef double integer, fraction, delta
    if negative:
        value = -value
    integer = floor(value)
    fraction = value - integer
    delta = 0.5 * (nextafter(value, INFINITY) - value)
    if delta < 5e-324 or delta == 0:
        delta = 5e-324
    fcur = mid
    if fraction >= delta:
        buf[fcur] = b'.'
        fcur += 1
        while True:
            fraction *= radix
            delta *= radix
            digit = <int>fraction
            buf[fcur] = DIGITS[digit]
            fcur += 1
            fraction -= digit
            if fraction > 0.5 or (fraction == 0.5 and (digit & 1)):
                if fraction + delta > 1:
                    # round up, propagating the carry
                    while True:
                        fcur -= 1
                        if fcur == mid:
                            integer += 1
                            break
                        c = buf[fcur]
                        digit = c - 87 if c > 57 else c - 48
                        if digit + 1 < radix:
                            buf[fcur] = DIGITS[digit + 1]
                            fcur += 1
                            break
                    break
            if not (fraction >= delta):
                break
    n = integer_digits(integer, radix, buf + mid)
    icur = mid - n
    if negative:
        icur -= 1
        buf[icur] = b'-'
    memcpy(out, buf + icur, fcur - icur)
    out[fcur - icur] = 0
    return fcur - icur


cdef int number_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """toString(radix) (magic 0), toLocaleString (1)."""
    cdef double x, r = 10
    cdef JSVal a0 = arg(argc, argv, 0)
    cdef char out[BUF]
    if this_number(rt, this, &x) < 0:
        return -1
    if magic == 0 and a0 != UNDEFINED:
        if arg_integer(rt, a0, &r) < 0:
            return -1
        if r < 2 or r > 36:
            return throw_error(rt, E_RANGE, "toString() radix must be between 2 and 36")
    if r == 10 or isnan(x) or isinf(x):
        return ret_number_string(rt, x, ret)
    return ret_ascii(rt, out, radix_string(x, <int>r, out), ret)


# --- toFixed / toExponential / toPrecision ----------------------------------------

cdef int significant_digits(double x, int nd, char* digits, int* exponent) noexcept:
    """The nd significant decimal digits of x > 0 rounded half-up (the larger n on
    a tie) and the decimal exponent of the first one."""
    cdef char buf[160]
    cdef int n, i, k
    # one digit more: a value exactly on a tie prints as ...5 there
    snprintf(buf, 160, "%.*e", nd, x)
    i = 0
    while buf[i] != b'e':
        i += 1
    if buf[i - 1] == b'5':
        try:
            d = Context(prec=nd, rounding=ROUND_HALF_UP).plus(Decimal(x))
            sign, ds, exp = d.as_tuple()
            text = "".join(map(str, ds)).ljust(nd, "0")
            for k in range(nd):
                digits[k] = ord(text[k])
            digits[nd] = 0
            exponent[0] = d.adjusted()
            return 0
        except BaseException:
            return -1
    snprintf(buf, 160, "%.*e", nd - 1, x)
    k = 0
    i = 0
    while buf[i] != b'e':
        if buf[i] != b'.':
            digits[k] = buf[i]
            k += 1
        i += 1
    digits[k] = 0
    exponent[0] = atoi(buf + i + 1)
    return 0


cdef int shortest_digits(double x, char* digits, int* exponent) noexcept:
    """The fewest significant digits that read back as x > 0; returns their count."""
    cdef char buf[40]
    cdef int p, k, i
    for p in range(1, 18):
        snprintf(buf, 40, "%.*e", p - 1, x)
        if strtod(buf, NULL) == x:
            break
    k = 0
    i = 0
    while buf[i] != b'e':
        if buf[i] != b'.':
            digits[k] = buf[i]
            k += 1
        i += 1
    exponent[0] = atoi(buf + i + 1)
    while k > 1 and digits[k - 1] == b'0':
        k -= 1
    digits[k] = 0
    return k


cdef int format_exponential(char* out, const char* digits, int nd, int e) noexcept:
    """d[.ddd]e(+|-)n"""
    cdef int pos = 0
    out[pos] = digits[0]
    pos += 1
    if nd > 1:
        out[pos] = b'.'
        pos += 1
        memcpy(out + pos, digits + 1, nd - 1)
        pos += nd - 1
    pos += snprintf(out + pos, 16, "e%s%d", b"+" if e >= 0 else b"-", e if e >= 0 else -e)
    return pos


cdef int number_to_fixed(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x, f
    cdef char buf[260]
    cdef int n, pos = 0
    if this_number(rt, this, &x) < 0 or arg_integer(rt, arg(argc, argv, 0), &f) < 0:
        return -1
    if f < 0 or f > MAX_DIGITS:
        return throw_error(rt, E_RANGE, "toFixed() digits argument must be between 0 and 100")
    if isnan(x) or isinf(x) or fabs(x) >= 1e21:
        return ret_number_string(rt, x, ret)
    if x < 0:
        buf[0] = b'-'
        pos = 1
        x = -x
    elif x == 0:
        x = 0.0           # -0 prints as 0
    n = snprintf(buf + pos, 250, "%.*f", <int>f + 1, x)
    if buf[pos + n - 1] == b'5':
        try:
            q = Decimal(x).quantize(Decimal(1).scaleb(-<int>f), rounding=ROUND_HALF_UP,
                                    context=Context(prec=400))
            return ret_py(rt, ("-" if pos else "") + format(q, "f"), ret)
        except BaseException:
            return throw_oom(rt)
    n = snprintf(buf + pos, 250, "%.*f", <int>f, x)
    return ret_ascii(rt, buf, pos + n, ret)


cdef int number_to_exponential(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x, f
    cdef JSVal a0 = arg(argc, argv, 0)
    cdef char digits[120]
    cdef char buf[140]
    cdef int e = 0, nd, pos = 0, i
    if this_number(rt, this, &x) < 0 or arg_integer(rt, a0, &f) < 0:
        return -1
    if isnan(x) or isinf(x):
        return ret_number_string(rt, x, ret)
    if f < 0 or f > MAX_DIGITS:
        return throw_error(rt, E_RANGE, "toExponential() argument must be between 0 and 100")
    if x < 0:
        buf[0] = b'-'
        pos = 1
        x = -x
    if x == 0:
        nd = <int>f + 1
        for i in range(nd):
            digits[i] = b'0'
    elif a0 == UNDEFINED:
        nd = shortest_digits(x, digits, &e)
    else:
        nd = <int>f + 1
        if significant_digits(x, nd, digits, &e) < 0:
            return throw_oom(rt)
    pos += format_exponential(buf + pos, digits, nd, e)
    return ret_ascii(rt, buf, pos, ret)


cdef int number_to_precision(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x, pd
    cdef JSVal a0 = arg(argc, argv, 0)
    cdef char digits[120]
    cdef char buf[240]
    cdef int e = 0, p, pos = 0, i
    if this_number(rt, this, &x) < 0:
        return -1
    if a0 == UNDEFINED:
        return ret_number_string(rt, x, ret)
    if arg_integer(rt, a0, &pd) < 0:
        return -1
    if isnan(x) or isinf(x):
        return ret_number_string(rt, x, ret)
    if pd < 1 or pd > MAX_DIGITS:
        return throw_error(rt, E_RANGE, "toPrecision() argument must be between 1 and 100")
    p = <int>pd
    if x < 0:
        buf[0] = b'-'
        pos = 1
        x = -x
    if x == 0:
        for i in range(p):
            digits[i] = b'0'
    elif significant_digits(x, p, digits, &e) < 0:
        return throw_oom(rt)
    if e < -6 or e >= p:
        pos += format_exponential(buf + pos, digits, p, e)
    elif e == p - 1:
        memcpy(buf + pos, digits, p)
        pos += p
    elif e >= 0:
        memcpy(buf + pos, digits, e + 1)
        pos += e + 1
        buf[pos] = b'.'
        pos += 1
        memcpy(buf + pos, digits + e + 1, p - (e + 1))
        pos += p - (e + 1)
    else:
        buf[pos] = b'0'
        buf[pos + 1] = b'.'
        pos += 2
        for i in range(-(e + 1)):
            buf[pos] = b'0'
            pos += 1
        memcpy(buf + pos, digits, p)
        pos += p
    return ret_ascii(rt, buf, pos, ret)


DEFS = [
    ("ctor", "Number", native_register(number_ctor, "Number", 1, 1, 0)),
    ("value", "Number", "MAX_VALUE", 1.7976931348623157e308, 0),
    ("value", "Number", "MIN_VALUE", 5e-324, 0),
    ("value", "Number", "NaN", float("nan"), 0),
    ("value", "Number", "NEGATIVE_INFINITY", float("-inf"), 0),
    ("value", "Number", "POSITIVE_INFINITY", float("inf"), 0),
    ("value", "Number", "EPSILON", 2.0 ** -52, 0),
    ("value", "Number", "MAX_SAFE_INTEGER", 9007199254740991.0, 0),
    ("value", "Number", "MIN_SAFE_INTEGER", -9007199254740991.0, 0),
    ("method", "Number", "isFinite", native_register(number_is, "isFinite", 1, 1, 0)),
    ("method", "Number", "isNaN", native_register(number_is, "isNaN", 1, 1, 1)),
    ("method", "Number", "isInteger", native_register(number_is, "isInteger", 1, 1, 2)),
    ("method", "Number", "isSafeInteger", native_register(number_is, "isSafeInteger", 1, 1, 3)),
    ("method", "Number.prototype", "toString", native_register(number_to_string, "toString", 1, 1, 0)),
    ("method", "Number.prototype", "toLocaleString", native_register(number_to_string, "toLocaleString", 0, 0, 1)),
    ("method", "Number.prototype", "valueOf", native_register(number_value_of, "valueOf", 0, 0, 0)),
    ("method", "Number.prototype", "toFixed", native_register(number_to_fixed, "toFixed", 1, 1, 0)),
    ("method", "Number.prototype", "toExponential", native_register(number_to_exponential, "toExponential", 1, 1, 0)),
    ("method", "Number.prototype", "toPrecision", native_register(number_to_precision, "toPrecision", 1, 1, 0)),
]
