# Conversions (ES5.1 section 9) and the slow paths of the operators
# (section 11).  The VM handles the common cases (two numbers) inline and
# comes here for everything else.

from libc.stdint cimport uint64_t, uint32_t, int32_t, int64_t, uint16_t
from libc.math cimport isnan, isinf, floor, fabs, fmod, trunc, NAN, INFINITY

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.opcodes cimport *
from glassjs.engine.core.heap cimport incref, decref, incref_off, decref_off, dup, hdr
from glassjs.engine.core.strings cimport (num_to_str, str_to_num, str_concat, str_intern, str_compare,
                                           str_equals, str_len, str_at, str_new_units, sptr, str_to_py,
                                           str_from_index, intern_ascii, str_from_unit)
from glassjs.engine.core.objects cimport (OF_LAZY, optr, obj_alloc, prop_add, get_prop, put_prop, get_index, put_index,
                                           has_property, throw_error, throw_error_str, throw_oom,
                                           delete_property, is_callable, key_to_py, elems_items,
                                           elems_capacity, index_key, dense_slot)
from glassjs.engine.core.natives cimport native_info


# --- ToPrimitive / ToNumber / ToString ------------------------------------------

cdef int call_method_if_callable(Runtime* rt, uint32_t obj, uint32_t name, JSVal* out, bint* called) noexcept:
    cdef JSVal f
    called[0] = 0
    if get_prop(rt, obj, name, mk_object(obj), &f) < 0:
        return -1
    if not is_callable(rt, f):
        decref(rt, f)
        return 0
    called[0] = 1
    cdef int r = rt.call(rt, f, mk_object(obj), 0, NULL, out)
    decref(rt, f)
    return r


cdef int to_primitive(Runtime* rt, JSVal v, int hint, JSVal* out) noexcept:
    """ES5.1 9.1 / 8.12.8 [[DefaultValue]]; out receives a new reference."""
    cdef uint32_t obj, first, second
    cdef bint called
    cdef JSVal r
    cdef int i
    if not is_object(v):
        out[0] = dup(rt, v)
        return 0
    obj = ref_of(v)
    if hint == HINT_DEFAULT:
        hint = HINT_STRING if optr(rt, obj).h.aux == CLASS_DATE else HINT_NUMBER
    first = rt.atoms[A_toString] if hint == HINT_STRING else rt.atoms[A_valueOf]
    second = rt.atoms[A_valueOf] if hint == HINT_STRING else rt.atoms[A_toString]
    for i in range(2):
        if call_method_if_callable(rt, obj, first if i == 0 else second, &r, &called) < 0:
            return -1
        if called:
            if not is_object(r):
                out[0] = r
                return 0
            decref(rt, r)
    return throw_error(rt, E_TYPE, "Cannot convert object to primitive value")


cdef int to_number(Runtime* rt, JSVal v, double* out) noexcept:
    cdef JSVal p
    cdef int r
    if is_number(v):
        out[0] = num_of(v)
        return 0
    cdef uint32_t tag = tag_of(v)
    if tag == TAG_UNDEFINED:
        out[0] = NAN
    elif tag == TAG_NULL:
        out[0] = 0.0
    elif tag == TAG_BOOLEAN:
        out[0] = 1.0 if bool_of(v) else 0.0
    elif tag == TAG_STRING:
        out[0] = str_to_num(rt, ref_of(v))
    elif tag == TAG_LIGHTFUNC:
        out[0] = NAN
    else:
        if to_primitive(rt, v, HINT_NUMBER, &p) < 0:
            return -1
        r = to_number(rt, p, out)
        decref(rt, p)
        return r
    return 0


