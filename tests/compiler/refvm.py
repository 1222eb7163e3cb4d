"""A slow reference interpreter for FunctionCode — for the compiler's tests only.

It is not the engine (that is engine/core): it implements just enough of
the contract in engine/bytecode.py and docs/compiler.md to run small
programs, so tests can check what compiled code *does* (closures,
environments, finally, eval, with, completion values) and not only what it
looks like.  Built-ins: ``log(...)``, ``eval``, the error constructors and
a few methods on arrays.
"""
from __future__ import annotations

import math

from glassjs.engine import bytecode as bc
from glassjs.engine.compiler import FunctionCode, compile_eval, compile_function, compile_script
from glassjs.engine.compiler.jsnumber import number_to_string


class _Undefined:
    def __repr__(self):
        return "undefined"


UNDEF = _Undefined()
HOLE = type("Hole", (), {"__repr__": lambda self: "<hole>"})()


class JSObject:
    def __init__(self, proto=None, cls="Object"):
        self.props = {}              # key -> value
        self.accessors = {}          # key -> [getter, setter]
        self.proto = proto
        self.cls = cls

    def __repr__(self):
        return f"<{self.cls} {list(self.props)}>"


class JSFunction(JSObject):
    def __init__(self, proto, code=None, env=None, native=None):
        super().__init__(proto, "Function")
        self.code = code
        self.env = env
        self.native = native


class MappedArguments(JSObject):
    """Indices below min(argc, nparams) alias the function environment's slots."""

    def __init__(self, proto, env, mapped):
        super().__init__(proto, "Arguments")
        self.env = env
        self.mapped = mapped


class JSThrow(Exception):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


class DeclEnv:
    def __init__(self, desc, parent):
        self.names = desc.names
        self.kinds = desc.kinds
        self.values = [HOLE if k in ("let", "const", "class") else UNDEF for k in desc.kinds]
        self.function_scope = desc.function_scope
        self.extra = {}              # vars added by sloppy direct eval
        self.parent = parent


class Reference:
    """What REF_NAME pushes for a resolvable name (an unresolvable one is undefined)."""

    def __init__(self, holder, where):
        self.holder = holder         # DeclEnv, WithEnv, "lex" or "global", as from lookup
        self.where = where

    def __repr__(self):
        return f"<ref {self.holder!r} {self.where!r}>"


class WithEnv:
    def __init__(self, obj, parent):
        self.obj = obj
        self.parent = parent


