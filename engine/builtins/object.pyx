# Object (ES5.1 15.2, with the current spec's behaviour where test262 tests
# it: Object.keys("ab") works, seal/freeze of a primitive return it, ...).
#
# Property descriptors cross the C boundary as PropDesc (objects.pxd):
# to_prop_desc is the spec's ToPropertyDescriptor, from_prop_desc its
# FromPropertyDescriptor.  Lightfunc values (native functions without an
# object) are turned into the native function object they stand for where
# the spec wants an object (ops.lightfunc_to_object).

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t
from libc.stdlib cimport malloc, free
from libc.math cimport isnan

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport dup, incref, decref, incref_off, decref_off
from glassjs.engine.core.objects cimport (
    optr, obj_alloc, obj_new, arr_new, arr_push, prop_add, get_own_property, define_own_property,
    get_prop, put_prop, has_property, has_own_property, own_keys, desc_release, materialize_lazy,
    arr_make_sparse, is_callable, is_array, set_prototype, throw_error, throw_error_str, throw_oom,
    key_to_py, elems_items, PropDesc, OF_LAZY, HAS_VALUE, HAS_WRITABLE, HAS_GET, HAS_SET,
    HAS_ENUMERABLE, HAS_CONFIGURABLE, KEYS_ENUMERABLE)
from glassjs.engine.core.ops cimport (to_object, lightfunc_to_object, to_property_key, to_boolean, to_number, to_uint32,
                                      to_string, get_value, describe_value)
from glassjs.engine.core.strings cimport str_from_ascii, str_len, str_at, intern_ascii
from glassjs.engine.core.natives cimport native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT, vm_call


# --- helpers -----------------------------------------------------------------------

cdef inline JSVal arg(int argc, JSVal* argv, int i) noexcept:
    return argv[i] if argc > i else UNDEFINED


cdef inline bint is_objlike(JSVal v) noexcept:
    """Type(v) is Object in the spec's sense (lightfuncs are functions)."""
    return is_object(v) or is_lightfunc(v)


cdef int require_object(Runtime* rt, JSVal v, const char* fname) noexcept:
    if is_object(v):
        return 0
    try:
        return throw_error_str(rt, E_TYPE, "%s called on non-object" % fname.decode())
    except BaseException:
        return throw_oom(rt)


cdef inline void desc_init(PropDesc* d) noexcept:
    d.has = 0
    d.flags = 0
    d.value = UNDEFINED
    d.getter = UNDEFINED
    d.setter = UNDEFINED


cdef int read_field(Runtime* rt, JSVal v, uint32_t key, JSVal* out) noexcept:
    """1 and the value if v has property key (own or inherited), 0 if not, -1 on error."""
    cdef uint32_t obj
    cdef int r
    if is_lightfunc(v):
        obj = rt.function_proto
    else:
        obj = ref_of(v)
    r = has_property(rt, obj, key)
    if r <= 0:
        return r
    if get_value(rt, v, key, out) < 0:
        return -1
    return 1


cdef int accessor_fn(Runtime* rt, JSVal* f) noexcept:
    """Validate a getter/setter value (in place); lightfuncs become objects."""
    cdef uint32_t o
    if is_undefined(f[0]) or is_object(f[0]) and is_callable(rt, f[0]):
        return 0
    if is_lightfunc(f[0]):
        o = lightfunc_to_object(rt, f[0])
        if o == 0:
            return -1
        f[0] = mk_object(o)
        return 0
    return -1


