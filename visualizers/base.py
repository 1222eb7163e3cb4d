"""The shared base of every view: the View object, the registry the kernel
wires into magics and the JS ``glass`` object, the stylesheet and small
HTML helpers (docs/visualizers.md).

A view is three renderings of one model read through the inspection API:
``text/plain`` (nbconvert, terminals), ``text/html`` (self-contained, CSS
only, so it stays interactive where no kernel runs) and an ipywidgets
widget (what JupyterLab shows; it can re-read the engine).
"""
from __future__ import annotations

import html as _html
import itertools
import pathlib
from typing import Callable, NamedTuple, Optional

from glassjs.engine import introspect
from glassjs.engine.records import ValueBits

_CSS_PATH = pathlib.Path(__file__).with_name("glass.css")
_ids = itertools.count(1)


# --- small HTML helpers --------------------------------------------------------------------------

def esc(text) -> str:
    """Escape text for element content and attribute values."""
    return _html.escape(str(text), quote=True)


def uid(prefix: str = "g") -> str:
    """An id unique within this process (radio groups and labels of one rendering)."""
    return f"{prefix}{next(_ids)}"


def stylesheet() -> str:
    """The one stylesheet (visualizers/glass.css); every rule is scoped under .glass-view."""
    return _CSS_PATH.read_text()


def page(view_class: str, body: str) -> str:
    """A self-contained HTML fragment: the stylesheet and the body in a .glass-view root."""
    return f'<div class="glass-view {view_class}"><style>{stylesheet()}</style>{body}</div>'


def table(headers, rows, cls: str = "glass-table") -> str:
    """An HTML table; cells are escaped unless given as Markup."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c if isinstance(c, Markup) else esc(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class Markup(str):
    """HTML that is already safe (not escaped again by table())."""


def size_text(n: int) -> str:
    return f"{n:,} B" if n < 10 * 1024 else f"{n / 1024:,.1f} kB" if n < 10 << 20 else f"{n / (1 << 20):,.1f} MB"


# --- the value a view looks at -------------------------------------------------------------------

class Subject(NamedTuple):
    """A JavaScript value as a view receives it: its raw word and its Python side.

    ``value`` is what the engine handed to Python (a JSObject handle keeps
    the object alive while the view reads it); ``bits`` is the word the
    engine stored, so a string's offset is the real string's, not a copy's.
    """
    bits: ValueBits
    value: object


def subject(engine, value=None, js: Optional[str] = None) -> Subject:
    """From a Python value / JSObject handle, or from JavaScript source ``js`` (evaluated)."""
    if js is not None:
        box = engine.eval(f"({{v: ({js}\n)}})", filename="<glassjs view>")
        return Subject(introspect.property_bits(engine, box, "v"), box["v"])
    return Subject(introspect.value_bits(engine, value), value)


def boxed_subject(engine, box) -> Subject:
    """From a JS object ``{v: value}`` (how the ``glass`` JS object passes values without copying)."""
    return Subject(introspect.property_bits(engine, box, "v"), box["v"])


# --- View ----------------------------------------------------------------------------------------

class View:
    """One rendered view: text, HTML and (on demand) an ipywidgets widget.

    ``make_widget()`` is called once, on first display; without ipywidgets
    the HTML and text still display.
    """

    def __init__(self, name: str, model, text: str, html: str, make_widget: Optional[Callable] = None):
        self.name, self.model, self.text, self.html = name, model, text, html
        self._make_widget = make_widget
        self._widget = None

    def widget(self):
        if self._widget is None:
            import ipywidgets
            self._widget = self._make_widget() if self._make_widget else ipywidgets.HTML(value=self.html)
            self._widget.add_class("glass-widget")
            self._widget.add_class(f"glass-{self.name}-widget")
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/plain": self.text, "text/html": self.html}
        try:
            bundle = self.widget()._repr_mimebundle_()
        except ImportError:           # no ipywidgets: the HTML is the view
            return data
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        data.update({k: v for k, v in bundle.items() if k != "text/plain"})
        return data

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return self.text


def html_widget(html: str):
    """An ipywidgets HTML widget holding a view's HTML (scripts never run; CSS does)."""
    import ipywidgets
    return ipywidgets.HTML(value=html)


def refreshing_widget(render: Callable[[], str], controls=()):
    """VBox[ HBox[Refresh button, *controls], HTML ] -- Refresh re-reads the engine via render()."""
    import ipywidgets
    out = ipywidgets.HTML(value=render())
    button = ipywidgets.Button(description="Refresh", tooltip="read the engine again", icon="refresh")
    button.add_class("glass-refresh")

    def refresh(_=None):
        try:
            out.value = render()
        except Exception as exc:           # a closed or reset engine: say so, keep the widget alive
            out.value = f'<div class="glass-view"><p class="glass-error">{esc(exc)}</p></div>'
    button.on_click(refresh)
    box = ipywidgets.VBox([ipywidgets.HBox([button, *controls]), out])
    box.refresh = refresh
    box.html = out
    return box


# --- the registry the kernel wires ---------------------------------------------------------------

class ViewSpec(NamedTuple):
    name: str
    build: Callable          # build(engine, subject_or_None, options: dict) -> View
    takes: str               # "value" (required), "optional" (a value or nothing), "none"
    help: str


VIEWS: dict[str, ViewSpec] = {}


def register(name: str, takes: str, help: str):
    """Register a view: the kernel makes ``%name [EXPR]`` and ``glass.name(value, options)`` from it."""
    assert takes in ("value", "optional", "none")

    def deco(build):
        VIEWS[name] = ViewSpec(name, build, takes, help)
        return build
    return deco
