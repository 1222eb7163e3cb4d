"""View 7, the step-through player: a slider and step/back buttons over every
instruction of a trace, with source, bytecode, stack and heap kept in sync.

Rendering a step must stay far under 100 ms (bench/trace_steps.py measures
it).  So: the per-code bytecode rows are rendered once and only the highlight
moves; the frame chain and values come from TraceModel's precomputed indexes;
a panel whose HTML did not change is not sent again.
"""
from __future__ import annotations

from glassjs.visualizers.base import View, esc, page, register

from glassjs.engine.records import decode_bits
from glassjs.visualizers import bytecode_view as bc
from glassjs.visualizers import heap_steps, stack_view, value_view
from glassjs.visualizers.trace_model import TraceModel

SOURCE_CONTEXT = 8            # lines shown around the current one


class StepRenderer:
    """HTML of each panel at a step; pure Python, no widgets (the benchmark and tests use it)."""

    def __init__(self, trace, sources=None):
        self.model = TraceModel(trace, sources)
        self.trace = trace
        self._bc_models = {}
        self._bc_rows = {}
        self._span = heap_steps.arena_span(self.model)

    def bytecode_parts(self, code_index):
        if code_index not in self._bc_models:
            m = bc.model_for_code(self.model.codes[code_index], self.model.source_lines(code_index))
            self._bc_models[code_index] = m
            self._bc_rows[code_index] = bc.render_rows(m)
        return self._bc_models[code_index], self._bc_rows[code_index]

    def header(self, i):
        st = self.model.steps[i]
        code = self.model.codes[st.code]
        return (f"<div class='glass-trace-status'>step <b>{i + 1}</b> of {len(self.model)}: "
                f"<b>{st.opname}</b> at pc {st.pc} in <b>{esc(code.name)}</b>, line {st.line}, "
                f"depth {st.depth}</div>")

    def source(self, i):
        st = self.model.steps[i]
        src = self.model.source_lines(st.code)
        code = self.model.codes[st.code]
        if src is None:
            return f"<div class='glass-source glass-muted'>(no source for {esc(code.filename)})</div>"
        first, lines = src
        k = st.line - first
        lo, hi = max(0, k - SOURCE_CONTEXT), min(len(lines), k + SOURCE_CONTEXT + 1)
        rows = []
        for j in range(lo, hi):
            cls = "glass-src-line glass-src-current" if j == k else "glass-src-line"
            rows.append(f"<div class='{cls}'><span class='glass-src-no'>{first + j}</span>"
                        f"<code>{esc(lines[j]) or ' '}</code></div>")
        return (f"<div class='glass-source'><div class='glass-muted'>{esc(code.filename)}</div>"
                f"{''.join(rows)}</div>")

    def bytecode(self, i):
        st = self.model.steps[i]
        m, rows = self.bytecode_parts(st.code)
        return bc.render_html(m, st.pc, rows, constants=False)

    def stack(self, i):
        return stack_view.render_html(self.model.frames(i))

    def heap(self, i):
        return heap_steps.render_html(self.model, i, self._span)

    def inspector(self, i):
        """The value inspector on the top of the operand stack: what the next instruction consumes."""
        fr = self.model.frame_of(i)
        if not fr.operands:
            return "<div class='glass-muted'>operand stack empty</div>"
        top = fr.operands[-1]
        return value_view.render_html(value_view.model(decode_bits(top.bits)), "top of the operand stack")

    def panels(self, i):
        return {"header": self.header(i), "source": self.source(i), "bytecode": self.bytecode(i),
                "stack": self.stack(i), "inspector": self.inspector(i), "heap": self.heap(i)}

    def status_html(self):
        t = self.trace
        if t.status == "done":
            text = f"{len(t.steps)} instructions traced."
        else:
            text = f"{len(t.steps)} instructions traced; {t.message}"
        return f"<div class='glass-trace-msg glass-trace-{t.status}'>{esc(text)}</div>"

    def summary_html(self, limit=300):
        """The HTML fallback: a table of the steps (front ends without widgets)."""
        rows = []
        for st in self.model.steps[:limit]:
            code = self.model.codes[st.code]
            top = self.model.value("", st.words[-1], st.index).text if len(st.words) > 1 + st.nargs + st.nlocals else ""
            rows.append(f"<tr><td>{st.index + 1}</td><td>{esc(code.name)}</td><td>{st.line}</td>"
                        f"<td>{st.pc}</td><td>{st.opname}</td><td>{st.depth}</td><td>{esc(top)}</td></tr>")
        more = (f"<div class='glass-muted'>... {len(self.model) - limit} more steps (run in JupyterLab for "
                f"the player)</div>" if len(self.model) > limit else "")
        return (f"<div class='glass-trace-player'>{self.status_html()}<table class='glass-trace-table'>"
                f"<thead><tr><th>step</th><th>function</th><th>line</th><th>pc</th><th>op</th><th>depth</th>"
                f"<th>stack top</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}</div>")

    def summary_text(self, limit=60):
        lines = [f"trace: {len(self.model)} steps, status {self.trace.status}"
                 + (f" ({self.trace.message})" if self.trace.message else "")]
        for st in self.model.steps[:limit]:
            lines.append(f"{st.index + 1:>6} {self.model.codes[st.code].name:<16} line {st.line:<4} "
                         f"pc {st.pc:<4} {st.opname}")
        if len(self.model) > limit:
            lines.append(f"... {len(self.model) - limit} more")
        return "\n".join(lines)


