# Type conversions and operators of the spec (ES5.1 9, 11), and property
# access on any value (primitives included).  Everything here may call back
# into JavaScript (valueOf, toString, getters) through rt.call, so every
# function can fail: -1 / 0-offset means an exception is pending.

from libc.stdint cimport uint64_t, uint32_t, int32_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

cdef enum:
    HINT_DEFAULT = 0
    HINT_NUMBER = 1
    HINT_STRING = 2

cdef int to_primitive(Runtime* rt, JSVal v, int hint, JSVal* out) noexcept
cdef int to_number(Runtime* rt, JSVal v, double* out) noexcept
cdef uint32_t to_string(Runtime* rt, JSVal v) noexcept
cdef uint32_t to_property_key(Runtime* rt, JSVal v) noexcept
cdef uint32_t to_object(Runtime* rt, JSVal v) noexcept
cdef bint to_boolean(Runtime* rt, JSVal v) noexcept
cdef int to_int32(Runtime* rt, JSVal v, int32_t* out) noexcept
cdef int to_uint32(Runtime* rt, JSVal v, uint32_t* out) noexcept
cdef double to_integer(double d) noexcept
cdef uint32_t type_of(Runtime* rt, JSVal v) noexcept

cdef int op_add(Runtime* rt, JSVal a, JSVal b, JSVal* out) noexcept
cdef int op_arith(Runtime* rt, int op, JSVal a, JSVal b, JSVal* out) noexcept
cdef int op_compare(Runtime* rt, JSVal a, JSVal b, bint left_first, int* result) noexcept
cdef int op_loose_eq(Runtime* rt, JSVal a, JSVal b, int* result) noexcept
cdef bint op_strict_eq(Runtime* rt, JSVal a, JSVal b) noexcept
cdef bint same_value_zero(Runtime* rt, JSVal a, JSVal b) noexcept
cdef int op_instanceof(Runtime* rt, JSVal v, JSVal f, int* result) noexcept
cdef int op_in(Runtime* rt, JSVal key, JSVal obj, int* result) noexcept

cdef uint32_t proto_of_value(Runtime* rt, JSVal v) noexcept
cdef int get_value(Runtime* rt, JSVal base, uint32_t key, JSVal* out) noexcept
cdef int get_elem(Runtime* rt, JSVal base, JSVal key, JSVal* out) noexcept
cdef int put_value(Runtime* rt, JSVal base, uint32_t key, JSVal v, bint strict) noexcept
cdef int put_elem(Runtime* rt, JSVal base, JSVal key, JSVal v, bint strict) noexcept
cdef int delete_elem(Runtime* rt, JSVal base, JSVal key, bint strict, JSVal* out) noexcept
cdef int throw_not_object(Runtime* rt, JSVal base, uint32_t key, bint writing) noexcept
cdef str describe_value(Runtime* rt, JSVal v)
cdef uint32_t lightfunc_virtual(Runtime* rt, JSVal f, uint32_t key, JSVal* out) noexcept
cdef uint32_t lightfunc_to_object(Runtime* rt, JSVal f) noexcept
