"""QuickJS's memory API on glassjs.Engine (docs/memory-api.md).

memory_usage() is cross-checked three ways: against a Python-side heap walk
(introspect.heap_blocks), against the counters the allocator keeps while it
allocates (memory.allocator_counters), and against known deltas of small
programs -- so the accounting cannot drift from the heap."""
from collections import Counter

import pytest

import glassjs
from glassjs.engine import introspect, memory

PROFILES = ("default", "lowmem", "rom")


def ram_blocks(e):
    return [b for b in introspect.heap_blocks(e) if b.segment == "ram"]


def by_type(blocks, pred=lambda b: True):
    counts, sizes = Counter(), Counter()
    for b in blocks:
        if pred(b):
            counts[b.type] += 1
            sizes[b.type] += b.size
    return counts, sizes


def check_against_heap_walk(e):
    u = e.memory_usage()
    blocks = ram_blocks(e)
    live = [b for b in blocks if b.type != "free"]
    counts, sizes = by_type(live)
    interned = [b for b in live if b.type == "string" and "INTERNED" in b.flags]
    plain = [b for b in live if b.type == "string" and "INTERNED" not in b.flags]

    assert u["memory_used_count"] == len(live)
    assert u["memory_used_size"] == sum(b.size for b in live)
    assert u["free_count"] == counts_free(blocks)[0] and u["free_size"] == counts_free(blocks)[1]
    assert u["arena_bytes"] == sum(b.size for b in blocks)
    assert u["malloc_size"] == u["arena_bytes"] + u["stack_bytes"]
    assert u["atom_count"] == len(interned) == introspect.string_table(e)["count"]
    assert u["atom_size"] == sum(b.size for b in interned) + sizes["strtab"]
    assert (u["str_count"], u["str_size"]) == (len(plain), sum(b.size for b in plain))
    assert (u["obj_count"], u["obj_size"]) == (counts["object"], sizes["object"])
    assert u["shape_count"] == counts["props"]
    assert u["prop_size"] + u["shape_size"] == sizes["props"]
    assert (u["elems_count"], u["elems_size"]) == (counts["elems"], sizes["elems"])
    assert (u["env_count"], u["env_size"]) == (counts["env"], sizes["env"])
    assert u["js_func_count"] == counts["code"] and u["scope_count"] == counts["scope"]
    assert u["js_func_size"] == sizes["code"] + sizes["scope"]
    assert (u["binary_object_count"], u["binary_object_size"]) == (counts["bytes"], sizes["bytes"])
    classes = Counter(b.detail.split(" ")[0] for b in live if b.type == "object")
    assert u["c_func_count"] == classes["NativeFunction"] + classes["HostFunction"]
    assert u["array_count"] == classes["Array"] + classes["Arguments"]
    # every live byte is in exactly one category
    assert sum(u[k] for k in memory.SIZE_CATEGORIES) == u["memory_used_size"]
    # the allocator's running counters agree with both walks
    alloc = memory.allocator_counters(e)
    assert {t: c for t, (c, _) in alloc.items() if c} == {t: c for t, c in counts.items()}
    assert {t: s for t, (_, s) in alloc.items() if s} == {t: s for t, s in sizes.items()}
    return u


def counts_free(blocks):
    free = [b for b in blocks if b.type == "free"]
    return len(free), sum(b.size for b in free)


def test_every_quickjs_field_is_reported():
    e = glassjs.Engine()
    u = e.memory_usage()
    assert memory.QUICKJS_FIELDS == tuple(u)[:len(memory.QUICKJS_FIELDS)]
    assert len(memory.QUICKJS_FIELDS) == 26
    assert all(isinstance(u[k], int) and u[k] >= 0 for k in u)
    assert u["malloc_limit"] == e.memory_limit
    assert introspect.memory_usage(e) == u


@pytest.mark.parametrize("profile", PROFILES)
def test_fresh_engine_accounting_matches_the_heap(profile):
    check_against_heap_walk(glassjs.Engine(profile=profile))


