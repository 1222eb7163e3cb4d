# Environment records and dynamic name resolution (see env.pxd).

from libc.stdint cimport uint32_t, uint8_t

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport heap_alloc, incref, decref, incref_off, decref_off, dup, hdr
from glassjs.engine.core.objects cimport (optr, obj_alloc, get_prop, put_prop, has_property, prop_find,
                                           prop_add, define_own_property, get_own_property, desc_release,
                                           delete_property, throw_error_str, throw_oom, key_to_py,
                                           PropDesc, HAS_VALUE, HAS_WRITABLE, HAS_ENUMERABLE, HAS_CONFIGURABLE)
from glassjs.engine.core.ops cimport type_of


cdef inline JSVal* env_slots(Runtime* rt, uint32_t env) noexcept:
    return <JSVal*>(rt.base + env + ENV_HEADER)

cdef inline uint32_t* scope_names(Runtime* rt, uint32_t scope) noexcept:
    return <uint32_t*>(rt.base + scope + SCOPE_HEADER)

cdef inline uint8_t* scope_kinds(Runtime* rt, uint32_t scope) noexcept:
    cdef JSScope* sc = <JSScope*>(rt.base + scope)
    return <uint8_t*>(rt.base + scope + SCOPE_HEADER + 4 * sc.count)


cdef uint32_t env_new(Runtime* rt, uint32_t parent, uint32_t scope) noexcept:
    cdef JSScope* sc = <JSScope*>(rt.base + scope)
    cdef uint32_t n = sc.count, i, env
    env = heap_alloc(rt, ENV_HEADER + 8 * n, BT_ENV)
    if env == 0:
        throw_oom(rt)
        return 0
    cdef JSEnv* e = <JSEnv*>(rt.base + env)
    e.h.aux = ENV_DECLARATIVE
    e.parent = parent
    e.scope = scope
    e.nslots = n
    if parent:
        incref_off(rt, parent)
    incref_off(rt, scope)
    cdef JSVal* slots = env_slots(rt, env)
    cdef uint8_t* kinds = scope_kinds(rt, scope)
    for i in range(n):
        # let/const/class start uninitialised (temporal dead zone)
        slots[i] = EMPTY if (kinds[i] == BK_LET or kinds[i] == BK_CONST or kinds[i] == BK_CLASS) else UNDEFINED
    return env


cdef uint32_t env_new_with(Runtime* rt, uint32_t parent, uint32_t obj) noexcept:
    cdef uint32_t env = heap_alloc(rt, ENV_HEADER, BT_ENV)
    if env == 0:
        throw_oom(rt)
        return 0
    cdef JSEnv* e = <JSEnv*>(rt.base + env)
    e.h.aux = ENV_WITH
    e.parent = parent
    e.scope = obj
    if parent:
        incref_off(rt, parent)
    incref_off(rt, obj)
    return env


cdef uint32_t function_var_env(Runtime* rt, uint32_t env) noexcept:
    """The nearest function-scope environment (where sloppy eval puts vars), or 0."""
    cdef JSEnv* e
    while env:
        e = <JSEnv*>(rt.base + env)
        if e.h.aux == ENV_DECLARATIVE and ((<JSScope*>(rt.base + e.scope)).flags & SCOPE_FUNCTION):
            return env
        env = e.parent
    return 0


cdef int throw_tdz(Runtime* rt, uint32_t name) noexcept:
    return throw_error_str(rt, E_REFERENCE, "Cannot access '%s' before initialization" % key_to_py(rt, name))


cdef int throw_undefined(Runtime* rt, uint32_t name) noexcept:
    return throw_error_str(rt, E_REFERENCE, "%s is not defined" % key_to_py(rt, name))


# A resolved binding
cdef enum:
    REF_NONE = 0
    REF_SLOT = 1       # env slot: where = env, index
    REF_OBJECT = 2     # property of an object: where = object (with-object, eval ext object)
    REF_WITH = 3       # property of a with-object (calls get it as `this`)
    REF_LEX = 4        # global lexical record
    REF_GLOBAL = 5     # global object

cdef struct NameRef:
    int kind
    uint32_t where
    uint32_t index
    uint8_t bkind


