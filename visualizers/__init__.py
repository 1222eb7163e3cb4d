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

__all__ = ["VIEWS", "View", "value", "heap"]


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
