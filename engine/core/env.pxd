# Environment records and name resolution (ES5.1 10.2): declarative
# environments (captured variables, described by a scope block), object
# environments (`with`), the global lexical record and the global object.
#
# The compiler resolves most names to frame slots or (depth, index) pairs;
# this module serves the dynamic cases: `with`, direct `eval`, globals.

from libc.stdint cimport uint32_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

cdef uint32_t env_new(Runtime* rt, uint32_t parent, uint32_t scope) noexcept
cdef uint32_t env_new_with(Runtime* rt, uint32_t parent, uint32_t obj) noexcept
cdef int name_get(Runtime* rt, uint32_t env, uint32_t name, JSVal* out, JSVal* this_out) noexcept
cdef int name_put(Runtime* rt, uint32_t env, uint32_t name, JSVal v, bint strict) noexcept
cdef int ref_resolve(Runtime* rt, uint32_t env, uint32_t name, JSVal* out) noexcept
cdef int ref_get(Runtime* rt, JSVal ref, uint32_t name, JSVal* out) noexcept
cdef int ref_put(Runtime* rt, JSVal ref, uint32_t name, JSVal v, bint strict) noexcept
cdef int name_typeof(Runtime* rt, uint32_t env, uint32_t name, JSVal* out) noexcept
cdef int name_delete(Runtime* rt, uint32_t env, uint32_t name, JSVal* out) noexcept
cdef int global_get(Runtime* rt, uint32_t name, JSVal* out) noexcept
cdef int global_put(Runtime* rt, uint32_t name, JSVal v, bint strict) noexcept
cdef int declare_var(Runtime* rt, uint32_t var_env, uint32_t name, bint configurable) noexcept
cdef int declare_func(Runtime* rt, uint32_t var_env, uint32_t name, JSVal f, bint configurable) noexcept
cdef int declare_lex(Runtime* rt, uint32_t name, bint is_const) noexcept
cdef int init_lex(Runtime* rt, uint32_t name, JSVal v) noexcept
cdef uint32_t function_var_env(Runtime* rt, uint32_t env) noexcept
cdef int throw_tdz(Runtime* rt, uint32_t name) noexcept
