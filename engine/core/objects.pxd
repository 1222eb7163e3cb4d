# Objects, property tables, arrays, and the errors thrown by object
# operations (Lua's ltable.c, Duktape's duk_hobject_props.c).  See docs/objects.md.
#
# Property keys are interned string offsets.  A key string whose header has
# HF_ARRAYIDX is an array index (its value cached in JSString.index), which
# is how arrays find their dense element part without parsing.

from libc.stdint cimport uint64_t, uint32_t, uint16_t, uint8_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.layout cimport JSObject, PropEntry, PropTable, Elems, PROPS_HEADER, ELEMS_HEADER
from glassjs.engine.core.runtime cimport Runtime

# PropDesc.has
cdef enum:
    HAS_VALUE = 0x01
    HAS_WRITABLE = 0x02
    HAS_GET = 0x04
    HAS_SET = 0x08
    HAS_ENUMERABLE = 0x10
    HAS_CONFIGURABLE = 0x20

cdef struct PropDesc:
    uint32_t has          # HAS_* (complete descriptors from get_own_property have all that apply)
    uint32_t flags        # PF_* attribute bits
    JSVal value           # owned by whoever filled the descriptor
    JSVal getter          # object or undefined
    JSVal setter

# own_keys flags
cdef enum:
    KEYS_ENUMERABLE = 0x01     # only enumerable keys
    KEYS_INCLUDE_LENGTH = 0x02

# OF_LAZY: a function whose 'length', 'name' (and 'prototype') are still virtual
cdef enum:
    OF_LAZY = 0x80
    OF_INDEXED = 0x100          # has (or had) an array-index key in its property table

cdef uint32_t obj_alloc(Runtime* rt, uint32_t proto, uint16_t cls, uint32_t size) noexcept
cdef uint32_t obj_new(Runtime* rt) noexcept
cdef uint32_t arr_new(Runtime* rt, uint32_t length) noexcept
cdef uint32_t arr_from_values(Runtime* rt, JSVal* values, uint32_t n) noexcept

cdef PropEntry* prop_find(Runtime* rt, uint32_t obj, uint32_t key) noexcept
cdef int prop_add(Runtime* rt, uint32_t obj, uint32_t key, uint32_t flags, JSVal v) noexcept
cdef int prop_set_own(Runtime* rt, uint32_t obj, uint32_t key, uint32_t flags, JSVal v) noexcept
cdef void prop_remove(Runtime* rt, uint32_t obj, PropEntry* e) noexcept
cdef void prop_value_decref(Runtime* rt, uint32_t flags, JSVal v) noexcept
cdef int props_reserve(Runtime* rt, uint32_t obj, uint32_t n) noexcept

cdef int get_own_property(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d) noexcept
cdef int define_own_property(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d, bint throw) noexcept
cdef int delete_property(Runtime* rt, uint32_t obj, uint32_t key, bint strict) noexcept
cdef int get_prop(Runtime* rt, uint32_t obj, uint32_t key, JSVal receiver, JSVal* out) noexcept
cdef int get_index(Runtime* rt, uint32_t obj, uint32_t idx, JSVal* out) noexcept
cdef int put_prop(Runtime* rt, uint32_t obj, uint32_t key, JSVal v, JSVal receiver, bint strict) noexcept
cdef int put_index(Runtime* rt, uint32_t obj, uint32_t idx, JSVal v, bint strict) noexcept
cdef bint protos_without_indices(Runtime* rt, uint32_t proto) noexcept
cdef int has_property(Runtime* rt, uint32_t obj, uint32_t key) noexcept
cdef int has_own_property(Runtime* rt, uint32_t obj, uint32_t key) noexcept
cdef uint32_t own_keys(Runtime* rt, uint32_t obj, int flags) noexcept
cdef void desc_release(Runtime* rt, PropDesc* d) noexcept
cdef int materialize_lazy(Runtime* rt, uint32_t obj) noexcept

cdef uint32_t index_key(Runtime* rt, uint32_t idx) noexcept
cdef int elems_reserve(Runtime* rt, uint32_t obj, uint32_t capacity) noexcept
cdef int arr_set_length(Runtime* rt, uint32_t arr, double newlen, bint strict) noexcept
cdef int arr_push(Runtime* rt, uint32_t arr, JSVal v) noexcept
cdef int arr_make_sparse(Runtime* rt, uint32_t arr) noexcept
cdef bint obj_is_dense(Runtime* rt, uint32_t obj) noexcept
cdef bint is_callable(Runtime* rt, JSVal v) noexcept
cdef bint is_array(Runtime* rt, JSVal v) noexcept
cdef int set_prototype(Runtime* rt, uint32_t obj, uint32_t proto) noexcept

cdef int throw_value(Runtime* rt, JSVal v) noexcept
cdef int throw_error(Runtime* rt, int kind, const char* msg) noexcept
cdef int throw_error_str(Runtime* rt, int kind, str msg) noexcept
cdef int throw_oom(Runtime* rt) noexcept
cdef uint32_t error_new(Runtime* rt, int kind, uint32_t msg) noexcept
cdef str key_to_py(Runtime* rt, uint32_t key)


cdef inline JSObject* optr(Runtime* rt, uint32_t off) noexcept nogil:
    return <JSObject*>(rt.base + off)

cdef inline PropEntry* table_entries(PropTable* t) noexcept nogil:
    return <PropEntry*>((<uint8_t*>t) + PROPS_HEADER)

cdef inline JSVal* elems_items(Runtime* rt, uint32_t elems) noexcept nogil:
    return <JSVal*>(rt.base + elems + ELEMS_HEADER)

cdef inline uint32_t elems_capacity(Runtime* rt, uint32_t elems) noexcept nogil:
    return (<Elems*>(rt.base + elems)).capacity

cdef inline JSVal* dense_slot(Runtime* rt, JSObject* o, uint32_t idx) noexcept nogil:
    """The element slot idx of a dense array, or NULL when the array is sparse or
    idx is past its length or past its element block (a grown `length` does
    not allocate)."""
    if o.h.aux != 1 or (o.oflags & 0x04) or o.elems == 0 or idx >= o.length:   # CLASS_ARRAY, OF_SPARSE
        return NULL
    if idx >= (<Elems*>(rt.base + o.elems)).capacity:
        return NULL
    return <JSVal*>(rt.base + o.elems + ELEMS_HEADER) + idx
