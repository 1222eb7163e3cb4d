"""The visualizers in the kernel: the JavaScript global ``glass`` and a magic per view.

Every view registered in ``glassjs.visualizers.VIEWS`` becomes

    %NAME [EXPR]                 (the magic evaluates EXPR in the cell's realm)
    glass.NAME([value[, options]])  (from JavaScript, e.g. glass.heap(obj), glass.value(1.5))

and both display the view in the cell's output: a widget for JupyterLab
with text/plain and text/html fallbacks.  Values travel from JavaScript in
a box object ``{v: value}`` so the view reads the word the engine stored
(a string's own offset), not a copy made for Python.
"""
from __future__ import annotations

import uuid

import glassjs
import glassjs.visualizers  # noqa: F401  (importing it registers the views)
from glassjs.visualizers.base import VIEWS, boxed_subject
from glassjs.kernel.magics import MAGICS, MagicError

_WRAPPER = r"""
(function (host, names) {
  var glass = {};
  function make(name) {
    return function (value, options) {
      host(name, {v: value, given: arguments.length > 0,
                  options: options === undefined ? null : options});
    };
  }
  for (var i = 0; i < names.length; i++) glass[names[i]] = make(names[i]);
  return glass;
})
"""


class GlassAPI:
    """Installs ``glass`` into each engine; shows views through ``publish(data, metadata, display_id, update)``."""

    def __init__(self, publish):
        self.publish = publish
        self.engine = None

    def install(self, engine) -> None:
        factory = engine.eval(_WRAPPER, filename="<glassjs glass>")
        self._type_error = engine.eval("TypeError")
        engine.set_global("glass", factory(self._host, sorted(VIEWS)))
        self.engine = engine

    def show(self, view) -> None:
        self.publish(view._repr_mimebundle_(), {}, uuid.uuid4().hex, False)

    def _host(self, name, box):
        spec = VIEWS[name]
        try:
            subj = boxed_subject(self.engine, box) if box["given"] and spec.takes != "none" else None
            if subj is None and spec.takes == "value":
                raise ValueError(f"glass.{name}(value) needs a value")
            view = spec.build(self.engine, subj, _options(box["options"]))
        except (ValueError, KeyError, TypeError) as exc:
            msg = f"glass.{name}: {exc}"
            raise glassjs.JSError("TypeError", msg, value=self._type_error(msg)) from None
        self.show(view)
        return glassjs.undefined


def _options(options) -> dict:
    if isinstance(options, glassjs.JSObject):
        return {key: options[key] for key in options.keys()}
    return {}


def view_magic(name: str):
    """The magic for one view: %NAME [EXPR]."""
    def run(k, arg, body):
        spec = VIEWS[name]
        expr = arg.strip()
        if spec.takes == "value" and not expr:
            raise MagicError(f"usage: %{name} EXPR")
        if spec.takes == "none" and expr:
            raise MagicError(f"%{name} takes no argument")
        engine = k.js.engine
        subj = None
        if expr:
            box = k.js.run(f"({{v: ({expr}\n)}})", f"<%{name}>")
            subj = boxed_subject(engine, box)
        try:
            view = spec.build(engine, subj, {"title": expr} if expr else {})
        except (ValueError, KeyError) as exc:
            raise MagicError(f"%{name}: {exc}") from None
        k.display_object(view)
    return run


def register_magics() -> None:
    for name, spec in VIEWS.items():
        MAGICS[name] = (view_magic(name), spec.help)


register_magics()
