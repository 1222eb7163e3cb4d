from glassjs.engine.core.value cimport JSVal
from glassjs.engine.core.runtime cimport Runtime

# JSON.stringify(argv[0], argv[1], argv[2]) as a native (console's %j uses it)
cdef int json_stringify(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept
