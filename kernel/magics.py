"""Magics: cell lines starting with ``%`` (and ``%%name`` for a whole cell).

Leading ``%`` lines of a cell run first, in order, then the JavaScript that
follows (magic lines become blank lines, so JS line numbers stay
cell-relative).  ``NAME?`` alone in a cell pages NAME's documentation.

A magic gets the kernel as ``k`` and uses only: ``k.js`` (glassjs.kernel.shell.Shell),
``k.write(stream, text)``, ``k.publish(data, metadata)`` and ``k.display_object(obj)``.
"""
from __future__ import annotations

import html
import math
import re
import shlex
import time

from glassjs.kernel.config import PROFILES, check_memory, format_size, parse_size


class MagicError(Exception):
    """A magic was used wrongly; reported as a UsageError in the cell."""


MAGICS = {}          # name -> (function(k, arg, body), one-line help)
UPCOMING = ("heap", "bytecode", "stack", "strings", "trace")


def magic(name, help):
    def register(fn):
        MAGICS[name] = (fn, help)
        return fn
    return register


# --- splitting a cell -------------------------------------------------------------------------

_LINE_MAGIC = re.compile(r"^\s*%(?!%)(\S+)\s*(.*?)\s*$")
_CELL_MAGIC = re.compile(r"^\s*%%(\S+)[ \t]*(.*?)\s*$")
_PAGE = re.compile(r"^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\?{1,2}\s*$")


def split_cell(code: str):
    """(line magics [(name, arg)], cell magic (name, arg) | None, JavaScript body)."""
    lines = code.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None:
        m = _CELL_MAGIC.match(lines[first])
        if m:
            body = "\n".join([""] * (first + 1) + lines[first + 1:])
            return [], (m.group(1), m.group(2)), body
    found = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        m = _LINE_MAGIC.match(line)
        if not m:
            break
        found.append((m.group(1), m.group(2)))
        lines[i] = ""
    return found, None, "\n".join(lines)


def page_request(code: str):
    """'Math.max?' -> 'Math.max' (the name to page), else None."""
    m = _PAGE.match(code)
    return m.group(1) if m else None


def run_magic(k, name: str, arg: str, body: str | None = None) -> None:
    if name in UPCOMING and name not in MAGICS:
        k.write("stderr", f"%{name} is not available yet: it comes with the visualizers "
                          f"(heap, bytecode, stack, strings and trace views).\n")
        return
    entry = MAGICS.get(name)
    if entry is None:
        raise MagicError(f"unknown magic %{name}; %lsmagic lists the magics")
    fn = entry[0]
    if body is not None and not getattr(fn, "cell", False):
        raise MagicError(f"%{name} is a line magic; %%{name} is not supported")
    fn(k, arg, body)


def _kv(arg: str) -> dict:
    out = {}
    for part in shlex.split(arg):
        if "=" not in part:
            raise MagicError(f"expected key=value, got {part!r}")
        key, value = part.split("=", 1)
        out[key.strip().lower()] = value.strip()
    return out


# --- the magics -------------------------------------------------------------------------------

@magic("lsmagic", "list the magics")
def lsmagic(k, arg, body):
    width = max(len(n) for n in MAGICS if not n.startswith("_")) + 2
    lines = ["Line magics (a line starting with %):"]
    for name, (fn, help) in sorted(MAGICS.items()):
        if not name.startswith("_"):
            lines.append(f"  %{name:<{width}}{help}")
    lines += ["Cell magics (first line of a cell):", f"  %%{'timeit':<{width - 1}}time the whole cell",
              "Help: NAME? alone in a cell pages NAME's documentation (as Shift-Tab does)."]
    k.write("stdout", "\n".join(lines) + "\n")


@magic("reset", "start a fresh engine: every variable is cleared")
def reset(k, arg, body):
    k.js.reset()
    k.write("stdout", f"Fresh engine: every variable was cleared ({_describe_limits(k.js.limits)}).\n")


@magic("profile", "%profile NAME: switch the engine profile (default, lowmem, rom) -- a fresh engine")
def profile(k, arg, body):
    name = arg.strip()
    current = k.js.limits.profile
    if not name:
        k.write("stdout", f"Profile: {current} (available: {', '.join(PROFILES)})\n")
        return
    if name not in PROFILES:
        raise MagicError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")
    k.js.reset(k.js.limits.with_changes(profile=name))
    k.write("stdout", f"Switched to the {name!r} profile. This is a FRESH engine: every variable "
                      f"defined before was cleared.\n")