cdef int resolve(Runtime* rt, uint32_t env, uint32_t name, NameRef* ref) noexcept:
    """Find a binding along the chain; 0 ok (ref.kind may be REF_NONE), -1 error."""
    cdef JSEnv* e
    cdef JSScope* sc
    cdef uint32_t* names
    cdef uint32_t i
    cdef int r
    while env:
        e = <JSEnv*>(rt.base + env)
        if e.h.aux == ENV_WITH:
            r = has_property(rt, e.scope, name)
            if r < 0:
                return -1
            if r:
                ref.kind = REF_WITH
                ref.where = e.scope
                return 0
        else:
            sc = <JSScope*>(rt.base + e.scope)
            names = scope_names(rt, e.scope)
            for i in range(sc.count):
                if names[i] == name:
                    ref.kind = REF_SLOT
                    ref.where = env
                    ref.index = i
                    ref.bkind = scope_kinds(rt, e.scope)[i]
                    return 0
            if e.ext:
                r = has_property(rt, e.ext, name)
                if r < 0:
                    return -1
                if r:
                    ref.kind = REF_OBJECT
                    ref.where = e.ext
                    return 0
        env = e.parent
    if rt.global_lex and prop_find(rt, rt.global_lex, name) != NULL:
        ref.kind = REF_LEX
        return 0
    r = has_property(rt, rt.global_obj, name)
    if r < 0:
        return -1
    ref.kind = REF_GLOBAL if r else REF_NONE
    return 0


cdef int name_get(Runtime* rt, uint32_t env, uint32_t name, JSVal* out, JSVal* this_out) noexcept:
    cdef NameRef ref
    cdef JSVal v
    if resolve(rt, env, name, &ref) < 0:
        return -1
    if this_out != NULL:
        this_out[0] = UNDEFINED
    if ref.kind == REF_SLOT:
        v = env_slots(rt, ref.where)[ref.index]
        if v == EMPTY:
            return throw_tdz(rt, name)
        out[0] = dup(rt, v)
        return 0
    if ref.kind == REF_WITH or ref.kind == REF_OBJECT:
        if this_out != NULL and ref.kind == REF_WITH:
            this_out[0] = dup(rt, mk_object(ref.where))
        return get_prop(rt, ref.where, name, mk_object(ref.where), out)
    if ref.kind == REF_LEX or ref.kind == REF_GLOBAL:
        return global_get(rt, name, out)
    return throw_undefined(rt, name)


cdef int name_put(Runtime* rt, uint32_t env, uint32_t name, JSVal v, bint strict) noexcept:
    cdef NameRef ref
    cdef JSVal* slot
    cdef JSVal old
    if resolve(rt, env, name, &ref) < 0:
        return -1
    if ref.kind == REF_SLOT:
        slot = env_slots(rt, ref.where) + ref.index
        if slot[0] == EMPTY and ref.bkind != BK_VAR:
            return throw_tdz(rt, name)
        if ref.bkind == BK_CONST:
            return throw_error_str(rt, E_TYPE, "Assignment to constant variable '%s'" % key_to_py(rt, name))
        if ref.bkind == BK_CALLEE:
            if strict:
                return throw_error_str(rt, E_TYPE, "Assignment to constant variable '%s'" % key_to_py(rt, name))
            return 0
        old = slot[0]
        slot[0] = dup(rt, v)
        decref(rt, old)
        return 0
    if ref.kind == REF_WITH or ref.kind == REF_OBJECT:
        return put_prop(rt, ref.where, name, v, mk_object(ref.where), strict)
    return global_put(rt, name, v, strict)


# A resolved reference on the operand stack (REF_NAME):
#   undefined          unresolvable
#   null               a global (lexical record or global object), looked up again at use
#   object             a property of that object (with-object, eval's var object)
#   internal(env | slot << 32)   slot of a declarative environment
cdef int ref_resolve(Runtime* rt, uint32_t env, uint32_t name, JSVal* out) noexcept:
    cdef NameRef ref
    if resolve(rt, env, name, &ref) < 0:
        return -1
    if ref.kind == REF_SLOT:
        incref_off(rt, ref.where)
        out[0] = mk_internal(ref.where) | ((<JSVal>ref.index) << 32)
    elif ref.kind == REF_WITH or ref.kind == REF_OBJECT:
        incref_off(rt, ref.where)
        out[0] = mk_object(ref.where)
    elif ref.kind == REF_NONE:
        out[0] = UNDEFINED
    else:
        out[0] = JSNULL
    return 0


cdef inline uint8_t slot_kind(Runtime* rt, uint32_t env, uint32_t index) noexcept:
    cdef JSEnv* e = <JSEnv*>(rt.base + env)
    return scope_kinds(rt, e.scope)[index]


