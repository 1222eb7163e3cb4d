# cython: wraparound=True, boundscheck=True
# The value formatter behind console.log and the kernel's execute_result:
# Node's util.inspect (lib/internal/util/inspect.js) re-done over the
# engine's heap, with its defaults (depth 2, breakLength 80, compact 3,
# maxArrayLength 100, maxStringLength 10000).
#
# Not a hot path, so it is Python over the core API: properties are read with
# get_own_property / own_keys only, so no JavaScript runs while formatting --
# getters show as [Getter], [Setter], [Getter/Setter], nothing calls
# toString or valueOf.  format_args (console.log's %s, %d, %i, %f, %j) is
# the one place that converts values, as Node does.

from libc.stdint cimport uint64_t, uint32_t, int32_t, uint16_t
from libc.math cimport isnan, isinf, floor

from glassjs.engine.core.value cimport *
from glassjs.engine.core.layout cimport *
from glassjs.engine.core.runtime cimport *
from glassjs.engine.core.heap cimport incref, decref, incref_off, decref_off, dup
from glassjs.engine.core.strings cimport (str_to_py, str_from_py, intern_py, num_to_cstr, str_len,
                                           sptr)
from glassjs.engine.core.objects cimport (optr, get_own_property, desc_release, own_keys, elems_items,
                                           elems_capacity, index_key, PropDesc, HAS_VALUE, HAS_GET,
                                           HAS_SET, KEYS_ENUMERABLE, throw_error_str, throw_oom)
from glassjs.engine.core.ops cimport to_string, to_number
from glassjs.engine.core.natives cimport native_info
from glassjs.engine.api cimport Engine, ObjectHandle
from glassjs.engine.builtins.json cimport json_stringify

import re

DEFAULT_DEPTH = 2
BREAK_LENGTH = 80
COMPACT = 3
MAX_ARRAY_LENGTH = 100
MAX_STRING_LENGTH = 10000
MIN_LINE_LENGTH = 16

cdef enum:
    K_OBJECT = 0          # kObjectType
    K_ARRAY = 1           # kArrayType (an array element)
    K_ARRAY_EXTRAS = 2    # kArrayExtrasType (braces of an array)


class JSPending(Exception):
    """A JavaScript exception is pending in the runtime (from a conversion)."""


_KEY_RE = re.compile(r"^[a-zA-Z_][a-zA-Z_0-9]*$")
_NUMBER_KEY_RE = re.compile(r"^(0|[1-9][0-9]*)$")

_ERROR_NAMES = ("TypeError", "ReferenceError", "SyntaxError", "RangeError", "Error", "EvalError", "URIError")
_BUILTIN_CTORS = frozenset(["Object", "Array", "Function", "Error", "TypeError", "ReferenceError",
                            "SyntaxError", "RangeError", "EvalError", "URIError", "Date", "RegExp",
                            "Number", "String", "Boolean", "Math", "JSON"])


# --- strings and numbers ---------------------------------------------------------------

def _meta(int c):
    if c == 8:
        return "\\b"
    if c == 9:
        return "\\t"
    if c == 10:
        return "\\n"
    if c == 12:
        return "\\f"
    if c == 13:
        return "\\r"
    if c == 39:
        return "\\'"
    if c == 92:
        return "\\\\"
    return "\\x%02X" % c


def str_escape(str s):
    """Node's strEscape: quoted with ', " or ` (whichever needs no escaping)."""
    quote = 39
    if "'" in s:
        if '"' not in s:
            quote = 34
        elif "`" not in s and "${" not in s:
            quote = 96
    out = None
    last = 0
    for i, ch in enumerate(s):
        c = ord(ch)
        if c == quote or c == 92 or c < 32 or 127 <= c < 160:
            if out is None:
                out = []
            out.append(s[last:i])
            out.append(_meta(c) if c != quote or c == 39 else "\\" + ch)
            last = i + 1
        elif 0xD800 <= c <= 0xDFFF:
            # a lone surrogate (pairs arrive combined from str_to_py)
            if out is None:
                out = []
            out.append(s[last:i])
            out.append("\\u%x" % c)
            last = i + 1
    if out is not None:
        out.append(s[last:])
        s = "".join(out)
    q = chr(quote)
    return q + s + q


cdef str number_text(double d):
    cdef char buf[40]
    cdef int n
    if d == 0 and 1 / d < 0:
        return "-0"
    n = num_to_cstr(d, buf)
    return buf[:n].decode("ascii")


cdef str js_str(Runtime* rt, uint32_t s):
    return str_to_py(rt, s)


def _iso_date(double t):
    """Date.prototype.toISOString for a valid time value."""
    cdef long long ms_total = <long long>t
    days, ms = divmod(ms_total, 86400000)
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    if m <= 2:
        y += 1
    h, rem = divmod(ms, 3600000)
    mi, rem = divmod(rem, 60000)
    sec, msr = divmod(rem, 1000)
    ys = "%04d" % y if 0 <= y <= 9999 else ("+" if y > 0 else "-") + "%06d" % abs(y)
    return "%s-%02d-%02dT%02d:%02d:%02d.%03dZ" % (ys, m, d, h, mi, sec, msr)


