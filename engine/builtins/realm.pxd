from glassjs.engine.core.runtime cimport Runtime
cdef int realm_init(Runtime* rt) except -1
