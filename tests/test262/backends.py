"""Engine backends for the test262 runner.

Everything that touches a JavaScript engine lives here.  A backend runs one
complete source text in a *fresh realm* and reports what happened:

    backend.run_source(source, strict, filename, timeout=None) -> Outcome

``source`` is the final script (harness prelude + test, already prefixed with
``"use strict";`` for strict runs); ``strict`` says whether that prefix was
applied (informational: engines need not act on it).  The backend installs
the host-defined bindings of INTERPRETING.md (``print`` and ``$262``) before
evaluating, drains the job queue afterwards, and classifies an uncaught
exception by its constructor name and its *phase*: ``"parse"`` when the
script failed before any of its code ran, ``"runtime"`` otherwise.

Backends:

* ``glassjs``  -- the engine of this repository (``glassjs.Engine``), per the
  contract in docs/api.md: JSError.phase tells the phase, the interrupt
  handler implements the timeout.
* ``quickjs``  -- PyPI ``quickjs`` (QuickJS 2021-03-27), the reference that
  validates the runner.  It has no "parse only" API and reports every error as
  ``JSException``; the phase is recovered as described in
  :func:`QuickJSBackend._phase`.
* ``duktape``  -- PyPI ``dukpy`` 0.5.1 (Duktape 2.x), a second cross-check.
  No interrupt support: runaway tests are stopped by the pool's watchdog.
  No ``$262.evalScript``.

A backend may also be given as ``"package.module:ClassName"``.
"""

from __future__ import annotations

import importlib
import re
import time
from dataclasses import dataclass, field

__all__ = ["Outcome", "Backend", "GlassJSBackend", "QuickJSBackend",
           "DuktapeBackend", "BACKENDS", "make_backend", "HOST_PRELUDE"]


@dataclass
class Outcome:
    """What happened when one source text ran.

    kind:    "ok"       -- evaluated (and the job queue drained) without an
                           uncaught exception
             "error"    -- an uncaught exception; see name/message/phase
             "timeout"  -- stopped by the interrupt handler / time limit
             "crash"    -- the engine died (set by the pool, not by backends)
             "unsupported" -- the backend cannot run this source at all
             "internal" -- the engine failed with a host (Python) exception
                           or the host set-up failed; message says which
    name:    constructor name of the thrown value ("SyntaxError", ...) or None
    phase:   "parse" | "runtime" (for kind == "error")
    printed: strings passed to print() (async tests report through it)
    """
    kind: str
    name: str | None = None
    message: str = ""
    phase: str | None = None
    printed: list = field(default_factory=list)

    def describe(self) -> str:
        if self.kind == "error":
            head = self.name or "uncaught exception"
            return f"{head}: {self.message}" if self.message else head
        return self.kind + (f": {self.message}" if self.message else "")


# ---------------------------------------------------------------------------
# the host-defined bindings, in plain ES5 so that any engine can evaluate them
# (evaluated as its own script before the test; not part of the test's text)

HOST_PRELUDE = r"""
(function (g) {
  var hostPrint = g.__glassjs_host_print, hostEval = g.__glassjs_host_evalScript,
      hostTakeError = g.__glassjs_host_takeError, hostGc = g.__glassjs_host_gc;
  try { delete g.__glassjs_host_print; } catch (e) {}
  try { delete g.__glassjs_host_evalScript; } catch (e) {}
  try { delete g.__glassjs_host_takeError; } catch (e) {}
  try { delete g.__glassjs_host_gc; } catch (e) {}
  var ERROR_FLAVOR = "@ERROR_FLAVOR@";   // "string": "Name: message"; "box": [value]
  // capture the error constructors now (tests may replace the globals); an
  // engine that lacks some of them still gets a working prelude
  var ctors = {}, names = ["Error", "EvalError", "RangeError", "ReferenceError",
                           "SyntaxError", "TypeError", "URIError"];
  for (var i = 0; i < names.length; i++) ctors[names[i]] = g[names[i]];
  var define = typeof Object !== "undefined" && typeof Object.defineProperty === "function"
      ? Object.defineProperty : null;
  var toStr = typeof String === "function" ? String : function (x) { return "" + x; };
  function hidden(obj, name, value) {
    if (define) define(obj, name, {value: value, writable: true, enumerable: false, configurable: true});
    else obj[name] = value;
  }
  function unsupported(what) {
    return function () {
      var msg = "$262." + what + " is not supported by this host";
      if (typeof ctors.TypeError === "function") throw new ctors.TypeError(msg);
      throw msg;
    };
  }
  function rebuild(err) {
    if (ERROR_FLAVOR === "box") return err[0];
    var m = /^([A-Za-z_$][\w$]*Error)(?:: ([\s\S]*))?$/.exec(toStr(err));
    if (!m) return new ctors.Error(toStr(err));
    var C = ctors[m[1]] || g[m[1]] || ctors.Error;
    return new C(m[2] === undefined ? "" : m[2]);
  }
  var $262 = {
    global: g,
    evalScript: typeof hostEval === "function" ? function evalScript(src) {
      var value = hostEval(toStr(src));
      var err = hostTakeError();
      if (err !== null && err !== undefined) throw rebuild(err);
      return value;
    } : unsupported("evalScript"),
    gc: typeof hostGc === "function" ? function gc() { hostGc(); } : unsupported("gc"),
    createRealm: unsupported("createRealm"),
    detachArrayBuffer: unsupported("detachArrayBuffer"),
    agent: {
      start: unsupported("agent.start"), broadcast: unsupported("agent.broadcast"),
      getReport: unsupported("agent.getReport"), sleep: unsupported("agent.sleep"),
      monotonicNow: unsupported("agent.monotonicNow")
    }
  };
  // print goes to the host function if there is one, else into a string
  // buffer that the host reads through the function this script returns (a
  // string, not an array: tests may put setters on Array.prototype)
  var printed = "", count = 0;
  hidden(g, "print", function print(msg) {
    var s = toStr(msg);
    if (typeof hostPrint === "function") hostPrint(s);
    else printed += (count++ ? "\u0001" : "") + s;
  });
  hidden(g, "$262", $262);
  return function readPrinted() { return printed; };
})(this);
"""

# Appended (after a newline and a ';') to the source by the QuickJS and
# Duktape backends.  Global function declarations are instantiated after the
# whole script parsed and before any statement runs, so "is it defined?" after
# an error tells a parse-phase error from a runtime one without touching the
# start of the text (a prepended statement would break directive prologues,
# e.g. the "use strict" of `raw` tests).  The leading ';' closes a dangling
# statement so that it cannot swallow the declaration.
PARSE_MARKER = "__glassjs_parsed__"
STRICT_PREFIX = '"use strict";\n'     # as applied by harness.build_source
_MARKER_SUFFIX = "\n;function " + PARSE_MARKER + "() {}\n"


def _prelude(flavor: str) -> str:
    return HOST_PRELUDE.replace("@ERROR_FLAVOR@", flavor)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_NAME_RE = re.compile(r"^([A-Za-z_$][\w$]*Error)(?::\s?(.*))?$", re.S)


def split_error_text(text: str):
    """'TypeError: msg' -> ("TypeError", "msg"); other text -> (None, text).

    Only names ending in "Error" count as names (a thrown string "foo: bar"
    must not look like an error named "foo").
    """
    m = _NAME_RE.match(text.strip())
    if m:
        return m.group(1), (m.group(2) or "").strip()
    return None, text.strip()


class Backend:
    """Interface.  One instance lives in each worker process and is reused
    for many tests; every run_source call must use a fresh realm."""

    name = "abstract"
    supports_modules = False
    has_interrupts = True      # False: only the pool's watchdog stops runaways
    host_features = frozenset()  # e.g. {"IsHTMLDDA"} if $262.IsHTMLDDA is provided
    can_block = True           # [[CanBlock]] of the agent (CanBlockIsFalse/True flags)

    def run_source(self, source: str, strict: bool, filename: str,
                   timeout: float | None = None) -> Outcome:
        raise NotImplementedError

    def close(self):
        pass


# ---------------------------------------------------------------------------

def import_glassjs():
    """Import glassjs: installed, or else from the repository root (an
    in-place build).  Raises ImportError if it has no Engine."""
    import importlib.util
    import sys
    from pathlib import Path
    repo = str(Path(__file__).resolve().parents[2])
    if ("glassjs" not in sys.modules and importlib.util.find_spec("glassjs") is None
            and repo not in sys.path):
        sys.path.insert(0, repo)
    import glassjs
    missing = [n for n in ("Engine", "JSError", "JSInterrupted") if not hasattr(glassjs, n)]
    if missing:
        raise ImportError(f"glassjs (from {getattr(glassjs, '__path__', '?')}) lacks "
                          f"{', '.join(missing)}: is the engine built?")
    return glassjs