# --- the formatter -------------------------------------------------------------------------

cdef class Inspector:
    cdef Runtime* rt
    cdef object depth                 # int, or None for no limit
    cdef int indentation_lvl
    cdef int current_depth
    cdef list seen                    # object offsets being formatted
    cdef dict circular                # offset -> reference number
    cdef bint show_hidden
    cdef int break_length

    def __cinit__(self):
        self.seen = []
        self.circular = None
        self.depth = DEFAULT_DEPTH
        self.break_length = BREAK_LENGTH

    # --- reading the heap without running JavaScript ---

    cdef object own_data(self, uint32_t obj, uint32_t key, JSVal* out):
        """1: own data property (out: new reference), 2: accessor, 0: absent."""
        cdef PropDesc d
        cdef int r = get_own_property(self.rt, obj, key, &d)
        if r < 0:
            self.clear_exception()
            return 0
        if r == 0:
            return 0
        if d.has & HAS_VALUE:
            out[0] = d.value
            return 1
        desc_release(self.rt, &d)
        return 2

    cdef object chain_data(self, uint32_t obj, uint32_t key, JSVal* out):
        """The first data property `key` along the prototype chain (no getters): bool."""
        cdef object r
        cdef int guard = 0
        while obj and guard < 10000:
            r = self.own_data(obj, key, out)
            if r == 1:
                return True
            if r == 2:
                return False
            obj = optr(self.rt, obj).proto
            guard += 1
        return False

    cdef object chain_string(self, uint32_t obj, uint32_t key, object default):
        cdef JSVal v
        if not self.chain_data(obj, key, &v):
            return default
        try:
            if is_string(v):
                return js_str(self.rt, ref_of(v))
            if v == UNDEFINED:
                return default
            return None     # present but not a string
        finally:
            decref(self.rt, v)

    cdef object builtin_string(self, uint32_t obj, uint32_t key):
        """A string property read like the built-in RegExp.prototype.toString would:
        a data property, or an accessor whose getter is a native (never user code)."""
        cdef Runtime* rt = self.rt
        cdef PropDesc d
        cdef JSVal v = UNDEFINED
        cdef JSVal g
        cdef uint32_t cur = obj
        cdef int r, guard = 0
        while cur and guard < 10000:
            guard += 1
            r = get_own_property(rt, cur, key, &d)
            if r < 0:
                self.clear_exception()
                return None
            if r:
                if d.has & HAS_VALUE:
                    v = d.value
                else:
                    g = d.getter
                    if is_lightfunc(g) or (is_object(g) and optr(rt, ref_of(g)).h.aux == CLASS_NATIVE):
                        if rt.call(rt, g, mk_object(obj), 0, NULL, &v) < 0:
                            self.clear_exception()
                            v = UNDEFINED
                    desc_release(rt, &d)
                try:
                    return js_str(rt, ref_of(v)) if is_string(v) else None
                finally:
                    decref(rt, v)
            cur = optr(rt, cur).proto
        return None

    cdef void clear_exception(self):
        cdef Runtime* rt = self.rt
        if rt.has_exc:
            decref(rt, rt.exc)
            rt.exc = UNDEFINED
            rt.has_exc = 0

    cdef uint32_t key(self, str name) except 0:
        cdef uint32_t k = intern_py(self.rt, name)
        if k == 0:
            self.clear_exception()
            raise MemoryError()
        return k

    cdef object own_string(self, uint32_t obj, str name):
        """An own data property holding a string, else None."""
        cdef JSVal v
        cdef uint32_t k = self.key(name)
        try:
            if self.own_data(obj, k, &v) != 1:
                return None
            try:
                return js_str(self.rt, ref_of(v)) if is_string(v) else None
            finally:
                decref(self.rt, v)
        finally:
            decref_off(self.rt, k)

    cdef list keys_of(self, uint32_t obj, bint all_keys):
        """Own string keys (enumerable unless all_keys) as new references."""
        cdef uint32_t arr = own_keys(self.rt, obj, 0 if all_keys else KEYS_ENUMERABLE)
        cdef uint32_t i, n, k
        if arr == 0:
            self.clear_exception()
            return []
        n = optr(self.rt, arr).length
        out = []
        for i in range(n):
            k = ref_of(elems_items(self.rt, optr(self.rt, arr).elems)[i])
            incref_off(self.rt, k)
            out.append(k)
        decref_off(self.rt, arr)
        return out

    cdef void release_keys(self, list keys):
        for k in keys:
            decref_off(self.rt, <uint32_t>k)

    cdef bint is_enumerable(self, uint32_t obj, uint32_t key):
        cdef PropDesc d
        cdef int r = get_own_property(self.rt, obj, key, &d)
        if r <= 0:
            self.clear_exception()
            return False
        desc_release(self.rt, &d)
        return (d.flags & PF_ENUMERABLE) != 0

    cdef bint in_chain(self, uint32_t obj, uint32_t proto):
        """proto is on obj's prototype chain (obj itself excluded)."""
        cdef int guard = 0
        obj = optr(self.rt, obj).proto
        while obj and guard < 10000:
            if obj == proto:
                return True
            obj = optr(self.rt, obj).proto
            guard += 1
        return False

    cdef object intrinsic_name(self, uint32_t proto):
        cdef Runtime* rt = self.rt
        cdef int i
        if proto == 0:
            return None
        if proto == rt.object_proto:
            return "Object"
        if proto == rt.array_proto:
            return "Array"
        if proto == rt.function_proto:
            return "Function"
        if proto == rt.number_proto:
            return "Number"
        if proto == rt.string_proto:
            return "String"
        if proto == rt.boolean_proto:
            return "Boolean"
        if rt.date_proto and proto == rt.date_proto:
            return "Date"
        if rt.regexp_proto and proto == rt.regexp_proto:
            return "RegExp"
        for i in range(E_COUNT):
            if proto == rt.error_protos[i]:
                return _ERROR_NAMES[i]
        return None

    cdef object function_name(self, JSVal f):
        """A function's `name` (own data property), '' if none."""
        cdef NativeInfo* info
        if is_lightfunc(f):
            info = native_info(lightfunc_index(f))
            return info.name.decode("utf-8", "replace") if info != NULL and info.name != NULL else ""
        name = self.chain_string(ref_of(f), self.rt.atoms[A_name], "")
        return name

    cdef object constructor_name(self, uint32_t obj):
        """Node's getConstructorName: None for a null prototype."""
        cdef Runtime* rt = self.rt
        cdef uint32_t cur = obj, first = 0xFFFFFFFF, proto_key
        cdef JSVal c, p
        cdef int guard = 0
        cdef object r
        while cur and guard < 10000:
            guard += 1
            name = self.intrinsic_name(cur)
            if name is not None and cur != obj:
                return name
            r = self.own_data(cur, rt.atoms[A_constructor], &c)
            if r == 1:
                try:
                    if is_lightfunc(c):
                        pass
                    elif is_object(c) and (optr(rt, ref_of(c)).oflags & OF_CALLABLE):
                        name = self.function_name(c)
                        if name:
                            # obj instanceof c
                            if self.own_data(ref_of(c), rt.atoms[A_prototype], &p) == 1:
                                try:
                                    if is_object(p) and self.in_chain(obj, ref_of(p)):
                                        return name
                                finally:
                                    decref(rt, p)
                finally:
                    decref(rt, c)
            cur = optr(rt, cur).proto
            if first == 0xFFFFFFFF:
                first = cur
        if first == 0:
            return None
        return "Object <Complex prototype>"

    cdef bint is_error(self, uint32_t obj):
        cdef uint16_t cls = optr(self.rt, obj).h.aux
        return cls == CLASS_ERROR or self.in_chain(obj, self.rt.error_protos[E_ERROR])

    # --- formatting ---

    cdef str format_value(self, JSVal v, int recurse_times):
        cdef uint32_t o
        if is_number(v):
            return number_text(num_of(v))
        if is_string(v):
            return self.format_string(js_str(self.rt, ref_of(v)))
        if v == UNDEFINED:
            return "undefined"
        if v == JSNULL:
            return "null"
        if is_bool(v):
            return "true" if bool_of(v) else "false"
        if is_lightfunc(v):
            name = self.function_name(v)
            return "[Function: %s]" % name if name else "[Function (anonymous)]"
        if not is_object(v):
            return "<internal>"
        o = ref_of(v)
        if o in self.seen:
            if self.circular is None:
                self.circular = {}
            index = self.circular.get(o)
            if index is None:
                index = len(self.circular) + 1
                self.circular[o] = index
            return "[Circular *%d]" % index
        return self.format_raw(o, recurse_times)

    cdef str format_string(self, str s):
        trailer = ""
        if len(s) > MAX_STRING_LENGTH:
            remaining = len(s) - MAX_STRING_LENGTH
            s = s[:MAX_STRING_LENGTH]
            trailer = "... %d more character%s" % (remaining, "s" if remaining > 1 else "")
        if len(s) > MIN_LINE_LENGTH and len(s) > self.break_length - self.indentation_lvl - 4:
            # split after each '\n' (JavaScript's split drops the empty last piece)
            pieces = re.split(r"(?<=\n)", s)
            if len(pieces) > 1 and pieces[-1] == "":
                pieces.pop()
            return (" +\n" + " " * (self.indentation_lvl + 2)).join(str_escape(p) for p in pieces) + trailer
        return str_escape(s) + trailer

    cdef str get_prefix(self, object constructor, str tag, str fallback, str size=""):
        if constructor is None:
            if tag and fallback != tag:
                return "[%s%s: null prototype] [%s] " % (fallback, size, tag)
            return "[%s%s: null prototype] " % (fallback, size)
        result = "%s%s " % (constructor, size)
        if tag and tag not in constructor:
            result += "[%s] " % tag
        return result

    cdef str ctx_style(self, uint32_t obj, object constructor, str tag):
        fallback = ""
        if constructor is None:
            fallback = "Array" if optr(self.rt, obj).h.aux == CLASS_ARRAY else "Object"
            if fallback == tag:
                fallback = "Object"
        return self.get_prefix(constructor, tag, fallback)

    cdef str format_raw(self, uint32_t o, int recurse_times):
        cdef Runtime* rt = self.rt
        cdef JSObject* ob = optr(rt, o)
        cdef uint16_t cls = ob.h.aux
        cdef bint callable = (ob.oflags & OF_CALLABLE) != 0
        cdef int extras = K_OBJECT
        cdef list keys
        cdef list output
        cdef str base = ""
        constructor = self.constructor_name(o)
        tag = ""
        if cls == CLASS_MATH:
            tag = "Math"
        elif cls == CLASS_JSON:
            tag = "JSON"
        if cls == CLASS_ARRAY:
            length = ob.length
            prefix = ""
            if constructor != "Array" or tag:
                prefix = self.get_prefix(constructor, tag, "Array", "(%d)" % length)
            keys = self.array_extra_keys(o)
            braces = [prefix + "[", "]"]
            if length == 0 and not keys:
                return braces[0] + "]"
            extras = K_ARRAY_EXTRAS
        else:
            keys = self.keys_of(o, self.show_hidden)
            braces = ["{", "}"]
            try:
                if callable:
                    base = self.function_base(o, constructor, tag)
                    if not keys:
                        return base
                elif constructor == "Object" and cls not in (CLASS_ERROR, CLASS_DATE, CLASS_REGEXP,
                                                             CLASS_NUMBER, CLASS_STRING, CLASS_BOOLEAN):
                    if cls == CLASS_ARGUMENTS:
                        braces[0] = "[Arguments] {"
                    elif tag:
                        braces[0] = self.get_prefix(constructor, tag, "Object") + "{"
                    if not keys:
                        return braces[0] + "}"
                elif cls == CLASS_REGEXP:
                    base = self.regexp_text(o)
                    prefix = self.get_prefix(constructor, tag, "RegExp")
                    if prefix != "RegExp ":
                        base = prefix + base
                    if not keys or (self.depth is not None and recurse_times > self.depth):
                        return base
                elif cls == CLASS_DATE:
                    t = num_of((<JSWrapper*>ob).value) if is_number((<JSWrapper*>ob).value) else float("nan")
                    base = "Invalid Date" if t != t else _iso_date(t)
                    prefix = self.get_prefix(constructor, tag, "Date")
                    if prefix != "Date ":
                        base = prefix + base
                    if not keys:
                        return base
                elif self.is_error(o):
                    base = self.format_error(o, constructor, tag, keys)
                    if not keys:
                        return base
                elif cls == CLASS_NUMBER or cls == CLASS_STRING or cls == CLASS_BOOLEAN:
                    base = self.boxed_base(o, cls, constructor, tag, keys)
                    if not keys:
                        return base
                else:
                    if not keys:
                        return self.ctx_style(o, constructor, tag) + "{}"
                    braces[0] = self.ctx_style(o, constructor, tag) + "{"
            except BaseException:
                self.release_keys(keys)
                raise
        try:
            if self.depth is not None and recurse_times > self.depth:
                name = self.ctx_style(o, constructor, tag)[:-1]
                if constructor is not None:
                    name = "[%s]" % name
                return name
            recurse_times += 1
            self.seen.append(o)
            self.current_depth = recurse_times
            if cls == CLASS_ARRAY:
                output = self.format_array(o, recurse_times)
            else:
                output = []
            for k in keys:
                output.append(self.format_property(o, <uint32_t>k, recurse_times, extras))
            if self.circular is not None:
                index = self.circular.get(o)
                if index is not None:
                    reference = "<ref *%d>" % index
                    base = reference if base == "" else reference + " " + base
            self.seen.pop()
        finally:
            self.release_keys(keys)
        return self.reduce_to_single_string(output, base, braces, extras, recurse_times, o)

    cdef list array_extra_keys(self, uint32_t o):
        """The non-index keys of an array ('length' included when showing hidden ones)."""
        keys = self.keys_of(o, self.show_hidden)
        out = []
        for k in keys:
            if sptr(self.rt, <uint32_t>k).h.flags & HF_ARRAYIDX:
                decref_off(self.rt, <uint32_t>k)
            else:
                out.append(k)
        return out

    cdef str regexp_text(self, uint32_t o):
        cdef Runtime* rt = self.rt
        cdef JSVal v
        cdef uint32_t k
        source = self.builtin_string(o, rt.atoms[A_source])
        if source is None:
            source = "(?:)"
        k = self.key("flags")
        try:
            flags = self.builtin_string(o, k)
        finally:
            decref_off(rt, k)
        if flags is None:
            flags = ""
            for atom, letter in ((A_global, "g"), (A_ignoreCase, "i"), (A_multiline, "m")):
                if self.chain_data(o, rt.atoms[atom], &v):
                    if v == JSTRUE:
                        flags += letter
                    decref(rt, v)
        return "/%s/%s" % (source, flags)

    cdef str function_base(self, uint32_t o, object constructor, str tag):
        cdef Runtime* rt = self.rt
        cdef JSObject* ob = optr(rt, o)
        cdef JSCode* code
        cdef JSVal pname
        if ob.h.aux == CLASS_FUNCTION:
            code = <JSCode*>(rt.base + ob.internal)
            if code.source:
                src = js_str(rt, code.source)
                if src.startswith("class") and src.endswith("}"):
                    name = self.own_string(o, "name") or "(anonymous)"
                    base = "class " + name
                    if constructor != "Function" and constructor is not None:
                        base += " [%s]" % constructor
                    if tag and constructor != tag:
                        base += " [%s]" % tag
                    if constructor is not None:
                        if ob.proto:
                            sup = self.chain_string(ob.proto, rt.atoms[A_name], "")
                            if sup:
                                base += " extends " + sup
                    else:
                        base += " extends [null prototype]"
                    return "[%s]" % base
        base = "[Function"
        if constructor is None:
            base += " (null prototype)"
        name = self.chain_string(o, rt.atoms[A_name], "")
        if name == "":
            base += " (anonymous)"
        elif name is None:
            base += ": <name>"
        else:
            base += ": " + name
        base += "]"
        if constructor != "Function" and constructor is not None:
            base += " " + constructor
        if tag and constructor != tag:
            base += " [%s]" % tag
        return base

    cdef str boxed_base(self, uint32_t o, uint16_t cls, object constructor, str tag, list keys):
        cdef Runtime* rt = self.rt
        cdef JSVal v = (<JSWrapper*>optr(rt, o)).value
        cdef uint32_t n, i
        if cls == CLASS_NUMBER:
            typ = "Number"
            prim = number_text(num_of(v)) if is_number(v) else "NaN"
        elif cls == CLASS_STRING:
            typ = "String"
            s = js_str(rt, ref_of(v)) if is_string(v) else ""
            prim = str_escape(s)
            # drop the index keys
            n = str_len(rt, ref_of(v)) if is_string(v) else 0
            kept = []
            for k in keys:
                if (sptr(rt, <uint32_t>k).h.flags & HF_ARRAYIDX) and sptr(rt, <uint32_t>k).index < n:
                    decref_off(rt, <uint32_t>k)
                else:
                    kept.append(k)
            keys[:] = kept
        else:
            typ = "Boolean"
            prim = "true" if v == JSTRUE else "false"
        base = "[" + typ
        if typ != constructor:
            base += " (null prototype)" if constructor is None else " (%s)" % constructor
        base += ": %s]" % prim
        if tag and tag != constructor:
            base += " [%s]" % tag
        return base

    cdef str error_to_string(self, uint32_t o):
        name = self.chain_string(o, self.rt.atoms[A_name], "Error")
        msg = self.chain_string(o, self.rt.atoms[A_message], "")
        if name is None:
            name = "Error"
        if msg is None:
            msg = ""
        if not name:
            return msg
        if not msg:
            return name
        return name + ": " + msg

    cdef str format_error(self, uint32_t o, object constructor, str tag, list keys):
        cdef Runtime* rt = self.rt
        cdef JSVal v
        stack = self.chain_string(o, rt.atoms[A_stack], None)
        head = self.error_to_string(o)
        if not stack:
            stack = head
        elif stack.startswith("    at ") or not stack.strip():
            # the core's own errors carry only the frames (error_new)
            stack = head + "\n" + stack
        message = self.chain_string(o, rt.atoms[A_message], None)
        name = self.chain_string(o, rt.atoms[A_name], None)
        # hide stack, and message/name when the stack shows them
        kept = []
        for k in keys:
            if k == rt.atoms[A_stack] or (k == rt.atoms[A_message] and (message is None or message in stack)) \
                    or (k == rt.atoms[A_name] and (name is None or name in stack)):
                decref_off(rt, <uint32_t>k)
            else:
                kept.append(k)
        keys[:] = kept
        if rt.atoms[A_cause] not in keys and self.own_data(o, rt.atoms[A_cause], &v) == 1:
            decref(rt, v)
            incref_off(rt, rt.atoms[A_cause])
            keys.append(rt.atoms[A_cause])
        # [stack] when there are no frames to show
        pos = stack.find(message) + len(message) if message else -1
        if pos < 0:
            pos = 0
        if stack.find("\n    at", pos) == -1:
            stack = "[" + stack + "]"
        if self.indentation_lvl:
            stack = stack.replace("\n", "\n" + " " * self.indentation_lvl)
        return stack

    cdef str format_property(self, uint32_t o, uint32_t key, int recurse_times, int typ):
        cdef Runtime* rt = self.rt
        cdef PropDesc d
        cdef int r = get_own_property(rt, o, key, &d)
        cdef str s
        cdef bint enumerable = True
        if r < 0:
            self.clear_exception()
            r = 0
        if r == 0:
            s = "undefined"
        else:
            enumerable = (d.flags & PF_ENUMERABLE) != 0
            try:
                if d.has & HAS_VALUE:
                    self.indentation_lvl += 2
                    try:
                        s = self.format_value(d.value, recurse_times)
                    finally:
                        self.indentation_lvl -= 2
                elif d.getter != UNDEFINED:
                    s = "[Getter/Setter]" if d.setter != UNDEFINED else "[Getter]"
                elif d.setter != UNDEFINED:
                    s = "[Setter]"
                else:
                    s = "undefined"
            finally:
                desc_release(rt, &d)
        if typ == K_ARRAY:
            return s
        k = js_str(rt, key)
        if _KEY_RE.match(k):
            name = "['__proto__']" if k == "__proto__" else k
        else:
            name = str_escape(k)
        if not enumerable:
            name = "[%s]" % name
        return "%s: %s" % (name, s)

    cdef list format_array(self, uint32_t o, int recurse_times):
        cdef Runtime* rt = self.rt
        cdef JSObject* ob = optr(rt, o)
        cdef uint32_t length = ob.length, n, i, k
        cdef JSVal v
        cdef PropDesc d
        cdef int r
        n = length if length < MAX_ARRAY_LENGTH else MAX_ARRAY_LENGTH
        output = []
        for i in range(n):
            ob = optr(rt, o)
            if ob.elems and not (ob.oflags & OF_SPARSE):
                if i < elems_capacity(rt, ob.elems) and elems_items(rt, ob.elems)[i] != EMPTY:
                    v = dup(rt, elems_items(rt, ob.elems)[i])
                    self.indentation_lvl += 2
                    try:
                        output.append(self.format_value(v, recurse_times))
                    finally:
                        self.indentation_lvl -= 2
                        decref(rt, v)
                    continue
                return self.format_special_array(o, recurse_times, n, output, i)
            k = index_key(rt, i)
            if k == 0:
                self.clear_exception()
                raise MemoryError()
            try:
                r = get_own_property(rt, o, k, &d)
                if r < 0:
                    self.clear_exception()
                    r = 0
                if r == 0:
                    return self.format_special_array(o, recurse_times, n, output, i)
                desc_release(rt, &d)
                output.append(self.format_property(o, k, recurse_times, K_ARRAY))
            finally:
                decref_off(rt, k)
        remaining = length - n
        if remaining > 0:
            output.append("... %d more item%s" % (remaining, "s" if remaining > 1 else ""))
        return output

    cdef list format_special_array(self, uint32_t o, int recurse_times, uint32_t max_length, list output,
                                   uint32_t i):
        cdef Runtime* rt = self.rt
        keys = self.keys_of(o, False)
        index = i
        try:
            pos = i
            while pos < len(keys) and len(output) < max_length:
                k = <uint32_t>keys[pos]
                ks = js_str(rt, k)
                if not _NUMBER_KEY_RE.match(ks):
                    break
                tmp = int(ks)
                if tmp > 2 ** 32 - 2:
                    break
                if tmp != index:
                    empty = tmp - index
                    output.append("<%d empty item%s>" % (empty, "s" if empty > 1 else ""))
                    index = tmp
                    if len(output) == max_length:
                        break
                output.append(self.format_property(o, k, recurse_times, K_ARRAY))
                index += 1
                pos += 1
        finally:
            self.release_keys(keys)
        remaining = optr(rt, o).length - index
        if len(output) != max_length:
            if remaining > 0:
                output.append("<%d empty item%s>" % (remaining, "s" if remaining > 1 else ""))
        elif remaining > 0:
            output.append("... %d more item%s" % (remaining, "s" if remaining > 1 else ""))
        return output

    cdef bint element_is_number(self, uint32_t o, uint32_t i):
        cdef Runtime* rt = self.rt
        cdef JSObject* ob = optr(rt, o)
        cdef JSVal v
        cdef uint32_t k
        cdef bint r
        if i >= ob.length:
            return False
        if ob.elems and not (ob.oflags & OF_SPARSE):
            return i < elems_capacity(rt, ob.elems) and is_number(elems_items(rt, ob.elems)[i])
        k = index_key(rt, i)
        if k == 0:
            self.clear_exception()
            return False
        r = self.own_data(o, k, &v) == 1 and is_number(v)
        decref_off(rt, k)
        return r

    cdef list group_array_elements(self, list output, uint32_t value):
        cdef int i, j
        total_length = 0
        max_length = 0
        output_length = len(output)
        if MAX_ARRAY_LENGTH < output_length:
            output_length -= 1          # the "... more items" entry (Node's rule)
        separator_space = 2
        data_len = []
        for i in range(output_length):
            ln = len(output[i])
            data_len.append(ln)
            total_length += ln + separator_space
            if max_length < ln:
                max_length = ln
        actual_max = max_length + separator_space
        if actual_max * 3 + self.indentation_lvl < self.break_length and \
                (total_length / actual_max > 5 or max_length <= 6):
            approx_char_heights = 2.5
            average_bias = (actual_max - total_length / len(output)) ** 0.5 \
                if actual_max - total_length / len(output) > 0 else 0.0
            biased_max = max(actual_max - 3 - average_bias, 1)
            columns = min(
                _js_round((approx_char_heights * biased_max * output_length) ** 0.5 / biased_max),
                (self.break_length - self.indentation_lvl) // actual_max,
                COMPACT * 4,
                15)
            if columns <= 1:
                return output
            tmp = []
            max_line_length = []
            for i in range(columns):
                line_length = 0
                j = i
                while j < output_length:
                    if data_len[j] > line_length:
                        line_length = data_len[j]
                    j += columns
                max_line_length.append(line_length + separator_space)
            pad_start = True
            for i in range(len(output)):
                if not self.element_is_number(value, i):
                    pad_start = False
                    break
            i = 0
            while i < output_length:
                max_i = min(i + columns, output_length)
                line = []
                j = i
                while j < max_i - 1:
                    cell = output[j] + ", "
                    width = max_line_length[j - i]
                    line.append(cell.rjust(width) if pad_start else cell.ljust(width))
                    j += 1
                if pad_start:
                    line.append(output[j].rjust(max_line_length[j - i] - separator_space))
                else:
                    line.append(output[j])
                tmp.append("".join(line))
                i += columns
            if output_length < len(output):
                tmp.append(output[output_length])
            output = tmp
        return output

    cdef bint is_below_break_length(self, list output, int start, str base):
        total_length = len(output) + start
        if total_length + len(output) > self.break_length:
            return False
        for s in output:
            total_length += len(s)
            if total_length > self.break_length:
                return False
        return base == "" or "\n" not in base

    cdef str reduce_to_single_string(self, list output, str base, list braces, int extras,
                                     int recurse_times, uint32_t value):
        entries = len(output)
        if extras == K_ARRAY_EXTRAS and entries > 6:
            output = self.group_array_elements(output, value)
        if self.current_depth - recurse_times < COMPACT and entries == len(output):
            start = len(output) + self.indentation_lvl + len(braces[0]) + len(base) + 10
            if self.is_below_break_length(output, start, base):
                joined = ", ".join(output)
                if "\n" not in joined:
                    return (base + " " if base else "") + braces[0] + " " + joined + " " + braces[1]
        indentation = "\n" + " " * self.indentation_lvl
        return ((base + " " if base else "") + braces[0] + indentation + "  "
                + ("," + indentation + "  ").join(output) + indentation + braces[1])


