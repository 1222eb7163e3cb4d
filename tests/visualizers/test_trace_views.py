"""Views 5-8 (bytecode, stack, player, GC): their models, and HTML checked for
structure (parsed as XML), never for pixels."""
import pytest

import glassjs
import glassjs.visualizers as viz
from glassjs.engine import tracer
from glassjs.visualizers import bytecode_view, gc_view, stack_view, trace_player
from glassjs.visualizers.trace_model import TraceModel

LOOP = """function sum(n) {
  var s = 0;
  for (var i = 0; i < n; i++) {
    s += i;
  }
  return s;
}
sum"""


# --- 5 bytecode ---------------------------------------------------------------------------------

def test_bytecode_rows_carry_source_lines_and_jump_targets(engine):
    fn = engine.eval(LOOP)
    m = bytecode_view.model_for_function(engine, fn)
    lines = LOOP.split("\n")
    assert m.name == "sum"
    jumps = [r for r in m.rows if r.target is not None]
    assert jumps, "a loop has jumps"
    labels = {r.pc: r.label for r in m.rows if r.label}
    for r in jumps:
        assert r.target in labels and r.argrepr == f"-> {labels[r.target]}"
    assert any(r.backward for r in jumps) and any(not r.backward for r in jumps)
    for r in m.rows:
        assert 1 <= r.line <= 7
        if r.source:
            assert r.source == lines[r.line - 1].strip()
    assert {r.line for r in m.rows if r.source} >= {2, 3, 4, 6}
    # frame-slot instructions name their variable
    assert {r.argrepr for r in m.rows if r.opname in ("GET_LOC", "PUT_LOC", "GET_ARG")} == {"s", "i", "n"}


def test_bytecode_html_structure_and_highlight(engine, xml):
    fn = engine.eval(LOOP)
    v = viz.bytecode(engine, fn)
    root = xml.parse(v.html)
    rows = xml.by_class(root, "glass-bc-row")
    assert len(rows) == len(v.model.rows) and xml.by_class(root, "glass-bytecode")
    assert not xml.by_class(root, "glass-bc-current")
    pc = v.model.rows[3].pc
    cur = xml.by_class(xml.parse(bytecode_view.render_html(v.model, pc)), "glass-bc-current")
    assert len(cur) == 1 and cur[0].get("data-pc") == str(pc)
    assert "sum" in v.text and "->" in v.text


def test_bytecode_of_a_native_is_a_clear_error(engine):
    with pytest.raises(TypeError, match="natives have no bytecode"):
        viz.bytecode(engine, engine.eval("Math.max"))


# --- 6 stack ----------------------------------------------------------------------------------

def test_live_stack_from_inside_running_code(engine, xml):
    seen = []
    engine.set_global("snap", lambda: seen.append((stack_view.frames_from_engine(engine), viz.stack(engine))))
    engine.eval("function f(a) { var b = a + 1; snap(); return b }\nf(41)")
    frames, view = seen[0]
    assert [f.function for f in frames] == ["<script>", "f"]
    f = frames[-1]
    assert f.arguments[0].text == "41" and dict((s.name, s.text) for s in f.locals)["b"] == "42"
    root = xml.parse(view.html)
    assert len(xml.by_class(root, "glass-frame")) == 2
    # every slot opens the value inspector (radio + label, no script)
    assert len(xml.by_class(root, "glass-stack-pick")) == len(xml.by_class(root, "glass-stack-open")) > 0
    assert xml.by_class(root, "glass-value-bits")
    del seen[:]


def test_stack_when_nothing_runs_says_so(engine):
    v = viz.stack(engine)
    assert v.model == [] and "No JavaScript is running" in v.text


# --- 7 player -----------------------------------------------------------------------------------

SRC = "var o = {n: 1};\nfunction inc(x) {\n  return x + 1;\n}\nvar r = inc(o.n);\nr"