cdef uint32_t to_string(Runtime* rt, JSVal v) noexcept:
    """ES5.1 9.8: a new reference to a string, or 0 with an exception pending."""
    cdef uint32_t tag = tag_of(v), s
    cdef JSVal p
    if tag == TAG_STRING:
        incref_off(rt, ref_of(v))
        return ref_of(v)
    if is_number(v):
        s = num_to_str(rt, num_of(v))
        if s == 0:
            throw_oom(rt)
        return s
    if tag == TAG_UNDEFINED:
        s = rt.atoms[A_undefined]
    elif tag == TAG_NULL:
        s = rt.atoms[A_null]
    elif tag == TAG_BOOLEAN:
        s = rt.atoms[A_true] if bool_of(v) else rt.atoms[A_false]
    elif tag == TAG_LIGHTFUNC:
        s = rt.atoms[A_function]   # never used: Function.prototype.toString handles lightfuncs
        p = UNDEFINED
        if to_primitive_lightfunc(rt, v, &p) < 0:
            return 0
        return ref_of(p)
    else:
        if to_primitive(rt, v, HINT_STRING, &p) < 0:
            return 0
        s = to_string(rt, p)
        decref(rt, p)
        return s
    incref_off(rt, s)
    return s


cdef int to_primitive_lightfunc(Runtime* rt, JSVal f, JSVal* out) noexcept:
    """String of a lightfunc: through Function.prototype.toString like any function."""
    cdef JSVal m
    if get_prop(rt, rt.function_proto, rt.atoms[A_toString], f, &m) < 0:
        return -1
    cdef int r = rt.call(rt, m, f, 0, NULL, out)
    decref(rt, m)
    if r < 0:
        return -1
    if not is_string(out[0]):
        decref(rt, out[0])
        return throw_error(rt, E_TYPE, "Cannot convert function to string")
    return 0


cdef uint32_t to_property_key(Runtime* rt, JSVal v) noexcept:
    """An interned string key (new reference) or 0."""
    cdef uint32_t s
    cdef double d
    if is_string(v) and (hdr(rt, ref_of(v)).flags & HF_INTERNED):
        incref_off(rt, ref_of(v))
        return ref_of(v)
    if is_number(v):
        d = num_of(v)
        if d >= 0 and d < 4294967295.0 and d == floor(d):
            s = index_key(rt, <uint32_t>d)
            if s == 0:
                throw_oom(rt)
            return s
    s = to_string(rt, v)
    if s == 0:
        return 0
    s = str_intern(rt, s)
    if s == 0:
        throw_oom(rt)
    return s


cdef uint32_t proto_of_value(Runtime* rt, JSVal v) noexcept:
    """The prototype a primitive's property lookups go to (borrowed)."""
    cdef uint32_t tag = tag_of(v)
    if is_number(v):
        return rt.number_proto
    if tag == TAG_STRING:
        return rt.string_proto
    if tag == TAG_BOOLEAN:
        return rt.boolean_proto
    if tag == TAG_LIGHTFUNC:
        return rt.function_proto
    if tag == TAG_OBJECT:
        return optr(rt, ref_of(v)).proto
    return 0


cdef uint32_t to_object(Runtime* rt, JSVal v) noexcept:
    """ES5.1 9.9: a new reference to an object, or 0 with a TypeError pending."""
    cdef uint32_t tag = tag_of(v), o, cls
    if tag == TAG_OBJECT:
        incref_off(rt, ref_of(v))
        return ref_of(v)
    if tag == TAG_UNDEFINED or tag == TAG_NULL:
        throw_error(rt, E_TYPE, "Cannot convert undefined or null to object")
        return 0
    if tag == TAG_LIGHTFUNC:
        return lightfunc_to_object(rt, v)
    if is_number(v):
        cls = CLASS_NUMBER
    elif tag == TAG_STRING:
        cls = CLASS_STRING
    else:
        cls = CLASS_BOOLEAN
    o = obj_alloc(rt, proto_of_value(rt, v), <uint16_t>cls, sizeof(JSWrapper))
    if o == 0:
        throw_oom(rt)
        return 0
    (<JSWrapper*>optr(rt, o)).value = dup(rt, v)
    return o


cdef bint to_boolean(Runtime* rt, JSVal v) noexcept:
    cdef double d
    if is_number(v):
        d = num_of(v)
        return not (d == 0 or isnan(d))
    cdef uint32_t tag = tag_of(v)
    if tag == TAG_BOOLEAN:
        return bool_of(v)
    if tag == TAG_STRING:
        return str_len(rt, ref_of(v)) != 0
    if tag == TAG_UNDEFINED or tag == TAG_NULL:
        return 0
    return 1