cdef int to_prop_desc(Runtime* rt, JSVal v, PropDesc* d) noexcept:
    """ToPropertyDescriptor (ES2023 6.2.6.5).  d receives owned values."""
    cdef JSVal t
    cdef int r
    desc_init(d)
    if not is_objlike(v):
        try:
            return throw_error_str(rt, E_TYPE, "Property description must be an object: %s" % describe_value(rt, v))
        except BaseException:
            return throw_oom(rt)
    r = read_field(rt, v, rt.atoms[A_enumerable], &t)
    if r < 0:
        return -1
    if r:
        d.has |= HAS_ENUMERABLE
        if to_boolean(rt, t):
            d.flags |= PF_ENUMERABLE
        decref(rt, t)
    r = read_field(rt, v, rt.atoms[A_configurable], &t)
    if r < 0:
        return -1
    if r:
        d.has |= HAS_CONFIGURABLE
        if to_boolean(rt, t):
            d.flags |= PF_CONFIGURABLE
        decref(rt, t)
    r = read_field(rt, v, rt.atoms[A_value], &t)
    if r < 0:
        return -1
    if r:
        d.has |= HAS_VALUE
        d.value = t
    r = read_field(rt, v, rt.atoms[A_writable], &t)
    if r < 0:
        desc_release(rt, d)
        return -1
    if r:
        d.has |= HAS_WRITABLE
        if to_boolean(rt, t):
            d.flags |= PF_WRITABLE
        decref(rt, t)
    r = read_field(rt, v, rt.atoms[A_get], &t)
    if r < 0:
        desc_release(rt, d)
        return -1
    if r:
        if accessor_fn(rt, &t) < 0:
            decref(rt, t)
            desc_release(rt, d)
            if rt.has_exc:
                return -1
            return throw_error(rt, E_TYPE, "Getter must be a function")
        d.has |= HAS_GET
        d.getter = t
    r = read_field(rt, v, rt.atoms[A_set], &t)
    if r < 0:
        desc_release(rt, d)
        return -1
    if r:
        if accessor_fn(rt, &t) < 0:
            decref(rt, t)
            desc_release(rt, d)
            if rt.has_exc:
                return -1
            return throw_error(rt, E_TYPE, "Setter must be a function")
        d.has |= HAS_SET
        d.setter = t
    if (d.has & (HAS_GET | HAS_SET)) and (d.has & (HAS_VALUE | HAS_WRITABLE)):
        desc_release(rt, d)
        return throw_error(rt, E_TYPE, "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute")
    return 0


cdef uint32_t from_prop_desc(Runtime* rt, PropDesc* d) noexcept:
    """FromPropertyDescriptor of a complete descriptor: a new object (reference) or 0."""
    cdef uint32_t o = obj_new(rt)
    if o == 0:
        throw_oom(rt)
        return 0
    cdef int r = 0
    if d.flags & PF_ACCESSOR:
        r |= prop_add(rt, o, rt.atoms[A_get], PF_DEFAULT, d.getter)
        r |= prop_add(rt, o, rt.atoms[A_set], PF_DEFAULT, d.setter)
    else:
        r |= prop_add(rt, o, rt.atoms[A_value], PF_DEFAULT, d.value)
        r |= prop_add(rt, o, rt.atoms[A_writable], PF_DEFAULT, mk_bool(d.flags & PF_WRITABLE))
    r |= prop_add(rt, o, rt.atoms[A_enumerable], PF_DEFAULT, mk_bool(d.flags & PF_ENUMERABLE))
    r |= prop_add(rt, o, rt.atoms[A_configurable], PF_DEFAULT, mk_bool(d.flags & PF_CONFIGURABLE))
    if r:
        decref_off(rt, o)
        return 0
    return o


cdef int define_or_throw(Runtime* rt, uint32_t obj, uint32_t key, PropDesc* d) noexcept:
    """DefinePropertyOrThrow.  For an array's 'length' the value is converted first
    (ES2023 10.4.2.4 ArraySetLength steps 3-5: ToUint32, then ToNumber)."""
    cdef uint32_t u
    cdef double n
    cdef JSVal old
    if (d.has & HAS_VALUE) and key == rt.atoms[A_length] and optr(rt, obj).h.aux == CLASS_ARRAY:
        if to_uint32(rt, d.value, &u) < 0:
            return -1
        if to_number(rt, d.value, &n) < 0:
            return -1
        if <double>u != n:
            return throw_error(rt, E_RANGE, "Invalid array length")
        old = d.value
        d.value = mk_number(<double>u)
        decref(rt, old)
    return -1 if define_own_property(rt, obj, key, d, 1) < 0 else 0


cdef int define_properties(Runtime* rt, uint32_t obj, JSVal props) noexcept:
    """ObjectDefineProperties (ES2023 20.1.2.3.1): read every descriptor, then define."""
    cdef uint32_t po = to_object(rt, props)
    if po == 0:
        return -1
    cdef uint32_t keys = own_keys(rt, po, 0)
    if keys == 0:
        decref_off(rt, po)
        return -1
    cdef uint32_t n = optr(rt, keys).length, i, count = 0, key
    cdef PropDesc* descs = <PropDesc*>malloc(sizeof(PropDesc) * (n + 1))
    cdef uint32_t* dkeys = <uint32_t*>malloc(sizeof(uint32_t) * (n + 1))
    cdef PropDesc cur
    cdef JSVal dv
    cdef int r, result = -1
    if descs == NULL or dkeys == NULL:
        free(descs)
        free(dkeys)
        decref_off(rt, keys)
        decref_off(rt, po)
        return throw_oom(rt)
    for i in range(n):
        key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
        r = get_own_property(rt, po, key, &cur)
        if r < 0:
            break
        if r == 0:
            continue
        desc_release(rt, &cur)
        if not (cur.flags & PF_ENUMERABLE):
            continue
        if get_prop(rt, po, key, mk_object(po), &dv) < 0:
            r = -1
            break
        r = to_prop_desc(rt, dv, &descs[count])
        decref(rt, dv)
        if r < 0:
            break
        dkeys[count] = key
        count += 1
    else:
        for i in range(count):
            if define_or_throw(rt, obj, dkeys[i], &descs[i]) < 0:
                break
        else:
            result = 0
    for i in range(count):
        desc_release(rt, &descs[i])
    free(descs)
    free(dkeys)
    decref_off(rt, keys)
    decref_off(rt, po)
    return result


