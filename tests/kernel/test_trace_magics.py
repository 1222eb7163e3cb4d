"""The tracing views through the kernel: %%trace, %bytecode, %stack, %gc and
glass.trace/bytecode/stack/gc give display_data with a widget and HTML and
text fallbacks; bad input is an error in the cell and the kernel carries on."""
import pytest

from test_protocol import Session, KERNEL
from test_views import WIDGET, assert_view, displays

pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def k():
    s = Session(KERNEL)
    yield s
    s.close()


def test_cell_trace_shows_the_player(k):
    k.run("function sq(x) {\n  return x * x\n}")
    reply, msgs = k.run("%%trace\nvar t = sq(3);\nt + 1")
    assert reply["status"] == "ok"
    data = assert_view(msgs, "glass-trace-table")
    assert data["text/plain"].startswith("trace: ") and "status done" in data["text/plain"]
    assert k.value("t") == "9"                         # the traced cell really ran


def test_trace_budget_stops_the_loop_and_shows_the_partial_trace(k):
    reply, msgs = k.run("%%trace --budget 300\nvar n = 0; while (true) { n++ }")
    assert reply["status"] == "ok"
    data = assert_view(msgs, "glass-trace-budget")
    assert "300 steps" in data["text/plain"]
    errs = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert "step budget exhausted" in errs
    assert int(k.value("n")) > 10 and k.value("1 + 1") == "2"


def test_trace_of_a_throwing_cell_shows_the_trace_then_the_error(k):
    reply, msgs = k.run("%%trace\nnull.x")
    assert reply["status"] == "error" and reply["ename"] == "TypeError"
    assert displays(msgs)


def test_bytecode_magic_and_js_call(k):
    k.run("function add(a, b) { return a + b }")
    reply, msgs = k.run("%bytecode add")
    data = assert_view(msgs, "glass-bytecode")
    assert "ADD" in data["text/plain"] and "return a + b" in data["text/plain"]
    reply, msgs = k.run("glass.bytecode(add)")
    assert_view(msgs, "glass-bc-row")


def test_glass_trace_and_stack_from_javascript(k):
    reply, msgs = k.run("glass.trace(function () { return add(1, 2) })")
    assert reply["status"] == "ok"
    assert_view(msgs, "glass-trace-view")
    reply, msgs = k.run("function inner(v) { glass.stack(); return v }\ninner('x')")
    data = assert_view(msgs, "glass-frame")
    assert data["text/plain"].startswith("#2 inner") and "'x'" in data["text/plain"]


def test_stack_magic_between_cells_says_nothing_runs(k):
    reply, msgs = k.run("%stack")
    assert "No JavaScript is running" in assert_view(msgs, "glass-stack")["text/plain"]


def test_gc_magic_still_prints_bytes_freed_and_shows_phases(k):
    reply, msgs = k.run("function cyc() { var a = {}; a.self = a } cyc(); cyc();")
    reply, msgs = k.run("%gc")
    out = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    assert "gc: freed" in out and "freed 0 bytes" not in out
    assert_view(msgs, "glass-gc-phases")
    reply, msgs = k.run("%%gc\nvar a = {};\nvar b = a;\nb = null;")
    # cell-relative lines: the %%gc line is line 1
    assert "1 (line 2) -> 2 (line 3) -> 1 (line 4)" in assert_view(msgs, "glass-gc-refcounts")["text/plain"]


def test_bad_input_is_an_error_in_the_cell(k):
    reply, _ = k.run("glass.trace(5)")
    assert reply["status"] == "error" and reply["ename"] == "TypeError"
    reply, _ = k.run("glass.bytecode(Math.max)")
    assert reply["ename"] == "TypeError" and "natives have no bytecode" in reply["evalue"]
    reply, _ = k.run("%%trace --budget lots\n1")
    assert reply["ename"] == "UsageError"
    reply, _ = k.run("%bytecode")
    assert reply["ename"] == "UsageError"
    assert k.value("1 + 1") == "2"