cdef double to_integer(double d) noexcept:
    if isnan(d):
        return 0
    if isinf(d):
        return d
    return trunc(d)


cdef int to_int32(Runtime* rt, JSVal v, int32_t* out) noexcept:
    cdef double d
    if to_number(rt, v, &d) < 0:
        return -1
    out[0] = d_to_int32(d)
    return 0


cdef int to_uint32(Runtime* rt, JSVal v, uint32_t* out) noexcept:
    cdef double d
    if to_number(rt, v, &d) < 0:
        return -1
    out[0] = <uint32_t>d_to_int32(d)
    return 0


cdef uint32_t type_of(Runtime* rt, JSVal v) noexcept:
    """The typeof string (borrowed atom)."""
    cdef uint32_t tag = tag_of(v)
    if is_number(v):
        return rt.atoms[A_number]
    if tag == TAG_STRING:
        return rt.atoms[A_string]
    if tag == TAG_BOOLEAN:
        return rt.atoms[A_boolean]
    if tag == TAG_UNDEFINED:
        return rt.atoms[A_undefined]
    if tag == TAG_NULL:
        return rt.atoms[A_object]
    if tag == TAG_LIGHTFUNC:
        return rt.atoms[A_function]
    if optr(rt, ref_of(v)).oflags & OF_CALLABLE:
        return rt.atoms[A_function]
    return rt.atoms[A_object]


# --- operators -----------------------------------------------------------------------

cdef int op_add(Runtime* rt, JSVal a, JSVal b, JSVal* out) noexcept:
    """ES5.1 11.6.1: the + operator, beyond number + number."""
    cdef JSVal pa, pb
    cdef uint32_t sa, sb, s
    cdef double x, y
    if is_string(a) and is_string(b):
        s = str_concat(rt, ref_of(a), ref_of(b))
        if s == 0:
            return throw_oom(rt)
        out[0] = mk_string(s)
        return 0
    if to_primitive(rt, a, HINT_DEFAULT, &pa) < 0:
        return -1
    if to_primitive(rt, b, HINT_DEFAULT, &pb) < 0:
        decref(rt, pa)
        return -1
    cdef int r = 0
    if is_string(pa) or is_string(pb):
        sa = to_string(rt, pa)
        sb = to_string(rt, pb) if sa else 0
        if sa and sb:
            s = str_concat(rt, sa, sb)
            if s == 0:
                r = throw_oom(rt)
            else:
                out[0] = mk_string(s)
        else:
            r = -1
        if sa:
            decref_off(rt, sa)
        if sb:
            decref_off(rt, sb)
    else:
        if to_number(rt, pa, &x) < 0 or to_number(rt, pb, &y) < 0:
            r = -1
        else:
            out[0] = mk_number(x + y)
    decref(rt, pa)
    decref(rt, pb)
    return r


cdef int op_arith(Runtime* rt, int op, JSVal a, JSVal b, JSVal* out) noexcept:
    """- * / % and the bitwise/shift operators with full conversions."""
    cdef double x, y, r
    cdef int32_t ix, iy
    cdef uint32_t ux
    if to_number(rt, a, &x) < 0 or to_number(rt, b, &y) < 0:
        return -1
    if op == OP_SUB:
        r = x - y
    elif op == OP_MUL:
        r = x * y
    elif op == OP_DIV:
        r = x / y
    elif op == OP_MOD:
        r = fmod(x, y)
    else:
        ix = d_to_int32(x)
        iy = d_to_int32(y)
        if op == OP_SHL:
            r = <double><int32_t>(<uint32_t>ix << (iy & 31))
        elif op == OP_SAR:
            r = <double>(ix >> (iy & 31))
        elif op == OP_SHR:
            ux = <uint32_t>ix
            r = <double>(ux >> (iy & 31))
        elif op == OP_BAND:
            r = <double>(ix & iy)
        elif op == OP_BOR:
            r = <double>(ix | iy)
        else:
            r = <double>(ix ^ iy)
    out[0] = mk_number(r)
    return 0


