# Tagged values: every JavaScript value is one 64-bit word (NaN-boxing).
#
# All bit-twiddling of values lives here (Lua keeps it in lobject.h).  A word
# whose top 16 bits are below 0xFFF9 is an IEEE-754 double, stored as is.
# Hardware and libm only ever produce NaNs with top bits 0x7FF8 or 0xFFF8,
# so the quiet-NaN space from 0xFFF9 up is free for tags:
#
#   63        48 47        40 39  36 35  32 31                       0
#   +-----------+------------+------+------+--------------------------+
#   | 0xFFF9    |                 0 = undefined, 1 = <hole>           |
#   | 0xFFFA    |                 null                                |
#   | 0xFFFB    |                 0 = false, 1 = true                 |
#   | 0xFFFC    |   magic    |length| nargs|  native function index   |  lightfunc
#   | 0xFFFD    |                 0        |  arena offset (string)   |
#   | 0xFFFE    |                 0        |  arena offset (object)   |
#   | 0xFFFF    |                 0        |  arena offset (internal) |  code, env...
#   +-----------+------------+------+------+--------------------------+
#
# Heap references are 32-bit offsets into the engine's arena, so the three
# reference tags are the top three: `is_ref` is a single comparison.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t, uint8_t
from libc.string cimport memcpy
from libc.math cimport fmod, trunc, isnan, isinf

ctypedef uint64_t JSVal

cdef enum:
    TAG_UNDEFINED = 0xFFF9
    TAG_NULL = 0xFFFA
    TAG_BOOLEAN = 0xFFFB
    TAG_LIGHTFUNC = 0xFFFC
    TAG_STRING = 0xFFFD
    TAG_OBJECT = 0xFFFE
    TAG_INTERNAL = 0xFFFF

    LIGHTFUNC_VARARGS = 15      # nargs field value meaning "any number"

cdef extern from *:
    """
    #define GJ_TAGGED(tag, payload) ((((uint64_t)(tag)) << 48) | (uint64_t)(payload))
    #define GJ_UNDEFINED GJ_TAGGED(0xFFF9, 0)
    #define GJ_EMPTY     GJ_TAGGED(0xFFF9, 1)
    #define GJ_NULL      GJ_TAGGED(0xFFFA, 0)
    #define GJ_FALSE     GJ_TAGGED(0xFFFB, 0)
    #define GJ_TRUE      GJ_TAGGED(0xFFFB, 1)
    #define GJ_FIRST_TAG GJ_TAGGED(0xFFF9, 0)
    #define GJ_FIRST_REF GJ_TAGGED(0xFFFD, 0)
    #define GJ_LIKELY(x) __builtin_expect(!!(x), 1)
    #define GJ_UNLIKELY(x) __builtin_expect(!!(x), 0)
    """
    const JSVal UNDEFINED "GJ_UNDEFINED"
    const JSVal EMPTY "GJ_EMPTY"
    const JSVal JSNULL "GJ_NULL"
    const JSVal JSFALSE "GJ_FALSE"
    const JSVal JSTRUE "GJ_TRUE"
    const JSVal FIRST_TAG "GJ_FIRST_TAG"
    const JSVal FIRST_REF "GJ_FIRST_REF"
    bint likely "GJ_LIKELY"(bint)
    bint unlikely "GJ_UNLIKELY"(bint)


cdef inline uint32_t tag_of(JSVal v) noexcept nogil:
    return <uint32_t>(v >> 48)

cdef inline bint is_number(JSVal v) noexcept nogil:
    return v < FIRST_TAG

cdef inline bint is_ref(JSVal v) noexcept nogil:
    """String, object or internal block: the value holds an arena reference."""
    return v >= FIRST_REF

cdef inline bint is_undefined(JSVal v) noexcept nogil:
    return v == UNDEFINED

cdef inline bint is_nullish(JSVal v) noexcept nogil:
    return v == UNDEFINED or v == JSNULL

cdef inline bint is_bool(JSVal v) noexcept nogil:
    return (v >> 48) == TAG_BOOLEAN

cdef inline bint is_string(JSVal v) noexcept nogil:
    return (v >> 48) == TAG_STRING

cdef inline bint is_object(JSVal v) noexcept nogil:
    return (v >> 48) == TAG_OBJECT

cdef inline bint is_lightfunc(JSVal v) noexcept nogil:
    return (v >> 48) == TAG_LIGHTFUNC

cdef inline uint32_t ref_of(JSVal v) noexcept nogil:
    """The arena offset held by a string/object/internal value."""
    return <uint32_t>v

cdef inline JSVal mk_string(uint32_t off) noexcept nogil:
    return ((<JSVal>TAG_STRING) << 48) | off

cdef inline JSVal mk_object(uint32_t off) noexcept nogil:
    return ((<JSVal>TAG_OBJECT) << 48) | off

cdef inline JSVal mk_internal(uint32_t off) noexcept nogil:
    return ((<JSVal>TAG_INTERNAL) << 48) | off

cdef inline JSVal mk_bool(bint b) noexcept nogil:
    return JSTRUE if b else JSFALSE

cdef inline bint bool_of(JSVal v) noexcept nogil:
    return <bint>(v & 1)

cdef inline double num_of(JSVal v) noexcept nogil:
    cdef double d
    memcpy(&d, &v, 8)
    return d

cdef inline JSVal mk_number(double d) noexcept nogil:
    cdef JSVal v
    memcpy(&v, &d, 8)
    return v

# --- lightfuncs: a native function as a value, no heap allocation --------

cdef inline JSVal mk_lightfunc(uint32_t index, uint32_t nargs, uint32_t length, uint32_t magic) noexcept nogil:
    return (((<JSVal>TAG_LIGHTFUNC) << 48) | ((<JSVal>(magic & 0xFF)) << 40)
            | ((<JSVal>(length & 0xF)) << 36) | ((<JSVal>(nargs & 0xF)) << 32) | index)

cdef inline uint32_t lightfunc_index(JSVal v) noexcept nogil:
    return <uint32_t>v

cdef inline uint32_t lightfunc_nargs(JSVal v) noexcept nogil:
    return <uint32_t>((v >> 32) & 0xF)

cdef inline uint32_t lightfunc_length(JSVal v) noexcept nogil:
    return <uint32_t>((v >> 36) & 0xF)

cdef inline uint32_t lightfunc_magic(JSVal v) noexcept nogil:
    return <uint32_t>((v >> 40) & 0xFF)


cdef inline int32_t d_to_int32(double d) noexcept nogil:
    """ES5.1 9.5 ToInt32 of a number (the common in-range case is one compare)."""
    cdef double m
    if d >= -2147483648.0 and d <= 2147483647.0:
        return <int32_t>d        # truncates toward zero; NaN fails the compare
    if isnan(d) or isinf(d):
        return 0
    m = fmod(trunc(d), 4294967296.0)
    if m < 0:
        m += 4294967296.0
    return <int32_t><uint32_t><uint64_t>m