cdef int ref_get(Runtime* rt, JSVal ref, uint32_t name, JSVal* out) noexcept:
    cdef JSVal v
    cdef uint32_t index
    if ref == UNDEFINED:
        return throw_undefined(rt, name)
    if ref == JSNULL:
        return global_get(rt, name, out)
    if is_object(ref):
        return get_prop(rt, ref_of(ref), name, ref, out)
    index = <uint32_t>((ref >> 32) & 0xFFFF)
    v = env_slots(rt, ref_of(ref))[index]
    if v == EMPTY:
        return throw_tdz(rt, name)
    out[0] = dup(rt, v)
    return 0


cdef int ref_put(Runtime* rt, JSVal ref, uint32_t name, JSVal v, bint strict) noexcept:
    cdef JSVal* slot
    cdef JSVal old
    cdef uint32_t index
    cdef uint8_t kind
    if ref == UNDEFINED:
        if strict:
            return throw_undefined(rt, name)
        return put_prop(rt, rt.global_obj, name, v, mk_object(rt.global_obj), 0)
    if ref == JSNULL:
        return global_put(rt, name, v, strict)
    if is_object(ref):
        return put_prop(rt, ref_of(ref), name, v, ref, strict)
    index = <uint32_t>((ref >> 32) & 0xFFFF)
    kind = slot_kind(rt, ref_of(ref), index)
    slot = env_slots(rt, ref_of(ref)) + index
    if slot[0] == EMPTY and kind != BK_VAR:
        return throw_tdz(rt, name)
    if kind == BK_CONST:
        return throw_error_str(rt, E_TYPE, "Assignment to constant variable '%s'" % key_to_py(rt, name))
    if kind == BK_CALLEE:
        if strict:
            return throw_error_str(rt, E_TYPE, "Assignment to constant variable '%s'" % key_to_py(rt, name))
        return 0
    old = slot[0]
    slot[0] = dup(rt, v)
    decref(rt, old)
    return 0


cdef int name_typeof(Runtime* rt, uint32_t env, uint32_t name, JSVal* out) noexcept:
    cdef NameRef ref
    cdef JSVal v
    if resolve(rt, env, name, &ref) < 0:
        return -1
    if ref.kind == REF_NONE:
        incref_off(rt, rt.atoms[A_undefined])
        out[0] = mk_string(rt.atoms[A_undefined])
        return 0
    if name_get(rt, env, name, &v, NULL) < 0:
        return -1
    cdef uint32_t t = type_of(rt, v)
    decref(rt, v)
    incref_off(rt, t)
    out[0] = mk_string(t)
    return 0


cdef int name_delete(Runtime* rt, uint32_t env, uint32_t name, JSVal* out) noexcept:
    cdef NameRef ref
    cdef int r
    if resolve(rt, env, name, &ref) < 0:
        return -1
    if ref.kind == REF_NONE:
        out[0] = JSTRUE
        return 0
    if ref.kind == REF_SLOT or ref.kind == REF_LEX:
        out[0] = JSFALSE
        return 0
    r = delete_property(rt, rt.global_obj if ref.kind == REF_GLOBAL else ref.where, name, 0)
    if r < 0:
        return -1
    out[0] = mk_bool(r)
    return 0


# --- globals -----------------------------------------------------------------------

cdef int global_get(Runtime* rt, uint32_t name, JSVal* out) noexcept:
    cdef JSVal v
    cdef int r
    cdef PropEntry* e
    if rt.global_lex:
        e = prop_find(rt, rt.global_lex, name)
        if e != NULL:
            if e.value == EMPTY:
                return throw_tdz(rt, name)
            out[0] = dup(rt, e.value)
            return 0
    r = has_property(rt, rt.global_obj, name)
    if r < 0:
        return -1
    if r == 0:
        return throw_undefined(rt, name)
    return get_prop(rt, rt.global_obj, name, mk_object(rt.global_obj), out)


cdef int global_put(Runtime* rt, uint32_t name, JSVal v, bint strict) noexcept:
    cdef PropEntry* e
    cdef JSVal old
    cdef int r
    if rt.global_lex:
        e = prop_find(rt, rt.global_lex, name)
        if e != NULL:
            if e.value == EMPTY:
                return throw_tdz(rt, name)
            if prop_find(rt, rt.lex_consts, name) != NULL:
                return throw_error_str(rt, E_TYPE, "Assignment to constant variable '%s'" % key_to_py(rt, name))
            old = e.value
            e.value = dup(rt, v)
            decref(rt, old)
            return 0
    if strict:
        r = has_property(rt, rt.global_obj, name)
        if r < 0:
            return -1
        if r == 0:
            return throw_undefined(rt, name)
    return put_prop(rt, rt.global_obj, name, v, mk_object(rt.global_obj), strict)