class GlassJSBackend(Backend):
    """glassjs.Engine per docs/api.md."""

    name = "glassjs"

    def __init__(self, memory_limit: int = 256 << 20):
        self.glassjs = import_glassjs()     # fail early, in the worker's start-up
        self.memory_limit = memory_limit

    def _drain_jobs(self, engine):
        # docs/api.md does not (yet) name a job-queue API; eval is expected to
        # run pending jobs itself.  Use an explicit one if the engine has it.
        for meth in ("run_jobs", "run_pending_jobs", "execute_pending_jobs"):
            fn = getattr(engine, meth, None)
            if callable(fn):
                fn()
                return
        fn = getattr(engine, "execute_pending_job", None)
        if callable(fn):
            while fn():
                pass

    def run_source(self, source, strict, filename, timeout=None):
        gj = self.glassjs
        printed, pending = [], []
        deadline = None if timeout is None else time.monotonic() + timeout
        engine = gj.Engine(
            memory_limit=self.memory_limit,
            stdout=lambda s: None, stderr=lambda s: None,
            interrupt_handler=(lambda: time.monotonic() > deadline) if deadline else None,
        )

        def eval_script(src):
            try:
                return engine.eval(src, filename="<evalScript>")
            except gj.JSError as err:
                pending.append([err.value])
            except Exception as err:          # never let Python errors escape
                pending.append([f"Error: host evalScript failed: {err}"])
            return None

        def take_error():
            return pending.pop() if pending else None

        try:
            engine.set_global("__glassjs_host_print", lambda s: printed.append(str(s)))
            engine.set_global("__glassjs_host_evalScript", eval_script)
            engine.set_global("__glassjs_host_takeError", take_error)
            engine.set_global("__glassjs_host_gc", lambda: (engine.gc(), None)[1])
            engine.eval(_prelude("box"), filename="<host-prelude>")
        except Exception as err:
            return Outcome("internal", message=_short(
                f"host set-up ($262, print) failed: {type(err).__name__}: {err}"))
        try:
            engine.eval(source, filename=filename)
            self._drain_jobs(engine)
        except gj.JSInterrupted:
            return Outcome("timeout", printed=printed)
        except gj.JSError as err:
            name = getattr(err, "name", None) or None
            message = getattr(err, "message", "") or ""
            if not name:
                name, message = split_error_text(str(err))
            phase = getattr(err, "phase", None) or "runtime"
            return Outcome("error", name, _short(message), phase, printed)
        except RecursionError as err:
            return Outcome("internal", message=_short(f"Python RecursionError: {err}"),
                           printed=printed)
        except Exception as err:            # a bug in the engine, not a JS error
            return Outcome("internal", message=_short(f"{type(err).__name__}: {err}"),
                           printed=printed)
        return Outcome("ok", printed=printed)


# ---------------------------------------------------------------------------

class QuickJSBackend(Backend):
    """PyPI quickjs: one quickjs.Context (= a new runtime) per run."""

    name = "quickjs"

    def __init__(self, memory_limit: int | None = None):
        import quickjs
        self.quickjs = quickjs
        self.memory_limit = memory_limit

    @staticmethod
    def _split(exc_text: str):
        # str(JSException) is "<String(value)>\n<value.stack>"; stack frames
        # are lines starting with "    at ".  Thrown non-Errors end in
        # "\nundefined" (their .stack).
        text = exc_text
        stack = ""
        idx = text.find("\n    at ")
        if idx >= 0:
            text, stack = text[:idx], text[idx:]
        elif text.endswith("\nundefined"):
            text = text[: -len("\nundefined")]
        return text, stack

    def _phase(self, ctx, stack: str) -> str:
        """parse if no code of the script ran.

        1. The appended marker function is defined iff the script parsed (and
           its declarations were instantiated).
        2. QuickJS writes a parse error's position as a bare "at <input>:N"
           frame; any frame of the form "at f (...)" means code was running
           (this separates, e.g., a global-declaration SyntaxError thrown while
           instantiating -- runtime per spec -- from a real parse error).
        """
        try:
            parsed = ctx.eval("typeof " + PARSE_MARKER) == "function"
        except Exception:
            parsed = False
        if parsed:
            return "runtime"
        frames = [l.strip() for l in stack.splitlines() if l.strip().startswith("at ")]
        if any("(" in f for f in frames):
            return "runtime"
        return "parse"

    def run_source(self, source, strict, filename, timeout=None):
        qj = self.quickjs
        if "\x00" in source:
            # the binding passes the source as a C string
            return Outcome("unsupported",
                           message="source contains U+0000 (quickjs binding limitation)")
        ctx = qj.Context()
        if self.memory_limit:
            ctx.set_memory_limit(self.memory_limit)
        pending = []

        def eval_script(src):
            try:
                if "\x00" in src:
                    raise ValueError("source contains U+0000")
                value = ctx.eval(src)
                return value
            except qj.JSException as err:
                text, _ = self._split(str(err))
                pending.append(text)
            except Exception as err:
                pending.append(f"Error: host evalScript failed: {err}")
            return None

        def take_error():
            return pending.pop() if pending else None

        def host_gc():
            ctx.gc()

        # print() stays inside JS (a buffer read afterwards): the binding
        # refuses calls into Python while a time limit is set
        ctx.add_callable("__glassjs_host_evalScript", eval_script)
        ctx.add_callable("__glassjs_host_takeError", take_error)
        ctx.add_callable("__glassjs_host_gc", host_gc)
        read_printed = ctx.eval(_prelude("string"))

        def result(outcome):
            try:
                text = read_printed()
            except Exception:
                text = ""
            outcome.printed = text.split("\u0001") if text else []
            return outcome

        # $262.evalScript / $262.gc call into Python, which the binding does
        # not allow under a time limit: such tests rely on the pool's watchdog
        limited = timeout is not None and "$262" not in source
        start = time.monotonic()
        if limited:
            ctx.set_time_limit(max(timeout, 0.001))
        try:
            ctx.eval(source + _MARKER_SUFFIX)
            while True:
                if limited:
                    left = timeout - (time.monotonic() - start)
                    if left <= 0:
                        ctx.set_time_limit(-1)
                        return result(Outcome("timeout"))
                    ctx.set_time_limit(left)
                if not ctx.execute_pending_job():
                    break
            ctx.set_time_limit(-1)
        except qj.JSException as err:        # StackOverflow is a subclass
            text, stack = self._split(str(err))
            ctx.set_time_limit(-1)
            if text.startswith("InternalError: interrupted") and limited:
                return result(Outcome("timeout"))
            name, message = split_error_text(text)
            return result(Outcome("error", name, _short(message), self._phase(ctx, stack)))
        return result(Outcome("ok"))