cdef int op_compare(Runtime* rt, JSVal a, JSVal b, bint left_first, int* result) noexcept:
    """ES5.1 11.8.5: result 1 (a < b), 0 (not), 2 (undefined: a NaN was involved)."""
    cdef JSVal pa, pb
    cdef double x, y
    cdef int r = 0
    if left_first:
        if to_primitive(rt, a, HINT_NUMBER, &pa) < 0:
            return -1
        if to_primitive(rt, b, HINT_NUMBER, &pb) < 0:
            decref(rt, pa)
            return -1
    else:
        if to_primitive(rt, b, HINT_NUMBER, &pb) < 0:
            return -1
        if to_primitive(rt, a, HINT_NUMBER, &pa) < 0:
            decref(rt, pb)
            return -1
    if is_string(pa) and is_string(pb):
        result[0] = 1 if str_compare(rt, ref_of(pa), ref_of(pb)) < 0 else 0
    elif to_number(rt, pa, &x) < 0 or to_number(rt, pb, &y) < 0:
        r = -1
    elif isnan(x) or isnan(y):
        result[0] = 2
    else:
        result[0] = 1 if x < y else 0
    decref(rt, pa)
    decref(rt, pb)
    return r


cdef bint op_strict_eq(Runtime* rt, JSVal a, JSVal b) noexcept:
    if is_number(a) and is_number(b):
        return num_of(a) == num_of(b)
    if a == b:
        return 1
    if is_string(a) and is_string(b):
        return str_equals(rt, ref_of(a), ref_of(b))
    return 0


cdef bint same_value_zero(Runtime* rt, JSVal a, JSVal b) noexcept:
    if is_number(a) and is_number(b) and isnan(num_of(a)) and isnan(num_of(b)):
        return 1
    return op_strict_eq(rt, a, b)


cdef int op_loose_eq(Runtime* rt, JSVal a, JSVal b, int* result) noexcept:
    """ES5.1 11.9.3 abstract equality."""
    cdef JSVal p
    cdef double x, y
    cdef int r
    cdef uint32_t ta, tb
    while True:
        if is_number(a) and is_number(b):
            result[0] = num_of(a) == num_of(b)
            return 0
        ta = 0 if is_number(a) else tag_of(a)
        tb = 0 if is_number(b) else tag_of(b)
        if ta == tb:
            result[0] = op_strict_eq(rt, a, b)
            return 0
        if (ta == TAG_UNDEFINED or ta == TAG_NULL) and (tb == TAG_UNDEFINED or tb == TAG_NULL):
            result[0] = 1
            return 0
        if (ta == 0 and tb == TAG_STRING) or (ta == TAG_STRING and tb == 0):
            x = num_of(a) if ta == 0 else str_to_num(rt, ref_of(a))
            y = num_of(b) if tb == 0 else str_to_num(rt, ref_of(b))
            result[0] = x == y
            return 0
        if ta == TAG_BOOLEAN:
            return op_loose_eq(rt, mk_number(1.0 if bool_of(a) else 0.0), b, result)
        if tb == TAG_BOOLEAN:
            return op_loose_eq(rt, a, mk_number(1.0 if bool_of(b) else 0.0), result)
        if (ta == 0 or ta == TAG_STRING) and tb == TAG_OBJECT:
            if to_primitive(rt, b, HINT_DEFAULT, &p) < 0:
                return -1
            r = op_loose_eq(rt, a, p, result)
            decref(rt, p)
            return r
        if ta == TAG_OBJECT and (tb == 0 or tb == TAG_STRING):
            if to_primitive(rt, a, HINT_DEFAULT, &p) < 0:
                return -1
            r = op_loose_eq(rt, p, b, result)
            decref(rt, p)
            return r
        result[0] = 0
        return 0


