# Building the built-in objects of a fresh engine from their declarations.
#
# Built-ins are data (Duktape's builtins.yaml idea): each module in
# engine/builtins/ declares what it provides in a DEFS list of tuples, and
# this builder turns the declarations into objects in the arena:
#
#   ("object", path, proto_path, class)   a plain object at `path` (Math, JSON)
#   ("ctor", path, native)                a constructor; links path.prototype
#   ("method", owner, name, native)       a function property
#   ("getter", owner, name, native)       an accessor property (getter only)
#   ("value", owner, name, value, attrs)  a data property (number/str/bool/None)
#   ("when", flag, declaration)           the declaration, in profiles with that flag
#
# `native` is an index from natives.native_register.  The same declarations
# will drive the ROM image generator (memory-model issue).  Under the
# profile option lightfunc_builtins, methods become lightfunc values instead
# of function objects (docs/lightfuncs.md).

from libc.stdint cimport uint32_t, uint16_t

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport incref_off, decref_off, dup, decref
from glassjs.engine.core.strings cimport intern_py, str_from_py
from glassjs.engine.core.objects cimport (obj_alloc, optr, prop_add, prop_set_own, prop_find, props_reserve,
                                           prop_value_decref,
                                           throw_oom, OF_LAZY, set_prototype)
from glassjs.engine.core.natives cimport native_info, native_register
from glassjs.engine.core.vm cimport CALL_CONSTRUCT

import importlib

# modules whose DEFS are installed, in order
BUILTIN_MODULES = ["glassjs.engine.builtins.core_natives"]
_OPTIONAL_MODULES = [
    "glassjs.engine.builtins.object",
    "glassjs.engine.builtins.function",
    "glassjs.engine.builtins.array",
    "glassjs.engine.builtins.string",
    "glassjs.engine.builtins.number",
    "glassjs.engine.builtins.boolean",
    "glassjs.engine.builtins.math",
    "glassjs.engine.builtins.json",
    "glassjs.engine.builtins.error",
    "glassjs.engine.builtins.globals",
    "glassjs.engine.builtins.console",
    "glassjs.engine.builtins.regexp",
    "glassjs.engine.builtins.date",
]

_defs_cache = None


def all_definitions():
    """The declarations of every built-in module, in installation order."""
    global _defs_cache
    if _defs_cache is None:
        defs = []
        for name in BUILTIN_MODULES + _OPTIONAL_MODULES:
            try:
                mod = importlib.import_module(name)
            except ImportError as exc:
                if name in BUILTIN_MODULES or name not in str(exc):
                    raise
                continue
            defs.extend(mod.DEFS)
        _defs_cache = defs
    return _defs_cache


cdef int noop_native(Runtime* rt, JSVal this, int argc, JSVal* argv, int magic, int flags, JSVal* ret) noexcept:
    ret[0] = UNDEFINED
    return 0

cdef uint32_t NOOP_INDEX = native_register(noop_native, "", 0, 0, 0)


cdef uint32_t native_object(Runtime* rt, uint32_t index, bint constructor) noexcept:
    """A native function object (name and length stay virtual until touched)."""
    cdef uint32_t f = obj_alloc(rt, rt.function_proto, CLASS_NATIVE, sizeof(JSNative))
    if f == 0:
        return 0
    cdef JSNative* n = <JSNative*>optr(rt, f)
    cdef NativeInfo* info = native_info(index)
    n.o.internal = index
    n.o.oflags |= OF_CALLABLE | OF_LAZY | (OF_CONSTRUCTOR if constructor else 0)
    if info != NULL:
        n.magic = info.magic
        n.nargs = info.nargs
    return f


cdef class PendingProps:
    """The properties each built-in object will get, collected before any is
    added so that every table is allocated once at its final size
    (objects.props_reserve): no slack, no holes left by growing tables.
    Values are owned references until flush() hands them to the tables."""
    cdef dict by_owner            # owner offset -> [(name, attrs, value)] in declaration order

    def __cinit__(self):
        self.by_owner = {}

    cdef void add(self, uint32_t owner, str name, uint32_t attrs, JSVal v):
        self.by_owner.setdefault(owner, []).append((name, attrs, v))

    cdef int flush(self, Runtime* rt) except -1:
        cdef uint32_t owner, key, extra
        cdef JSVal v
        cdef int r
        for owner, items in self.by_owner.items():
            # a lazy function materialises 'length' and 'name' before its first property
            extra = 2 if optr(rt, owner).oflags & OF_LAZY else 0
            if props_reserve(rt, owner, len(items) + extra) < 0:
                raise MemoryError()
            for name, attrs, v in items:
                key = intern_py(rt, name)
                r = -1
                if key:
                    if attrs & PF_ACCESSOR:     # v holds the getter and setter offsets
                        r = 0 if prop_find(rt, owner, key) != NULL else prop_add(rt, owner, key, attrs, v)
                    else:
                        r = prop_set_own(rt, owner, key, attrs, v)
                    decref_off(rt, key)
                if r < 0:
                    raise MemoryError()
        self.release(rt)
        return 0

    cdef void release(self, Runtime* rt):
        cdef JSVal v
        for items in self.by_owner.values():
            for name, attrs, v in items:
                prop_value_decref(rt, attrs, v)
        self.by_owner = {}


