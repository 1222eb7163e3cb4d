# Math (ES5.1 15.8, plus the ES2015 functions).  Every function is C-level:
# arguments go through ToNumber (valueOf may run JavaScript, hence may fail),
# the result is a number, no Python objects on any path.
#
# The one-argument functions share one native selected by `magic` (Duktape's
# duk_bi_math.c does the same), except the hot ones (sqrt, floor, abs...)
# which get their own entry so the dispatch is a direct call.

from libc.stdint cimport uint64_t, uint32_t, int32_t
from libc.math cimport (fabs, floor, ceil, sqrt, sin, cos, tan, asin, acos, atan, atan2, exp, log,
                        pow, trunc, log2, log10, log1p, expm1, sinh, cosh, tanh, asinh,
                        acosh, atanh, hypot, isnan, isinf, copysign, frexp, ldexp, rint, NAN, INFINITY,
                        M_E, M_LN10, M_LN2, M_LOG2E, M_LOG10E, M_PI, M_SQRT1_2, M_SQRT2)
from libc.time cimport time
from libc.stdlib cimport malloc, free
from libc.string cimport memcpy
from posix.unistd cimport getpid

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.ops cimport to_number
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.objects cimport throw_oom


cdef inline int arg_number(Runtime* rt, int argc, JSVal* argv, int i, double* out) noexcept:
    """ToNumber(argument i); 0 or -1."""
    cdef JSVal v
    if i >= argc:
        out[0] = NAN
        return 0
    v = argv[i]
    if is_number(v):
        out[0] = num_of(v)
        return 0
    return to_number(rt, v, out)


# --- cbrt: fdlibm's algorithm (FreeBSD s_cbrt.c, Sun Microsystems 1993, freely
# redistributable).  glibc's cbrt is not correctly rounded on exact cubes
# (cbrt(27) = 3.0000000000000004), V8 and QuickJS use this one. ----------------------

cdef inline uint64_t dbits(double d) noexcept:
    cdef uint64_t u
    memcpy(&u, &d, 8)
    return u

cdef inline double bitsd(uint64_t u) noexcept:
    cdef double d
    memcpy(&d, &u, 8)
    return d