class Realm:
    def __init__(self):
        self.object_proto = JSObject(None)
        self.function_proto = JSObject(self.object_proto)
        self.array_proto = JSObject(self.object_proto)
        self.global_obj = JSObject(self.object_proto, "global")
        self.lexicals = {}           # top-level let/const: name -> value
        self.consts = set()
        self.non_deletable = set()
        self.output = []
        self.errors = {}
        for name in bc.ERROR_KINDS + ("Error",):
            proto = JSObject(self.object_proto)
            proto.props["name"] = name
            ctor = self.native(lambda this, args, n=name: self.make_error(n, args[0] if args else ""))
            ctor.props["prototype"] = proto
            self.errors[name] = proto
            self.global_obj.props[name] = ctor
        self.global_obj.props.update(undefined=UNDEF, NaN=math.nan, Infinity=math.inf)
        self.non_deletable.update(("undefined", "NaN", "Infinity"))
        self.global_obj.props["log"] = self.native(self._log)
        self.eval_function = self.native(self._indirect_eval)
        self.global_obj.props["eval"] = self.eval_function
        self.global_obj.props["Function"] = self.native(self._function_ctor)
        self.array_proto.props["push"] = self.native(self._push)
        self.array_proto.props["join"] = self.native(self._join)

    # ---- helpers -------------------------------------------------------

    def native(self, fn):
        return JSFunction(self.function_proto, native=fn)

    def make_error(self, kind, message):
        err = JSObject(self.errors[kind], "Error")
        err.props["message"] = self.to_string(message)
        return err

    def throw(self, kind, message):
        raise JSThrow(self.make_error(kind, message))

    def _log(self, this, args):
        self.output.append(" ".join(self.to_string(a) for a in args))
        return UNDEF

    def _push(self, this, args):
        n = int(self.get(this, "length"))
        for a in args:
            self.put(this, number_to_string(n), a)
            n += 1
        return float(n)

    def _join(self, this, args):
        sep = self.to_string(args[0]) if args and args[0] is not UNDEF else ","
        n = int(self.get(this, "length"))
        parts = []
        for i in range(n):
            v = self.get(this, number_to_string(i))
            parts.append("" if v is UNDEF or v is None else self.to_string(v))
        return sep.join(parts)

    def _indirect_eval(self, this, args):
        if not args or not isinstance(args[0], str):
            return args[0] if args else UNDEF
        code = compile_eval(args[0], False, direct=False)
        return self.run(code, None, self.global_obj, [], None)

    def _function_ctor(self, this, args):
        args = [self.to_string(a) for a in args]
        code = compile_function(",".join(args[:-1]), args[-1] if args else "")
        return self.closure(code, None)

    def closure(self, code, env):
        f = JSFunction(self.function_proto, code, env)
        if not code.is_arrow:
            proto = JSObject(self.object_proto)
            proto.props["constructor"] = f
            f.props["prototype"] = proto
        return f

    # ---- conversions ---------------------------------------------------

    def to_primitive(self, v, hint="default"):
        if not isinstance(v, JSObject):
            return v
        for name in (("toString", "valueOf") if hint == "string" else ("valueOf", "toString")):
            f = self.get(v, name)
            if isinstance(f, JSFunction):
                r = self.call(f, v, [])
                if not isinstance(r, JSObject):
                    return r
        return self._join(v, []) if v.cls == "Array" else "[object " + v.cls + "]"

    def to_number(self, v):
        v = self.to_primitive(v, "number")
        if v is UNDEF:
            return math.nan
        if v is None or v is False:
            return 0.0
        if v is True:
            return 1.0
        if isinstance(v, float):
            return v
        s = v.strip()
        if s == "":
            return 0.0
        try:
            return float(int(s, 16)) if s.lower().startswith("0x") else float(s)
        except ValueError:
            return math.nan

    def to_string(self, v):
        v = self.to_primitive(v, "string")
        if v is UNDEF:
            return "undefined"
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, float):
            return number_to_string(v)
        return v

    @staticmethod
    def truthy(v):
        if v is UNDEF or v is None or v is False:
            return False
        if isinstance(v, float):
            return not (v == 0 or v != v)
        if isinstance(v, str):
            return v != ""
        return True

    def to_int32(self, v):
        n = self.to_number(v)
        if not math.isfinite(n):
            return 0
        n = int(n) & 0xFFFFFFFF
        return n - (1 << 32) if n & 0x80000000 else n

    def key(self, v):
        return self.to_string(v)

    def to_object(self, v):
        if v is UNDEF or v is None:
            self.throw("TypeError", f"cannot read properties of {self.to_string(v)}")
        return v

    # ---- properties ----------------------------------------------------

    def find(self, obj, key):
        o = obj
        while o is not None:
            if isinstance(o, MappedArguments) and key in o.mapped:
                return o, "mapped"
            if key in o.props:
                return o, "data"
            if key in o.accessors:
                return o, "accessor"
            o = o.proto
        return None, None

    def get(self, obj, key):
        if isinstance(obj, str):
            if key == "length":
                return float(len(obj))
            return UNDEF
        if not isinstance(obj, JSObject):
            self.to_object(obj)
            return UNDEF
        owner, kind = self.find(obj, key)
        if kind == "mapped":
            return owner.env.values[owner.mapped[key]]
        if kind == "data":
            return owner.props[key]
        if kind == "accessor":
            getter = owner.accessors[key][0]
            return UNDEF if getter is None else self.call(getter, obj, [])
        return UNDEF

    def put(self, obj, key, value):
        if not isinstance(obj, JSObject):
            self.to_object(obj)
            return
        owner, kind = self.find(obj, key)
        if kind == "accessor":
            setter = owner.accessors[key][1]
            if setter is not None:
                self.call(setter, obj, [value])
            return
        if key == "__proto__" and kind is None:
            obj.proto = value if isinstance(value, JSObject) else obj.proto
            return
        if kind == "mapped" and owner is obj:
            obj.env.values[obj.mapped[key]] = value
            return
        obj.props[key] = value
        if obj.cls == "Array" and key.isdigit():
            if int(key) >= self.get(obj, "length"):
                obj.props["length"] = float(int(key) + 1)

    def has(self, obj, key):
        return self.find(obj, key)[1] is not None

    def delete(self, obj, key):
        if isinstance(obj, MappedArguments):
            obj.mapped.pop(key, None)
        obj.props.pop(key, None)
        obj.accessors.pop(key, None)
        return True

    def new_array(self, values):
        arr = JSObject(self.array_proto, "Array")
        for i, v in enumerate(values):
            if v is not HOLE:
                arr.props[str(i)] = v
        arr.props["length"] = float(len(values))
        return arr

    # ---- operators -----------------------------------------------------

    def add(self, a, b):
        a, b = self.to_primitive(a), self.to_primitive(b)
        if isinstance(a, str) or isinstance(b, str):
            return self.to_string(a) + self.to_string(b)
        return self.to_number(a) + self.to_number(b)

    def strict_equals(self, a, b):
        if isinstance(a, float) and isinstance(b, float):
            return a == b
        if type(a) is not type(b):
            return False
        return a is b if isinstance(a, JSObject) else a == b

    def loose_equals(self, a, b):
        if (a is UNDEF or a is None) and (b is UNDEF or b is None):
            return True
        if a is UNDEF or a is None or b is UNDEF or b is None:
            return False
        if type(a) is type(b) or (isinstance(a, JSObject) and isinstance(b, JSObject)):
            return self.strict_equals(a, b)
        if isinstance(a, JSObject):
            return self.loose_equals(self.to_primitive(a), b)
        if isinstance(b, JSObject):
            return self.loose_equals(a, self.to_primitive(b))
        return self.to_number(a) == self.to_number(b)

    def less(self, a, b):
        a, b = self.to_primitive(a, "number"), self.to_primitive(b, "number")
        if isinstance(a, str) and isinstance(b, str):
            return a < b
        return self.to_number(a) < self.to_number(b)

    def typeof(self, v):
        if v is UNDEF:
            return "undefined"
        if v is None:
            return "object"
        if isinstance(v, bool):
            return "boolean"
        if isinstance(v, float):
            return "number"
        if isinstance(v, str):
            return "string"
        return "function" if isinstance(v, JSFunction) else "object"

    def instance_of(self, v, f):
        if not isinstance(f, JSFunction):
            self.throw("TypeError", "right-hand side of instanceof is not callable")
        proto = self.get(f, "prototype")
        o = v.proto if isinstance(v, JSObject) else None
        while o is not None:
            if o is proto:
                return True
            o = o.proto
        return False

    # ---- environments by name ------------------------------------------

    def lookup(self, env, name):
        """(holder, index-or-key) of a name along the chain, or (None, None)."""
        e = env
        while e is not None:
            if isinstance(e, DeclEnv):
                for i in range(len(e.names) - 1, -1, -1):
                    if e.names[i] == name:
                        return e, i
                if name in e.extra:
                    return e, name
            elif self.has(e.obj, name):
                return e, name
            e = e.parent
        if name in self.lexicals:
            return "lex", name
        if self.has(self.global_obj, name):
            return "global", name
        return None, None

    def get_name(self, env, name):
        holder, where = self.lookup(env, name)
        if holder is None:
            self.throw("ReferenceError", f"{name} is not defined")
        return self.read_holder(holder, where, name)

    def read_holder(self, holder, where, name):
        if holder == "lex":
            v = self.lexicals[name]
        elif holder == "global":
            v = self.get(self.global_obj, name)
        elif isinstance(holder, WithEnv):
            v = self.get(holder.obj, name)
        elif isinstance(where, int):
            v = holder.values[where]
        else:
            v = holder.extra[where]
        if v is HOLE:
            self.throw("ReferenceError", f"Cannot access '{name}' before initialization")
        return v

    def read_ref(self, ref, name):
        """GET_REF: a global is looked up again; a deleted eval var reads as undefined."""
        if ref.holder in ("lex", "global"):
            return self.get_global(name)
        if isinstance(ref.holder, DeclEnv) and not isinstance(ref.where, int):
            return ref.holder.extra.get(ref.where, UNDEF)
        return self.read_holder(ref.holder, ref.where, name)

    def put_name(self, env, name, value, strict):
        holder, where = self.lookup(env, name)
        self.write_holder(holder, where, name, value, strict)

    def write_holder(self, holder, where, name, value, strict):
        if holder is None:
            if strict:
                self.throw("ReferenceError", f"{name} is not defined")
            self.global_obj.props[name] = value
        elif holder == "lex":
            self.put_global(name, value, strict)
        elif holder == "global":
            self.put(self.global_obj, name, value)
        elif isinstance(holder, WithEnv):
            self.put(holder.obj, name, value)
        elif isinstance(where, int):
            kind = holder.kinds[where]
            if holder.values[where] is HOLE:
                self.throw("ReferenceError", f"Cannot access '{name}' before initialization")
            if kind == "const" or (kind == "callee" and strict):
                self.throw("TypeError", "Assignment to constant variable.")
            if kind != "callee":
                holder.values[where] = value
        else:
            holder.extra[where] = value

    def get_global(self, name):
        if name in self.lexicals:
            return self.read_holder("lex", name, name)
        if self.has(self.global_obj, name):
            return self.get(self.global_obj, name)
        self.throw("ReferenceError", f"{name} is not defined")

    def put_global(self, name, value, strict):
        if name in self.lexicals:
            if self.lexicals[name] is HOLE:
                self.throw("ReferenceError", f"Cannot access '{name}' before initialization")
            if name in self.consts:
                self.throw("TypeError", "Assignment to constant variable.")
            self.lexicals[name] = value
        elif strict and not self.has(self.global_obj, name):
            self.throw("ReferenceError", f"{name} is not defined")
        else:
            self.put(self.global_obj, name, value)

    @staticmethod
    def var_env(env):
        while env is not None:
            if isinstance(env, DeclEnv) and env.function_scope:
                return env
            env = env.parent
        return None

    # ---- calls ---------------------------------------------------------

    def call(self, f, this, args):
        if not isinstance(f, JSFunction):
            self.throw("TypeError", "not a function")
        if f.native is not None:
            return f.native(this, args)
        return self.run(f.code, f, this, args, f.env)

    def construct(self, f, args):
        if not isinstance(f, JSFunction):
            self.throw("TypeError", "not a constructor")
        if f.native is not None:
            return f.native(UNDEF, args)
        proto = self.get(f, "prototype")
        obj = JSObject(proto if isinstance(proto, JSObject) else self.object_proto)
        result = self.run(f.code, f, obj, args, f.env)
        return result if isinstance(result, JSObject) else obj

    def eval_script(self, source):
        return self.run(compile_script(source), None, self.global_obj, [], None)

    def run(self, code: FunctionCode, callee, this, args, env):
        return Frame(self, code, callee, this, args, env).execute()