cdef int op_instanceof(Runtime* rt, JSVal v, JSVal f, int* result) noexcept:
    """ES5.1 11.8.6 / 15.3.5.3 [[HasInstance]]."""
    cdef JSVal protov
    cdef uint32_t obj, proto
    if not is_callable(rt, f):
        return throw_error(rt, E_TYPE, "Right-hand side of 'instanceof' is not callable")
    if is_lightfunc(f):
        # no 'prototype' property: like any function whose prototype is not an object
        result[0] = 0
        if not (is_object(v) or is_lightfunc(v)):
            return 0
        return throw_error(rt, E_TYPE, "Function has non-object prototype 'undefined' in instanceof check "
                           "(a lightfunc has no 'prototype')")
    while optr(rt, ref_of(f)).h.aux == CLASS_BOUND:
        f = mk_object(optr(rt, ref_of(f)).internal)      # a lightfunc target was made an object by bind
    if not (is_object(v) or is_lightfunc(v)):
        result[0] = 0
        return 0
    if get_prop(rt, ref_of(f), rt.atoms[A_prototype], f, &protov) < 0:
        return -1
    if not is_object(protov):
        decref(rt, protov)
        return throw_error(rt, E_TYPE, "Function has non-object prototype in instanceof check")
    proto = ref_of(protov)
    obj = proto_of_value(rt, v)        # a lightfunc inherits from Function.prototype
    result[0] = 0
    while obj:
        if obj == proto:
            result[0] = 1
            break
        obj = optr(rt, obj).proto
    decref(rt, protov)
    return 0


cdef int op_in(Runtime* rt, JSVal key, JSVal obj, int* result) noexcept:
    if not (is_object(obj) or is_lightfunc(obj)):
        return throw_error(rt, E_TYPE, "Cannot use 'in' operator to search for a key in a non-object")
    cdef uint32_t k = to_property_key(rt, key)
    if k == 0:
        return -1
    cdef int r
    if is_lightfunc(obj):
        r = 1 if lightfunc_own_key(rt, k) else has_property(rt, rt.function_proto, k)
    else:
        r = has_property(rt, ref_of(obj), k)
    decref_off(rt, k)
    if r < 0:
        return -1
    result[0] = r
    return 0


# --- property access on any value ------------------------------------------------------

cdef str describe_value(Runtime* rt, JSVal v):
    if is_undefined(v):
        return "undefined"
    if v == JSNULL:
        return "null"
    return "value"


cdef int throw_not_object(Runtime* rt, JSVal base, uint32_t key, bint writing) noexcept:
    if writing:
        return throw_error_str(rt, E_TYPE, "Cannot set properties of %s (setting '%s')"
                               % (describe_value(rt, base), key_to_py(rt, key)))
    return throw_error_str(rt, E_TYPE, "Cannot read properties of %s (reading '%s')"
                           % (describe_value(rt, base), key_to_py(rt, key)))


# --- lightfuncs (docs/lightfuncs.md) ------------------------------------------------------
# A lightfunc is a function with no object: its only own properties are the
# virtual, read-only, non-configurable 'length' and 'name'; every other
# lookup goes to Function.prototype, and writes of new properties are lost
# (TypeError in strict code), as in Duktape.

cdef inline bint lightfunc_own_key(Runtime* rt, uint32_t key) noexcept:
    return key == rt.atoms[A_length] or key == rt.atoms[A_name]


cdef uint32_t lightfunc_name(Runtime* rt, JSVal f) noexcept:
    """The interned name of a lightfunc's native (a new reference), or 0 on OOM."""
    cdef NativeInfo* info = native_info(lightfunc_index(f))
    cdef uint32_t s
    if info == NULL:
        s = rt.atoms[A_EMPTY]
        incref_off(rt, s)
        return s
    s = intern_ascii(rt, info.name)
    if s == 0:
        throw_oom(rt)
    return s


cdef uint32_t lightfunc_virtual(Runtime* rt, JSVal f, uint32_t key, JSVal* out) noexcept:
    """A lightfunc's virtual 'length' and 'name': 1 if key is one of them."""
    cdef uint32_t s
    if key == rt.atoms[A_length]:
        out[0] = mk_number(<double>lightfunc_length(f))
        return 1
    if key == rt.atoms[A_name]:
        s = lightfunc_name(rt, f)
        if s == 0:
            return 0
        out[0] = mk_string(s)
        return 1
    return 0