def _js_round(x):
    """Math.round (halves up)."""
    return int(floor(x + 0.5))


# --- entry points ---------------------------------------------------------------------------

cdef str inspect_value(Runtime* rt, JSVal v, object depth=DEFAULT_DEPTH, bint show_hidden=False):
    cdef Inspector ins = Inspector.__new__(Inspector)
    ins.rt = rt
    ins.depth = depth
    ins.show_hidden = show_hidden
    return ins.format_value(v, 0)


cdef uint32_t inspect_jsstring(Runtime* rt, JSVal v, int depth) noexcept:
    cdef uint32_t s
    try:
        s = str_from_py(rt, inspect_value(rt, v, depth if depth >= 0 else None))
    except MemoryError:
        throw_oom(rt)
        return 0
    except BaseException as exc:
        throw_error_str(rt, E_ERROR, "inspect failed: %r" % (exc,))
        return 0
    if s == 0:
        throw_oom(rt)
    return s


def inspect(engine, value, depth=DEFAULT_DEPTH, show_hidden=False):
    """util.inspect(value) for a value of `engine` (a JSObject handle or a Python value).

    depth=None means no limit.  Getters are not invoked and no JavaScript runs.
    """
    cdef Engine eng = <Engine?>engine
    cdef JSVal v
    if isinstance(value, ObjectHandle):
        return inspect_value(eng.rt, (<ObjectHandle>value).value(), depth, show_hidden)
    v = eng.to_js(value)
    try:
        return inspect_value(eng.rt, v, depth, show_hidden)
    finally:
        decref(eng.rt, v)