def test_accounting_matches_the_heap_after_a_mixed_program(engine):
    engine.eval("""
        var objs = [], strs = [], fns = [];
        for (var i = 0; i < 300; i++) {
            objs.push({i: i, s: 'v' + i, nested: [i, {deep: true}]});
            strs.push(String(i * 7) + '-' + i);
            fns.push((function (k) { return function () { return k } })(i));
        }
        var sparse = []; sparse[100000] = 1;
        var re = /(a|b)+c/g, d = new Date(0), args = (function () { return arguments })(1, 2, 3);
        delete objs[5].s; objs.length = 200;""")
    engine.set_global("host", lambda: 1)
    check_against_heap_walk(engine)
    engine.eval("objs = strs = fns = sparse = null")
    engine.gc()
    check_against_heap_walk(engine)


def delta(e, script):
    before = e.memory_usage()
    e.eval(script)
    after = e.memory_usage()
    return {k: after[k] - before[k] for k in before}


def test_fields_move_by_what_a_program_allocates(engine):
    engine.eval("var keep = [], list = [], i;")
    d = delta(engine, "for (var i = 0; i < 100; i++) keep.push({x: i})")
    assert d["obj_count"] == 100 and d["obj_size"] == 100 * 40
    assert d["shape_count"] == 100 and d["prop_count"] == 100
    assert d["fast_array_elements"] == 100 and d["array_count"] == 0
    d = delta(engine, "list.push(function f(a) { return a + 1 })")
    assert d["js_func_count"] == 1 and d["js_func_code_size"] > 0
    assert d["c_func_count"] == 0
    d = delta(engine, "list.push(/x+y/)")
    assert d["binary_object_count"] == 1 and d["binary_object_size"] > 0
    d = delta(engine, "list.push((function () { var c = 1; return function () { return c } })())")
    assert d["env_count"] == 1
    d = delta(engine, "list.push([1, 2, 3], [4])")
    # two new arrays with 3 + 1 elements, and `list` itself grew by two
    assert (d["array_count"], d["fast_array_count"], d["fast_array_elements"]) == (2, 2, 3 + 1 + 2)
    before = engine.memory_usage()["c_func_count"]
    engine.set_global("py_host", lambda x: x)
    assert engine.memory_usage()["c_func_count"] == before + 1
    d = delta(engine, "list.push('never seen before ' + Math.PI)")
    assert d["str_count"] == 1


def test_dump_memory_usage_reports_the_same_numbers(engine):
    engine.eval("var a = [1, 2, 3]; function f(x) { return x } var r = /a+/")
    u = engine.memory_usage()
    text = engine.dump_memory_usage()
    rows = {}
    for line in text.splitlines()[3:]:            # fixed columns, as JS_DumpMemoryUsage prints
        rows[line[:20].strip()] = (line[21:29].strip(), line[30:38].strip() or None)
    assert rows["memory used"] == (str(u["memory_used_count"]), str(u["memory_used_size"]))
    assert rows["objects"] == (str(u["obj_count"]), str(u["obj_size"]))
    assert rows["atoms"] == (str(u["atom_count"]), str(u["atom_size"]))
    assert rows["bytecode functions"] == (str(u["js_func_count"]), str(u["js_func_size"]))
    assert rows["C functions"][0] == str(u["c_func_count"])
    assert text.startswith("glassjs memory usage -- profile default")

    class Sink:
        def __init__(self):
            self.parts = []

        def write(self, s):
            self.parts.append(s)

    sink = Sink()
    assert engine.dump_memory_usage(file=sink) == "".join(sink.parts)


# --- JS_SetMemoryLimit -------------------------------------------------------------------

FILL = """
    var caught = null, hog = [];
    try { for (var i = 0; ; i++) hog.push({i: i, s: 'item ' + i}) }
    catch (err) { hog = null; caught = err.name + ': ' + err.message }   // free first: the heap is full
    caught"""


@pytest.mark.parametrize("profile", PROFILES)
def test_out_of_memory_is_catchable_and_the_engine_recovers(profile):
    e = glassjs.Engine(profile=profile, memory_limit=2 << 20)
    assert e.eval(FILL) == "RangeError: out of memory"
    assert e.eval("var after = []; for (var i = 0; i < 5000; i++) after.push('x' + i); after.length") == 5000
    assert introspect.check_heap(e) == []
    check_against_heap_walk(e)


