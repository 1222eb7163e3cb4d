# The value stack, the call frames and the try handlers (Lua's ldo.c stack
# part): each is a range of address space reserved once, whose pages are
# committed only when first needed.  See docs/vm.md "Stacks".

from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

cdef int stacks_init(Runtime* rt, size_t stack_bytes) noexcept
cdef void stacks_destroy(Runtime* rt) noexcept
cdef int stack_commit(Runtime* rt, JSVal* need, int nframes) noexcept
cdef int handlers_commit(Runtime* rt, int nhandlers) noexcept
cdef size_t stacks_committed_bytes(Runtime* rt) noexcept
