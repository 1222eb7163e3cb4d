"""glassjs.visualizers: views of the engine's real memory (docs/visualizers.md).

From a plain Python notebook each call returns a displayable View (an
ipywidgets widget in JupyterLab, HTML and text elsewhere)::

    import glassjs, glassjs.visualizers as viz
    e = glassjs.Engine(); o = e.eval("({x: 1.5})")
    viz.value(e, 1.5); viz.value(e, js="o.x"); viz.heap(e, o); viz.graph(e, o)
    viz.strings(e); viz.memory(e)

The kernel exposes the same views as magics (%value, %heap, %graph,
%strings, %memory) and as the JavaScript global ``glass``.
"""
from __future__ import annotations

from typing import Optional

from glassjs.visualizers.base import VIEWS, View, subject
from glassjs.visualizers import value_view, heap_map
from glassjs.visualizers import bytecode_view, stack_view, trace_player, gc_view

__all__ = ["VIEWS", "View", "value", "heap", "bytecode", "stack", "trace", "gc"]


def value(engine, v=None, *, js: Optional[str] = None, bits: Optional[int] = None,
          title: Optional[str] = None) -> View:
    """The value inspector: a value's 64 bits decoded, with V8's reading beside it.

    ``v`` a Python value or JSObject handle; or ``js`` JavaScript source
    (the real stored word: a string's own offset); or ``bits`` a raw word.
    """
    return value_view.value(engine, v, js=js, bits=bits, title=title)


def heap(engine, obj=None, *, js: Optional[str] = None, offset: Optional[int] = None) -> View:
    """The heap map; ``obj`` (or ``js``, or ``offset``) names a block to open."""
    subj = subject(engine, obj, js) if obj is not None or js is not None else None
    return heap_map.build(engine, subj, {"offset": offset})


def bytecode(engine, fn) -> View:
    """A function's disassembly: constants, jump labels and arrows, the source line of each instruction."""
    return bytecode_view.view(engine, fn)


def stack(engine) -> View:
    """The call frames and operand stack of the running code (empty when nothing runs)."""
    return stack_view.view(engine)


def trace(engine, code, *args, budget: Optional[int] = None, filename: str = "<trace>") -> View:
    """Run JavaScript source (or call a function handle with args) with tracing on: the step player.

    At most ``budget`` instructions (default 10,000) run; a longer run is stopped and
    its partial trace shown.
    """
    return trace_player.trace(engine, code, *args, budget=budget, filename=filename)


def gc(engine, code: Optional[str] = None) -> View:
    """Run the cycle collector and show its phases; with ``code``, trace it first for refcount histories."""
    return gc_view.view(engine, code)