cdef uint32_t lightfunc_to_object(Runtime* rt, JSVal f) noexcept:
    """The native function object a lightfunc stands for where the spec needs
    an object (ToObject, bind targets, accessors, prototypes): the same
    native, magic and nargs, and the same look as the lightfunc itself --
    'length' and 'name' read-only and non-configurable, not extensible.
    A new reference, or 0 with an exception pending."""
    cdef uint32_t o = obj_alloc(rt, rt.function_proto, CLASS_NATIVE, sizeof(JSNative))
    cdef uint32_t name
    if o == 0:
        throw_oom(rt)
        return 0
    cdef JSNative* n = <JSNative*>optr(rt, o)
    n.o.internal = lightfunc_index(f)
    n.o.oflags = (n.o.oflags | OF_CALLABLE | OF_CONSTRUCTOR) & ~OF_EXTENSIBLE
    n.magic = <uint16_t>lightfunc_magic(f)
    n.nargs = <uint16_t>lightfunc_nargs(f)
    name = lightfunc_name(rt, f)
    if name == 0 or prop_add(rt, o, rt.atoms[A_length], 0, mk_number(<double>lightfunc_length(f))) < 0 \
            or prop_add(rt, o, rt.atoms[A_name], 0, mk_string(name)) < 0:
        if name:
            decref_off(rt, name)
        decref_off(rt, o)
        return 0
    decref_off(rt, name)        # prop_add took its own reference
    return o


cdef int lightfunc_put(Runtime* rt, JSVal f, uint32_t key, JSVal v, bint strict) noexcept:
    """f[key] = v on a lightfunc: setters on Function.prototype run; anything
    else is lost, with a TypeError naming the operation in strict code."""
    if lightfunc_own_key(rt, key):
        if strict:
            return throw_error_str(rt, E_TYPE, "Cannot assign to read only property '%s' of function (a lightfunc)"
                                   % key_to_py(rt, key))
        return 0
    return put_prop(rt, rt.function_proto, key, v, f, strict)


cdef int get_value(Runtime* rt, JSVal base, uint32_t key, JSVal* out) noexcept:
    """base[key] for any base value; key is an interned string."""
    cdef uint32_t tag = tag_of(base), s
    cdef JSString* ks
    cdef uint16_t unit
    if tag == TAG_OBJECT:
        return get_prop(rt, ref_of(base), key, base, out)
    if tag == TAG_STRING:
        s = ref_of(base)
        if key == rt.atoms[A_length]:
            out[0] = mk_number(<double>str_len(rt, s))
            return 0
        ks = sptr(rt, key)
        if (ks.h.flags & HF_ARRAYIDX) and ks.index < str_len(rt, s):
            unit = str_at(rt, s, ks.index)
            s = str_from_unit(rt, unit)
            if s == 0:
                return throw_oom(rt)
            out[0] = mk_string(s)
            return 0
    elif tag == TAG_UNDEFINED or tag == TAG_NULL:
        return throw_not_object(rt, base, key, 0)
    elif tag == TAG_LIGHTFUNC:
        if lightfunc_virtual(rt, base, key, out):
            return 0
        if rt.has_exc:
            return -1
    return get_prop(rt, proto_of_value(rt, base), key, base, out)


cdef int get_elem(Runtime* rt, JSVal base, JSVal keyv, JSVal* out) noexcept:
    """base[keyv] with the fast paths for arrays and strings indexed by numbers."""
    cdef double d
    cdef uint32_t idx, s, key
    cdef JSVal* items
    cdef uint16_t unit
    if is_number(keyv):
        d = num_of(keyv)
        if d >= 0 and d < 4294967295.0:
            idx = <uint32_t>d
            if <double>idx == d:
                if is_object(base):
                    items = dense_slot(rt, optr(rt, ref_of(base)), idx)
                    if items != NULL and items[0] != EMPTY:
                        out[0] = dup(rt, items[0])
                        return 0
                    return get_index(rt, ref_of(base), idx, out)
                if is_string(base) and idx < str_len(rt, ref_of(base)):
                    unit = str_at(rt, ref_of(base), idx)
                    s = str_from_unit(rt, unit)
                    if s == 0:
                        return throw_oom(rt)
                    out[0] = mk_string(s)
                    return 0
    if is_nullish(base):
        return throw_nullish_elem(rt, base, keyv, 0)
    key = to_property_key(rt, keyv)
    if key == 0:
        return -1
    cdef int r = get_value(rt, base, key, out)
    decref_off(rt, key)
    return r