def test_memory_limit_can_be_lowered_and_raised_while_the_engine_lives(engine):
    engine.eval("var keep = []")
    used = engine.memory_usage()["memory_used_size"]
    engine.set_memory_limit(used + (512 << 10))
    assert engine.memory_usage()["malloc_limit"] == engine.memory_limit == used + (512 << 10)
    assert engine.eval(FILL) == "RangeError: out of memory"
    # the arena stopped at the limit (plus the error object, built in the emergency reserve)
    assert engine.memory_usage()["arena_bytes"] <= used + (512 << 10) + 4096
    engine.set_memory_limit(None)                 # back to the whole reserved arena
    assert engine.memory_limit > 64 << 20
    assert engine.eval("for (var i = 0; i < 20000; i++) keep.push({i: i}); keep.length") == 20000
    with pytest.raises(ValueError):
        engine.set_memory_limit(1 << 40)
    with pytest.raises(ValueError):
        engine.set_memory_limit(-1)


# --- JS_SetGCThreshold / JS_RunGC -----------------------------------------------------------

CYCLES = """
    for (var i = 0; i < 20000; i++) { var a = {}, b = {a: a}; a.b = b }
    a = b = null"""


def test_gc_threshold_off_leaves_cycles_to_an_explicit_gc(engine):
    engine.set_gc_threshold(None)
    assert engine.gc_threshold is None
    before = engine.memory_usage()
    engine.eval(CYCLES)
    grown = engine.memory_usage()
    assert grown["gc_runs"] == before["gc_runs"]          # never collected automatically
    assert grown["memory_used_size"] > before["memory_used_size"] + (2 << 20)
    freed = engine.gc()                                     # JS_RunGC
    after = engine.memory_usage()
    assert freed > 2 << 20
    assert grown["memory_used_size"] - after["memory_used_size"] >= freed
    assert after["gc_runs"] == grown["gc_runs"] + 1
    assert engine.gc_threshold is None                      # an explicit run keeps it off


def test_gc_threshold_makes_the_collector_run(engine):
    engine.set_gc_threshold(64 << 10)
    assert engine.gc_threshold == 64 << 10
    runs = engine.memory_usage()["gc_runs"]
    engine.eval(CYCLES)
    assert engine.memory_usage()["gc_runs"] > runs
    assert engine.gc_threshold >= 1 << 20                   # the collector set the next one
    with pytest.raises(ValueError):
        engine.set_gc_threshold(-5)


# --- JS_SetMaxStackSize --------------------------------------------------------------------

DEPTH = "var d = 0; function down() { d++; down() } try { down() } catch (x) { d = -d } d"


def test_max_stack_size_bounds_recursion_and_can_be_changed():
    e = glassjs.Engine(max_stack_size=64 << 10)
    assert e.max_stack_size == 64 << 10
    small = -e.eval(DEPTH)
    assert small > 100
    e.set_max_stack_size(1 << 20)
    assert e.max_stack_size == 1 << 20
    big = -e.eval(DEPTH)
    assert big > 8 * small
    with pytest.raises(glassjs.JSError) as info:
        e.eval("function f() { return f() } f()")
    assert info.value.name == "RangeError"
    assert e.eval("1 + 1") == 2
    e.set_global("resize", lambda: e.set_max_stack_size(1 << 16))
    assert "cannot resize the stack while code runs" in e.eval("try { resize() } catch (x) { x.message }")
    assert introspect.check_heap(e) == []


# --- JS_SetInterruptHandler --------------------------------------------------------------