cdef bint same_value(Runtime* rt, JSVal a, JSVal b) noexcept:
    cdef uint32_t n, i
    if is_number(a) and is_number(b):
        if isnan(num_of(a)) and isnan(num_of(b)):
            return 1
        return a == b
    if is_string(a) and is_string(b):
        if ref_of(a) == ref_of(b):
            return 1
        n = str_len(rt, ref_of(a))
        if n != str_len(rt, ref_of(b)):
            return 0
        for i in range(n):
            if str_at(rt, ref_of(a), i) != str_at(rt, ref_of(b), i):
                return 0
        return 1
    return a == b


cdef inline uint32_t proto_of(Runtime* rt, JSVal v) noexcept:
    """[[GetPrototypeOf]] of an object or lightfunc (borrowed)."""
    if is_lightfunc(v):
        return rt.function_proto
    return optr(rt, ref_of(v)).proto


# --- the constructor -----------------------------------------------------------------

cdef int object_ctor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal v = arg(argc, argv, 0)
    cdef uint32_t o
    if is_nullish(v):
        o = obj_new(rt)
        if o == 0:
            return throw_oom(rt)
        ret[0] = mk_object(o)
        return 0
    if is_lightfunc(v):
        ret[0] = v
        return 0
    o = to_object(rt, v)
    if o == 0:
        return -1
    ret[0] = mk_object(o)
    return 0


# --- Object.* ---------------------------------------------------------------------------

cdef int object_get_prototype_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal v = arg(argc, argv, 0)
    cdef uint32_t o, p
    if is_lightfunc(v):
        p = rt.function_proto
    else:
        o = to_object(rt, v)
        if o == 0:
            return -1
        p = optr(rt, o).proto
        decref_off(rt, o)       # p stays alive: v (or the wrapper's proto intrinsic) holds it
    ret[0] = dup(rt, mk_object(p)) if p else JSNULL
    return 0


cdef int object_set_prototype_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal v = arg(argc, argv, 0)
    cdef JSVal proto = arg(argc, argv, 1)
    if is_nullish(v):
        return throw_error(rt, E_TYPE, "Object.setPrototypeOf called on null or undefined")
    if not (is_object(proto) or proto == JSNULL):
        return throw_error(rt, E_TYPE, "Object prototype may only be an Object or null")
    if is_object(v) and set_proto_checked(rt, ref_of(v), ref_of(proto) if is_object(proto) else 0) < 0:
        return -1
    if is_lightfunc(v) and not (is_object(proto) and ref_of(proto) == rt.function_proto):
        return throw_error(rt, E_TYPE, "Object.setPrototypeOf: a lightfunc is not extensible (its prototype is Function.prototype)")
    ret[0] = dup(rt, v)
    return 0


cdef int set_proto_checked(Runtime* rt, uint32_t obj, uint32_t proto) noexcept:
    """OrdinarySetPrototypeOf, throwing where it returns false."""
    cdef JSObject* o = optr(rt, obj)
    cdef uint32_t p
    if o.proto == proto:
        return 0
    if obj == rt.object_proto:
        return throw_error(rt, E_TYPE, "Immutable prototype object 'Object.prototype' cannot have their prototype set")
    if not (o.oflags & OF_EXTENSIBLE):
        return throw_error(rt, E_TYPE, "Cannot set prototype: object is not extensible")
    p = proto
    while p:
        if p == obj:
            return throw_error(rt, E_TYPE, "Cyclic __proto__ value")
        p = optr(rt, p).proto
    return set_prototype(rt, obj, proto)


cdef int object_get_own_property_descriptor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, arg(argc, argv, 0))
    if o == 0:
        return -1
    cdef uint32_t key = to_property_key(rt, arg(argc, argv, 1))
    if key == 0:
        decref_off(rt, o)
        return -1
    cdef PropDesc d
    cdef int r = get_own_property(rt, o, key, &d)
    decref_off(rt, key)
    if r <= 0:
        decref_off(rt, o)
        ret[0] = UNDEFINED
        return r
    cdef uint32_t res = from_prop_desc(rt, &d)
    desc_release(rt, &d)
    decref_off(rt, o)
    if res == 0:
        return -1
    ret[0] = mk_object(res)
    return 0