cdef int throw_nullish_elem(Runtime* rt, JSVal base, JSVal keyv, bint writing) noexcept:
    """base[key] on null/undefined: TypeError before the key is converted (the
    spec checks the base first, so a key's toString must not run)."""
    cdef uint32_t key = 0
    cdef int r
    if is_string(keyv):
        return throw_not_object(rt, base, ref_of(keyv), writing)
    if is_number(keyv):
        key = num_to_str(rt, num_of(keyv))
        if key == 0:
            return throw_oom(rt)
        r = throw_not_object(rt, base, key, writing)
        decref_off(rt, key)
        return r
    return throw_error_str(rt, E_TYPE, "Cannot %s properties of %s" % (
        "set" if writing else "read", describe_value(rt, base)))


cdef int put_value(Runtime* rt, JSVal base, uint32_t key, JSVal v, bint strict) noexcept:
    cdef uint32_t tag = tag_of(base)
    cdef double n
    if tag == TAG_OBJECT:
        if optr(rt, ref_of(base)).h.aux == CLASS_ARRAY and key == rt.atoms[A_length] and not is_number(v):
            # ES5.1 15.4.5.1: ToUint32(v) must equal ToNumber(v)
            if to_number(rt, v, &n) < 0:
                return -1
            return put_prop(rt, ref_of(base), key, mk_number(n), base, strict)
        return put_prop(rt, ref_of(base), key, v, base, strict)
    if tag == TAG_UNDEFINED or tag == TAG_NULL:
        return throw_not_object(rt, base, key, 1)
    if tag == TAG_LIGHTFUNC:
        return lightfunc_put(rt, base, key, v, strict)
    # primitives: setters on the prototype chain run; anything else is lost
    return put_prop(rt, proto_of_value(rt, base), key, v, base, strict)


cdef int put_elem(Runtime* rt, JSVal base, JSVal keyv, JSVal v, bint strict) noexcept:
    cdef double d
    cdef uint32_t idx, key
    cdef JSObject* o
    cdef JSVal* items
    cdef JSVal old
    if is_number(keyv) and is_object(base):
        d = num_of(keyv)
        if d >= 0 and d < 4294967295.0:
            idx = <uint32_t>d
            if <double>idx == d:
                items = dense_slot(rt, optr(rt, ref_of(base)), idx)
                if items != NULL and items[0] != EMPTY:
                    old = items[0]
                    items[0] = dup(rt, v)
                    decref(rt, old)
                    return 0
                return put_index(rt, ref_of(base), idx, v, strict)     # holes and growth
    if is_nullish(base):
        return throw_nullish_elem(rt, base, keyv, 1)
    key = to_property_key(rt, keyv)
    if key == 0:
        return -1
    cdef int r = put_value(rt, base, key, v, strict)
    decref_off(rt, key)
    return r


cdef int delete_elem(Runtime* rt, JSVal base, JSVal keyv, bint strict, JSVal* out) noexcept:
    cdef uint32_t key, obj
    cdef int r
    if is_nullish(base):
        return throw_error(rt, E_TYPE, "Cannot convert undefined or null to object")
    key = to_property_key(rt, keyv)
    if key == 0:
        return -1
    if is_lightfunc(base) and lightfunc_own_key(rt, key):
        # key is an atom (length/name): pinned, so releasing it first is safe
        decref_off(rt, key)
        if strict:
            return throw_error_str(rt, E_TYPE, "Cannot delete property '%s' of a lightfunc (not configurable)"
                                   % key_to_py(rt, key))
        out[0] = JSFALSE
        return 0
    if not is_object(base):
        if is_string(base) and (key == rt.atoms[A_length] or
                                ((hdr(rt, key).flags & HF_ARRAYIDX) and sptr(rt, key).index < str_len(rt, ref_of(base)))):
            decref_off(rt, key)
            if strict:
                return throw_error(rt, E_TYPE, "Cannot delete property of a string")
            out[0] = JSFALSE
            return 0
        decref_off(rt, key)
        out[0] = JSTRUE
        return 0
    r = delete_property(rt, ref_of(base), key, strict)
    decref_off(rt, key)
    if r < 0:
        return -1
    out[0] = mk_bool(r)
    return 0
