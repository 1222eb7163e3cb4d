from libc.stdint cimport uint32_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

cdef class Engine:
    cdef Runtime* rt
    cdef public object stdout
    cdef public object stderr
    cdef public object interrupt_handler
    cdef public str profile
    cdef list hosts
    cdef dict handle_counts
    cdef object pending_py_exc
    # memory API (engine/memory.pyx, docs/memory-api.md)
    cdef public bint dump_leaks             # close() reports what is still allocated
    cdef public object allocator_error      # what the allocator observer raised (it is then removed)
    cdef object allocator_obj
    cdef list finalizers                    # (fn, args, kwargs), run at close, last added first
    cdef list deferred_handles              # handle references dropped while the allocator hook ran
    cdef object last_leak_report
    cdef Runtime* live(self) except NULL
    cdef void release_deferred(self)
    cdef void destroy(self)
    cdef uint32_t load_code(self, object fc) except 0
    cdef object to_py(self, JSVal v)
    cdef JSVal to_js(self, object value) except? 0
    cdef object take_exception(self)
    cdef object error_info(self, JSVal v)

cdef class ObjectHandle:
    cdef Engine engine
    cdef uint32_t off
    cdef public unsigned long long _lightfunc
    cdef JSVal value(self)