# ---------------------------------------------------------------------------

class DuktapeBackend(Backend):
    """PyPI dukpy 0.5.1 (Duktape 2.x): a dukpy.JSInterpreter per run."""

    name = "duktape"
    has_interrupts = False

    # Duktape reports a thrown non-Error as "undefined" (its .stack); record
    # the description of every thrown value through Duktape.errThrow instead.
    _SETUP = r"""
    var __glassjs_host_print = function (s) { call_python("glassjs.print", String(s)); };
    var __glassjs_started__ = false;
    var __glassjs_host_started = function () { __glassjs_started__ = true; };
    var __glassjs_last_thrown = null;
    Duktape.errThrow = function (e) {
      try {
        var name = null;
        if (e !== null && (typeof e === "object" || typeof e === "function")) {
          try { name = e.constructor && e.constructor.name; } catch (x) {}
        }
        __glassjs_last_thrown = [name || null, String(e)];
      } catch (x) { __glassjs_last_thrown = [null, "<unprintable>"]; }
      return e;
    };
    """

    def __init__(self):
        import dukpy
        self.dukpy = dukpy

    def run_source(self, source, strict, filename, timeout=None):
        dk = self.dukpy
        interp = dk.JSInterpreter()
        printed = []
        interp.export_function("glassjs.print", lambda s="": printed.append(str(s)))
        interp.evaljs(self._SETUP + _prelude("string"))
        # dukpy evaluates *eval code*: in strict eval code declarations stay
        # local, so the marker function is invisible afterwards.  Strict runs
        # call a start hook right after the directive instead (same line).
        code = source
        if strict and source.startswith(STRICT_PREFIX):
            code = STRICT_PREFIX[:-1] + "__glassjs_host_started();\n" + source[len(STRICT_PREFIX):]
        try:
            # ';void 0' keeps the completion value JSON-encodable for dukpy
            interp.evaljs(code + _MARKER_SUFFIX + ";void 0;")
        except dk.JSRuntimeError as err:
            text = str(err)
            head = text.split("\n    at ")[0]
            try:
                parsed = (interp.evaljs("typeof " + PARSE_MARKER) == "function"
                          or interp.evaljs("__glassjs_started__") is True)
                last = interp.evaljs("__glassjs_last_thrown")
            except Exception:
                parsed, last = False, None
            name, message = split_error_text(head)
            if name is None and last:
                lname, ltext = last
                name2, message2 = split_error_text(ltext)
                name, message = (name2 or lname), message2
            if name == "SyntaxError" and not parsed:
                message = re.sub(r"\s*\(line \d+.*?\)$", "", message)
            return Outcome("error", name, _short(message),
                           "runtime" if parsed else "parse", printed)
        return Outcome("ok", printed=printed)


BACKENDS = {
    "glassjs": GlassJSBackend,
    "quickjs": QuickJSBackend,
    "duktape": DuktapeBackend,
}


def make_backend(spec, **kwargs) -> Backend:
    """A backend from a name in BACKENDS, "module:Class", a class or a factory."""
    if isinstance(spec, str):
        if spec in BACKENDS:
            return BACKENDS[spec](**kwargs)
        if ":" in spec:
            mod, _, attr = spec.partition(":")
            return getattr(importlib.import_module(mod), attr)(**kwargs)
        raise ValueError(f"unknown backend {spec!r} (known: {', '.join(BACKENDS)})")
    return spec(**kwargs)