@magic("limits", "%limits [memory=64M] [stack=1M] [time=10]: show or set the engine limits")
def limits(k, arg, body):
    shell = k.js
    if not arg.strip():
        k.write("stdout", "Limits: " + _describe_limits(shell.limits)
                + f"\nLive engine: memory limit {format_size(shell.engine.memory_limit)}\n")
        return
    try:
        kv = _kv(arg)
        changes = {}
        for key, value in kv.items():
            if key in ("memory", "mem", "memory_limit"):
                changes["memory"] = check_memory(parse_size(value))
            elif key in ("stack", "stack_size"):
                changes["stack"] = parse_size(value)
            elif key in ("time", "time_limit"):
                changes["time"] = float(value)
            else:
                raise MagicError(f"unknown limit {key!r} (memory, stack, time)")
    except ValueError as exc:
        raise MagicError(str(exc)) from None
    shell.limits = shell.limits.with_changes(**changes)
    notes = []
    if "time" in changes:
        t = changes["time"]
        notes.append(f"time limit {t:g} s per cell: applies from the next cell" if t else
                     "no time limit: applies from the next cell")
    if "memory" in changes:
        try:
            shell.engine.set_memory_limit(changes["memory"])
            notes.append(f"memory limit {format_size(changes['memory'])}: applied to the running engine "
                         f"(and to fresh engines)")
        except (ValueError, OverflowError):
            notes.append(f"memory limit {format_size(changes['memory'])}: larger than this engine's "
                         f"reserved arena, so it applies to a FRESH engine -- run %reset "
                         f"(that clears every variable)")
    if "stack" in changes:
        notes.append(f"stack size {format_size(changes['stack'])}: applies to a FRESH engine -- "
                     f"run %reset (that clears every variable)")
    k.write("stdout", "\n".join(notes) + "\n")


def _describe_limits(lim) -> str:
    return (f"profile {lim.profile}, memory {format_size(lim.memory)}, stack {format_size(lim.stack)}, "
            f"time {f'{lim.time:g} s' if lim.time else 'unlimited'}")


@magic("memory", "the engine's memory usage (QuickJS's JS_ComputeMemoryUsage fields)")
def memory(k, arg, body):
    from glassjs.engine.introspect import memory_usage
    usage = memory_usage(k.js.engine)
    width = max(len(key) for key in usage)
    text = "\n".join(f"{key:<{width}}  {value:>12}" + (f"  ({format_size(value)})"
                                                       if key.endswith(("size", "bytes", "limit", "used"))
                                                       and value >= 1024 else "")
                     for key, value in usage.items())
    rows = "".join(f"<tr><td>{html.escape(key)}</td><td style='text-align:right'>{value:,}</td></tr>"
                   for key, value in usage.items())
    k.publish({"text/plain": text,
               "text/html": f"<table class='glassjs-memory'><thead><tr><th>field</th><th>value</th></tr>"
                            f"</thead><tbody>{rows}</tbody></table>"})


@magic("gc", "run the cycle collector; report the bytes freed")
def gc(k, arg, body):
    freed = k.js.engine.gc()
    k.write("stdout", f"gc: freed {freed:,} bytes\n")


def _format_time(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale or unit == "ns":
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds:g} s"


@magic("timeit", "%timeit [-n N] [-r R] CODE: time CODE (also %%timeit for a cell)")
def timeit(k, arg, body):
    opts = {"n": 0, "r": 5}
    while True:
        m = re.match(r"^-([nr])\s*(\d+)\s*", arg)
        if not m:
            break
        opts[m.group(1)] = int(m.group(2))
        arg = arg[m.end():]
    code = body if body is not None else arg
    if not code.strip():
        raise MagicError("usage: %timeit [-n N] [-r R] CODE")
    shell = k.js
    filename = "<timeit>"
    wrapped = "(function ($$n) { for (var $$i = 0; $$i < $$n; $$i++) {\n" + code + "\n} })"
    fn = shell.run(wrapped, filename)
    shell.sources[filename] = wrapped

    def run(n):
        t0 = time.perf_counter()
        fn(n)
        return time.perf_counter() - t0

    n = opts["n"]
    if not n:
        n = 1
        while True:
            t = run(n)
            if t >= 0.2 or n >= 10 ** 8:
                break
            n *= 10 if t < 0.02 else 2
    runs = [run(n) / n for _ in range(max(opts["r"], 1))]
    mean = sum(runs) / len(runs)
    std = math.sqrt(sum((x - mean) ** 2 for x in runs) / len(runs))
    k.write("stdout", f"{_format_time(mean)} ± {_format_time(std)} per loop (mean ± std. dev. of "
                      f"{len(runs)} run{'s' if len(runs) > 1 else ''}, {n:,} loop{'s' if n > 1 else ''} each)\n")


timeit.cell = True


@magic("_widget_selftest", "(hidden) show an ipywidgets IntSlider; '%_widget_selftest value' prints its value")
def widget_selftest(k, arg, body):
    slider = getattr(k, "_selftest_slider", None)
    if arg.strip() == "value":
        k.write("stdout", f"{slider.value if slider is not None else None}\n")
        return
    import ipywidgets
    slider = k._selftest_slider = ipywidgets.IntSlider(value=3, min=0, max=10, description="glassjs")
    k.display_object(slider)


# the visualizer views (%value, %heap, ...): registered last so they replace any placeholder above
from glassjs.kernel import glass as _glass  # noqa: E402,F401
# magics whose argument is code, not a value (%%trace, %stack, %gc): they replace the generic ones
from glassjs.kernel import trace_magics as _trace_magics  # noqa: E402,F401
