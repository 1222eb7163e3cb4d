# Error and the NativeErrors (ES5.1 15.11, ES2022 `cause`).
#
# One C function serves all seven constructors: magic is the error kind
# (runtime.pxd E_*, the order of rt.error_protos).  Called with or without
# `new` they do the same.  The new object's `stack` is V8-style: the
# "Name: message" line, then the "    at ..." lines of rt.capture_stack.
# Profiles without tracebacks (no_pc2line) store none: an accessor on
# Error.prototype answers e.stack with the "Name: message" line.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup, incref, decref, incref_off, decref_off
from glassjs.engine.core.objects cimport (optr, obj_alloc, prop_add, has_property, throw_error,
                                          throw_oom, define_own_property, PropDesc, HAS_VALUE, HAS_WRITABLE,
                                          HAS_ENUMERABLE, HAS_CONFIGURABLE)
from glassjs.engine.core.ops cimport to_string, get_value
from glassjs.engine.core.strings cimport str_concat, str_from_ascii, str_len, intern_ascii
from glassjs.engine.core.natives cimport native_register

# rt.error_protos order (E_TYPE ... E_URI)
_NAMES = ["TypeError", "ReferenceError", "SyntaxError", "RangeError", "Error", "EvalError", "URIError"]
_NAME_BYTES = tuple(n.encode() for n in _NAMES)    # the registry keeps pointers into these


cdef const char* kind_name(int kind) noexcept:
    if kind == E_TYPE:
        return "TypeError"
    if kind == E_REFERENCE:
        return "ReferenceError"
    if kind == E_SYNTAX:
        return "SyntaxError"
    if kind == E_RANGE:
        return "RangeError"
    if kind == E_EVAL:
        return "EvalError"
    if kind == E_URI:
        return "URIError"
    return "Error"


cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef uint32_t concat3(Runtime* rt, uint32_t a, const char* mid, uint32_t b) noexcept:
    """a + mid + b as a new string (a, b borrowed), or 0."""
    cdef uint32_t m = str_from_ascii(rt, mid)
    if m == 0:
        return 0
    cdef uint32_t t = str_concat(rt, a, m)
    decref_off(rt, m)
    if t == 0:
        return 0
    cdef uint32_t r = str_concat(rt, t, b)
    decref_off(rt, t)
    return r


cdef int add_stack(Runtime* rt, uint32_t err, int kind, uint32_t msg) noexcept:
    """err.stack = "Name: message\\n    at ..." (msg borrowed, may be 0)."""
    if rt.no_pc2line:
        return 0        # no tracebacks: Error.prototype.stack answers (error_stack_get)
    cdef uint32_t head = str_from_ascii(rt, kind_name(kind)), t, frames
    if head == 0:
        return throw_oom(rt)
    if msg and str_len(rt, msg):
        t = concat3(rt, head, ": ", msg)
        decref_off(rt, head)
        if t == 0:
            return throw_oom(rt)
        head = t
    if rt.capture_stack != NULL:
        frames = rt.capture_stack(rt)
        if frames:
            if str_len(rt, frames):
                t = concat3(rt, head, "\n", frames)
                decref_off(rt, head)
                decref_off(rt, frames)
                if t == 0:
                    return throw_oom(rt)
                head = t
            else:
                decref_off(rt, frames)
    cdef int r = prop_add(rt, err, rt.atoms[A_stack], PF_WRITABLE | PF_CONFIGURABLE, mk_string(head))
    decref_off(rt, head)
    return r


cdef int error_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef int kind = magic
    cdef JSVal message = arg(argc, argv, 0)
    cdef JSVal options = arg(argc, argv, 1)
    cdef JSVal cause
    cdef uint32_t msg = 0
    cdef int r
    cdef uint32_t err = obj_alloc(rt, rt.error_protos[kind], CLASS_ERROR, sizeof(JSObject))
    if err == 0:
        return throw_oom(rt)
    if not is_undefined(message):
        msg = to_string(rt, message)
        if msg == 0:
            decref_off(rt, err)
            return -1
        r = prop_add(rt, err, rt.atoms[A_message], PF_WRITABLE | PF_CONFIGURABLE, mk_string(msg))
        if r < 0:
            decref_off(rt, msg)
            decref_off(rt, err)
            return -1
    # InstallErrorCause
    if is_object(options):
        r = has_property(rt, ref_of(options), rt.atoms[A_cause])
        if r > 0:
            r = get_value(rt, options, rt.atoms[A_cause], &cause)
            if r == 0:
                r = prop_add(rt, err, rt.atoms[A_cause], PF_WRITABLE | PF_CONFIGURABLE, cause)
                decref(rt, cause)
        if r < 0:
            if msg:
                decref_off(rt, msg)
            decref_off(rt, err)
            return -1
    r = add_stack(rt, err, kind, msg)
    if msg:
        decref_off(rt, msg)
    if r < 0:
        decref_off(rt, err)
        return -1
    ret[0] = mk_object(err)
    return 0


