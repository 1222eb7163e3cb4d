# Function (ES5.1 15.3, current-spec details where test262 checks them):
# the constructor, Function.prototype.call/apply/bind/toString.
#
# Bound functions are CLASS_BOUND objects (layout.pxd JSBound): the VM's
# call_native unpacks them.  A lightfunc target is first turned into a native
# function object (the bound object's `internal` must be an object).

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t
from libc.stdlib cimport malloc, free
from libc.math cimport isnan, isinf, trunc

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup, incref, decref, incref_off, decref_off, heap_alloc
from glassjs.engine.core.objects cimport (dense_slot, 
    optr, obj_alloc, prop_add, get_index, has_own_property, is_callable,
    throw_error, throw_oom, elems_items, index_key, OF_LAZY)
from glassjs.engine.core.ops cimport to_string, to_number, get_value, lightfunc_to_object
from glassjs.engine.core.strings cimport str_concat, str_from_ascii, str_from_py, str_to_py, str_len
from glassjs.engine.core.natives cimport native_register, native_info
from glassjs.engine.core.vm cimport CALL_CONSTRUCT, vm_call, make_closure

cdef enum:
    MAX_APPLY_ARGS = 1 << 22


cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


# --- the constructor -------------------------------------------------------------------

cdef int function_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """Function(p1, p2, ..., body): CreateDynamicFunction (ES2023 20.2.1.1.1)."""
    cdef uint32_t params, body, s, t, comma = 0
    cdef int i
    params = rt.atoms[A_EMPTY]
    incref_off(rt, params)
    for i in range(argc - 1):
        s = to_string(rt, argv[i])
        if s == 0:
            decref_off(rt, params)
            return -1
        if i > 0:
            if comma == 0:
                comma = str_from_ascii(rt, ",")
                if comma == 0:
                    decref_off(rt, s)
                    decref_off(rt, params)
                    return throw_oom(rt)
            t = str_concat(rt, params, comma)
            decref_off(rt, params)
            params = t
            if t == 0:
                decref_off(rt, s)
                decref_off(rt, comma)
                return throw_oom(rt)
        t = str_concat(rt, params, s)
        decref_off(rt, params)
        decref_off(rt, s)
        params = t
        if t == 0:
            if comma:
                decref_off(rt, comma)
            return throw_oom(rt)
    if comma:
        decref_off(rt, comma)
    if argc > 0:
        body = to_string(rt, argv[argc - 1])
        if body == 0:
            decref_off(rt, params)
            return -1
    else:
        body = rt.atoms[A_EMPTY]
        incref_off(rt, body)
    if rt.compile_function == NULL:
        decref_off(rt, params)
        decref_off(rt, body)
        return throw_error(rt, E_EVAL, "Function constructor is not available")
    cdef uint32_t code = rt.compile_function(rt, mk_string(params), mk_string(body))
    decref_off(rt, params)
    decref_off(rt, body)
    if code == 0:
        return -1
    cdef uint32_t f = make_closure(rt, code, 0)
    decref_off(rt, code)
    if f == 0:
        return -1
    ret[0] = mk_object(f)
    return 0


# --- Function.prototype.toString -------------------------------------------------------------

