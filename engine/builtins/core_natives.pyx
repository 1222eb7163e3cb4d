# The few natives the VM itself relies on: %ThrowTypeError% and eval.

from libc.stdint cimport uint32_t
from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup
from glassjs.engine.core.objects cimport throw_error, optr
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport vm_run_code


cdef int throw_type_error(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    return throw_error(rt, E_TYPE, "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them")


cdef int indirect_eval(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """eval called other than directly: global code, in the global scope (ES5.1 10.4.2)."""
    cdef JSVal src = argv[0] if argc > 0 else UNDEFINED
    if not is_string(src):
        ret[0] = dup(rt, src)
        return 0
    if rt.compile_eval == NULL:
        return throw_error(rt, E_EVAL, "eval is not available")
    cdef uint32_t code = rt.compile_eval(rt, src, 0, 0)
    if code == 0:
        return -1
    return vm_run_code(rt, code, mk_object(rt.global_obj), 0, FR_EVAL, 0, ret)


DEFS = [
    ("hidden", "%ThrowTypeError%", native_register(throw_type_error, "", 0, 0, 0)),
    ("method", "global", "eval", native_register(indirect_eval, "eval", 1, 1, 0)),
]