class Frame:
    def __init__(self, realm, code, callee, this, args, env):
        self.realm = realm
        self.code = code
        self.callee = callee
        if not code.strict and (this is UNDEF or this is None):
            this = realm.global_obj
        self.this = this
        self.argc = len(args)
        self.args = list(args) + [UNDEF] * (code.nparams - len(args))
        self.locals = [UNDEF] * code.nlocals
        self.env = env
        self.stack = []
        self.handlers = []           # (handler pc, stack depth, env)

    def execute(self):
        decoded = {pc: (op, a, extras) for pc, op, a, extras in bc.iter_instructions(self.code.code)}
        pc = 0
        while True:
            op, a, extras = decoded[pc]
            next_pc = pc + 1 + len(extras)
            try:
                result = self.step(op, a, extras, next_pc)
            except JSThrow as e:
                if not self.handlers:
                    raise
                pc, depth, env = self.handlers.pop()
                del self.stack[depth:]
                self.env = env
                self.stack.append(e.value)
                continue
            if len(self.stack) > self.code.max_stack:
                raise AssertionError(f"{self.code.name}: stack {len(self.stack)} > max_stack")
            if result is None:
                pc = next_pc
            elif result[0] == "jump":
                pc = result[1]
            else:
                return result[1]

    def step(self, op, a, extras, next_pc):
        r, s, code = self.realm, self.stack, self.code
        name = op.name
        k = code.consts
        if name == "NOP":
            pass
        elif name == "PUSH_UNDEF":
            s.append(UNDEF)
        elif name == "PUSH_NULL":
            s.append(None)
        elif name in ("PUSH_TRUE", "PUSH_FALSE"):
            s.append(name == "PUSH_TRUE")
        elif name == "PUSH_INT":
            s.append(float(a))
        elif name == "PUSH_CONST":
            s.append(k[a])
        elif name == "PUSH_EMPTY":
            s.append(HOLE)
        elif name == "PUSH_THIS":
            s.append(self.this)
        elif name == "PUSH_CALLEE":
            s.append(self.callee)
        elif name == "NEW_OBJECT":
            s.append(JSObject(r.object_proto))
        elif name == "NEW_ARRAY":
            values = s[len(s) - a:]
            del s[len(s) - a:]
            s.append(r.new_array(values))
        elif name == "INIT_PROP":
            v = s.pop()
            s[-1].props[k[a]] = v
            s[-1].accessors.pop(k[a], None)
        elif name == "INIT_ELEM":
            v = s.pop()
            key = r.key(s.pop())
            s[-1].props[key] = v
        elif name in ("INIT_GET", "INIT_SET"):
            f = s.pop()
            s[-1].props.pop(k[a], None)
            pair = s[-1].accessors.setdefault(k[a], [None, None])
            pair[0 if name == "INIT_GET" else 1] = f
        elif name == "CLOSURE":
            s.append(r.closure(k[a], self.env))
        elif name == "REGEXP":
            re = JSObject(r.object_proto, "RegExp")
            re.props["source"] = k[a]
            re.props["flags"] = k[extras[0]]
            s.append(re)
        elif name == "GET_LOC":
            s.append(self.locals[a])
        elif name == "PUT_LOC":
            self.locals[a] = s.pop()
        elif name == "GET_LOC_CHECK":
            v = self.locals[a]
            if v is HOLE:
                r.throw("ReferenceError", f"Cannot access '{k[extras[0]]}' before initialization")
            s.append(v)
        elif name == "GET_ARG":
            s.append(self.args[a])
        elif name == "PUT_ARG":
            self.args[a] = s.pop()
        elif name in ("GET_ENV", "GET_ENV_CHECK", "PUT_ENV"):
            env = self.env
            for _ in range(a >> 16):
                env = env.parent
            index = a & 0xFFFF
            if name == "PUT_ENV":
                env.values[index] = s.pop()
            else:
                v = env.values[index]
                if v is HOLE and name == "GET_ENV_CHECK":
                    r.throw("ReferenceError", f"Cannot access '{k[extras[0]]}' before initialization")
                s.append(v)
        elif name == "GET_NAME":
            s.append(r.get_name(self.env, k[a]))
        elif name == "GET_NAME_CALL":
            holder, where = r.lookup(self.env, k[a])
            if holder is None:
                r.throw("ReferenceError", f"{k[a]} is not defined")
            s.append(r.read_holder(holder, where, k[a]))
            s.append(holder.obj if isinstance(holder, WithEnv) else UNDEF)
        elif name == "PUT_NAME":
            r.put_name(self.env, k[a], s.pop(), code.strict)
        elif name == "REF_NAME":
            holder, where = r.lookup(self.env, k[a])
            s.append(UNDEF if holder is None else Reference(holder, where))
        elif name == "GET_REF":
            ref = s[-1]
            if ref is UNDEF:
                r.throw("ReferenceError", f"{k[a]} is not defined")
            s.append(r.read_ref(ref, k[a]))
        elif name == "PUT_REF":
            v, ref = s.pop(), s.pop()
            if ref is UNDEF:
                r.write_holder(None, None, k[a], v, code.strict)
            elif ref.holder in ("lex", "global"):    # looked up again, as GET_REF does
                r.put_global(k[a], v, code.strict)
            else:
                r.write_holder(ref.holder, ref.where, k[a], v, code.strict)
        elif name == "TYPEOF_NAME":
            holder, where = r.lookup(self.env, k[a])
            s.append("undefined" if holder is None else r.typeof(r.read_holder(holder, where, k[a])))
        elif name == "DELETE_NAME":
            holder, where = r.lookup(self.env, k[a])
            if holder is None:
                s.append(True)
            elif holder == "global":
                ok = k[a] not in r.non_deletable
                if ok:
                    r.delete(r.global_obj, k[a])
                s.append(ok)
            elif isinstance(holder, WithEnv):
                s.append(r.delete(holder.obj, k[a]))
            elif isinstance(holder, DeclEnv) and not isinstance(where, int):
                del holder.extra[where]
                s.append(True)
            else:
                s.append(False)
        elif name == "GET_GLOBAL":
            s.append(r.get_global(k[a]))
        elif name == "PUT_GLOBAL":
            r.put_global(k[a], s.pop(), code.strict)
        elif name in ("DECL_VAR", "DECL_FUNC"):
            v = s.pop() if name == "DECL_FUNC" else UNDEF
            target = r.var_env(self.env) if code.kind == "eval" else None
            if target is not None:
                if k[a] in target.names:        # a declared variable of the caller
                    if name == "DECL_FUNC":
                        target.values[target.names.index(k[a])] = v
                elif name == "DECL_FUNC" or k[a] not in target.extra:
                    target.extra[k[a]] = v
            elif name == "DECL_FUNC" or k[a] not in r.global_obj.props:
                r.global_obj.props[k[a]] = v
                if code.kind == "script":
                    r.non_deletable.add(k[a])
        elif name == "DECL_LEX":
            r.lexicals[k[a]] = HOLE
            (r.consts.add if extras[0] else r.consts.discard)(k[a])
        elif name == "INIT_LEX":
            r.lexicals[k[a]] = s.pop()
        elif name == "ENTER_ENV":
            self.env = DeclEnv(k[a], self.env)
        elif name == "ENTER_WITH":
            self.env = WithEnv(r.to_object(s.pop()), self.env)
        elif name == "LEAVE_ENV":
            self.env = self.env.parent
        elif name == "ARGUMENTS":
            n = min(self.argc, code.nparams) if a else 0
            args = MappedArguments(r.object_proto, self.env, {str(i): i for i in range(n)})
            for i in range(n, self.argc):
                args.props[str(i)] = self.args[i]
            args.props["length"] = float(self.argc)
            s.append(args)
        elif name == "GET_PROP":
            s.append(r.get(r.to_object(s.pop()), k[a]))
        elif name == "PUT_PROP":
            v = s.pop()
            r.put(r.to_object(s.pop()), k[a], v)
        elif name == "GET_ELEM":
            key = s.pop()
            s.append(r.get(r.to_object(s.pop()), r.key(key)))
        elif name == "PUT_ELEM":
            v, key = s.pop(), s.pop()
            r.put(r.to_object(s.pop()), r.key(key), v)
        elif name == "GET_METHOD":
            obj = r.to_object(s.pop())
            s.extend([r.get(obj, k[a]), obj])
        elif name == "GET_ELEM_METHOD":
            key = s.pop()
            obj = r.to_object(s.pop())
            s.extend([r.get(obj, r.key(key)), obj])
        elif name == "DELETE_PROP":
            s.append(r.delete(r.to_object(s.pop()), k[a]))
        elif name == "DELETE_ELEM":
            key = s.pop()
            s.append(r.delete(r.to_object(s.pop()), r.key(key)))
        elif name == "IN":
            obj = s.pop()
            s.append(r.has(obj, r.key(s.pop())))
        elif name == "INSTANCEOF":
            f = s.pop()
            s.append(r.instance_of(s.pop(), f))
        elif name in BINARY:
            b = s.pop()
            s.append(BINARY[name](r, s.pop(), b))
        elif name in UNARY:
            s.append(UNARY[name](r, s.pop()))
        elif name == "POP":
            s.pop()
        elif name == "DUP":
            s.append(s[-1])
        elif name == "DUP2":
            s.extend(s[-2:])
        elif name == "SWAP":
            s[-1], s[-2] = s[-2], s[-1]
        elif name in ("INSERT2", "INSERT3", "INSERT4"):
            n = int(name[-1])
            s.insert(len(s) - n, s[-1])
        elif name == "JMP":
            return ("jump", next_pc + a)
        elif name in ("JMP_TRUE", "JMP_FALSE"):
            if r.truthy(s.pop()) == (name == "JMP_TRUE"):
                return ("jump", next_pc + a)
        elif name in ("JMP_TRUE_KEEP", "JMP_FALSE_KEEP"):
            if r.truthy(s[-1]) == (name == "JMP_TRUE_KEEP"):
                return ("jump", next_pc + a)
            s.pop()
        elif name == "TRY":
            self.handlers.append((next_pc + a, len(s), self.env))
        elif name == "END_TRY":
            self.handlers.pop()
        elif name == "THROW":
            raise JSThrow(s.pop())
        elif name == "THROW_ERROR":
            r.throw(bc.ERROR_KINDS[a], k[extras[0]])
        elif name == "RET":
            return ("ret", s.pop())
        elif name == "RET_UNDEF":
            return ("ret", UNDEF)
        elif name in ("CALL", "CALL_EVAL", "NEW"):
            args = s[len(s) - a:]
            del s[len(s) - a:]
            this, f = s.pop(), s.pop()
            if name == "NEW":
                s.append(r.construct(f, args))
            elif name == "CALL_EVAL" and f is r.eval_function:
                s.append(self.direct_eval(args))
            else:
                s.append(r.call(f, this, args))
        elif name == "FOR_IN":
            obj = s.pop()
            keys = []
            o = obj if isinstance(obj, JSObject) else None
            builtin = (r.object_proto, r.array_proto, r.function_proto)
            while o is not None and o not in builtin:
                for key in list(o.props) + list(o.accessors):
                    if key not in keys and not (o.cls == "Array" and key == "length") \
                            and key not in ("prototype", "constructor"):
                        keys.append(key)
                o = o.proto
            s.append([obj, keys, 0])
        elif name == "FOR_IN_NEXT":
            it = s[-1]
            while it[2] < len(it[1]):
                key = it[1][it[2]]
                it[2] += 1
                if r.has(it[0], key):
                    s.append(key)
                    return None
            return ("jump", next_pc + a)
        else:
            raise NotImplementedError(name)
        return None

    def direct_eval(self, args):
        if not args or not isinstance(args[0], str):
            return args[0] if args else UNDEF
        code = compile_eval(args[0], self.code.strict, direct=True)
        # as the VM: the caller frame's `this` (an arrow's own); the eval code
        # finds an arrow's lexical `this` itself, through "%this"
        return self.realm.run(code, None, self.this, [], self.env)