cdef int native_source(Runtime* rt, const char* name, JSVal* ret) noexcept:
    cdef uint32_t s
    try:
        s = str_from_py(rt, "function %s() { [native code] }" % (name.decode("utf-8", "replace") if name != NULL else ""))
    except BaseException:
        s = 0
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef int function_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSObject* o
    cdef JSCode* c
    cdef NativeInfo* info
    if is_lightfunc(this):
        info = native_info(lightfunc_index(this))
        return native_source(rt, info.name if info != NULL else NULL, ret)
    if not is_object(this) or not (optr(rt, ref_of(this)).oflags & OF_CALLABLE):
        return throw_error(rt, E_TYPE, "Function.prototype.toString requires that 'this' be a Function")
    o = optr(rt, ref_of(this))
    if o.h.aux == CLASS_FUNCTION:
        c = <JSCode*>(rt.base + o.internal)
        if c.source:
            ret[0] = dup(rt, mk_string(c.source))
            return 0
        if c.name and str_len(rt, c.name):
            try:
                name = str_to_py(rt, c.name).encode("utf-8", "surrogatepass")
            except BaseException:
                return throw_oom(rt)
            return native_source(rt, name, ret)
        return native_source(rt, NULL, ret)
    if o.h.aux == CLASS_NATIVE and o.internal:
        info = native_info(o.internal)
        return native_source(rt, info.name if info != NULL else NULL, ret)
    return native_source(rt, NULL, ret)


# --- call / apply ------------------------------------------------------------------------------