cdef int gopds_fill(Runtime* rt, uint32_t o, uint32_t keys, uint32_t res) noexcept:
    cdef uint32_t i, key, dobj
    cdef PropDesc d
    cdef PropDesc nd
    cdef int r
    for i in range(optr(rt, keys).length):
        key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
        r = get_own_property(rt, o, key, &d)
        if r < 0:
            return -1
        if r == 0:
            continue
        dobj = from_prop_desc(rt, &d)
        desc_release(rt, &d)
        if dobj == 0:
            return -1
        nd.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
        nd.flags = PF_DEFAULT
        nd.value = mk_object(dobj)
        r = define_own_property(rt, res, key, &nd, 1)
        decref_off(rt, dobj)
        if r < 0:
            return -1
    return 0


cdef int object_get_own_property_descriptors(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o = to_object(rt, arg(argc, argv, 0))
    if o == 0:
        return -1
    cdef uint32_t keys = own_keys(rt, o, 0)
    if keys == 0:
        decref_off(rt, o)
        return -1
    cdef uint32_t res = obj_new(rt)
    cdef int r
    if res == 0:
        r = throw_oom(rt)
    else:
        r = gopds_fill(rt, o, keys, res)
    decref_off(rt, keys)
    decref_off(rt, o)
    if r < 0:
        if res:
            decref_off(rt, res)
        return -1
    ret[0] = mk_object(res)
    return 0


cdef int object_get_own_property_names(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # magic 0: getOwnPropertyNames, 1: keys
    cdef uint32_t o = to_object(rt, arg(argc, argv, 0))
    if o == 0:
        return -1
    cdef uint32_t keys = own_keys(rt, o, KEYS_ENUMERABLE if magic else 0)
    decref_off(rt, o)
    if keys == 0:
        return -1
    ret[0] = mk_object(keys)
    return 0


cdef int values_fill(Runtime* rt, uint32_t o, uint32_t keys, uint32_t res, bint entries) noexcept:
    cdef uint32_t i, key, pair
    cdef PropDesc d
    cdef JSVal v
    cdef int r
    for i in range(optr(rt, keys).length):
        key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
        r = get_own_property(rt, o, key, &d)
        if r < 0:
            return -1
        if r == 0:
            continue
        desc_release(rt, &d)
        if not (d.flags & PF_ENUMERABLE):
            continue
        if get_prop(rt, o, key, mk_object(o), &v) < 0:
            return -1
        if entries:
            pair = arr_new(rt, 0)
            if pair == 0:
                decref(rt, v)
                return throw_oom(rt)
            r = arr_push(rt, pair, mk_string(key))
            if r == 0:
                r = arr_push(rt, pair, v)
            decref(rt, v)
            if r == 0:
                r = arr_push(rt, res, mk_object(pair))
            decref_off(rt, pair)
        else:
            r = arr_push(rt, res, v)
            decref(rt, v)
        if r < 0:
            return -1
    return 0


cdef int object_values_entries(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # EnumerableOwnProperties: magic 0 = values, 1 = entries
    cdef uint32_t o = to_object(rt, arg(argc, argv, 0))
    if o == 0:
        return -1
    cdef uint32_t keys = own_keys(rt, o, 0)
    if keys == 0:
        decref_off(rt, o)
        return -1
    cdef uint32_t res = arr_new(rt, 0)
    cdef int r
    if res == 0:
        r = throw_oom(rt)
    else:
        r = values_fill(rt, o, keys, res, magic)
    decref_off(rt, keys)
    decref_off(rt, o)
    if r < 0:
        if res:
            decref_off(rt, res)
        return -1
    ret[0] = mk_object(res)
    return 0


cdef int object_create(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal proto = arg(argc, argv, 0)
    cdef JSVal props = arg(argc, argv, 1)
    cdef uint32_t p, o
    if is_object(proto):
        o = obj_alloc(rt, ref_of(proto), CLASS_OBJECT, sizeof(JSObject))
    elif proto == JSNULL:
        o = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
    elif is_lightfunc(proto):
        p = lightfunc_to_object(rt, proto)
        if p == 0:
            return -1
        o = obj_alloc(rt, p, CLASS_OBJECT, sizeof(JSObject))
        decref_off(rt, p)
    else:
        try:
            return throw_error_str(rt, E_TYPE, "Object prototype may only be an Object or null: %s" % describe_value(rt, proto))
        except BaseException:
            return throw_oom(rt)
    if o == 0:
        return throw_oom(rt)
    if not is_undefined(props) and define_properties(rt, o, props) < 0:
        decref_off(rt, o)
        return -1
    ret[0] = mk_object(o)
    return 0


cdef int object_define_property(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal ov = arg(argc, argv, 0)
    cdef PropDesc d
    if not is_object(ov):
        if is_lightfunc(ov):
            return throw_error(rt, E_TYPE, "Object.defineProperty called on a lightfunc (it has no own properties)")
        return throw_error(rt, E_TYPE, "Object.defineProperty called on non-object")
    cdef uint32_t key = to_property_key(rt, arg(argc, argv, 1))
    if key == 0:
        return -1
    if to_prop_desc(rt, arg(argc, argv, 2), &d) < 0:
        decref_off(rt, key)
        return -1
    cdef int r = define_or_throw(rt, ref_of(ov), key, &d)
    desc_release(rt, &d)
    decref_off(rt, key)
    if r < 0:
        return -1
    ret[0] = dup(rt, ov)
    return 0


cdef int object_define_properties(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal ov = arg(argc, argv, 0)
    if not is_object(ov):
        if is_lightfunc(ov):
            return throw_error(rt, E_TYPE, "Object.defineProperties called on a lightfunc (it has no own properties)")
        return throw_error(rt, E_TYPE, "Object.defineProperties called on non-object")
    if define_properties(rt, ref_of(ov), arg(argc, argv, 1)) < 0:
        return -1
    ret[0] = dup(rt, ov)
    return 0


cdef int set_integrity_level(Runtime* rt, uint32_t obj, bint frozen) noexcept:
    """SetIntegrityLevel (ES2023 7.3.15): seal or freeze."""
    cdef JSObject* o = optr(rt, obj)
    cdef uint32_t keys, i, n, key
    cdef PropDesc cur
    cdef PropDesc d
    cdef int r
    o.oflags &= ~OF_EXTENSIBLE
    if o.oflags & OF_LAZY:
        if materialize_lazy(rt, obj) < 0:
            return -1
        o = optr(rt, obj)
    if o.elems and not (o.oflags & OF_SPARSE) and o.h.aux != CLASS_FORIN:
        # dense elements are always writable/configurable: move them to the table
        if arr_make_sparse(rt, obj) < 0:
            return -1
    keys = own_keys(rt, obj, 0)
    if keys == 0:
        return -1
    n = optr(rt, keys).length
    for i in range(n):
        key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
        d.has = HAS_CONFIGURABLE
        d.flags = 0
        d.value = UNDEFINED
        d.getter = UNDEFINED
        d.setter = UNDEFINED
        if frozen:
            r = get_own_property(rt, obj, key, &cur)
            if r < 0:
                decref_off(rt, keys)
                return -1
            if r == 0:
                continue
            if not (cur.flags & PF_ACCESSOR):
                d.has |= HAS_WRITABLE
                if optr(rt, obj).h.aux == CLASS_ARGUMENTS:
                    # a mapped argument: freeze its current value (ES2023 10.4.4.2 step 2)
                    d.has |= HAS_VALUE
                    d.value = dup(rt, cur.value)
            desc_release(rt, &cur)
        r = define_own_property(rt, obj, key, &d, 1)
        decref(rt, d.value)
        if r < 0:
            decref_off(rt, keys)
            return -1
    decref_off(rt, keys)
    return 0


cdef int test_integrity_level(Runtime* rt, uint32_t obj, bint frozen) noexcept:
    """TestIntegrityLevel: 1 / 0, -1 on error."""
    cdef JSObject* o = optr(rt, obj)
    cdef uint32_t keys, i, n, key
    cdef PropDesc cur
    cdef int r, result = 1
    if o.oflags & OF_EXTENSIBLE:
        return 0
    keys = own_keys(rt, obj, 0)
    if keys == 0:
        return -1
    n = optr(rt, keys).length
    for i in range(n):
        key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
        r = get_own_property(rt, obj, key, &cur)
        if r < 0:
            result = -1
            break
        if r == 0:
            continue
        desc_release(rt, &cur)
        if cur.flags & PF_CONFIGURABLE:
            result = 0
            break
        if frozen and not (cur.flags & PF_ACCESSOR) and (cur.flags & PF_WRITABLE):
            result = 0
            break
    decref_off(rt, keys)
    return result


cdef int object_integrity(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # magic 0: preventExtensions, 1: seal, 2: freeze
    cdef JSVal v = arg(argc, argv, 0)
    if is_object(v):
        if magic == 0:
            optr(rt, ref_of(v)).oflags &= ~OF_EXTENSIBLE
        elif set_integrity_level(rt, ref_of(v), magic == 2) < 0:
            return -1
    elif is_lightfunc(v) and magic == 0:
        pass    # a lightfunc has no properties to add: treat as already done
    ret[0] = dup(rt, v)
    return 0


cdef int object_test_integrity(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # magic 0: isExtensible, 1: isSealed, 2: isFrozen
    cdef JSVal v = arg(argc, argv, 0)
    cdef int r
    if not is_object(v):
        ret[0] = mk_bool(magic != 0)
        return 0
    if magic == 0:
        ret[0] = mk_bool(optr(rt, ref_of(v)).oflags & OF_EXTENSIBLE)
        return 0
    r = test_integrity_level(rt, ref_of(v), magic == 2)
    if r < 0:
        return -1
    ret[0] = mk_bool(r)
    return 0


cdef int object_is(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    ret[0] = mk_bool(same_value(rt, arg(argc, argv, 0), arg(argc, argv, 1)))
    return 0


cdef int object_assign(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t to = to_object(rt, arg(argc, argv, 0))
    cdef uint32_t src, keys, key, i
    cdef int a, r
    cdef PropDesc d
    cdef JSVal v
    if to == 0:
        return -1
    for a in range(1, argc):
        if is_nullish(argv[a]):
            continue
        src = to_object(rt, argv[a])
        if src == 0:
            decref_off(rt, to)
            return -1
        keys = own_keys(rt, src, 0)
        if keys == 0:
            decref_off(rt, src)
            decref_off(rt, to)
            return -1
        for i in range(optr(rt, keys).length):
            key = ref_of(elems_items(rt, optr(rt, keys).elems)[i])
            r = get_own_property(rt, src, key, &d)
            if r > 0:
                desc_release(rt, &d)
                if d.flags & PF_ENUMERABLE:
                    r = get_prop(rt, src, key, mk_object(src), &v)
                    if r == 0:
                        r = put_prop(rt, to, key, v, mk_object(to), 1)
                        decref(rt, v)
            if r < 0:
                decref_off(rt, keys)
                decref_off(rt, src)
                decref_off(rt, to)
                return -1
        decref_off(rt, keys)
        decref_off(rt, src)
    ret[0] = mk_object(to)
    return 0


# --- Object.prototype ---------------------------------------------------------------

cdef int proto_to_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef const char* tag
    cdef uint16_t cls
    cdef JSObject* o
    cdef uint32_t s
    if is_undefined(this):
        tag = "[object Undefined]"
    elif this == JSNULL:
        tag = "[object Null]"
    elif is_lightfunc(this):
        tag = "[object Function]"
    elif is_number(this):
        tag = "[object Number]"
    elif is_string(this):
        tag = "[object String]"
    elif is_bool(this):
        tag = "[object Boolean]"
    else:
        o = optr(rt, ref_of(this))
        cls = o.h.aux
        if cls == CLASS_ARRAY:
            tag = "[object Array]"
        elif cls == CLASS_ARGUMENTS:
            tag = "[object Arguments]"
        elif o.oflags & OF_CALLABLE:
            tag = "[object Function]"
        elif cls == CLASS_ERROR:
            tag = "[object Error]"
        elif cls == CLASS_BOOLEAN:
            tag = "[object Boolean]"
        elif cls == CLASS_NUMBER:
            tag = "[object Number]"
        elif cls == CLASS_STRING:
            tag = "[object String]"
        elif cls == CLASS_DATE:
            tag = "[object Date]"
        elif cls == CLASS_REGEXP:
            tag = "[object RegExp]"
        elif cls == CLASS_MATH:
            tag = "[object Math]"
        elif cls == CLASS_JSON:
            tag = "[object JSON]"
        else:
            tag = "[object Object]"
    s = str_from_ascii(rt, tag)
    if s == 0:
        return throw_oom(rt)
    ret[0] = mk_string(s)
    return 0


cdef int proto_to_locale_string(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal f
    if is_nullish(this):
        return throw_error(rt, E_TYPE, "Object.prototype.toLocaleString called on null or undefined")
    if get_value(rt, this, rt.atoms[A_toString], &f) < 0:
        return -1
    if not is_callable(rt, f):
        decref(rt, f)
        return throw_error(rt, E_TYPE, "toString is not a function")
    cdef int r = vm_call(rt, f, this, 0, NULL, ret)
    decref(rt, f)
    return r


cdef int proto_value_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t o
    if is_lightfunc(this):
        ret[0] = this
        return 0
    o = to_object(rt, this)
    if o == 0:
        return -1
    ret[0] = mk_object(o)
    return 0


cdef int proto_has_own_property(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    # magic 0: Object.prototype.hasOwnProperty(V) (key first, then ToObject(this))
    # magic 1: Object.hasOwn(O, P) (ToObject(O) first)
    cdef uint32_t key, o
    cdef int r
    if magic == 0:
        key = to_property_key(rt, arg(argc, argv, 0))
        if key == 0:
            return -1
        o = to_object(rt, this)
        if o == 0:
            decref_off(rt, key)
            return -1
    else:
        o = to_object(rt, arg(argc, argv, 0))
        if o == 0:
            return -1
        key = to_property_key(rt, arg(argc, argv, 1))
        if key == 0:
            decref_off(rt, o)
            return -1
    r = has_own_property(rt, o, key)
    decref_off(rt, key)
    decref_off(rt, o)
    if r < 0:
        return -1
    ret[0] = mk_bool(r)
    return 0


cdef int proto_is_prototype_of(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef JSVal v = arg(argc, argv, 0)
    cdef uint32_t o, p
    if not is_objlike(v):
        ret[0] = JSFALSE
        return 0
    o = to_object(rt, this)
    if o == 0:
        return -1
    p = proto_of(rt, v)
    ret[0] = JSFALSE
    while p:
        if p == o:
            ret[0] = JSTRUE
            break
        p = optr(rt, p).proto
    decref_off(rt, o)
    return 0


cdef int proto_property_is_enumerable(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    cdef uint32_t key = to_property_key(rt, arg(argc, argv, 0))
    if key == 0:
        return -1
    cdef uint32_t o = to_object(rt, this)
    if o == 0:
        decref_off(rt, key)
        return -1
    cdef PropDesc d
    cdef int r = get_own_property(rt, o, key, &d)
    decref_off(rt, key)
    decref_off(rt, o)
    if r < 0:
        return -1
    ret[0] = JSFALSE
    if r:
        desc_release(rt, &d)
        ret[0] = mk_bool(d.flags & PF_ENUMERABLE)
    return 0


# --- Annex B ----------------------------------------------------------------------------

cdef int proto_get_proto(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """get Object.prototype.__proto__"""
    cdef uint32_t o, p
    if is_lightfunc(this):
        ret[0] = dup(rt, mk_object(rt.function_proto))
        return 0
    o = to_object(rt, this)
    if o == 0:
        return -1
    p = optr(rt, o).proto
    ret[0] = dup(rt, mk_object(p)) if p else JSNULL
    decref_off(rt, o)
    return 0


cdef int proto_set_proto(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """set Object.prototype.__proto__"""
    cdef JSVal proto = arg(argc, argv, 0)
    ret[0] = UNDEFINED
    if is_nullish(this):
        return throw_error(rt, E_TYPE, "Object.prototype.__proto__ called on null or undefined")
    if not (is_object(proto) or proto == JSNULL) or not is_object(this):
        return 0
    return set_proto_checked(rt, ref_of(this), ref_of(proto) if is_object(proto) else 0)


cdef int proto_define_accessor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """__defineGetter__ (magic 0) / __defineSetter__ (magic 1)."""
    cdef uint32_t o = to_object(rt, this)
    cdef uint32_t key
    cdef PropDesc d
    cdef JSVal f = arg(argc, argv, 1)
    if o == 0:
        return -1
    if not is_callable(rt, f):
        decref_off(rt, o)
        return throw_error(rt, E_TYPE, "Object.prototype.__defineGetter__: Expecting function" if magic == 0
                           else "Object.prototype.__defineSetter__: Expecting function")
    if is_lightfunc(f):
        f = mk_object(lightfunc_to_object(rt, f))
        if ref_of(f) == 0:
            decref_off(rt, o)
            return -1
    else:
        f = dup(rt, f)
    desc_init(&d)
    d.has = HAS_ENUMERABLE | HAS_CONFIGURABLE | (HAS_GET if magic == 0 else HAS_SET)
    d.flags = PF_ENUMERABLE | PF_CONFIGURABLE
    if magic == 0:
        d.getter = f
    else:
        d.setter = f
    key = to_property_key(rt, arg(argc, argv, 0))
    if key == 0:
        desc_release(rt, &d)
        decref_off(rt, o)
        return -1
    cdef int r = define_own_property(rt, o, key, &d, 1)
    desc_release(rt, &d)
    decref_off(rt, key)
    decref_off(rt, o)
    if r < 0:
        return -1
    ret[0] = UNDEFINED
    return 0


cdef int proto_lookup_accessor(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    """__lookupGetter__ (magic 0) / __lookupSetter__ (magic 1)."""
    cdef uint32_t o = to_object(rt, this)
    cdef uint32_t key, p
    cdef PropDesc d
    cdef int r
    if o == 0:
        return -1
    key = to_property_key(rt, arg(argc, argv, 0))
    if key == 0:
        decref_off(rt, o)
        return -1
    ret[0] = UNDEFINED
    p = o
    while p:
        r = get_own_property(rt, p, key, &d)
        if r < 0:
            decref_off(rt, key)
            decref_off(rt, o)
            return -1
        if r:
            if d.flags & PF_ACCESSOR:
                ret[0] = dup(rt, d.getter if magic == 0 else d.setter)
            desc_release(rt, &d)
            break
        p = optr(rt, p).proto
    decref_off(rt, key)
    decref_off(rt, o)
    return 0


DEFS = [
    ("ctor", "Object", native_register(object_ctor, "Object", 1, 1, 0)),
    ("method", "Object", "getPrototypeOf", native_register(object_get_prototype_of, "getPrototypeOf", 1, 1, 0)),
    ("method", "Object", "setPrototypeOf", native_register(object_set_prototype_of, "setPrototypeOf", 2, 2, 0)),
    ("method", "Object", "getOwnPropertyDescriptor", native_register(object_get_own_property_descriptor, "getOwnPropertyDescriptor", 2, 2, 0)),
    ("method", "Object", "getOwnPropertyDescriptors", native_register(object_get_own_property_descriptors, "getOwnPropertyDescriptors", 1, 1, 0)),
    ("method", "Object", "getOwnPropertyNames", native_register(object_get_own_property_names, "getOwnPropertyNames", 1, 1, 0)),
    ("method", "Object", "create", native_register(object_create, "create", 2, 2, 0)),
    ("method", "Object", "defineProperty", native_register(object_define_property, "defineProperty", 3, 3, 0)),
    ("method", "Object", "defineProperties", native_register(object_define_properties, "defineProperties", 2, 2, 0)),
    ("method", "Object", "seal", native_register(object_integrity, "seal", 1, 1, 1)),
    ("method", "Object", "freeze", native_register(object_integrity, "freeze", 1, 1, 2)),
    ("method", "Object", "preventExtensions", native_register(object_integrity, "preventExtensions", 1, 1, 0)),
    ("method", "Object", "isSealed", native_register(object_test_integrity, "isSealed", 1, 1, 1)),
    ("method", "Object", "isFrozen", native_register(object_test_integrity, "isFrozen", 1, 1, 2)),
    ("method", "Object", "isExtensible", native_register(object_test_integrity, "isExtensible", 1, 1, 0)),
    ("method", "Object", "keys", native_register(object_get_own_property_names, "keys", 1, 1, 1)),
    ("method", "Object", "values", native_register(object_values_entries, "values", 1, 1, 0)),
    ("method", "Object", "entries", native_register(object_values_entries, "entries", 1, 1, 1)),
    ("method", "Object", "is", native_register(object_is, "is", 2, 2, 0)),
    ("method", "Object", "assign", native_register(object_assign, "assign", 2, LIGHTFUNC_VARARGS, 0)),
    ("method", "Object", "hasOwn", native_register(proto_has_own_property, "hasOwn", 2, 2, 1)),
    ("method", "Object.prototype", "toString", native_register(proto_to_string, "toString", 0, 0, 0)),
    ("method", "Object.prototype", "toLocaleString", native_register(proto_to_locale_string, "toLocaleString", 0, 0, 0)),
    ("method", "Object.prototype", "valueOf", native_register(proto_value_of, "valueOf", 0, 0, 0)),
    ("method", "Object.prototype", "hasOwnProperty", native_register(proto_has_own_property, "hasOwnProperty", 1, 1, 0)),
    ("method", "Object.prototype", "isPrototypeOf", native_register(proto_is_prototype_of, "isPrototypeOf", 1, 1, 0)),
    ("method", "Object.prototype", "propertyIsEnumerable", native_register(proto_property_is_enumerable, "propertyIsEnumerable", 1, 1, 0)),
    ("method", "Object.prototype", "__defineGetter__", native_register(proto_define_accessor, "__defineGetter__", 2, 2, 0)),
    ("method", "Object.prototype", "__defineSetter__", native_register(proto_define_accessor, "__defineSetter__", 2, 2, 1)),
    ("method", "Object.prototype", "__lookupGetter__", native_register(proto_lookup_accessor, "__lookupGetter__", 1, 1, 0)),
    ("method", "Object.prototype", "__lookupSetter__", native_register(proto_lookup_accessor, "__lookupSetter__", 1, 1, 1)),
    # Annex B __proto__: an accessor with a getter AND a setter.  realm.pyx has no
    # declaration for that yet; "accessor" is the proposed one (ignored until then):
    #   ("accessor", owner, name, getter, setter, attrs) with getter/setter a native
    #   index (a new function object), a path of an existing object, or None.
    ("accessor", "Object.prototype", "__proto__",
     native_register(proto_get_proto, "get __proto__", 0, 0, 0),
     native_register(proto_set_proto, "set __proto__", 1, 1, 0),
     PF_CONFIGURABLE),
]
