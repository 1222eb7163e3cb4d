"""View 8, garbage collection: reference counts changing as references drop
(from a trace of some code), and one mark-and-sweep run shown as phases --
roots and marked blocks, the garbage the sweep flagged, the bytes freed --
on viz-a's heap map component.

Engine side: tracer.collect_with_phases() reads the header flags the
collector leaves between its passes (docs/tracing.md); the refcount history
comes from the trace's heap events.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from glassjs.visualizers import heap_map
from glassjs.visualizers.base import Markup, View, esc, page, register, size_text, table, uid


class RefcountHistory(NamedTuple):
    offset: int
    detail: str
    changes: list             # [(step, line, refcount)], the allocation first (refcount 1)
    freed_at: Optional[tuple]  # (step, line) or None if still live


class GCModel(NamedTuple):
    phases: object            # records.GCPhases
    roots: list               # [Block] containers with references from outside the heap
    marked: list              # [Block] reached from the roots (roots included)
    garbage: list             # [Block] flagged by the sweep (and freed)
    released: list            # [Block] freed because only garbage held them (strings...)
    garbage_bytes: int
    histories: list           # [RefcountHistory] when code was traced first


def refcount_histories(trace) -> list:
    """Per object the trace allocated: its refcount at each change, and when it was freed."""
    steps = trace.steps

    def line_at(step):
        # an event with step s happened while step s-1 ran
        k = min(max(step - 1, 0), len(steps) - 1)
        return steps[k].line if steps else 0
    out = {}
    for ev in trace.events:
        if ev.type != "object":
            continue
        if ev.kind == "alloc":
            out[ev.offset] = RefcountHistory(ev.offset, ev.detail, [(ev.step, line_at(ev.step), 1)], None)
        elif ev.offset in out and out[ev.offset].freed_at is None:
            h = out[ev.offset]
            if ev.kind == "refcount":
                h.changes.append((ev.step, line_at(ev.step), ev.refcount))
            else:
                out[ev.offset] = h._replace(freed_at=(ev.step, line_at(ev.step)))
                key = (ev.offset, ev.step)          # a later allocation at this offset is another object
                out[key] = out.pop(ev.offset)
    return list(out.values())


def model(engine, trace=None) -> GCModel:
    from glassjs.engine import tracer
    ph = tracer.collect_with_phases(engine)
    before = {b.offset: b for b in ph.before}
    roots = [before[o] for o, s in ph.marked.items() if s == "root" and o in before]
    marked = [before[o] for o in ph.marked if o in before]
    garbage = [before[o] for o in ph.garbage if o in before]
    live_after = {b.offset for b in ph.after}
    released = [b for off, b in before.items() if off not in live_after and off not in ph.garbage]
    return GCModel(ph, roots, marked, garbage, released, sum(b.size for b in garbage),
                   refcount_histories(trace) if trace is not None else [])


# --- rendering ---------------------------------------------------------------------------------

def _history_text(h: RefcountHistory) -> str:
    parts = [f"{rc} (line {line})" for _, line, rc in h.changes]
    if h.freed_at:
        parts.append(f"freed (line {h.freed_at[1]})")
    return " -> ".join(parts)


def render_html(m: GCModel, engine) -> str:
    st = m.phases.stats
    hist = ""
    if m.histories:
        hist = ("<h4>Reference counts as the code ran</h4>"
                + table(("object", "offset", "refcount over time"),
                        [(h.detail, h.offset, _history_text(h)) for h in m.histories], "glass-table glass-gc-refcounts"))
    phases = table(("phase", "what happened", "blocks", "bytes"), [
        ("1 mark", "trial deletion finds the roots (references from outside the heap); everything they reach is marked",
         f"{len(m.roots)} roots, {len(m.marked)} marked", ""),
        ("2 sweep", "unmarked containers are garbage: only cycles among themselves keep them alive",
         len(m.garbage), f"{m.garbage_bytes:,}"),
        ("3 free", "garbage freed; blocks only garbage referenced (strings...) follow by refcount",
         f"{st['freed_blocks']} + {len(m.released)}", f"{st['freed_bytes']:,} + "
                                                      f"{m.phases.released_bytes - st['freed_bytes']:,}"),
    ], "glass-table glass-gc-phases")
    highlight = {b.offset: "glass-gc-marked" for b in m.marked}
    highlight.update({b.offset: "glass-gc-root" for b in m.roots})
    highlight.update({b.offset: "glass-gc-swept" for b in m.garbage})
    highlight.update({b.offset: "glass-gc-released" for b in m.released})
    hm = heap_map.model(engine)
    group = uid("glass-gc-")
    checked = {3: " checked='checked'"}
    tabs = "".join(f"<input type='radio' class='glass-gc-tab glass-gc-tab{k}' name='{group}' id='{group}-{k}'"
                   f"{checked.get(k, '')}/>" for k in (1, 2, 3))
    labels = "".join(f"<label for='{group}-{k}' class='glass-gc-tablabel'>{name}</label>"
                     for k, name in ((1, "1 marked"), (2, "2 swept"), (3, "3 freed")))
    swept_rows = [(b.offset, b.type, esc(b.detail), b.size) for b in m.garbage[:40]]
    swept = (table(("offset", "type", "what", "bytes"), swept_rows, "glass-table glass-gc-garbage")
             if swept_rows else "<p class='glass-note'>no garbage: every container was reachable</p>")
    head = (f"<div class='glass-gc-title'><b>Mark-and-sweep</b>: {len(m.roots)} roots, {st['marked']} marked, "
            f"{st['freed_blocks']} garbage blocks freed ({size_text(st['freed_bytes'])}); "
            f"{size_text(m.phases.released_bytes)} released in all</div>")
    legend = ("<div class='glass-legend'><span class='glass-gc-root'>root</span><span class='glass-gc-marked'>"
              "marked</span><span class='glass-gc-swept'>swept (garbage)</span><span class='glass-gc-released'>"
              "released with it</span></div>")
    return page("glass-gc-view", f"<div class='glass-gc'>{head}{hist}{phases}{tabs}{labels}{legend}"
                                 f"<div class='glass-gc-map'>{heap_map.map_html(hm, engine, highlight)}</div>"
                                 f"<h4>Garbage found by the sweep</h4>{swept}</div>")


def render_text(m: GCModel) -> str:
    st = m.phases.stats
    lines = [f"gc: freed {st['freed_bytes']:,} bytes",
             f"mark: {len(m.roots)} roots, {len(m.marked)} blocks marked",
             f"sweep: {len(m.garbage)} garbage blocks, {m.garbage_bytes:,} bytes",
             f"free: {st['freed_blocks']} blocks ({st['freed_bytes']:,} B) + {len(m.released)} released with them; "
             f"{m.phases.released_bytes:,} bytes in all"]
    for h in m.histories:
        lines.append(f"  {h.detail} @{h.offset}: {_history_text(h)}")
    return "\n".join(lines)


def view(engine, code: Optional[str] = None, filename: str = "<gc>") -> View:
    """Trace `code` first (refcount histories) if given, then run the collector phase by phase."""
    trace = None
    if code is not None:
        from glassjs.engine import tracer
        trace = tracer.trace_source(engine, code, filename)
    m = model(engine, trace)
    return View("gc", m, render_text(m), render_html(m, engine))


@register("gc", "none", "%gc: run the cycle collector; its phases on the heap map (%%gc CELL: refcounts first)")
def build(engine, subj, options):
    return view(engine)
