"""Magics of the tracing views whose arguments are code rather than a value
(so the generic ``%NAME EXPR`` of kernel/glass.py does not fit them):

    %%trace [--budget N]     run the cell with tracing on: the step-through player
    %trace [--budget N] CODE the same for one line of code
    %stack                   the live stack (empty between cells: glass.stack() inside code shows it)
    %gc / %%gc               run the collector: "gc: freed N bytes" as before, plus its phases
                             (%%gc traces the cell first and shows its objects' refcounts)

``%bytecode FN`` and the JS calls (glass.bytecode(fn), glass.stack(),
glass.trace(fn), glass.gc()) come from the registry as for every view.
"""
from __future__ import annotations

import re

import glassjs
from glassjs.kernel.magics import MAGICS, MagicError


def _budget(arg: str):
    """('--budget N' or 'budget=N', rest of the line) -> (N or None, rest)."""
    m = re.match(r"^\s*(?:--budget[ =]|budget=)\s*(\S+)\s*", arg)
    if not m:
        return None, arg
    try:
        n = int(m.group(1).replace(",", "").replace("_", ""))
    except ValueError:
        raise MagicError(f"--budget expects a number of instructions, got {m.group(1)!r}") from None
    if n < 1:
        raise MagicError("--budget must be at least 1")
    return n, arg[m.end():]


def trace_magic(k, arg, body):
    from glassjs.engine import tracer
    from glassjs.visualizers import trace_player
    budget, rest = _budget(arg)
    code = body if body is not None else rest
    if not code.strip():
        raise MagicError("usage: %%trace [--budget N] (then the cell), or %trace [--budget N] CODE")
    shell = k.js
    filename = f"<cell {k.execution_count}>" if body is not None else f"<trace {k.execution_count}>"
    rec = tracer.Recorder(shell.engine, budget or tracer.DEFAULT_BUDGET)
    t = rec.run(lambda: shell.run(code, filename))
    k.display_object(trace_player.view_of_trace(t, dict(shell.sources)))
    if t.status in ("budget", "oom", "interrupted"):
        k.write("stderr", f"%trace: {t.message}\n")
    elif t.status == "error":
        raise t.error            # the cell fails as it would untraced, after the player is shown


trace_magic.cell = True


def stack_magic(k, arg, body):
    from glassjs.visualizers import stack_view
    if arg.strip():
        raise MagicError("%stack takes no argument (glass.stack() inside running code shows the live stack)")
    k.display_object(stack_view.view(k.js.engine))


def gc_magic(k, arg, body):
    from glassjs.visualizers import gc_view
    shell = k.js
    if body is not None and body.strip():
        filename = f"<cell {k.execution_count}>"
        shell.sources[filename] = body
        view = gc_view.view(shell.engine, body, filename)
    else:
        view = gc_view.view(shell.engine)
    k.write("stdout", f"gc: freed {view.model.phases.stats['freed_bytes']:,} bytes\n")
    k.display_object(view)


gc_magic.cell = True


MAGICS["trace"] = (trace_magic, "%%trace [--budget N]: run the cell traced and step through every instruction")
MAGICS["stack"] = (stack_magic, "%stack: the call frames and operand stack (glass.stack() inside running code)")
MAGICS["gc"] = (gc_magic, "%gc: run the cycle collector: bytes freed and its mark/sweep phases (%%gc: refcounts of a cell)")