# Built-in methods that stay function objects under lightfunc_builtins: the
# VM recognises eval by identity (direct eval), which needs an object.
KEEP_OBJECTS = frozenset(["global.eval"])


cdef bint lightfunc_fits(NativeInfo* info) noexcept:
    """A native whose nargs, length and magic fit a lightfunc word."""
    return info != NULL and info.nargs <= LIGHTFUNC_VARARGS and info.length <= 15 and info.magic <= 0xFF


cdef JSVal py_value(Runtime* rt, object value) noexcept:
    cdef uint32_t s
    if value is None:
        return UNDEFINED
    if value is True:
        return JSTRUE
    if value is False:
        return JSFALSE
    if isinstance(value, str):
        s = str_from_py(rt, value)
        return mk_string(s) if s else UNDEFINED
    return mk_number(<double>value)


cdef bint profile_flag(Runtime* rt, str flag) except -1:
    if flag == "no_pc2line":
        return rt.no_pc2line
    if flag == "lightfunc_builtins":
        return rt.lightfunc_builtins
    raise ValueError("unknown profile flag %r in a built-in declaration" % flag)


cdef int declare_all(Runtime* rt, dict paths, PendingProps props, list deferred) except -1:
    """Create every declared built-in object and function; their properties
    go to `props`.  paths: path -> object offset (borrowed)."""
    cdef dict lightfuncs = {}       # path -> value of the methods made lightfuncs
    cdef uint32_t o, f, owner, proto
    cdef JSVal v
    cdef NativeInfo* info
    for d in all_definitions():
        kind = d[0]
        if kind == "when":
            # ("when", profile_flag, declaration): only in profiles with that flag set
            _, flag, d = d
            if not profile_flag(rt, flag):
                continue
            kind = d[0]
        if kind == "object":
            _, path, proto_path, cls = d
            o = obj_alloc(rt, paths[proto_path] if proto_path else 0, <uint16_t>cls, sizeof(JSObject))
            if o == 0:
                raise MemoryError()
            paths[path] = o
            if "." in path and path.rpartition(".")[0] not in paths:
                # a constructor's prototype declared before it ("RegExp.prototype"):
                # the "ctor" declaration links it; this reference is dropped at the end
                deferred.append(o)
                continue
            owner, name = _owner_of(paths, path)
            props.add(owner, name, PF_WRITABLE | PF_CONFIGURABLE, mk_object(o))
        elif kind == "ctor":
            _, path, index = d
            f = native_object(rt, index, 1)
            if f == 0:
                raise MemoryError()
            paths[path] = f
            owner, name = _owner_of(paths, path)
            props.add(owner, name, PF_WRITABLE | PF_CONFIGURABLE, mk_object(f))
            proto = paths.get(path + ".prototype", 0)
            if proto:
                props.add(f, "prototype", 0, dup(rt, mk_object(proto)))
                props.add(proto, "constructor", PF_WRITABLE | PF_CONFIGURABLE, dup(rt, mk_object(f)))
        elif kind == "method" or kind == "getter":
            _, owner_path, name, index = d
            owner = paths[owner_path]
            info = native_info(index)
            if kind == "method" and rt.lightfunc_builtins and lightfunc_fits(info) \
                    and owner_path + "." + name not in KEEP_OBJECTS:
                # DUK_USE_LIGHTFUNC_BUILTINS: the property holds the function itself, no object
                v = mk_lightfunc(index, info.nargs, info.length, info.magic)
                lightfuncs[owner_path + "." + name] = v
                props.add(owner, name, PF_WRITABLE | PF_CONFIGURABLE, v)
                continue
            f = native_object(rt, index, 0)
            if f == 0:
                raise MemoryError()
            if kind == "method":
                props.add(owner, name, PF_WRITABLE | PF_CONFIGURABLE, mk_object(f))
            else:
                props.add(owner, name, PF_CONFIGURABLE | PF_ACCESSOR, <JSVal>f)
            paths[owner_path + "." + name] = f
        elif kind == "accessor":
            # ("accessor", owner, name, getter, setter, attrs): getter/setter are a
            # native index (a new function), a path ("%ThrowTypeError%") or None
            _, owner_path, name, g, st, attrs = d
            gs = [0, 0]
            for j, spec in enumerate((g, st)):
                if spec is None:
                    continue
                if isinstance(spec, str):
                    gs[j] = paths[spec]
                    incref_off(rt, gs[j])
                else:
                    gs[j] = native_object(rt, spec, 0)
                    if gs[j] == 0:
                        raise MemoryError()
            props.add(paths[owner_path], name, attrs | PF_ACCESSOR, (<JSVal>gs[0]) | ((<JSVal>gs[1]) << 32))
        elif kind == "proto":
            # ("proto", path, proto_path): the object's [[Prototype]]
            _, path, proto_path = d
            set_prototype(rt, paths[path], paths[proto_path])
        elif kind == "hidden":
            # ("hidden", name, native): an intrinsic function not reachable by name
            _, path, index = d
            f = native_object(rt, index, 0)
            if f == 0:
                raise MemoryError()
            optr(rt, f).oflags &= ~OF_EXTENSIBLE
            paths[path] = f
        elif kind == "value":
            _, owner_path, name, value, attrs = d
            props.add(paths[owner_path], name, attrs, py_value(rt, value))
        elif kind == "link":
            # ("link", owner, name, target_path, attrs): an existing function as a property
            _, owner_path, name, target_path, attrs = d
            v = lightfuncs[target_path] if target_path in lightfuncs else mk_object(paths[target_path])
            props.add(paths[owner_path], name, attrs, dup(rt, v))
    return 0