cdef int error_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Error.prototype.toString (ES2023 20.5.3.4)."""
    cdef JSVal nv, mv
    cdef uint32_t name, msg, s
    if not is_object(this):
        return throw_error(rt, E_TYPE, "Error.prototype.toString requires that 'this' be an Object")
    if get_value(rt, this, rt.atoms[A_name], &nv) < 0:
        return -1
    if is_undefined(nv):
        name = str_from_ascii(rt, "Error")
        if name == 0:
            return throw_oom(rt)
    else:
        name = to_string(rt, nv)
        decref(rt, nv)
        if name == 0:
            return -1
    if get_value(rt, this, rt.atoms[A_message], &mv) < 0:
        decref_off(rt, name)
        return -1
    if is_undefined(mv):
        msg = rt.atoms[A_EMPTY]
        incref_off(rt, msg)
    else:
        msg = to_string(rt, mv)
        decref(rt, mv)
        if msg == 0:
            decref_off(rt, name)
            return -1
    if str_len(rt, name) == 0:
        decref_off(rt, name)
        ret[0] = mk_string(msg)
        return 0
    if str_len(rt, msg) == 0:
        decref_off(rt, msg)
        ret[0] = mk_string(name)
        return 0
    s = concat3(rt, name, ": ", msg)
    decref_off(rt, name)
    decref_off(rt, msg)
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef int error_is_error(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Error.isError(arg): whether arg has [[ErrorData]] (ES2026)."""
    cdef JSVal v = arg(argc, argv, 0)
    ret[0] = mk_bool(is_object(v) and optr(rt, ref_of(v)).h.aux == CLASS_ERROR)
    return 0


cdef int error_stack_get(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """get Error.prototype.stack, in profiles without tracebacks (lowmem): errors
    store no stack text, so e.stack is what e.toString() gives -- no frames."""
    if not is_object(this):
        ret[0] = UNDEFINED
        return 0
    return error_to_string(rt, this, 0, NULL, 0, 0, ret)


cdef int error_stack_set(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """set Error.prototype.stack: `e.stack = v` gives e an own data property."""
    cdef PropDesc d
    ret[0] = UNDEFINED
    if not is_object(this):
        return 0
    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
    d.flags = PF_WRITABLE | PF_CONFIGURABLE
    d.value = arg(argc, argv, 0)
    d.getter = UNDEFINED
    d.setter = UNDEFINED
    return -1 if define_own_property(rt, ref_of(this), rt.atoms[A_stack], &d, 1) < 0 else 0


def _defs():
    defs = [("ctor", "Error", native_register(error_ctor, "Error", 1, 2, E_ERROR))]
    for kind, name in enumerate(_NAMES):
        if kind != E_ERROR:
            defs.append(("ctor", name, native_register(error_ctor, <const char*>_NAME_BYTES[kind], 1, 2, kind)))
    for name in _NAMES:
        defs.append(("value", name + ".prototype", "name", name, PF_WRITABLE | PF_CONFIGURABLE))
        defs.append(("value", name + ".prototype", "message", "", PF_WRITABLE | PF_CONFIGURABLE))
    defs.append(("method", "Error", "isError", native_register(error_is_error, "isError", 1, 1, 0)))
    defs.append(("method", "Error.prototype", "toString",
                 native_register(error_to_string, "toString", 0, 0, 0)))
    defs.append(("when", "no_pc2line", ("accessor", "Error.prototype", "stack",
                 native_register(error_stack_get, "get stack", 0, 0, 0),
                 native_register(error_stack_set, "set stack", 1, 1, 0), PF_CONFIGURABLE)))
    # NativeError constructors inherit from Error (ES2023 20.5.6.2).  realm.pyx has
    # no declaration for a [[Prototype]] yet; "proto" is the proposed one
    # (("proto", path, proto_path): set the object's prototype), ignored until then.
    for kind, name in enumerate(_NAMES):
        if kind != E_ERROR:
            defs.append(("proto", name, "Error"))
    return defs


DEFS = _defs()
