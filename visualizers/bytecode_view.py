"""View 5, bytecode: a function's disassembly with constants, jump targets
(labels and arrows) and the source line each instruction came from.

The model is built from introspect.disassemble/code_info (or a trace's code
snapshot); the player reuses the rendered rows and only moves the highlight.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from glassjs.visualizers.base import View, esc, page, register


class BytecodeRow(NamedTuple):
    pc: int
    label: str                # "L1" when something jumps here
    opname: str
    arg: str                  # the raw operand ("" if none)
    argrepr: str              # what it means: constant, name, "-> L2", env slot
    target: Optional[int]     # jump target pc
    backward: bool            # a jump to an earlier pc (a loop)
    line: int
    source: str               # the source line, on the first instruction of each line


class BytecodeModel(NamedTuple):
    name: str
    filename: str
    rows: list
    constants: list
    names: list               # frame slot names: parameters, then locals
    info: dict


def slot_name(opname, a, names, nparams):
    """The variable a frame-slot instruction reads or writes (GET_ARG 0 -> 'n', PUT_LOC 1 -> 'i')."""
    from glassjs.engine import bytecode
    op = bytecode.BY_NAME.get(opname)
    if op is None or op.operand != "slot" or a is None:
        return ""
    k = a if "ARG" in opname else nparams + a if "LOC" in opname else -1
    return names[k] if 0 <= k < len(names) and names[k] else ""


def build_model(name, filename, instructions, constants=(), names=(), source_lines=None, info=None, nparams=0):
    """Rows from Instruction records; source_lines = (first line number, [text])."""
    labels = {}
    for ins in instructions:
        if ins.is_jump_target:
            labels[ins.pc] = f"L{len(labels) + 1}"
    rows = []
    last_line = None
    for ins in instructions:
        src = ""
        if ins.line != last_line:
            last_line = ins.line
            if source_lines is not None:
                first, lines = source_lines
                k = ins.line - first
                if 0 <= k < len(lines):
                    src = lines[k].strip()
        if ins.jump_target is not None:
            argrepr = f"-> {labels.get(ins.jump_target, ins.jump_target)}"
        else:
            argrepr = ins.argrepr or slot_name(ins.opname, ins.arg, names, nparams)
        arg = "" if ins.arg is None else str(ins.arg)
        if ins.extra:
            arg += " " + " ".join(str(x) for x in ins.extra)
        rows.append(BytecodeRow(ins.pc, labels.get(ins.pc, ""), ins.opname, arg.strip(), argrepr,
                                ins.jump_target, ins.jump_target is not None and ins.jump_target <= ins.pc,
                                ins.line, src))
    return BytecodeModel(name, filename, rows, list(constants), list(names), dict(info or {}))


def model_for_function(engine, fn, sources=None):
    """The model of a live function handle (introspect.disassemble + code_info)."""
    from glassjs.engine import introspect
    info = introspect.code_info(engine, fn)
    instructions = introspect.disassemble(engine, fn)
    src = None
    if sources and info["filename"] in sources:
        src = (1, sources[info["filename"]].split("\n"))
    elif info["source"]:
        src = (info["line"], info["source"].split("\n"))
    return build_model(info["name"] or "<anonymous>", info["filename"], instructions, info["constants"],
                       info["names"], src, info, info["nparams"])


def model_for_code(code, source_lines=None):
    """The model of a TraceCode snapshot (engine/records.py)."""
    if source_lines is None and code.source:
        source_lines = (code.line, code.source.split("\n"))
    return build_model(code.name, code.filename, code.instructions, code.constants, code.names, source_lines,
                       nparams=code.nparams)


# --- HTML ---------------------------------------------------------------------------------------

def render_rows(model: BytecodeModel):
    """One <tr> string per row (the player swaps the highlighted one)."""
    out = []
    for r in model.rows:
        arrow = ""
        if r.target is not None:
            arrow = f"<span class='glass-bc-arrow' title='jump to pc {r.target}'>{'&#8634;' if r.backward else '&#8628;'}</span>"
        out.append(
            f"<tr class='glass-bc-row' data-pc='{r.pc}' data-line='{r.line}'>"
            f"<td class='glass-bc-lineno'>{r.line if r.source else ''}</td>"
            f"<td class='glass-bc-label'>{r.label}</td>"
            f"<td class='glass-bc-pc'>{r.pc}</td>"
            f"<td class='glass-bc-op'>{r.opname}</td>"
            f"<td class='glass-bc-arg'>{esc(r.arg)}</td>"
            f"<td class='glass-bc-argrepr'>{arrow}{esc(r.argrepr)}</td>"
            f"<td class='glass-bc-src'>{esc(r.source)}</td></tr>")
    return out


def highlight(rows_html, model: BytecodeModel, pc: Optional[int]):
    """The rows with the instruction at pc marked current."""
    if pc is None:
        return rows_html
    for i, r in enumerate(model.rows):
        if r.pc == pc:
            out = list(rows_html)
            out[i] = out[i].replace("class='glass-bc-row'", "class='glass-bc-row glass-bc-current'", 1)
            return out
    return rows_html


def render_html(model: BytecodeModel, pc: Optional[int] = None, rows_html=None, constants=True) -> str:
    rows = highlight(rows_html if rows_html is not None else render_rows(model), model, pc)
    head = (f"<div class='glass-bc-title'>{esc(model.name)} "
            f"<span class='glass-muted'>{esc(model.filename)}</span></div>")
    table = ("<table class='glass-bc-table'><thead><tr><th>line</th><th></th><th>pc</th><th>op</th>"
             "<th>arg</th><th>meaning</th><th>source</th></tr></thead><tbody>"
             + "".join(rows) + "</tbody></table>")
    consts = ""
    if constants and model.constants:
        items = "".join(f"<tr><td>{i}</td><td>{esc(c)}</td></tr>" for i, c in enumerate(model.constants))
        consts = (f"<details class='glass-bc-consts'><summary>constants ({len(model.constants)})</summary>"
                  f"<table><tbody>{items}</tbody></table></details>")
    return f"<div class='glass-bytecode'>{head}{table}{consts}</div>"


def render_text(model: BytecodeModel, pc: Optional[int] = None) -> str:
    lines = [f"{model.name} ({model.filename})"]
    for r in model.rows:
        mark = ">>" if r.pc == pc else "  "
        lines.append(f"{mark}{r.line if r.source else '':>4} {r.label:>4} {r.pc:>4} {r.opname:<16}"
                     f"{r.arg:>8}  {r.argrepr:<24} {r.source}".rstrip())
    if model.constants:
        lines.append("constants: " + ", ".join(f"{i}: {c}" for i, c in enumerate(model.constants)))
    return "\n".join(lines)


def view(engine, fn, sources=None) -> View:
    m = model_for_function(engine, fn, sources)
    return View("bytecode", m, render_text(m), page("glass-bytecode-view", render_html(m)))


@register("bytecode", "value", "%bytecode FN: a function's bytecode with constants, jump labels and source lines")
def build(engine, subj, options):
    if subj.bits.kind != "object":
        raise ValueError(f"a {subj.bits.kind} has no bytecode (pass a function)")
    try:
        return view(engine, subj.value, options.get("sources"))
    except TypeError as exc:            # natives and non-functions: introspect says which
        raise ValueError(str(exc)) from None
