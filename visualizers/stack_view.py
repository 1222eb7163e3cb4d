"""View 6, value stack and frames: every call frame with `this`, its
arguments and locals, and the operand stack -- each value as text, kind and
its raw 64-bit word.

Two sources, one model (trace_model.FrameModel): the live engine while code
runs (introspect.frames, e.g. from glass.stack()), or a step of a trace.
"""
from __future__ import annotations

from glassjs.engine.records import decode_bits
from glassjs.visualizers import value_view
from glassjs.visualizers.base import View, esc, page, register, uid
from glassjs.visualizers.trace_model import FrameModel, Slot, number_text


def _slot_from_py(engine, name, value, word=None):
    """A Slot for a value introspect.frames() converted to Python (plus its word when known)."""
    from glassjs.engine import introspect
    from glassjs.engine.errors import undefined
    if word is None:
        try:
            word = introspect.value_bits(engine, value).bits
        except Exception:
            word = 0
    b = decode_bits(word)
    if value is undefined:
        text = "undefined"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) or isinstance(value, int):
        text = number_text(float(value))
    elif isinstance(value, str):
        text = repr(value if len(value) <= 40 else value[:37] + "...")
    else:
        text = f"{_object_label(engine, b.offset)} @{b.offset}" if b.offset is not None else str(value)
    return Slot(name, text, b.kind, word)


def _object_label(engine, offset):
    """The class of the object at offset, read from its header (no JavaScript runs)."""
    from glassjs.engine import introspect
    from glassjs.engine.records import CLASS_NAMES
    try:
        h = introspect.header(engine, offset)
    except Exception:
        return "object"
    if h.type != "object":
        return h.type
    return CLASS_NAMES[h.aux] if h.aux < len(CLASS_NAMES) else "object"


HELPER_PREFIX = "<glassjs "      # the kernel's own JS helpers (<glassjs glass>, <glassjs display>...)


def frames_from_engine(engine):
    """FrameModels of the running code, outermost first (introspect.frames).

    Frames of the kernel's helper code (glass.stack()'s own wrapper) are left
    out: the learner called glass.stack(), not the wrapper.
    """
    from glassjs.engine import introspect
    out = []
    for f in introspect.frames(engine):
        if f.filename.startswith(HELPER_PREFIX):
            continue
        this = _slot_from_py(engine, "this", f.this)
        args = [_slot_from_py(engine, f"arguments[{k}]", v) for k, v in enumerate(f.arguments)]
        locs = [_slot_from_py(engine, k, v) for k, v in f.locals.items()]
        ops = [_slot_from_py(engine, "", v, w) for v, w in zip(f.stack, f.stack_bits)]
        out.append(FrameModel(len(out) + 1, f.function, -1, f.pc, f.line, this, args, locs, ops, 0))
    return out


# --- HTML -------------------------------------------------------------------------------------

def _cell(slot: Slot, pick: str = "") -> str:
    text = esc(slot.text)
    if pick:       # a label for a hidden radio: a click opens the slot's value inspector (CSS only)
        text = f"<label for='{pick}' class='glass-stack-open'>{text}</label>"
    return (f"<td class='glass-val glass-kind-{slot.kind}' title='0x{slot.bits:016x} ({slot.kind})'>"
            f"{text}</td><td class='glass-bits'>0x{slot.bits:016x}</td>")


def render_frame(fr: FrameModel, current: bool, inspect: bool = False) -> str:
    group = uid("glass-stack-") if inspect else ""
    details = []

    def row(cls, label, slot):
        pick = ""
        if inspect:
            pick = f"{group}-{len(details)}"
            details.append(f"<input type='radio' class='glass-stack-pick' name='{group}' id='{pick}'/>"
                           f"<div class='glass-stack-detail'>"
                           f"{value_view.render_html(value_view.model(decode_bits(slot.bits)), label)}</div>")
        return f"<tr class='{cls}'><th>{esc(label)}</th>{_cell(slot, pick)}</tr>"

    rows = [row("glass-slot-this", "this", fr.this)]
    rows += [row("glass-slot-arg", s.name, s) for s in fr.arguments]
    rows += [row("glass-slot-local", s.name, s) for s in fr.locals]
    ops = [row("glass-operand", f"[{k}]", s) for k, s in reversed(list(enumerate(fr.operands)))]
    if not ops:
        ops = ["<tr><td class='glass-muted' colspan='3'>(empty)</td></tr>"]
    cut = f"<div class='glass-muted'>{fr.cut} more words not recorded</div>" if fr.cut else ""
    cls = "glass-frame glass-frame-current" if current else "glass-frame"
    return (f"<div class='{cls}' data-depth='{fr.depth}'>"
            f"<div class='glass-frame-head'>#{fr.depth} <b>{esc(fr.function)}</b> "
            f"<span class='glass-muted'>line {fr.line}, pc {fr.pc}</span></div>"
            f"<table class='glass-slots'><tbody>{''.join(rows)}</tbody></table>"
            f"<div class='glass-operands-title'>operand stack (top first)</div>"
            f"<table class='glass-operands'><tbody>{''.join(ops)}</tbody></table>{cut}"
            f"{''.join(details)}</div>")


def render_html(frames, note: str = "", inspect: bool = False) -> str:
    """Innermost frame first, as debuggers show a call stack; inspect: click a value to decode it."""
    if not frames:
        body = ("<div class='glass-muted'>No JavaScript is running. Call <code>glass.stack()</code> "
                "from inside running code, or step through a trace (<code>%%trace</code>).</div>")
    else:
        body = "".join(render_frame(fr, k == 0, inspect) for k, fr in enumerate(reversed(frames)))
    note = f"<div class='glass-muted'>{esc(note)}</div>" if note else ""
    hint = "<div class='glass-muted'>click a value to see its 64 bits</div>" if inspect and frames else ""
    return f"<div class='glass-stack'>{note}{hint}{body}</div>"


def render_text(frames) -> str:
    if not frames:
        return "No JavaScript is running (glass.stack() inside running code shows the live stack)."
    lines = []
    for fr in reversed(frames):
        lines.append(f"#{fr.depth} {fr.function}  line {fr.line}, pc {fr.pc}")
        lines.append(f"    this = {fr.this.text}")
        for s in fr.arguments + fr.locals:
            lines.append(f"    {s.name} = {s.text}")
        lines.append("    operands (top first): " + (", ".join(s.text for s in reversed(fr.operands)) or "(empty)"))
    return "\n".join(lines)


def view(engine) -> View:
    """The live stack: meaningful while JavaScript runs (glass.stack() calls it from inside)."""
    frames = frames_from_engine(engine)
    return View("stack", frames, render_text(frames), page("glass-stack-view", render_html(frames, inspect=True)))


@register("stack", "none", "%stack: the call frames and operand stack (glass.stack() inside running code)")
def build(engine, subj, options):
    return view(engine)