def format(engine, *args):
    """util.format(...args) / the text console.log writes (without the newline)."""
    cdef Engine eng = <Engine?>engine
    cdef JSVal argv[64]
    cdef int n = len(args), i
    if n > 64:
        raise ValueError("too many arguments")
    for i in range(n):
        argv[i] = eng.to_js(args[i]) if not isinstance(args[i], ObjectHandle) \
            else dup(eng.rt, (<ObjectHandle>args[i]).value())
    try:
        return format_args(eng.rt, n, argv)
    except JSPending:
        raise eng.take_exception()
    finally:
        for i in range(n):
            decref(eng.rt, argv[i])


# --- util.format ------------------------------------------------------------------------------

cdef str to_py_string(Runtime* rt, JSVal v):
    """String(v) (may run JavaScript)."""
    cdef uint32_t s = to_string(rt, v)
    if s == 0:
        raise JSPending()
    try:
        return js_str(rt, s)
    finally:
        decref_off(rt, s)


cdef double to_py_number(Runtime* rt, JSVal v) except? -1.5:
    cdef double d
    if to_number(rt, v, &d) < 0:
        raise JSPending()
    return d


_WS = " \t\n\v\f\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_FLOAT_RE = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def _parse_int(str s):
    s = s.lstrip(_WS)
    sign = 1
    if s[:1] in ("+", "-"):
        if s[0] == "-":
            sign = -1
        s = s[1:]
    radix = 10
    if s[:2] in ("0x", "0X"):
        radix = 16
        s = s[2:]
    digits = "0123456789abcdef"[:radix]
    n = 0
    while n < len(s) and s[n].lower() in digits:
        n += 1
    if n == 0:
        return float("nan")
    return float(sign * int(s[:n], radix))


