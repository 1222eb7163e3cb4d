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
#
# `native` is an index from natives.native_register.  The same declarations
# will drive the ROM image generator (memory-model issue).

from libc.stdint cimport uint32_t, uint16_t

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport incref_off, decref_off, dup, decref
from glassjs.engine.core.strings cimport intern_py, str_from_py
from glassjs.engine.core.objects cimport (obj_alloc, optr, prop_add, prop_set_own, throw_oom, OF_LAZY,
                                           set_prototype)
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


cdef int add_prop(Runtime* rt, uint32_t obj, str name, uint32_t flags, JSVal v) noexcept:
    cdef uint32_t key = intern_py(rt, name)
    if key == 0:
        return -1
    cdef int r = prop_set_own(rt, obj, key, flags, v)
    decref_off(rt, key)
    return r


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


cdef int realm_init(Runtime* rt) except -1:
    """Create the intrinsics and install every declared built-in."""
    cdef dict paths = {}
    cdef uint32_t o, f, owner, proto, target
    cdef JSVal v
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
    # globalThis
    add_prop(rt, rt.global_obj, "globalThis", PF_WRITABLE | PF_CONFIGURABLE, mk_object(rt.global_obj))

    cdef list deferred = []
    for d in all_definitions():
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
            add_prop(rt, owner, name, PF_WRITABLE | PF_CONFIGURABLE, mk_object(o))
            decref_off(rt, o)
        elif kind == "ctor":
            _, path, index = d
            f = native_object(rt, index, 1)
            if f == 0:
                raise MemoryError()
            paths[path] = f
            owner, name = _owner_of(paths, path)
            add_prop(rt, owner, name, PF_WRITABLE | PF_CONFIGURABLE, mk_object(f))
            proto = paths.get(path + ".prototype", 0)
            if proto:
                add_prop(rt, f, "prototype", 0, mk_object(proto))
                add_prop(rt, proto, "constructor", PF_WRITABLE | PF_CONFIGURABLE, mk_object(f))
            decref_off(rt, f)
        elif kind == "method" or kind == "getter":
            _, owner_path, name, index = d
            f = native_object(rt, index, 0)
            if f == 0:
                raise MemoryError()
            owner = paths[owner_path]
            if kind == "method":
                add_prop(rt, owner, name, PF_WRITABLE | PF_CONFIGURABLE, mk_object(f))
            else:
                add_prop(rt, owner, name, PF_CONFIGURABLE | PF_ACCESSOR, <JSVal>f)
            paths[owner_path + "." + name] = f
            decref_off(rt, f)
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
            key = intern_py(rt, name)
            prop_add(rt, paths[owner_path], key, attrs | PF_ACCESSOR, (<JSVal>gs[0]) | ((<JSVal>gs[1]) << 32))
            decref_off(rt, key)
            for j in range(2):
                if gs[j]:
                    decref_off(rt, gs[j])
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
            v = py_value(rt, value)
            add_prop(rt, paths[owner_path], name, attrs, v)
            decref(rt, v)
        elif kind == "link":
            # ("link", owner, name, target_path, attrs): an existing object as a property
            _, owner_path, name, target_path, attrs = d
            add_prop(rt, paths[owner_path], name, attrs, mk_object(paths[target_path]))
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
