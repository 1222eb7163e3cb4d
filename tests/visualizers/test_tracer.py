"""The engine-side tracer (engine/tracer.pyx): what one record per instruction
holds, the step budget, that tracing changes nothing, and the collector's phases."""
import pytest

import glassjs
from glassjs.engine import introspect, tracer
from glassjs.engine.records import decode_bits


def numbers(words):
    return [decode_bits(w).number for w in words]


def test_stack_after_one_plus_two_mid_step(engine):
    t = tracer.trace_source(engine, "function f() { return 1 + 2 }\nf()")
    assert t.status == "done" and t.result == 3
    adds = [s for s in t.steps if s.opname == "ADD"]
    assert len(adds) == 1
    add = adds[0]
    # before ADD runs the operand stack holds 1 and 2; after it, 3
    assert numbers(add.operands) == [1.0, 2.0]
    after = t.steps[add.index + 1]
    assert numbers(after.operands) == [3.0]
    assert t.codes[add.code].name == "f" and add.depth == 2 and add.line == 1


def test_each_step_names_code_pc_opcode_and_line(engine):
    src = "var x = 1;\nvar y = x + 41;\ny"
    t = tracer.trace_source(engine, src, "<t>")
    assert t.result == 42
    for s in t.steps:
        ins = t.codes[s.code].by_pc[s.pc]
        assert ins.opname == s.opname and ins.line == s.line
    assert {s.line for s in t.steps} == {1, 2, 3}
    assert t.codes[0].filename == "<t>"


def test_frames_of_a_recursion_are_rebuilt(engine):
    from glassjs.visualizers.trace_model import TraceModel
    t = tracer.trace_source(engine, "function fact(n) { return n < 2 ? 1 : n * fact(n - 1) }\nfact(4)")
    assert t.result == 24
    deepest = max(t.steps, key=lambda s: s.depth)
    assert deepest.depth == 5                         # the script + fact(4), fact(3), fact(2), fact(1)
    frames = TraceModel(t).frames(deepest.index)
    assert [f.function for f in frames] == ["<script>", "fact", "fact", "fact", "fact"]
    assert [f.arguments[0].text for f in frames[1:]] == ["4", "3", "2", "1"]
    assert [f.arguments[0].name for f in frames[1:]] == ["n"] * 4


def test_budget_stops_a_runaway_loop_and_keeps_the_partial_trace(engine):
    assert tracer.DEFAULT_BUDGET == 10000
    t = tracer.trace_source(engine, "var i = 0; while (true) { try { i++ } catch (e) {} finally { } }", budget=500)
    assert t.status == "budget" and len(t.steps) == 500
    assert "budget" in t.message and "500" in t.message
    assert engine.eval("i") > 10                         # it ran, and was stopped: no catch swallowed it
    assert not tracer.is_tracing(engine)
    assert engine.eval("1 + 1") == 2                     # the engine carries on


def test_default_budget_is_ten_thousand(engine):
    t = tracer.trace_source(engine, "for (;;) {}")
    assert t.status == "budget" and len(t.steps) == 10000


def test_budget_must_be_positive(engine):
    with pytest.raises(ValueError):
        tracer.trace_source(engine, "1", budget=0)


def test_an_uncaught_error_ends_the_trace_with_status_error(engine):
    t = tracer.trace_source(engine, "var a = 1;\nnull.x")
    assert t.status == "error" and "TypeError" in t.message and len(t.steps) > 0
    assert isinstance(t.error, glassjs.JSError)


def test_traces_do_not_nest(engine):
    f = engine.eval("(function () { return 1 })")
    inner = []
    engine.set_global("nest", lambda: inner.append(pytest.raises(RuntimeError, tracer.trace_call, engine, f)))
    t = tracer.trace_source(engine, "nest()")
    assert t.status == "done" and len(inner) == 1


def test_tracing_is_read_only():
    """The same program with and without tracing leaves the same heap."""
    src = "var o = {a: [1, 2, 3], s: 'x' + 1}; function g(p) { return p.a.length + o.s.length } var r = g(o); r"
    plain, traced = glassjs.Engine(), glassjs.Engine()
    assert plain.eval(src) == 5
    t = tracer.trace_source(traced, src)
    assert t.result == 5
    strip = lambda blocks: [(b.offset, b.size, b.type, b.refcount, b.detail) for b in blocks]
    # filenames differ ("<input>" / "<trace>") only as strings of the same length class; compare the rest
    a, b = introspect.heap_blocks(plain), introspect.heap_blocks(traced)
    assert len(a) == len(b)
    assert [x[:4] for x in strip(a)] == [x[:4] for x in strip(b)]
    assert introspect.check_heap(traced) == []


def test_heap_events_record_allocations_frees_and_refcounts(engine):
    t = tracer.trace_source(engine, "var a = {};\nvar b = a;\nb = null;\na = null;")
    objs = [ev for ev in t.events if ev.type == "object"]
    assert [ev.kind for ev in objs] == ["alloc", "refcount", "refcount", "free"]
    assert [ev.refcount for ev in objs[1:3]] == [2, 1]
    assert len({ev.offset for ev in objs}) == 1 and objs[0].detail == "Object"
    # the free happened while `a = null` (line 4) ran
    assert t.steps[objs[-1].step - 1].line == 4


def test_values_in_the_trace_are_described_as_they_were(engine):
    from glassjs.visualizers.trace_model import TraceModel
    t = tracer.trace_source(engine, "var s = 'ab' + 'cd'; s = null; 0")
    m = TraceModel(t)
    texts = {m.value("", w, s.index).text for s in t.steps for w in s.operands}
    assert "'abcd'" in texts                           # the concatenation, although it was freed since


def test_gc_phases_report_freed_bytes_that_match_the_heap_walk(engine):
    engine.eval("function cyc() { var a = {}; var b = {a: a}; a.b = b } for (var i = 0; i < 4; i++) cyc()")
    ph = tracer.collect_with_phases(engine)
    before = {b.offset: b for b in ph.before}
    assert ph.garbage and set(ph.garbage) <= set(before)
    assert sum(before[o].size for o in ph.garbage) == ph.stats["freed_bytes"] > 0
    assert len(ph.garbage) == ph.stats["freed_blocks"]
    # every garbage block is a free block after the run; what disappeared from the walk is what was released
    after_all = {b.offset: b for b in introspect.heap_blocks(engine)}
    assert all(after_all[o].type == "free" for o in ph.garbage)
    live_after = {b.offset for b in ph.after}
    gone = sum(b.size for o, b in before.items() if o not in live_after)
    assert gone == ph.released_bytes
    # blocks with references from outside the heap; the stats count only those marking had to start from
    assert sum(1 for s in ph.marked.values() if s == "root") >= ph.stats["roots"] > 0
    assert len(ph.marked) == ph.stats["marked"]
    assert introspect.check_heap(engine) == []


def test_a_collection_inside_a_trace_is_recorded_as_frees(engine):
    engine.set_global("collect", lambda: engine.gc())
    t = tracer.trace_source(engine, "function mk() { var f = function () {}; f.self = f; var o = {f: f}; o.o = o }\n"
                                    "for (var i = 0; i < 5; i++) mk();\ncollect(); 1")
    assert t.status == "done"
    freed = [ev for ev in t.events if ev.kind == "free" and ev.type == "object"]
    # each mk() leaves a cycle: o, f and f.prototype, freed only by the collector during line 3
    assert len(freed) == 15
    assert {t.steps[ev.step - 1].line for ev in freed} == {3}
    assert sum(1 for ev in freed if ev.detail == "Function f") == 5