def _parse_float(str s):
    m = _FLOAT_RE.match(s.lstrip(_WS))
    if not m:
        return float("nan")
    t = m.group(0)
    if t.endswith("Infinity"):
        return float("-inf") if t[0] == "-" else float("inf")
    return float(t)


cdef bint has_builtin_to_string(Inspector ins, uint32_t o):
    """Node's hasBuiltInToString: is o's toString one of the built-in ones?"""
    cdef Runtime* rt = ins.rt
    cdef JSVal v
    cdef uint32_t cur = o
    cdef int guard = 0
    cdef object r
    while cur and guard < 10000:
        guard += 1
        r = ins.own_data(cur, rt.atoms[A_toString], &v)
        if r:
            if r == 1:
                decref(rt, v)
            if cur == o:
                return False
            name = ins.intrinsic_name(cur)
            if name is None:
                cname = None
                if ins.own_data(cur, rt.atoms[A_constructor], &v) == 1:
                    if is_object(v) or is_lightfunc(v):
                        cname = ins.function_name(v)
                    decref(rt, v)
                name = cname
            return name in _BUILTIN_CTORS
        cur = optr(rt, cur).proto
    return True


cdef str json_text(Runtime* rt, JSVal v):
    """%j: JSON.stringify(v), '[Circular]' for a cycle, 'undefined' for undefined."""
    cdef JSVal r
    cdef JSVal msg
    cdef Inspector ins
    if json_stringify(rt, UNDEFINED, 1, &v, 0, 0, &r) < 0:
        # circular structure -> '[Circular]', anything else propagates
        if is_object(rt.exc):
            ins = Inspector.__new__(Inspector)
            ins.rt = rt
            m = ins.chain_string(ref_of(rt.exc), rt.atoms[A_message], None)
            if m == "Converting circular structure to JSON":
                ins.clear_exception()
                return "[Circular]"
        raise JSPending()
    try:
        if r == UNDEFINED:
            return "undefined"
        return js_str(rt, ref_of(r))
    finally:
        decref(rt, r)


