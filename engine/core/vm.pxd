# The virtual machine (Lua's lvm.c + ldo.c): the dispatch loop, call frames,
# exceptions and unwinding.  See docs/vm.md.

from libc.stdint cimport uint32_t
from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

cdef enum:
    CALL_CONSTRUCT = 0x01          # NativeFn flags: called with `new`

cdef int vm_init(Runtime* rt, size_t stack_bytes) noexcept
cdef void vm_destroy(Runtime* rt) noexcept
cdef int vm_call(Runtime* rt, JSVal f, JSVal this, int argc, JSVal* argv, JSVal* ret) noexcept
cdef int vm_construct(Runtime* rt, JSVal f, int argc, JSVal* argv, JSVal* ret) noexcept
cdef int vm_run_code(Runtime* rt, uint32_t code, JSVal this, uint32_t env, int flags, uint32_t var_env, JSVal* ret) noexcept
cdef uint32_t make_closure(Runtime* rt, uint32_t code, uint32_t env) noexcept
cdef uint32_t capture_stack(Runtime* rt) noexcept
cdef int pc_position(Runtime* rt, uint32_t code, uint32_t pc_index, int* line, int* column) noexcept
