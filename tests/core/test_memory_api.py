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