cdef int function_call(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    if not is_callable(rt, this):
        return throw_error(rt, E_TYPE, "Function.prototype.call called on a value that is not a function")
    if argc <= 1:
        return vm_call(rt, this, arg(argc, argv, 0), 0, NULL, ret)
    return vm_call(rt, this, argv[0], argc - 1, argv + 1, ret)


cdef int array_like_length(Runtime* rt, JSVal obj, double* out) noexcept:
    """LengthOfArrayLike: ToLength(Get(obj, "length"))."""
    cdef JSVal lv
    cdef double n
    if get_value(rt, obj, rt.atoms[A_length], &lv) < 0:
        return -1
    cdef int r = to_number(rt, lv, &n)
    decref(rt, lv)
    if r < 0:
        return -1
    if isnan(n) or n <= 0:
        n = 0
    else:
        n = trunc(n)
        if n > 9007199254740991.0:
            n = 9007199254740991.0
    out[0] = n
    return 0


cdef int function_apply(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal arr = arg(argc, argv, 1)
    cdef double dlen
    cdef uint32_t n, i, key
    cdef JSVal* args
    cdef JSObject* o
    cdef JSVal* slot
    cdef JSVal v
    cdef int r
    if not is_callable(rt, this):
        return throw_error(rt, E_TYPE, "Function.prototype.apply was called on a value that is not a function")
    if is_nullish(arr):
        return vm_call(rt, this, arg(argc, argv, 0), 0, NULL, ret)
    if not (is_object(arr) or is_lightfunc(arr)):
        return throw_error(rt, E_TYPE, "CreateListFromArrayLike called on non-object")
    if array_like_length(rt, arr, &dlen) < 0:
        return -1
    if dlen > MAX_APPLY_ARGS:
        return throw_error(rt, E_RANGE, "Maximum call stack size exceeded (too many arguments)")
    n = <uint32_t>dlen
    args = <JSVal*>malloc(8 * (n + 1))
    if args == NULL:
        return throw_oom(rt)
    for i in range(n):
        if is_object(arr):
            slot = dense_slot(rt, optr(rt, ref_of(arr)), i)
            if slot != NULL and slot[0] != EMPTY:
                args[i] = dup(rt, slot[0])
                continue
            r = get_index(rt, ref_of(arr), i, &args[i])
        else:
            key = index_key(rt, i)
            if key == 0:
                r = throw_oom(rt)
            else:
                r = get_value(rt, arr, key, &args[i])
                decref_off(rt, key)
        if r < 0:
            n = i
            for i in range(n):
                decref(rt, args[i])
            free(args)
            return -1
    r = vm_call(rt, this, arg(argc, argv, 0), <int>n, args, ret)
    for i in range(n):
        decref(rt, args[i])
    free(args)
    return r


# --- bind ----------------------------------------------------------------------------------------

cdef int function_bind(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t target, f, args_block = 0, name, s, prefix
    cdef int nargs = argc - 1 if argc > 1 else 0, i, r
    cdef JSBound* b
    cdef JSVal* items
    cdef JSVal lv, nv
    cdef double L = 0, tl
    if not is_callable(rt, this):
        return throw_error(rt, E_TYPE, "Bind must be called on a function")
    if is_lightfunc(this):
        target = lightfunc_to_object(rt, this)
        if target == 0:
            return -1
    else:
        target = ref_of(this)
        incref_off(rt, target)
    # BoundFunctionCreate
    f = obj_alloc(rt, optr(rt, target).proto, CLASS_BOUND, sizeof(JSBound))
    if f == 0:
        decref_off(rt, target)
        return throw_oom(rt)
    if nargs:
        args_block = heap_alloc(rt, ELEMS_HEADER + 8 * nargs, BT_ELEMS)
        if args_block == 0:
            decref_off(rt, target)
            decref_off(rt, f)
            return throw_oom(rt)
        (<Elems*>(rt.base + args_block)).capacity = nargs
        items = elems_items(rt, args_block)
        for i in range(nargs):
            items[i] = dup(rt, argv[1 + i])
    b = <JSBound*>optr(rt, f)
    b.o.internal = target                 # the reference moves into the object
    b.bound_this = dup(rt, arg(argc, argv, 0))
    b.args = args_block
    b.nargs = nargs
    b.o.oflags |= OF_CALLABLE | (optr(rt, target).oflags & OF_CONSTRUCTOR)
    ret[0] = mk_object(f)                 # from here on, failing releases f (and all it holds)
    # length
    r = has_own_property(rt, target, rt.atoms[A_length])
    if r < 0:
        decref_off(rt, f)
        return -1
    if r:
        if get_value(rt, mk_object(target), rt.atoms[A_length], &lv) < 0:
            decref_off(rt, f)
            return -1
        if is_number(lv):
            tl = num_of(lv)
            if isinf(tl):
                L = tl if tl > 0 else 0
            else:
                tl = 0 if isnan(tl) else trunc(tl)
                L = tl - nargs
                if L < 0:
                    L = 0
        decref(rt, lv)
    if prop_add(rt, f, rt.atoms[A_length], PF_CONFIGURABLE, mk_number(L + 0.0)) < 0:
        decref_off(rt, f)
        return -1
    # name
    if get_value(rt, mk_object(target), rt.atoms[A_name], &nv) < 0:
        decref_off(rt, f)
        return -1
    prefix = str_from_ascii(rt, "bound ")
    if prefix == 0:
        decref(rt, nv)
        decref_off(rt, f)
        return throw_oom(rt)
    s = str_concat(rt, prefix, ref_of(nv) if is_string(nv) else rt.atoms[A_EMPTY])
    decref_off(rt, prefix)
    decref(rt, nv)
    if s == 0:
        decref_off(rt, f)
        return throw_oom(rt)
    r = prop_add(rt, f, rt.atoms[A_name], PF_CONFIGURABLE, mk_string(s))
    decref_off(rt, s)
    if r < 0:
        decref_off(rt, f)
        return -1
    return 0


DEFS = [
    ("ctor", "Function", native_register(function_ctor, "Function", 1, LIGHTFUNC_VARARGS, 0)),
    ("method", "Function.prototype", "toString", native_register(function_to_string, "toString", 0, 0, 0)),
    ("method", "Function.prototype", "call", native_register(function_call, "call", 1, LIGHTFUNC_VARARGS, 0)),
    ("method", "Function.prototype", "apply", native_register(function_apply, "apply", 2, 2, 0)),
    ("method", "Function.prototype", "bind", native_register(function_bind, "bind", 1, LIGHTFUNC_VARARGS, 0)),
    # the poison pills of the current spec (AddRestrictedFunctionProperties)
    ("accessor", "Function.prototype", "caller", "%ThrowTypeError%", "%ThrowTypeError%", PF_CONFIGURABLE),
    ("accessor", "Function.prototype", "arguments", "%ThrowTypeError%", "%ThrowTypeError%", PF_CONFIGURABLE),
]