cdef str format_args(Runtime* rt, int argc, JSVal* argv):
    cdef int a = 0, i
    cdef JSVal arg
    cdef Inspector ins
    cdef double d
    if argc == 0:
        return ""
    parts = []
    join = ""
    if is_string(argv[0]):
        first = js_str(rt, ref_of(argv[0]))
        if argc == 1:
            return first
        last_pos = 0
        i = 0
        n = len(first)
        while i < n - 1:
            if first[i] == "%":
                i += 1
                nc = first[i]
                if a + 1 != argc:
                    if nc == "s":
                        a += 1
                        arg = argv[a]
                        if is_number(arg):
                            temp = number_text(num_of(arg))
                        elif not is_object(arg):
                            temp = to_py_string(rt, arg)
                        else:
                            ins = Inspector.__new__(Inspector)
                            ins.rt = rt
                            if has_builtin_to_string(ins, ref_of(arg)):
                                temp = inspect_value(rt, arg, 0)
                            else:
                                temp = to_py_string(rt, arg)
                    elif nc == "j":
                        a += 1
                        temp = json_text(rt, argv[a])
                    elif nc == "d":
                        a += 1
                        arg = argv[a]
                        if is_object(arg):
                            d = to_py_number(rt, arg)
                        else:
                            d = to_py_number(rt, arg)
                        temp = number_text(d)
                    elif nc == "O":
                        a += 1
                        temp = inspect_value(rt, argv[a])
                    elif nc == "o":
                        a += 1
                        temp = inspect_value(rt, argv[a], 4, True)
                    elif nc == "i":
                        a += 1
                        temp = number_text(_parse_int(to_py_string(rt, argv[a])))
                    elif nc == "f":
                        a += 1
                        temp = number_text(_parse_float(to_py_string(rt, argv[a])))
                    elif nc == "c":
                        a += 1
                        temp = ""
                    elif nc == "%":
                        parts.append(first[last_pos:i])
                        last_pos = i + 1
                        i += 1
                        continue
                    else:
                        i += 1
                        continue
                    if last_pos != i - 1:
                        parts.append(first[last_pos:i - 1])
                    parts.append(temp)
                    last_pos = i + 1
                elif nc == "%":
                    parts.append(first[last_pos:i])
                    last_pos = i + 1
            i += 1
        if last_pos != 0:
            a += 1
            join = " "
            if last_pos < n:
                parts.append(first[last_pos:])
    while a < argc:
        arg = argv[a]
        parts.append(join)
        parts.append(js_str(rt, ref_of(arg)) if is_string(arg) else inspect_value(rt, arg))
        join = " "
        a += 1
    return "".join(parts)