cdef int realm_init(Runtime* rt) except -1:
    """Create the intrinsics and install every declared built-in."""
    cdef dict paths = {}
    cdef uint32_t o, f
    # --- the intrinsics everything else hangs off ---
    rt.object_proto = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
    rt.function_proto = obj_alloc(rt, rt.object_proto, CLASS_NATIVE, sizeof(JSNative))
    (<JSNative*>optr(rt, rt.function_proto)).o.internal = NOOP_INDEX
    optr(rt, rt.function_proto).oflags |= OF_CALLABLE | OF_LAZY
    rt.array_proto = obj_alloc(rt, rt.object_proto, CLASS_ARRAY, sizeof(JSObject))
    rt.string_proto = obj_alloc(rt, rt.object_proto, CLASS_STRING, sizeof(JSWrapper))
    (<JSWrapper*>optr(rt, rt.string_proto)).value = mk_string(rt.atoms[A_EMPTY])
    incref_off(rt, rt.atoms[A_EMPTY])
    rt.number_proto = obj_alloc(rt, rt.object_proto, CLASS_NUMBER, sizeof(JSWrapper))
    (<JSWrapper*>optr(rt, rt.number_proto)).value = mk_number(0.0)
    rt.boolean_proto = obj_alloc(rt, rt.object_proto, CLASS_BOOLEAN, sizeof(JSWrapper))
    (<JSWrapper*>optr(rt, rt.boolean_proto)).value = JSFALSE
    rt.error_protos[E_ERROR] = obj_alloc(rt, rt.object_proto, CLASS_OBJECT, sizeof(JSObject))
    for i in range(E_COUNT):
        if i != E_ERROR:
            rt.error_protos[i] = obj_alloc(rt, rt.error_protos[E_ERROR], CLASS_OBJECT, sizeof(JSObject))
    rt.global_obj = obj_alloc(rt, rt.object_proto, CLASS_GLOBAL, sizeof(JSObject))
    rt.global_lex = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
    rt.lex_consts = obj_alloc(rt, 0, CLASS_OBJECT, sizeof(JSObject))
    if rt.object_proto == 0 or rt.function_proto == 0 or rt.global_obj == 0 or rt.lex_consts == 0:
        raise MemoryError("memory limit too small for the built-ins")
    paths["Object.prototype"] = rt.object_proto
    paths["Function.prototype"] = rt.function_proto
    paths["Array.prototype"] = rt.array_proto
    paths["String.prototype"] = rt.string_proto
    paths["Number.prototype"] = rt.number_proto
    paths["Boolean.prototype"] = rt.boolean_proto
    for i, name in enumerate(["TypeError", "ReferenceError", "SyntaxError", "RangeError",
                              "Error", "EvalError", "URIError"]):
        paths[name + ".prototype"] = rt.error_protos[i]
    paths["global"] = rt.global_obj
    cdef PendingProps props = PendingProps()
    cdef list deferred = []
    try:
        props.add(rt.global_obj, "globalThis", PF_WRITABLE | PF_CONFIGURABLE, dup(rt, mk_object(rt.global_obj)))
        declare_all(rt, paths, props, deferred)
        props.flush(rt)
    finally:
        props.release(rt)
    # the intrinsics the VM needs by identity (the runtime holds references)
    rt.eval_fn = paths.get("global.eval", 0)
    rt.array_ctor = paths.get("Array", 0)
    rt.regexp_ctor = paths.get("RegExp", 0)
    for f in (rt.eval_fn, rt.array_ctor, rt.regexp_ctor):
        if f:
            incref_off(rt, f)
    rt.thrower = paths.get("%ThrowTypeError%", 0)     # "hidden" kept its reference
    rt.regexp_proto = paths.get("RegExp.prototype", 0)
    if rt.regexp_proto:
        incref_off(rt, rt.regexp_proto)
    rt.date_proto = paths.get("Date.prototype", 0)
    if rt.date_proto:
        incref_off(rt, rt.date_proto)
    for o in deferred:
        decref_off(rt, o)
    return 0


def _owner_of(dict paths, str path):
    if "." not in path:
        return paths["global"], path
    owner, _, name = path.rpartition(".")
    return paths[owner], name
