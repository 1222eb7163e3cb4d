"""Engine adapters for the benchmarks.

An adapter creates a fresh context with a working ``console.log`` and then
evaluates one program in it:

    ctx = adapter.create()          # fresh context; NOT timed
    adapter.eval(ctx, src, name)    # timed by the caller
    adapter.output(ctx)             # the lines console.log printed
    adapter.dispose(ctx)

``console.log`` joins its arguments with spaces after String() (like
browsers/Node for primitives).  Adapters: glassjs, quickjs (PyPI quickjs),
duktape (PyPI dukpy 0.5.1).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

# console.log on top of a host function taking one string
_CONSOLE_JS = r"""
var __bench_str = typeof String === "function" ? String : function (x) { return "" + x; };
var console = {
  log: function () {
    var s = "";
    for (var i = 0; i < arguments.length; i++) s += (i ? " " : "") + __bench_str(arguments[i]);
    __bench_print(s);
  }
};
"""

# dukpy: collect into an array that the host reads afterwards
_DUK_CONSOLE_JS = r"""
var __bench_out = [];
console = {
  log: function () {
    var s = "";
    for (var i = 0; i < arguments.length; i++) s += (i ? " " : "") + String(arguments[i]);
    __bench_out.push(s);
  }
};
"""


class QuickJS:
    name = "quickjs"

    def __init__(self):
        import quickjs
        self.mod = quickjs

    def create(self):
        ctx = self.mod.Context()
        out = []
        ctx.add_callable("__bench_print", lambda s: out.append(str(s)))
        ctx.eval(_CONSOLE_JS)
        return (ctx, out)

    def create_bare(self):
        return self.mod.Context()

    def eval(self, handle, src, filename):
        handle[0].eval(src)

    def eval_bare(self, ctx, src):
        return ctx.eval(src)

    def output(self, handle):
        return list(handle[1])

    def dispose(self, handle):
        pass

    def version(self):
        return "PyPI quickjs (QuickJS 2021-03-27)"


class Duktape:
    name = "duktape"

    def __init__(self):
        import dukpy
        self.mod = dukpy

    def create(self):
        interp = self.mod.JSInterpreter()
        interp.evaljs(_DUK_CONSOLE_JS)
        return interp

    def create_bare(self):
        return self.mod.JSInterpreter()

    def eval(self, interp, src, filename):
        # the completion value goes through JSON: make it null
        interp.evaljs(src + "\n;null;")

    def eval_bare(self, interp, src):
        return interp.evaljs(src)

    def output(self, interp):
        return list(interp.evaljs("__bench_out"))

    def dispose(self, interp):
        pass

    def version(self):
        return "PyPI dukpy 0.5.1 (Duktape 2.x)"


def import_glassjs():
    if ("glassjs" not in sys.modules and importlib.util.find_spec("glassjs") is None
            and str(REPO_ROOT) not in sys.path):
        sys.path.insert(0, str(REPO_ROOT))
    import glassjs
    if not hasattr(glassjs, "Engine"):
        raise ImportError(f"glassjs (from {getattr(glassjs, '__path__', '?')}) has no Engine: "
                          "is the engine built?")
    return glassjs


class GlassJS:
    name = "glassjs"

    def __init__(self):
        self.mod = import_glassjs()

    def create(self):
        chunks = []
        e = self.mod.Engine(stdout=chunks.append, stderr=lambda s: None)
        # docs/api.md: console.log writes to stdout.  If this build has no
        # console yet, provide one through a host function.
        if e.eval("typeof console", filename="<bench-setup>") != "object":
            e.set_global("__bench_print", lambda s: chunks.append(str(s) + "\n"))
            e.eval(_CONSOLE_JS, filename="<bench-setup>")
        return (e, chunks)

    def create_bare(self):
        return self.mod.Engine()

    def eval(self, handle, src, filename):
        handle[0].eval(src, filename=filename)

    def eval_bare(self, e, src):
        return e.eval(src, filename="<startup>")

    def output(self, handle):
        return "".join(handle[1]).splitlines()

    def dispose(self, handle):
        pass

    def version(self):
        return f"glassjs {getattr(self.mod, '__version__', '')}".strip()


ADAPTERS = {"glassjs": GlassJS, "quickjs": QuickJS, "duktape": Duktape}


def make_adapter(name):
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(ADAPTERS)})") from None