def _num(fn):
    return lambda r, a, b: fn(r.to_number(a), r.to_number(b))


def _int(fn):
    return lambda r, a, b: float(fn(r.to_int32(a), r.to_int32(b)))


def _js_mod(a, b):
    if b == 0 or not math.isfinite(a) or a != a or b != b:
        return math.nan
    return math.fmod(a, b) if math.isfinite(b) else a


def _js_div(a, b):
    if b == 0:
        return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1, b)
    return a / b


BINARY = {
    "ADD": lambda r, a, b: r.add(a, b),
    "SUB": _num(lambda a, b: a - b),
    "MUL": _num(lambda a, b: a * b),
    "DIV": _num(_js_div),
    "MOD": _num(_js_mod),
    "SHL": _int(lambda a, b: ((a << (b & 31)) & 0xFFFFFFFF) - ((((a << (b & 31)) >> 31) & 1) << 32)),
    "SAR": _int(lambda a, b: a >> (b & 31)),
    "SHR": lambda r, a, b: float((r.to_int32(a) & 0xFFFFFFFF) >> (r.to_int32(b) & 31)),
    "BAND": _int(lambda a, b: a & b),
    "BOR": _int(lambda a, b: a | b),
    "BXOR": _int(lambda a, b: a ^ b),
    "EQ": lambda r, a, b: r.loose_equals(a, b),
    "NE": lambda r, a, b: not r.loose_equals(a, b),
    "SEQ": lambda r, a, b: r.strict_equals(a, b),
    "SNE": lambda r, a, b: not r.strict_equals(a, b),
    "LT": lambda r, a, b: r.less(a, b),
    "GT": lambda r, a, b: r.less(b, a),
    "LE": lambda r, a, b: not r.less(b, a),
    "GE": lambda r, a, b: not r.less(a, b),
}

UNARY = {
    "NEG": lambda r, a: -r.to_number(a),
    "PLUS": lambda r, a: r.to_number(a),
    "NOT": lambda r, a: not r.truthy(a),
    "BNOT": lambda r, a: float(~r.to_int32(a)),
    "TYPEOF": lambda r, a: r.typeof(a),
    "INC": lambda r, a: r.to_number(a) + 1,
    "DEC": lambda r, a: r.to_number(a) - 1,
}


def run(source: str):
    """Run a script in a fresh realm; returns (completion value as Python, log lines)."""
    realm = Realm()
    try:
        value = realm.eval_script(source)
    except JSThrow as e:
        value = e.value
        if isinstance(value, JSObject) and "message" in value.props:
            return f"{realm.get(value, 'name')}: {value.props['message']}", realm.output
        return ("throw", to_python(realm, value)), realm.output
    return to_python(realm, value), realm.output


def to_python(realm, value):
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value)
    if isinstance(value, JSObject) and value.cls == "Array":
        return [to_python(realm, realm.get(value, str(i))) for i in range(int(realm.get(value, "length")))]
    return value