cdef double fd_cbrt(double x) noexcept:
    cdef uint32_t B1 = 715094163, B2 = 696219795
    cdef double P0 = 1.87595182427177009643, P1 = -1.88497979543377169875
    cdef double P2 = 1.621429720105354466140, P3 = -0.758397934778766047437
    cdef double P4 = 0.145996192886612446982
    cdef uint64_t bits = dbits(x)
    cdef uint32_t hx = <uint32_t>(bits >> 32), low = <uint32_t>bits
    cdef uint32_t sign = hx & 0x80000000U, high
    cdef double r, s, t = 0.0, w
    hx ^= sign
    if hx >= 0x7ff00000:
        return x + x                      # NaN, Infinity
    if hx < 0x00100000:                   # zero or subnormal
        if (hx | low) == 0:
            return x
        t = bitsd((<uint64_t>0x43500000) << 32)     # 2**54
        t *= x
        high = <uint32_t>(dbits(t) >> 32)
        t = bitsd((<uint64_t>(sign | ((high & 0x7fffffff) // 3 + B2))) << 32)
    else:
        t = bitsd((<uint64_t>(sign | (hx // 3 + B1))) << 32)
    # cbrt to 23 bits: t * P(t**3 / x)
    r = (t * t) * (t / x)
    t = t * ((P0 + r * (P1 + r * P2)) + ((r * r) * r) * (P3 + r * P4))
    # round t away from zero to 23 bits
    t = bitsd((dbits(t) + 0x80000000ULL) & 0xffffffffc0000000ULL)
    # one Newton step to 53 bits
    s = t * t
    r = x / s
    w = t + t
    r = (r - t) / (w + r)
    return t + t * r


# --- one-argument functions ------------------------------------------------------

cdef enum:
    M_ACOS = 0
    M_ASIN
    M_ATAN
    M_CEIL
    M_COS
    M_EXP
    M_LOG
    M_SIN
    M_TAN
    M_SIGN
    M_TRUNC
    M_CBRT
    M_LOG2
    M_LOG10
    M_LOG1P
    M_EXPM1
    M_SINH
    M_COSH
    M_TANH
    M_ASINH
    M_ACOSH
    M_ATANH
    M_FROUND
    M_ROUND
    M_F16ROUND


cdef double js_round(double x) noexcept:
    """Math.round: halves go toward +Infinity; -0 for -0.5 <= x < 0 (ES5.1 15.8.2.15)."""
    cdef double r
    if isnan(x) or isinf(x) or x == 0:
        return x
    if x < 0 and x >= -0.5:
        return -0.0
    if fabs(x) >= 4503599627370496.0:     # 2**52: already an integer
        return x
    r = floor(x)
    if x - r >= 0.5:                      # exact for |x| < 2**52 (no x + 0.5 rounding)
        r += 1.0
    return r


cdef double f16round(double x) noexcept:
    """Round to IEEE binary16 (ties to even), back as a double (ES2025 Math.f16round)."""
    cdef double a = fabs(x), q, r
    cdef int e
    if isnan(x) or isinf(x) or x == 0:
        return x
    if a >= 65520.0:                      # halfway between 65504 (max) and 2**16: even is 2**16
        return copysign(INFINITY, x)
    if a < 6.103515625e-05:               # below 2**-14: subnormal, quantum 2**-24
        q = 5.9604644775390625e-08
    else:
        frexp(a, &e)                      # a = m * 2**e, 0.5 <= m < 1
        q = ldexp(1.0, e - 11)            # 10 fraction bits
    r = rint(a / q) * q                   # exact scaling; rint rounds ties to even
    return copysign(r, x)


cdef double unary(int op, double x) noexcept:
    if op == M_ACOS:
        return acos(x)
    if op == M_ASIN:
        return asin(x)
    if op == M_ATAN:
        return atan(x)
    if op == M_CEIL:
        return ceil(x)
    if op == M_COS:
        return cos(x)
    if op == M_EXP:
        return exp(x)
    if op == M_LOG:
        return log(x)
    if op == M_SIN:
        return sin(x)
    if op == M_TAN:
        return tan(x)
    if op == M_SIGN:
        if isnan(x) or x == 0:
            return x
        return 1.0 if x > 0 else -1.0
    if op == M_TRUNC:
        return trunc(x)
    if op == M_CBRT:
        return fd_cbrt(x)
    if op == M_LOG2:
        return log2(x)
    if op == M_LOG10:
        return log10(x)
    if op == M_LOG1P:
        return log1p(x)
    if op == M_EXPM1:
        return expm1(x)
    if op == M_SINH:
        return sinh(x)
    if op == M_COSH:
        return cosh(x)
    if op == M_TANH:
        return tanh(x)
    if op == M_ASINH:
        return asinh(x)
    if op == M_ACOSH:
        return acosh(x)
    if op == M_ATANH:
        return atanh(x)
    if op == M_FROUND:
        return <double>(<float>x)
    if op == M_ROUND:
        return js_round(x)
    if op == M_F16ROUND:
        return f16round(x)
    return NAN


cdef int math_unary(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x
    if arg_number(rt, argc, argv, 0, &x) < 0:
        return -1
    ret[0] = mk_number(unary(magic, x))
    return 0


# the hot ones: a direct call each

cdef int math_sqrt(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x
    if argc > 0 and is_number(argv[0]):
        ret[0] = mk_number(sqrt(num_of(argv[0])))
        return 0
    if arg_number(rt, argc, argv, 0, &x) < 0:
        return -1
    ret[0] = mk_number(sqrt(x))
    return 0


cdef int math_floor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x
    if argc > 0 and is_number(argv[0]):
        ret[0] = mk_number(floor(num_of(argv[0])))
        return 0
    if arg_number(rt, argc, argv, 0, &x) < 0:
        return -1
    ret[0] = mk_number(floor(x))
    return 0


cdef int math_abs(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x
    if arg_number(rt, argc, argv, 0, &x) < 0:
        return -1
    ret[0] = mk_number(fabs(x))
    return 0


cdef int math_round(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x
    if arg_number(rt, argc, argv, 0, &x) < 0:
        return -1
    ret[0] = mk_number(js_round(x))
    return 0


# --- two arguments ---------------------------------------------------------------

cdef double js_pow(double x, double y) noexcept:
    """Number::exponentiate: differs from C pow for NaN exponents and |x| = 1, y = ±Infinity."""
    if isnan(y):
        return NAN
    if y == 0:
        return 1.0
    if isinf(y) and fabs(x) == 1.0:
        return NAN
    return pow(x, y)


cdef int math_pow(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x, y
    if arg_number(rt, argc, argv, 0, &x) < 0 or arg_number(rt, argc, argv, 1, &y) < 0:
        return -1
    ret[0] = mk_number(js_pow(x, y))
    return 0


cdef int math_atan2(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double y, x
    if arg_number(rt, argc, argv, 0, &y) < 0 or arg_number(rt, argc, argv, 1, &x) < 0:
        return -1
    ret[0] = mk_number(atan2(y, x))
    return 0


cdef int math_imul(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double a, b
    if arg_number(rt, argc, argv, 0, &a) < 0 or arg_number(rt, argc, argv, 1, &b) < 0:
        return -1
    cdef uint32_t p = (<uint32_t>d_to_int32(a)) * (<uint32_t>d_to_int32(b))
    ret[0] = mk_number(<double>(<int32_t>p))
    return 0


cdef int math_clz32(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double a
    if arg_number(rt, argc, argv, 0, &a) < 0:
        return -1
    cdef uint32_t n = <uint32_t>d_to_int32(a)
    cdef int count = 32
    if n:
        count = 0
        while not (n & 0x80000000U):
            n <<= 1
            count += 1
    ret[0] = mk_number(<double>count)
    return 0


# --- any number of arguments -----------------------------------------------------

cdef int math_minmax(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """magic 0: min, 1: max.  Every argument is converted, even after a NaN."""
    cdef double r = INFINITY if magic == 0 else -INFINITY
    cdef double x
    cdef bint nan = 0
    cdef int i
    for i in range(argc):
        if arg_number(rt, argc, argv, i, &x) < 0:
            return -1
        if isnan(x):
            nan = 1
        elif magic == 0:
            # +0 is larger than -0
            if x < r or (x == 0 and r == 0 and copysign(1.0, x) < 0):
                r = x
        else:
            if x > r or (x == 0 and r == 0 and copysign(1.0, x) > 0):
                r = x
    ret[0] = mk_number(NAN if nan else r)
    return 0


cdef int math_hypot(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef double x, biggest = 0, s = 0, t, comp, y
    cdef bint nan = 0, inf = 0
    cdef int i
    cdef double stackbuf[16]
    cdef double* vals = stackbuf
    if argc > 16:
        vals = <double*>malloc(8 * argc)
        if vals == NULL:
            return throw_oom(rt)
    for i in range(argc):
        if arg_number(rt, argc, argv, i, &x) < 0:
            if vals != stackbuf:
                free(vals)
            return -1
        vals[i] = x
        if isinf(x):
            inf = 1
        elif isnan(x):
            nan = 1
        elif fabs(x) > biggest:
            biggest = fabs(x)
    if inf:
        ret[0] = mk_number(INFINITY)
    elif nan:
        ret[0] = mk_number(NAN)
    elif biggest == 0:
        ret[0] = mk_number(0.0)
    elif argc == 2:
        ret[0] = mk_number(hypot(vals[0], vals[1]))
    else:
        # scaled sum with Kahan compensation (as V8 does)
        s = 0
        comp = 0.0
        for i in range(argc):
            t = vals[i] / biggest
            t = t * t - comp
            y = s + t
            comp = (y - s) - t
            s = y
        ret[0] = mk_number(sqrt(s) * biggest)
    if vals != stackbuf:
        free(vals)
    return 0


# --- random: xorshift128+, seeded once per process ----------------------------------

cdef uint64_t rng_s0 = 0, rng_s1 = 0


cdef uint64_t splitmix64(uint64_t* x) noexcept:
    x[0] += 0x9E3779B97F4A7C15ULL
    cdef uint64_t z = x[0]
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL
    return z ^ (z >> 31)


cdef void rng_seed() noexcept:
    global rng_s0, rng_s1
    cdef uint64_t x = (<uint64_t>time(NULL)) * 1000003ULL ^ (<uint64_t>getpid() << 20) ^ <uint64_t><size_t>&rng_s0
    rng_s0 = splitmix64(&x)
    rng_s1 = splitmix64(&x)
    if rng_s0 == 0 and rng_s1 == 0:
        rng_s1 = 1


cdef int math_random(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    global rng_s0, rng_s1
    cdef uint64_t s1 = rng_s0
    cdef uint64_t s0 = rng_s1
    rng_s0 = s0
    s1 ^= s1 << 23
    s1 ^= s1 >> 17
    s1 ^= s0
    s1 ^= s0 >> 26
    rng_s1 = s1
    # 53 random bits -> [0, 1)
    ret[0] = mk_number(<double>((rng_s0 + rng_s1) >> 11) * (1.0 / 9007199254740992.0))
    return 0


rng_seed()


def seed_random(seed):
    """Reseed Math.random (all engines of this process); for reproducible tests."""
    global rng_s0, rng_s1
    cdef uint64_t x = <uint64_t>seed
    rng_s0 = splitmix64(&x)
    rng_s1 = splitmix64(&x)


# --- declarations --------------------------------------------------------------------------

cdef enum:
    CONST_ATTRS = 0        # not writable, not enumerable, not configurable

DEFS = [
    ("object", "Math", "Object.prototype", CLASS_MATH),
    ("value", "Math", "E", M_E, CONST_ATTRS),
    ("value", "Math", "LN10", M_LN10, CONST_ATTRS),
    ("value", "Math", "LN2", M_LN2, CONST_ATTRS),
    ("value", "Math", "LOG2E", M_LOG2E, CONST_ATTRS),
    ("value", "Math", "LOG10E", M_LOG10E, CONST_ATTRS),
    ("value", "Math", "PI", M_PI, CONST_ATTRS),
    ("value", "Math", "SQRT1_2", M_SQRT1_2, CONST_ATTRS),
    ("value", "Math", "SQRT2", M_SQRT2, CONST_ATTRS),
    ("method", "Math", "abs", native_register(math_abs, "abs", 1, 1, 0)),
    ("method", "Math", "acos", native_register(math_unary, "acos", 1, 1, M_ACOS)),
    ("method", "Math", "asin", native_register(math_unary, "asin", 1, 1, M_ASIN)),
    ("method", "Math", "atan", native_register(math_unary, "atan", 1, 1, M_ATAN)),
    ("method", "Math", "atan2", native_register(math_atan2, "atan2", 2, 2, 0)),
    ("method", "Math", "ceil", native_register(math_unary, "ceil", 1, 1, M_CEIL)),
    ("method", "Math", "cos", native_register(math_unary, "cos", 1, 1, M_COS)),
    ("method", "Math", "exp", native_register(math_unary, "exp", 1, 1, M_EXP)),
    ("method", "Math", "floor", native_register(math_floor, "floor", 1, 1, 0)),
    ("method", "Math", "log", native_register(math_unary, "log", 1, 1, M_LOG)),
    ("method", "Math", "max", native_register(math_minmax, "max", 2, LIGHTFUNC_VARARGS, 1)),
    ("method", "Math", "min", native_register(math_minmax, "min", 2, LIGHTFUNC_VARARGS, 0)),
    ("method", "Math", "pow", native_register(math_pow, "pow", 2, 2, 0)),
    ("method", "Math", "random", native_register(math_random, "random", 0, 0, 0)),
    ("method", "Math", "round", native_register(math_round, "round", 1, 1, 0)),
    ("method", "Math", "sin", native_register(math_unary, "sin", 1, 1, M_SIN)),
    ("method", "Math", "sqrt", native_register(math_sqrt, "sqrt", 1, 1, 0)),
    ("method", "Math", "tan", native_register(math_unary, "tan", 1, 1, M_TAN)),
    # ES2015
    ("method", "Math", "sign", native_register(math_unary, "sign", 1, 1, M_SIGN)),
    ("method", "Math", "trunc", native_register(math_unary, "trunc", 1, 1, M_TRUNC)),
    ("method", "Math", "cbrt", native_register(math_unary, "cbrt", 1, 1, M_CBRT)),
    ("method", "Math", "hypot", native_register(math_hypot, "hypot", 2, LIGHTFUNC_VARARGS, 0)),
    ("method", "Math", "log2", native_register(math_unary, "log2", 1, 1, M_LOG2)),
    ("method", "Math", "log10", native_register(math_unary, "log10", 1, 1, M_LOG10)),
    ("method", "Math", "log1p", native_register(math_unary, "log1p", 1, 1, M_LOG1P)),
    ("method", "Math", "expm1", native_register(math_unary, "expm1", 1, 1, M_EXPM1)),
    ("method", "Math", "sinh", native_register(math_unary, "sinh", 1, 1, M_SINH)),
    ("method", "Math", "cosh", native_register(math_unary, "cosh", 1, 1, M_COSH)),
    ("method", "Math", "tanh", native_register(math_unary, "tanh", 1, 1, M_TANH)),
    ("method", "Math", "asinh", native_register(math_unary, "asinh", 1, 1, M_ASINH)),
    ("method", "Math", "acosh", native_register(math_unary, "acosh", 1, 1, M_ACOSH)),
    ("method", "Math", "atanh", native_register(math_unary, "atanh", 1, 1, M_ATANH)),
    ("method", "Math", "fround", native_register(math_unary, "fround", 1, 1, M_FROUND)),
    ("method", "Math", "imul", native_register(math_imul, "imul", 2, 2, 0)),
    ("method", "Math", "clz32", native_register(math_clz32, "clz32", 1, 1, 0)),
    # ES2025
    ("method", "Math", "f16round", native_register(math_unary, "f16round", 1, 1, M_F16ROUND)),
]
