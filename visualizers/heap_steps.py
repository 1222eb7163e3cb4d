"""The player's heap panel: the blocks a trace allocated, live at one step,
drawn along the arena by offset, with the refcounts of the objects it made
and what the previous instruction did to the heap.

Built from the trace's heap events (deltas), never from a heap walk per step:
a step costs one pass over the events before it.
"""
from __future__ import annotations

from glassjs.visualizers.base import esc

WIDTH = 640
NO_CHANGE = "<li class='glass-muted'>no heap change</li>"
HEIGHT = 26


def arena_span(model):
    """[lo, hi) of the offsets the trace's events touched."""
    evs = model.trace.events
    if not evs:
        return 0, 1
    lo = min(ev.offset for ev in evs)
    hi = max(ev.offset + ev.size for ev in evs)
    return lo, max(hi, lo + 1)


def render_html(model, i: int, span=None) -> str:
    lo, hi = span or arena_span(model)
    live = model.live_new_blocks(i)
    scale = WIDTH / (hi - lo)
    just = {ev.offset for ev in model.last_events(i) if ev.kind == "alloc"}
    rects = []
    for off, (size, btype, detail, rc) in live.items():
        x = (off - lo) * scale
        w = max(size * scale, 1.0)
        cls = f"glass-blk glass-type-{btype}" + (" glass-blk-new" if off in just else "")
        rects.append(f"<rect class='{cls}' x='{x:.1f}' y='2' width='{w:.1f}' height='{HEIGHT - 4}'>"
                     f"<title>{esc(detail)} @{off}, {size} B, refcount {rc}</title></rect>")
    svg = (f"<svg class='glass-heap-strip' width='{WIDTH}' height='{HEIGHT}' viewBox='0 0 {WIDTH} {HEIGHT}'>"
           f"<rect class='glass-heap-bg' x='0' y='0' width='{WIDTH}' height='{HEIGHT}'/>{''.join(rects)}</svg>")
    did = []
    for ev in model.last_events(i):
        if ev.kind == "refcount":
            did.append(f"<li class='glass-ev-refcount'>refcount of {esc(ev.detail)} @{ev.offset} "
                       f"&#8594; {ev.refcount}</li>")
        else:
            did.append(f"<li class='glass-ev-{ev.kind}'>{'allocated' if ev.kind == 'alloc' else 'freed'} "
                       f"{esc(ev.type)} {esc(ev.detail)} @{ev.offset} ({ev.size} B)</li>")
    objs = [(off, v) for off, v in live.items() if v[1] == "object"]
    rows = "".join(f"<tr><td>{esc(v[2])}</td><td>@{off}</td><td>{v[0]} B</td>"
                   f"<td class='glass-refcount'>{v[3]}</td></tr>" for off, v in objs[-12:])
    table = (f"<table class='glass-heap-objs'><thead><tr><th>object</th><th>offset</th><th>size</th>"
             f"<th>refcount</th></tr></thead><tbody>{rows}</tbody></table>" if objs else "")
    return (f"<div class='glass-heap-step'><div class='glass-muted'>arena {lo}..{hi}: "
            f"{len(live)} block(s) made by this trace are live</div>{svg}"
            f"<ul class='glass-heap-events'>{''.join(did) or NO_CHANGE}</ul>"
            f"{table}</div>")
