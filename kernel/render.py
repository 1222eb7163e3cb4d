"""The rich view of a value: the execute_result (and display(value)) bundle.

text/plain is the engine's Node-like util.inspect.  text/html is a table for
arrays and maps of records (console.table's layout), an escaped <pre> of the
same inspect text for other objects.  Properties are read through the probe,
so getters show as [Getter] and never run.
"""
from __future__ import annotations

import html

import glassjs
from glassjs.engine.builtins.inspect import inspect

MAX_ROWS = 200
MAX_COLUMNS = 30


def bundle(engine, probe, value) -> dict:
    """{'text/plain': ..., 'text/html': ...} for a JS value (html only for non-function objects)."""
    text = inspect(engine, value)
    data = {"text/plain": text}
    if isinstance(value, glassjs.JSObject) and not value.callable and not probe.is_error(value):
        try:
            table = html_table(engine, probe, value)
        except glassjs.JSError:
            table = None
        data["text/html"] = table or f"<pre>{html.escape(text)}</pre>"
    return data


def html_table(engine, probe, value) -> str | None:
    """console.table-like HTML for an array/object whose values are all records, else None."""
    rows = probe.entries(value, MAX_ROWS + 1)
    if not rows or not all(state == "value" and _is_record(v) for _, state, v in rows):
        return None
    truncated = len(rows) > MAX_ROWS
    rows = rows[:MAX_ROWS]
    columns: list[str] = []
    cells = []
    has_values = False
    for key, state, v in rows:
        row = {}
        if state == "getter":
            row[None] = "[Getter]"
            has_values = True
        elif _is_record(v):
            for ck, cstate, cv in probe.entries(v, MAX_COLUMNS + 1):
                if ck not in columns:
                    if len(columns) >= MAX_COLUMNS:
                        continue
                    columns.append(ck)
                row[ck] = "[Getter]" if cstate == "getter" else inspect(engine, cv, depth=0)
        else:
            row[None] = inspect(engine, v, depth=0)
            has_values = True
        cells.append((key, row))
    head = ["(index)"] + columns + (["Values"] if has_values else [])
    out = ['<table class="glassjs-table">', "<thead><tr>"]
    out += [f"<th>{html.escape(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for key, row in cells:
        out.append(f"<tr><th>{html.escape(key)}</th>")
        for c in columns:
            out.append(f"<td>{html.escape(row.get(c, ''))}</td>")
        if has_values:
            out.append(f"<td>{html.escape(row.get(None, ''))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    if truncated:
        out.append(f"<p>… first {MAX_ROWS} rows</p>")
    return "".join(out)


def _is_record(v) -> bool:
    return isinstance(v, glassjs.JSObject) and not v.callable