def test_interrupt_handler_stops_code_uncatchably_and_can_be_replaced():
    e = glassjs.Engine()
    polls = []

    def stop_after_three():
        polls.append(1)
        return len(polls) >= 3

    e.set_interrupt_handler(stop_after_three)
    e.eval("var state = 'before'")
    with pytest.raises(glassjs.JSInterrupted):
        e.eval("try { for (;;) {} } catch (x) { state = 'caught' } finally { state = 'finally' }")
    assert len(polls) == 3
    assert e.eval("state") == "before"
    e.set_interrupt_handler(None)
    assert e.eval("var n = 0; for (var i = 0; i < 50000; i++) n++; n") == 50000

    def broken():
        raise KeyError("from the handler")

    e.set_interrupt_handler(broken)
    with pytest.raises(KeyError):
        e.eval("for (;;) {}")
    e.set_interrupt_handler(None)
    assert e.eval("state + '!'") == "before!"
    with pytest.raises(TypeError):
        e.set_interrupt_handler(42)
    assert introspect.check_heap(e) == []


# --- JS_IsLiveObject ---------------------------------------------------------------------

def test_is_live_object(engine):
    obj = engine.eval("var o = {x: 1}; o")
    off = obj.offset
    assert engine.is_live_object(obj) and engine.is_live_object(off)
    assert not engine.is_live_object(off + 8)                 # inside the block, not a block
    s_off = introspect.property_bits(engine, obj, "x").offset  # a number: no offset
    assert s_off is None
    str_block = next(b for b in ram_blocks(engine) if b.type == "string")
    assert not engine.is_live_object(str_block.offset)        # live, but not an object
    del obj
    engine.eval("o = null")
    assert not engine.is_live_object(off)                     # freed by its refcount
    assert not engine.is_live_object(0) and not engine.is_live_object(1 << 31)


# --- JS_AddRuntimeFinalizer and close() ----------------------------------------------------

def test_runtime_finalizers_run_at_close_last_added_first():
    e = glassjs.Engine()
    calls = []
    e.add_runtime_finalizer(calls.append, "first")
    e.add_runtime_finalizer(lambda **kw: calls.append((kw, e.closed)), tag="second")
    e.eval("var x = 1")
    assert calls == []
    assert e.close() is None
    assert calls == [({"tag": "second"}, True), "first"]      # after the heap is gone
    assert e.close() is None and len(calls) == 2              # closing twice does nothing
    with pytest.raises(ValueError):
        e.eval("1")
    with pytest.raises(ValueError):
        e.memory_usage()
    assert not e.is_live_object(4096)


def test_a_failing_finalizer_does_not_stop_the_others():
    e = glassjs.Engine()
    calls = []
    e.add_runtime_finalizer(calls.append, "ran")

    def boom():
        raise RuntimeError("finalizer failed")

    e.add_runtime_finalizer(boom)
    with pytest.raises(RuntimeError, match="finalizer failed"):
        e.close()
    assert calls == ["ran"] and e.closed


def test_finalizers_run_when_the_engine_is_dropped_without_close():
    import gc as python_gc
    calls = []
    e = glassjs.Engine()
    e.add_runtime_finalizer(calls.append, "dropped")
    del e
    python_gc.collect()
    assert calls == ["dropped"]


def test_context_manager_closes():
    with glassjs.Engine() as e:
        assert e.eval("2 + 2") == 4
    assert e.closed


# --- the leak report (JS_DUMP_LEAKS) -----------------------------------------------------------

@pytest.mark.parametrize("profile", PROFILES)
def test_a_clean_engine_frees_everything_at_close(profile):
    err = []
    e = glassjs.Engine(profile=profile, dump_leaks=True, stderr=err.append)
    e.eval("""
        var objs = [], fns = [];
        for (var i = 0; i < 200; i++) {
            var a = {i: i}, b = {a: a}; a.b = b; objs.push(a);             // cycles
            fns.push((function (k) { return function () { return k + objs.length } })(i));
        }
        var re = /x(y)z/g, d = new Date(0), s = 'abc'.repeat ? 'abc' + 'def' : 'abcdef';
        var bound = fns[0].bind(null), args = (function () { return arguments })(1, 2);""")
    report = e.close()
    assert report.blocks == () and report.bytes == 0
    assert err == []
    assert report.text() == "no leaks\n"


