# Strings and the string table (Lua's lstring.c, V8's string table).
#
# A string block holds UTF-16 code units, stored one byte per unit when every
# unit is below 256 (V8's one-byte strings) — always, so that equal strings
# have equal representations.  Property keys are interned: equal keys are the
# same block, compared by offset.

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.layout cimport JSString, STRING_HEADER, HF_ONEBYTE
from glassjs.engine.core.runtime cimport Runtime

cdef int strtab_init(Runtime* rt) noexcept
cdef int atoms_init(Runtime* rt) noexcept

cdef uint32_t str_new_onebyte(Runtime* rt, const uint8_t* data, uint32_t length) noexcept
cdef uint32_t str_new_units(Runtime* rt, const uint16_t* data, uint32_t length) noexcept
cdef uint32_t str_alloc(Runtime* rt, uint32_t length, bint onebyte) noexcept
cdef void str_finish(Runtime* rt, uint32_t soff) noexcept
cdef uint32_t str_hash(Runtime* rt, uint32_t soff) noexcept
cdef uint32_t str_from_unit(Runtime* rt, uint16_t unit) noexcept
cdef uint32_t str_from_ascii(Runtime* rt, const char* text) noexcept
cdef uint32_t str_from_utf8(Runtime* rt, const char* data, Py_ssize_t n) noexcept
cdef uint32_t str_from_py(Runtime* rt, str s) noexcept
cdef str str_to_py(Runtime* rt, uint32_t soff)
cdef bytes str_to_utf8(Runtime* rt, uint32_t soff)

cdef uint32_t str_intern(Runtime* rt, uint32_t soff) noexcept
cdef uint32_t str_lookup_interned(Runtime* rt, uint32_t soff) noexcept
cdef uint32_t intern_ascii(Runtime* rt, const char* text) noexcept
cdef uint32_t intern_py(Runtime* rt, str s) noexcept

cdef bint str_equals(Runtime* rt, uint32_t a, uint32_t b) noexcept
cdef int str_compare(Runtime* rt, uint32_t a, uint32_t b) noexcept
cdef uint32_t str_concat(Runtime* rt, uint32_t a, uint32_t b) noexcept
cdef uint32_t str_substring(Runtime* rt, uint32_t s, uint32_t start, uint32_t end) noexcept
cdef int str_index_of(Runtime* rt, uint32_t s, uint32_t pat, uint32_t start) noexcept
cdef int str_last_index_of(Runtime* rt, uint32_t s, uint32_t pat, int start) noexcept

cdef uint32_t num_to_str(Runtime* rt, double d) noexcept
cdef int num_to_cstr(double d, char* buf) noexcept
cdef double str_to_num(Runtime* rt, uint32_t soff) noexcept
cdef uint32_t str_from_index(Runtime* rt, uint32_t i) noexcept
cdef bint is_js_whitespace(uint16_t c) noexcept


cdef inline JSString* sptr(Runtime* rt, uint32_t off) noexcept nogil:
    return <JSString*>(rt.base + off)

cdef inline uint32_t str_len(Runtime* rt, uint32_t off) noexcept nogil:
    return (<JSString*>(rt.base + off)).length

cdef inline uint16_t str_at(Runtime* rt, uint32_t off, uint32_t i) noexcept nogil:
    cdef JSString* s = <JSString*>(rt.base + off)
    if s.h.flags & HF_ONEBYTE:
        return (<uint8_t*>(<uint8_t*>s + STRING_HEADER))[i]
    return (<uint16_t*>(<uint8_t*>s + STRING_HEADER))[i]

cdef inline uint8_t* str_bytes(Runtime* rt, uint32_t off) noexcept nogil:
    return rt.base + off + STRING_HEADER

cdef inline uint16_t* str_units(Runtime* rt, uint32_t off) noexcept nogil:
    return <uint16_t*>(rt.base + off + STRING_HEADER)
