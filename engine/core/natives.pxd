# The registry of native functions: index -> C function, name, length.
#
# Indices are stable for a build (built-ins register in a fixed order), which
# is what lets a lightfunc or a ROM image name a native by number.

from libc.stdint cimport uint32_t, uint16_t
from glassjs.engine.core.runtime cimport NativeFn, NativeInfo

cdef uint32_t native_register(NativeFn fn, const char* name, int length, int nargs, int magic) noexcept
cdef NativeInfo* native_info(uint32_t index) noexcept
cdef uint32_t native_count() noexcept
