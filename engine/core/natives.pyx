# The native-function registry (see natives.pxd).

from libc.stdint cimport uint32_t, uint16_t
from glassjs.engine.core.runtime cimport NativeFn, NativeInfo, MAX_NATIVES

cdef NativeInfo table[MAX_NATIVES]
cdef uint32_t count = 1          # index 0 means "no native"


cdef uint32_t native_register(NativeFn fn, const char* name, int length, int nargs, int magic) noexcept:
    global count
    if count >= MAX_NATIVES:
        return 0
    table[count].fn = fn
    table[count].name = name
    table[count].length = <uint16_t>length
    table[count].nargs = <uint16_t>nargs
    table[count].magic = <uint16_t>magic
    count += 1
    return count - 1


cdef NativeInfo* native_info(uint32_t index) noexcept:
    if index == 0 or index >= count:
        return NULL
    return &table[index]


cdef uint32_t native_count() noexcept:
    return count


def registered_natives():
    """[(index, name, length, nargs, magic)] for the inspection API."""
    return [(i, table[i].name.decode(), table[i].length, table[i].nargs, table[i].magic)
            for i in range(1, count)]