def test_leak_report_names_what_python_handles_still_hold():
    err = []
    e = glassjs.Engine(dump_leaks=True, stderr=err.append)
    kept = e.eval("({name: 'kept object', list: [1, 2]})")
    report = e.close()
    offsets = {b.offset for b in report.blocks}
    assert kept.offset in offsets and kept.offset in report.held
    assert {b.offset for b in report.objects} >= {kept.offset}
    assert any(b.detail == "'kept object'" for b in report.strings)
    assert report.held == frozenset(offsets)                  # all of it reachable from the handle
    assert report.bytes == sum(b.size for b in report.blocks)
    assert err == [report.text()] and "held by Python handles" in err[0]
    with pytest.raises(ValueError):
        kept["name"]                                          # the engine is gone
    del kept                                                  # and dropping the handle is safe


def test_leak_report_finds_a_reference_never_released():
    err = []
    e = glassjs.Engine(dump_leaks=True, stderr=err.append)
    obj = e.eval("({lost: true})")
    memory._leak_reference(e, obj)                             # an engine bug, on purpose
    off = obj.offset
    del obj
    report = e.close()
    assert off in {b.offset for b in report.objects}
    assert off not in report.held
    assert "not referenced by anything" in err[0]


def test_no_report_unless_asked():
    err = []
    e = glassjs.Engine(stderr=err.append)
    kept = e.eval("({})")
    assert e.close() is None and err == []
    del kept


# --- the allocator hook (JSMallocFunctions) ---------------------------------------------------

@pytest.mark.parametrize("profile", PROFILES)
def test_tracking_allocator_sees_every_block(profile):
    t = glassjs.TrackingAllocator()
    e = glassjs.Engine(profile=profile, allocator=t)
    assert e.allocator is t

    def agrees():
        u = e.memory_usage()
        assert t.current_bytes == u["memory_used_size"]
        assert t.current_count == u["memory_used_count"] == t.malloc_count - t.free_count
        assert t.peak_bytes == u["peak_used"]
        alloc = memory.allocator_counters(e)
        assert {k: tuple(v) for k, v in t.by_kind.items() if v != [0, 0]} == alloc

    agrees()
    e.eval("var a = []; for (var i = 0; i < 3000; i++) a.push({i: i, s: 'k' + i})")
    assert t.realloc_count > 0                                # the array's elements grew
    agrees()
    e.eval(CYCLES + "; a = null")
    e.gc()
    agrees()
    assert t.free_count > 3000


def test_allocator_installed_later_sees_the_changes():
    e = glassjs.Engine()
    lines = []
    t = glassjs.TrackingAllocator(log=lines.append)
    before = e.memory_usage()["memory_used_size"]
    e.set_allocator(t)
    e.eval("var o = {a: 1}; var big = []; for (var i = 0; i < 100; i++) big.push(i)")
    assert t.current_bytes == e.memory_usage()["memory_used_size"] - before
    assert any(line.startswith("A 40 -> ") and line.endswith(" object") for line in lines)
    assert any(line.startswith("R ") and line.endswith(" elems") for line in lines)
    e.set_allocator(None)
    n = t.malloc_count
    e.eval("var more = {}")
    assert t.malloc_count == n and e.allocator is None
    with pytest.raises(TypeError):
        e.set_allocator(object())


def test_a_failing_allocator_is_removed_and_the_engine_goes_on():
    class Broken(glassjs.TrackingAllocator):
        def malloc(self, offset, size, kind):
            if self.malloc_count >= 5:
                raise RuntimeError("observer failed")
            super().malloc(offset, size, kind)

    e = glassjs.Engine()
    e.set_allocator(Broken())
    assert e.eval("var xs = []; for (var i = 0; i < 100; i++) xs.push({}); xs.length") == 100
    assert isinstance(e.allocator_error, RuntimeError) and e.allocator is None
    assert introspect.check_heap(e) == []


def test_the_allocator_hook_may_not_run_code():
    e = glassjs.Engine()

    class Reentrant(glassjs.TrackingAllocator):
        def malloc(self, offset, size, kind):
            e.eval("1")

    e.set_allocator(Reentrant())
    assert e.eval("({}).constructor === Object") is True
    assert isinstance(e.allocator_error, RuntimeError)
    assert "allocator hook" in str(e.allocator_error)
