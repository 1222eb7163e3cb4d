# Boolean (ES5.1 15.6).  Also the model for a built-in module: natives are
# C functions with the NativeFn signature, registered at import, and DEFS
# declares where realm.pyx installs them.

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup
from glassjs.engine.core.objects cimport optr, obj_alloc, throw_error, throw_oom
from glassjs.engine.core.ops cimport to_boolean
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT


cdef int boolean_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal b = mk_bool(to_boolean(rt, argv[0]) if argc > 0 else 0)
    cdef uint32_t o
    if not (flags & CALL_CONSTRUCT):
        ret[0] = b
        return 0
    o = obj_alloc(rt, rt.boolean_proto, CLASS_BOOLEAN, sizeof(JSWrapper))
    if o == 0:
        return throw_oom(rt)
    (<JSWrapper*>optr(rt, o)).value = b
    ret[0] = mk_object(o)
    return 0


cdef int this_boolean(Runtime* rt, JSVal this, JSVal* out) noexcept:
    """thisBooleanValue: a boolean or a Boolean object, else TypeError."""
    if is_bool(this):
        out[0] = this
        return 0
    if is_object(this) and optr(rt, ref_of(this)).h.aux == CLASS_BOOLEAN:
        out[0] = (<JSWrapper*>optr(rt, ref_of(this))).value
        return 0
    return throw_error(rt, E_TYPE, "Boolean.prototype method called on incompatible receiver")


cdef int boolean_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal b
    if this_boolean(rt, this, &b) < 0:
        return -1
    ret[0] = dup(rt, mk_string(rt.atoms[A_true] if bool_of(b) else rt.atoms[A_false]))
    return 0


cdef int boolean_value_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    return this_boolean(rt, this, ret)


DEFS = [
    ("ctor", "Boolean", native_register(boolean_ctor, "Boolean", 1, 1, 0)),
    ("method", "Boolean.prototype", "toString", native_register(boolean_to_string, "toString", 0, 0, 0)),
    ("method", "Boolean.prototype", "valueOf", native_register(boolean_value_of, "valueOf", 0, 0, 0)),
]