def test_player_panels_stay_in_sync(engine, xml):
    t = tracer.trace_source(engine, SRC, "<cell 1>")
    r = trace_player.StepRenderer(t, {"<cell 1>": SRC})
    for st in t.steps:
        p = r.panels(st.index)
        assert st.opname in p["header"]
        cur = xml.by_class(xml.parse(p["bytecode"]), "glass-bc-current")
        assert len(cur) == 1 and cur[0].get("data-pc") == str(st.pc)
        src = xml.by_class(xml.parse(p["source"]), "glass-src-current")
        assert len(src) == 1 and SRC.split("\n")[st.line - 1] in "".join(src[0].itertext())
        frames = xml.by_class(xml.parse(p["stack"]), "glass-frame")
        assert len(frames) == st.depth
        xml.parse(p["heap"]), xml.parse(p["inspector"])


def test_player_heap_panel_shows_the_allocation(engine, xml):
    t = tracer.trace_source(engine, SRC)
    r = trace_player.StepRenderer(t)
    new = next(s for s in t.steps if s.opname == "NEW_OBJECT")
    heap = r.heap(new.index + 1)
    assert "allocated object Object" in heap
    assert xml.by_class(xml.parse(heap), "glass-blk-new")


def test_player_widget_steps_and_goes_back(engine):
    pytest.importorskip("ipywidgets")
    t = tracer.trace_source(engine, SRC)
    p = trace_player.Player(t)
    assert p.slider.max == len(t.steps) - 1
    p.step.click(); p.step.click()
    assert p.slider.value == 2 and f"step <b>3</b>" in p.panels["header"].value
    p.back.click()
    assert p.slider.value == 1
    p.last.click()
    assert p.slider.value == len(t.steps) - 1
    p.first.click()
    assert p.slider.value == 0
    p.go(10 ** 6)
    assert p.slider.value == p.slider.max


def test_budget_trace_is_shown_with_its_message(engine, xml):
    v = viz.trace(engine, "while (true) {}", budget=200)
    assert v.model.trace.status == "budget" and len(v.model.trace.steps) == 200
    root = xml.parse(v.html)
    assert xml.by_class(root, "glass-trace-budget") and "budget" in v.text
    assert len(xml.by_class(root, "glass-trace-table")[0].find("tbody")) == 200


def test_trace_of_a_function_call(engine):
    f = engine.eval("(function (a, b) { return a * b })")
    v = viz.trace(engine, f, 6, 7)
    assert v.model.trace.result == 42 and v.model.trace.steps[0].depth == 1


# --- 8 GC ---------------------------------------------------------------------------------------

def test_refcounts_change_as_references_drop(engine):
    t = tracer.trace_source(engine, "var a = {};\nvar b = a;\nb = null;\na = null;")
    hs = gc_view.refcount_histories(t)
    assert len(hs) == 1
    h = hs[0]
    assert [rc for _, _, rc in h.changes] == [1, 2, 1]
    assert [line for _, line, _ in h.changes] == [1, 2, 3] and h.freed_at[1] == 4


def test_gc_view_shows_the_phases_on_the_heap_map(engine, xml):
    engine.eval("function cyc() { var a = {}; var b = {a: a}; a.b = b } cyc(); cyc()")
    v = viz.gc(engine)
    m = v.model
    assert len(m.garbage) == m.phases.stats["freed_blocks"] > 0
    assert m.garbage_bytes == m.phases.stats["freed_bytes"]
    root = xml.parse(v.html)
    swept = xml.by_class(root, "glass-gc-swept")
    assert {int(el.get("data-offset")) for el in swept if el.get("data-offset")} == {b.offset for b in m.garbage}
    assert xml.by_class(root, "glass-gc-root") and len(xml.by_class(root, "glass-gc-tab")) == 3
    assert v.text.startswith(f"gc: freed {m.phases.stats['freed_bytes']:,} bytes")
