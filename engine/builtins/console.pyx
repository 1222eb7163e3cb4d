# cython: wraparound=True, boundscheck=True
# console: log/info/debug to the engine's stdout, error/warn (and trace,
# failed asserts) to its stderr, formatted like Node's console (util.format,
# util.inspect: inspect.pyx).  Output goes through rt.write_out, i.e. the
# Engine's stdout/stderr callables.

from libc.stdint cimport uint32_t

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport decref, decref_off
from glassjs.engine.core.strings cimport str_to_py, intern_py
from glassjs.engine.core.objects cimport (throw_error_str, throw_oom, get_own_property, desc_release,
                                           PropDesc, HAS_VALUE)
from glassjs.engine.core.ops cimport to_boolean
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.builtins.inspect cimport inspect_value, format_args

from glassjs.engine.builtins.inspect import JSPending

cdef enum:
    STDOUT = 1
    STDERR = 2


cdef int emit(Runtime* rt, int stream, str text) noexcept:
    """Write text + newline; a failing host writer is ignored (as Node ignores EPIPE)."""
    cdef bytes data
    try:
        data = (text + "\n").encode("utf-8", "surrogatepass")
    except MemoryError:
        return throw_oom(rt)
    if rt.write_out != NULL:
        rt.write_out(rt, stream, data, len(data))
    return 0


cdef int fail(Runtime* rt, object exc) noexcept:
    """A Python exception out of the formatter, as a JavaScript one."""
    if isinstance(exc, JSPending):
        return -1
    if isinstance(exc, MemoryError):
        return throw_oom(rt)
    return throw_error_str(rt, E_ERROR, "console: internal error: %s: %s" % (type(exc).__name__, exc))


cdef int console_print(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """log, info, debug (magic 1: stdout); error, warn (magic 2: stderr)."""
    ret[0] = UNDEFINED
    try:
        text = format_args(rt, argc, argv)
    except BaseException as exc:
        return fail(rt, exc)
    return emit(rt, magic, text)


cdef int console_dir(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """console.dir(value, {depth}): util.inspect, strings quoted."""
    cdef PropDesc d
    cdef uint32_t k
    ret[0] = UNDEFINED
    depth = 2
    try:
        if argc > 1 and is_object(argv[1]):
            k = intern_py(rt, "depth")
            if k and get_own_property(rt, ref_of(argv[1]), k, &d) == 1:
                if d.has & HAS_VALUE:
                    if is_number(d.value):
                        depth = num_of(d.value)
                        depth = None if depth != depth or depth == float("inf") else int(depth)
                    elif d.value == JSNULL:
                        depth = None
                desc_release(rt, &d)
            if k:
                decref_off(rt, k)
        text = inspect_value(rt, argv[0] if argc > 0 else UNDEFINED, depth)
    except BaseException as exc:
        return fail(rt, exc)
    return emit(rt, STDOUT, text)


cdef int console_assert(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    ret[0] = UNDEFINED
    if argc > 0 and to_boolean(rt, argv[0]):
        return 0
    try:
        if argc <= 1:
            text = "Assertion failed"
        elif is_string(argv[1]):
            text = "Assertion failed: " + format_args(rt, argc - 1, argv + 1)
        else:
            text = "Assertion failed " + format_args(rt, argc - 1, argv + 1)
    except BaseException as exc:
        return fail(rt, exc)
    return emit(rt, STDERR, text)


cdef int console_trace(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t frames = 0
    ret[0] = UNDEFINED
    try:
        text = "Trace"
        if argc:
            text += ": " + format_args(rt, argc, argv)
        if rt.capture_stack != NULL:
            frames = rt.capture_stack(rt)
            if frames:
                stack = str_to_py(rt, frames)
                decref_off(rt, frames)
                if stack:
                    text += "\n" + stack
    except BaseException as exc:
        return fail(rt, exc)
    return emit(rt, STDERR, text)


DEFS = [
    ("object", "console", "Object.prototype", CLASS_OBJECT),
    ("method", "console", "log", native_register(console_print, "log", 0, LIGHTFUNC_VARARGS, STDOUT)),
    ("method", "console", "info", native_register(console_print, "info", 0, LIGHTFUNC_VARARGS, STDOUT)),
    ("method", "console", "debug", native_register(console_print, "debug", 0, LIGHTFUNC_VARARGS, STDOUT)),
    ("method", "console", "error", native_register(console_print, "error", 0, LIGHTFUNC_VARARGS, STDERR)),
    ("method", "console", "warn", native_register(console_print, "warn", 0, LIGHTFUNC_VARARGS, STDERR)),
    ("method", "console", "dir", native_register(console_dir, "dir", 0, LIGHTFUNC_VARARGS, 0)),
    ("method", "console", "assert", native_register(console_assert, "assert", 0, LIGHTFUNC_VARARGS, 0)),
    ("method", "console", "trace", native_register(console_trace, "trace", 0, LIGHTFUNC_VARARGS, 0)),
]
