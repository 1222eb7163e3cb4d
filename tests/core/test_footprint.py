"""The footprint report (engine/footprint.py): its figures are the engine's own
accounting, and here each is checked against a walk of the heap's blocks."""
import subprocess
import sys

import pytest

import glassjs
from glassjs.engine import footprint, introspect as I
from glassjs.engine.profiles import PROFILES

BUILT = [p for p in PROFILES if footprint.fresh_context(p).built]

# acceptance targets (issue 3): QuickJS's fresh context is 57,811 B, Duktape lowmem 27 kB
TARGETS = {"default": 58_000, "lowmem": 27_000}


def ram_blocks(engine):
    return [b for b in I.heap_blocks(engine) if b.segment == "ram"]


@pytest.mark.parametrize("profile", BUILT)
def test_fresh_context_adds_up_to_its_blocks(profile):
    fresh = footprint.fresh_context(profile)
    e = glassjs.Engine(profile=profile)
    blocks = ram_blocks(e)
    assert fresh.arena == sum(b.size for b in blocks)                       # free blocks included
    assert fresh.used == sum(b.size for b in blocks if b.type != "free")
    assert fresh.stacks == 0                  # nothing committed before the first run
    assert fresh.runtime == I.runtime_bytes(e) > 0
    assert fresh.ram == fresh.arena + fresh.runtime + fresh.stacks


@pytest.mark.parametrize("profile", sorted(TARGETS))
def test_fresh_context_targets(profile):
    assert footprint.fresh_context(profile).ram <= TARGETS[profile]


def test_lowmem_is_smaller_where_it_says():
    default, low = footprint.measure("default"), footprint.measure("lowmem")
    assert low.fresh.ram < default.fresh.ram
    # no line table in the function's code block
    assert low.items["ECMAScript function + prototype"] < default.items["ECMAScript function + prototype"]


def test_stacks_are_committed_on_first_use():
    e = glassjs.Engine()
    assert e.memory_usage()["stack_bytes"] == 0
    e.eval("0")
    first = e.memory_usage()["stack_bytes"]
    assert 0 < first <= 3 * 4096
    e.eval("function deep(n) { return n ? 1 + deep(n - 1) : 0 } deep(2000)")
    assert e.memory_usage()["stack_bytes"] > first
    with pytest.raises(glassjs.JSError) as info:
        e.eval("function inf() { return inf() + 1 } inf()")
    assert info.value.name == "RangeError"
    assert e.eval("deep(10)") == 10          # the engine carries on


def new_blocks(engine, expr):
    """The blocks creating a second `expr` allocates, found by diffing heap walks."""
    engine.eval("var keep = new Array(4); keep[0] = %s; 0" % expr)
    before = {(b.offset, b.size, b.type) for b in ram_blocks(engine) if b.type != "free"}
    engine.eval("keep[1] = %s; 0" % expr)
    after = [b for b in ram_blocks(engine) if b.type != "free" and (b.offset, b.size, b.type) not in before]
    engine.eval("keep = undefined")
    return after


@pytest.mark.parametrize("profile", BUILT)
@pytest.mark.parametrize("name,expr", [(n, x) for n, x, _ in footprint.ITEMS if x is not None])
def test_value_costs_are_their_blocks(profile, name, expr):
    e = glassjs.Engine(profile=profile)
    e.set_global("lf", I.lightfunc(e, "Math.max"))
    walked = sum(b.size for b in new_blocks(e, expr))
    e2 = glassjs.Engine(profile=profile)
    e2.set_global("lf", I.lightfunc(e2, "Math.max"))
    assert footprint.item_cost(e2, expr) == walked
    if name == "lightfunc":
        assert walked == 0
    elif name == "empty object {}":
        assert [b.type for b in new_blocks(e, expr)] == ["object"]
    elif name == "dense array, 1,000 elements":
        assert {b.type for b in new_blocks(e, expr)} == {"object", "elems"} and walked > 8000


def test_native_function_cost_is_its_blocks():
    e = glassjs.Engine()
    f = e.eval(footprint.NATIVE_FUNCTION)
    assert footprint.native_function_cost(e) == I.header(e, f.offset).size     # name/length still virtual
    before = {b.offset for b in ram_blocks(e) if b.type != "free"}
    e.eval("%s.name" % footprint.NATIVE_FUNCTION)          # materialises its name and length
    tables = [b for b in ram_blocks(e) if b.type == "props" and b.offset not in before]
    assert len(tables) == 1
    assert footprint.native_function_cost(e) == I.header(e, f.offset).size + tables[0].size


def test_command_prints_every_profile_and_row():
    out = subprocess.run([sys.executable, "-m", "glassjs", "footprint"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    for name in list(PROFILES) + [n for n, _, _ in footprint.ITEMS] + ["fresh context RAM", "57,811"]:
        assert name in out.stdout
    low = footprint.fresh_context("lowmem").ram
    assert "{:,} B".format(low) in out.stdout
