"""Looking at JavaScript values without running user code.

Completion, Shift-Tab and the HTML view need "what is ``a.b.c``?" and "which
names does it have?".  Evaluating the expression could run getters or calls,
so a small helper -- compiled once per engine, before any cell runs, holding
its own references to the built-ins it uses -- walks property *descriptors*
instead: a getter is reported as a getter and never called.
"""
from __future__ import annotations

import glassjs

_HELPER = r"""
(function (Object, Error, Function) {
  var gopd = Object.getOwnPropertyDescriptor, gpo = Object.getPrototypeOf,
      gopn = Object.getOwnPropertyNames, toStr = Object.prototype.toString,
      fnToStr = Function.prototype.toString;
  function typeOf(v) { return v === null ? 'null' : typeof v; }
  function lookup(obj, key) {
    if (obj === null || obj === undefined) return ['missing'];
    var o = Object(obj), depth = 0;
    while (o !== null && depth++ < 1000) {
      var d = gopd(o, key);
      if (d) return 'value' in d ? ['value', d.value] : ['getter'];
      o = gpo(o);
    }
    return ['missing'];
  }
  function names(obj, limit) {
    var seen = {}, out = [], o = Object(obj), depth = 0;
    while (o !== null && depth++ < 100 && out.length < limit) {
      var ks = gopn(o);
      for (var i = 0; i < ks.length && out.length < limit; i++) {
        var k = ks[i], c = k.charCodeAt(0);
        if (c >= 48 && c <= 57) continue;            /* array indices are not completions */
        if (seen['$' + k] === true) continue;
        seen['$' + k] = true;
        var d = gopd(o, k);
        out.push([k, 'value' in d ? typeOf(d.value) : 'getter', depth]);
      }
      o = gpo(o);
    }
    return out;
  }
  function ownEntries(obj, limit) {
    var out = [], ks = gopn(Object(obj));
    for (var i = 0; i < ks.length && out.length < limit; i++) {
      var d = gopd(obj, ks[i]);
      if (!d.enumerable) continue;
      out.push('value' in d ? [ks[i], 'value', d.value] : [ks[i], 'getter']);
    }
    return out;
  }
  return {
    lookup: lookup, names: names, ownEntries: ownEntries,
    isError: function (v) { return v instanceof Error; },
    className: function (v) { return toStr.call(v).slice(8, -1); },
    source: function (f) { return fnToStr.call(f); },
    typeOf: typeOf,
    global: this
  };
}).call(this, Object, Error, Function)
"""



class Probe:
    """Descriptor-based access to one engine's values (no getters, no calls of user code)."""

    def __init__(self, engine):
        self.engine = engine
        self._js = engine.eval(_HELPER, filename="<glassjs probe>")
        self._lookup = self._js["lookup"]
        self._names = self._js["names"]
        self._entries = self._js["ownEntries"]
        self._is_error = self._js["isError"]
        self._class_name = self._js["className"]
        self._source = self._js["source"]
        self.global_object = self._js["global"]
        self.lexical_names: set[str] = set()      # top-level let/const seen in cells

    def lookup(self, obj, key: str):
        """('value', v) | ('getter', None) | ('missing', None) for obj[key]."""
        res = self._lookup(obj, key)
        state = res["0"]
        return state, (res["1"] if state == "value" else None)

    def resolve(self, chain: list[str]):
        """Resolve a dotted identifier chain from the global scope, safely."""
        if not chain:
            return "missing", None
        state, value = self.lookup(self.global_object, chain[0])
        if state == "missing" and chain[0] in self.lexical_names:
            try:                              # a let/const binding: plain identifier read, no getter
                state, value = "value", self.engine.eval(chain[0], filename="<glassjs probe>")
            except glassjs.JSError:
                return "missing", None
        for key in chain[1:]:
            if state != "value":
                return state, None
            state, value = self.lookup(value, key)
        return state, value

    def names(self, value, limit: int = 2000) -> list[tuple[str, str]]:
        """[(name, type)] of every property reachable on value: own ones in property order,
        then inherited ones alphabetically."""
        if value is None or value is glassjs.undefined:
            return []
        arr = self._names(value, limit)
        rows = [(arr[str(i)]["0"], arr[str(i)]["1"], arr[str(i)]["2"]) for i in range(int(arr["length"]))]
        rows.sort(key=lambda r: (r[2] > 1, r[0].lower() if r[2] > 1 else ""))
        return [(name, typ) for name, typ, _ in rows]

    def global_names(self) -> list[tuple[str, str]]:
        out = self.names(self.global_object)
        seen = {n for n, _ in out}
        for name in sorted(self.lexical_names - seen):
            state, value = self.resolve([name])
            if state == "value":
                out.append((name, self.type_of(value)))
        return out

    def entries(self, obj, limit: int = 200):
        """[(key, 'value', v) | (key, 'getter', None)] of obj's own enumerable properties."""
        arr = self._entries(obj, limit)
        out = []
        for i in range(int(arr["length"])):
            e = arr[str(i)]
            state = e["1"]
            out.append((e["0"], state, e["2"] if state == "value" else None))
        return out

    def is_error(self, value) -> bool:
        return isinstance(value, glassjs.JSObject) and bool(self._is_error(value))

    def class_name(self, value) -> str:
        return self._class_name(value) if isinstance(value, glassjs.JSObject) else ""

    def source(self, fn) -> str:
        try:
            return self._source(fn)
        except glassjs.JSError:
            return ""

    def type_of(self, value) -> str:
        if value is glassjs.undefined:
            return "undefined"
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, float):
            return "number"
        if isinstance(value, str):
            return "string"
        return "function" if getattr(value, "callable", False) else "object"

    def note_declarations(self, source: str) -> None:
        """Remember the top-level let/const names a cell declares (the engine has no API to list them)."""
        if "let" not in source and "const" not in source:
            return
        from glassjs.engine.compiler.parser import parse_script
        try:
            program = parse_script(source, "<glassjs probe>")
        except Exception:
            return
        for stmt in program.body or []:
            if stmt.type == "VariableDeclaration" and stmt.kind in ("let", "const"):
                for decl in stmt.declarations or []:
                    self.lexical_names.update(_pattern_names(decl.id))


def _pattern_names(node) -> list[str]:
    if node is None:
        return []
    if node.type == "Identifier":
        return [node.name]
    if node.type == "ObjectPattern":
        return [n for p in node.properties or [] for n in _pattern_names(getattr(p, "value", None) or p)]
    if node.type == "ArrayPattern":
        return [n for e in node.elements or [] for n in _pattern_names(e)]
    if node.type == "AssignmentPattern":
        return _pattern_names(node.left)
    if node.type == "RestElement":
        return _pattern_names(node.argument)
    return []