cdef int declare_var(Runtime* rt, uint32_t var_env, uint32_t name, bint configurable) noexcept:
    """`var name` in global or eval code: create the binding if it does not exist."""
    cdef PropDesc d
    cdef uint32_t target
    cdef JSEnv* e
    cdef uint32_t i
    cdef int r
    if var_env:
        e = <JSEnv*>(rt.base + var_env)
        for i in range((<JSScope*>(rt.base + e.scope)).count):
            if scope_names(rt, e.scope)[i] == name:
                return 0
        if e.ext == 0:
            e.ext = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
            if e.ext == 0:
                return throw_oom(rt)
        target = e.ext
    else:
        target = rt.global_obj
    r = get_own_property(rt, target, name, &d)
    if r < 0:
        return -1
    if r:
        desc_release(rt, &d)
        return 0
    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
    d.flags = PF_WRITABLE | PF_ENUMERABLE | (PF_CONFIGURABLE if configurable else 0)
    d.value = UNDEFINED
    return -1 if define_own_property(rt, target, name, &d, 1) < 0 else 0


cdef int declare_func(Runtime* rt, uint32_t var_env, uint32_t name, JSVal f, bint configurable) noexcept:
    """A function declaration in global or eval code (ES5.1 10.5 step 5)."""
    cdef PropDesc d
    cdef uint32_t target, i
    cdef JSEnv* e
    cdef int r
    cdef JSVal old
    if var_env:
        e = <JSEnv*>(rt.base + var_env)
        for i in range((<JSScope*>(rt.base + e.scope)).count):
            if scope_names(rt, e.scope)[i] == name:
                old = env_slots(rt, var_env)[i]
                env_slots(rt, var_env)[i] = dup(rt, f)
                decref(rt, old)
                return 0
        if e.ext == 0:
            e.ext = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
            if e.ext == 0:
                return throw_oom(rt)
        target = e.ext
    else:
        target = rt.global_obj
    r = get_own_property(rt, target, name, &d)
    if r < 0:
        return -1
    if r:
        desc_release(rt, &d)
        if not (d.flags & PF_CONFIGURABLE):
            if (d.flags & PF_ACCESSOR) or (d.flags & (PF_WRITABLE | PF_ENUMERABLE)) != (PF_WRITABLE | PF_ENUMERABLE):
                return throw_error_str(rt, E_TYPE, "Cannot redefine global function '%s'" % key_to_py(rt, name))
            return put_prop(rt, target, name, f, mk_object(target), 1)
    d.has = HAS_VALUE | HAS_WRITABLE | HAS_ENUMERABLE | HAS_CONFIGURABLE
    d.flags = PF_WRITABLE | PF_ENUMERABLE | (PF_CONFIGURABLE if configurable else 0)
    d.value = f
    return -1 if define_own_property(rt, target, name, &d, 1) < 0 else 0


cdef int declare_lex(Runtime* rt, uint32_t name, bint is_const) noexcept:
    """Top-level let/const/class.  Re-declaring in a later script replaces the
    binding (a console's behaviour: re-running a notebook cell works)."""
    cdef PropEntry* e = prop_find(rt, rt.global_lex, name)
    cdef JSVal old
    if e != NULL:
        old = e.value
        e.value = EMPTY
        decref(rt, old)
    elif prop_add(rt, rt.global_lex, name, PF_WRITABLE, EMPTY) < 0:
        return -1
    e = prop_find(rt, rt.lex_consts, name)
    if is_const and e == NULL:
        if prop_add(rt, rt.lex_consts, name, PF_DEFAULT, JSTRUE) < 0:
            return -1
    elif not is_const and e != NULL:
        delete_property(rt, rt.lex_consts, name, 0)
    return 0


cdef int init_lex(Runtime* rt, uint32_t name, JSVal v) noexcept:
    cdef PropEntry* e = prop_find(rt, rt.global_lex, name)
    cdef JSVal old
    if e == NULL:
        return throw_undefined(rt, name)
    old = e.value
    e.value = dup(rt, v)
    decref(rt, old)
    return 0