class Player:
    """The widget: buttons, a slider and five HTML panels updated on each step."""

    def __init__(self, trace, sources=None):
        import ipywidgets as w
        self.renderer = StepRenderer(trace, sources)
        n = len(self.renderer.model)
        self.slider = w.IntSlider(value=0, min=0, max=max(n - 1, 0), description="step",
                                  continuous_update=True, readout=True,
                                  layout=w.Layout(width="60%"))
        self.first = w.Button(description="|<", tooltip="first step", layout=w.Layout(width="44px"))
        self.back = w.Button(description="<", tooltip="step back", layout=w.Layout(width="44px"))
        self.step = w.Button(description=">", tooltip="step", layout=w.Layout(width="44px"))
        self.last = w.Button(description=">|", tooltip="last step", layout=w.Layout(width="44px"))
        self.panels = {k: w.HTML() for k in ("header", "source", "bytecode", "stack", "inspector", "heap")}
        for k, panel in self.panels.items():
            panel.add_class(f"glass-trace-{k}")
        self._sent = {}
        self.first.on_click(lambda _: self.go(0))
        self.back.on_click(lambda _: self.go(self.slider.value - 1))
        self.step.on_click(lambda _: self.go(self.slider.value + 1))
        self.last.on_click(lambda _: self.go(self.slider.max))
        self.slider.observe(lambda ch: self.show(ch["new"]), names="value")
        p = self.panels
        col = lambda *c: w.VBox(list(c), layout=w.Layout(width="50%", overflow="auto"))
        self.widget = w.VBox([
            w.HTML(self.renderer.status_html()),
            w.HBox([self.first, self.back, self.step, self.last, self.slider]),
            p["header"],
            w.HBox([col(p["source"], p["stack"]), col(p["bytecode"])]),
            p["inspector"],
            p["heap"],
        ])
        self.widget.add_class("glass-trace-player")
        if n:
            self.show(0)

    def go(self, i):
        self.slider.value = min(max(i, self.slider.min), self.slider.max)

    def show(self, i):
        """Render step i: only panels whose HTML changed are sent to the front end."""
        if not len(self.renderer.model):
            return
        for name, text in self.renderer.panels(i).items():
            if self._sent.get(name) != text:
                self._sent[name] = text
                # every panel is its own .glass-view root so glass.css applies inside the widget
                self.panels[name].value = f"<div class='glass-view'>{text}</div>"


def view_of_trace(trace, sources=None) -> View:
    r = StepRenderer(trace, sources)
    return View("trace", r, r.summary_text(), page("glass-trace-view", r.summary_html()),
                lambda: Player(trace, sources).widget)


def trace(engine, code=None, *args, budget=None, filename="<trace>", sources=None) -> View:
    """Trace JavaScript source (a str) or a call of a function handle with args; the player View."""
    from glassjs.engine import tracer
    budget = tracer.DEFAULT_BUDGET if budget is None else int(budget)
    if isinstance(code, str):
        t = tracer.trace_source(engine, code, filename, budget=budget)
        sources = dict(sources or {}, **{filename: code})
    else:
        t = tracer.trace_call(engine, code, *args, budget=budget)
    return view_of_trace(t, sources)


@register("trace", "value", "glass.trace(fn[, {budget: N}]): call fn with tracing on and step through it")
def build(engine, subj, options):
    if subj.bits.kind != "object":
        raise ValueError(f"glass.trace expects a function, not a {subj.bits.kind}")
    budget = options.get("budget")
    if budget is not None and not (isinstance(budget, (int, float)) and budget >= 1):
        raise ValueError("budget must be a positive number of instructions")
    return trace(engine, subj.value, budget=budget)
