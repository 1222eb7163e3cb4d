"""Issue 5's views as the browser tests and tools/screenshots.py meet them:
for each view, a JavaScript cell that opens it and the stable CSS class
(docs/visualizers.md) that its rendered *widget* must contain -- an
ipywidgets view, not the text/html fallback.

`SETUP` defines the values the view cells look at; `trace_step` moves the
step-through player with its own buttons.
"""
from __future__ import annotations

import re
from typing import NamedTuple


class View(NamedTuple):
    name: str        # also the screenshot's name: docs/screenshots/view-NAME.png
    title: str
    cell: str        # JavaScript (or a magic) that shows the view
    selector: str    # must match in the cell's output; it starts at the view's `.glass-widget`


SETUP = """var point = {x: 1.5, y: 'hello', count: 42};
function sq(x) { return x * x }
function area(r) { const r2 = sq(r); glass.stack(); return Math.PI * r2 }"""

VIEWS = [
    View("value", "value inspector", "glass.value(1.5)", ".glass-widget .glass-value-bits"),
    View("heap", "heap map", "glass.heap(point)", ".glass-widget .glass-heap-map"),
    View("bytecode", "bytecode", "glass.bytecode(area)", ".glass-widget .glass-bytecode .glass-bc-row"),
    View("stack", "value stack and frames", "area(2)", ".glass-widget .glass-stack .glass-frame-current"),
    View("trace", "step-through player",
         "%%trace\nvar total = 0;\nfor (var i = 1; i <= 3; i++) total += sq(i);\ntotal",
         ".glass-widget.glass-trace-player .glass-bc-current"),
    View("gc", "garbage collector", "var a = {}; a.self = a; a = null;\nglass.gc()", ".glass-widget .glass-gc .glass-gc-phases"),
]

STATUS = re.compile(r"step (\d+) of (\d+)")


def trace_step(cell, times: int) -> tuple[int, int]:
    """Press the player's '>' button `times` times; returns (step, of) once its status shows it."""
    start, total = trace_status(cell)
    for _ in range(times):
        cell.locator("button[title='step']").click()
    want = min(start + times, total)
    cell.locator(".glass-trace-status").filter(has_text=f"step {want} of {total}").wait_for()
    return trace_status(cell)


def trace_status(cell) -> tuple[int, int]:
    match = STATUS.search(cell.locator(".glass-trace-status").inner_text())
    assert match, "no 'step N of M' status in the player"
    return int(match[1]), int(match[2])
