# The Node-like value formatter (util.inspect / console.log), usable from C.
from libc.stdint cimport uint32_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

# util.inspect(v): raises only MemoryError (no JavaScript runs, getters are not called)
cdef str inspect_value(Runtime* rt, JSVal v, object depth=*, bint show_hidden=*)
# the same as a new JavaScript string (0 with an exception pending)
cdef uint32_t inspect_jsstring(Runtime* rt, JSVal v, int depth) noexcept
# util.format(...args): console.log's text.  May run JavaScript (%s, %d, %i, %f,
# %j convert their argument); raises JSPending when that left an exception pending.
cdef str format_args(Runtime* rt, int argc, JSVal* argv)
