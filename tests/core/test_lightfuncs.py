"""Lightfuncs: a native function as one tagged word, no heap block (docs/lightfuncs.md).

The semantics are Duktape's: the only own properties are the virtual,
read-only, non-configurable 'length' and 'name'; writes of anything else are
lost (a TypeError naming the operation in strict code); typeof is
"function" and the prototype Function.prototype; a lightfunc can be used
with `new` and its instances inherit from Object.prototype; two lightfuncs
for the same native are the same value.
"""
import gc as python_gc

import pytest

import glassjs
from glassjs import JSError
from glassjs.engine import introspect as I
from glassjs.engine.builtins.realm import KEEP_OBJECTS, all_definitions


@pytest.fixture
def lf_run(engine):
    """run(js) with lightfunc globals: lf, lf2 = Math.max (twice), lmin = Math.min, lpush = Array.prototype.push."""
    engine.set_global("lf", I.lightfunc(engine, "Math.max"))
    engine.set_global("lf2", I.lightfunc(engine, "Math.max"))
    engine.set_global("lmin", I.lightfunc(engine, "Math.min"))
    engine.set_global("lpush", I.lightfunc(engine, "Array.prototype.push"))
    return engine.eval


SEMANTICS = [
    # a function like any other
    ("typeof lf", "function"),
    ("lf(1, 5, 3)", 5),
    ("lf.call(null, 1, 9)", 9),
    ("lf.apply(null, [1, 9, 2])", 9),
    ("lf.bind(null, 100)(1)", 100),
    ("lf.bind(null).name", "bound max"),
    ("String(lf)", "function max() { [native code] }"),
    ("Function.prototype.toString.call(lf)", "function max() { [native code] }"),
    ("Object.prototype.toString.call(lf)", "[object Function]"),
    ("Object.getPrototypeOf(lf) === Function.prototype", True),
    ("lf.constructor === Function", True),
    ("lf instanceof Function", True),
    ("lf instanceof Object", True),
    ("lf.valueOf() === lf", True),
    ("Object(lf) === lf", True),
    ("[[1, 4], [7, 2]].map(function (p) { return lf.apply(null, p) }).join()", "4,7"),
    # virtual length and name: own, read-only, not configurable
    ("lf.name", "max"),
    ("lf.length", 2),
    ("lpush.length", 1),
    ("lf.hasOwnProperty('name') && lf.hasOwnProperty('length')", True),
    ("lf.hasOwnProperty('call')", False),
    ("'name' in lf", True),
    ("'call' in lf", True),
    ("'foo' in lf", False),
    ("Object.getOwnPropertyNames(lf).join()", "length,name"),
    ("Object.keys(lf).length", 0),
    ("JSON.stringify(Object.getOwnPropertyDescriptor(lf, 'length'))",
     '{"value":2,"writable":false,"enumerable":false,"configurable":false}'),
    ("JSON.stringify(Object.getOwnPropertyDescriptor(lf, 'name'))",
     '{"value":"max","writable":false,"enumerable":false,"configurable":false}'),
    ("Object.getOwnPropertyDescriptor(lf, 'call')", glassjs.undefined),
    ("lf.prototype", glassjs.undefined),
    # no own properties: sloppy writes are lost
    ("lf.foo = 1; lf.foo", glassjs.undefined),
    ("lf.name = 'x'; lf.name", "max"),
    ("lf['length'] = 9; lf.length", 2),
    ("delete lf.name", False),
    ("delete lf.foo", True),
    ("Object.isExtensible(lf)", False),
    ("Object.isSealed(lf) && Object.isFrozen(lf)", True),
    ("Object.freeze(lf) === lf && Object.preventExtensions(lf) === lf", True),
    ("Object.setPrototypeOf(lf, Function.prototype) === lf", True),
    # a constructor whose instances inherit from Object.prototype
    ("var o = new lpush(7); Object.getPrototypeOf(o) === Object.prototype && o[0] === 7 && o.length === 1", True),
    ("new lf() instanceof Object", True),
    ("({}) instanceof Object && !(5 instanceof lf)", True),
    # equality by value: the word is the function
    ("lf === lf2", True),
    ("lf == lf2", True),
    ("Object.is(lf, lf2)", True),
    ("lf === lmin", False),
    ("[lf].indexOf(lf2)", 0),
    # JSON treats it as a function
    ("JSON.stringify(lf)", glassjs.undefined),
    ("JSON.stringify({a: lf, b: 1})", '{"b":1}'),
    ("JSON.stringify([lf])", "[null]"),
]


@pytest.mark.parametrize("source,expected", SEMANTICS)
def test_semantics(lf_run, source, expected):
    assert lf_run(source) == expected


ERRORS = [
    ("'use strict'; lf.foo = 1", "Cannot create property 'foo' on a lightfunc"),
    ("'use strict'; lf.name = 'x'", "Cannot assign to read only property 'name'"),
    ("'use strict'; lf['length']++", "Cannot assign to read only property 'length'"),
    ("'use strict'; delete lf.length", "Cannot delete property 'length' of a lightfunc"),
    ("Object.defineProperty(lf, 'x', {value: 1})", "Object.defineProperty called on a lightfunc"),
    ("Object.defineProperties(lf, {x: {value: 1}})", "Object.defineProperties called on a lightfunc"),
    ("Object.setPrototypeOf(lf, {})", "Object.setPrototypeOf: a lightfunc is not extensible"),
    ("({}) instanceof lf", "a lightfunc has no 'prototype'"),
]


@pytest.mark.parametrize("source,message", ERRORS)
def test_errors_name_the_operation(lf_run, source, message):
    with pytest.raises(JSError) as info:
        lf_run(source)
    assert info.value.name == "TypeError"
    assert message in info.value.message
    assert lf_run("lf(3, 4)") == 4          # the engine carries on


def test_a_lightfunc_costs_no_heap_bytes(engine):
    used = engine.memory_usage()["memory_used_size"]
    lf = I.lightfunc(engine, "Math.max")
    bits = I.value_bits(engine, lf)
    assert bits.kind == "lightfunc" and bits.offset is None
    assert engine.memory_usage()["memory_used_size"] == used
    # an array of four lightfuncs costs what an array of four numbers costs
    engine.set_global("lf", lf)
    engine.eval("var nums, lfs")
    before = engine.memory_usage()["memory_used_size"]
    engine.eval("nums = [1, 2, 3, 4]")
    numbers = engine.memory_usage()["memory_used_size"] - before
    before = engine.memory_usage()["memory_used_size"]
    engine.eval("lfs = [lf, lf, lf, lf]")
    assert engine.memory_usage()["memory_used_size"] - before == numbers


def test_console_shows_it_as_a_function():
    out = []
    e = glassjs.Engine(stdout=out.append)
    e.set_global("lf", I.lightfunc(e, "Math.max"))
    e.eval("console.log(lf, [lf], {f: lf})")
    assert "".join(out) == "[Function: max] [ [Function: max] ] { f: [Function: max] }\n"


# --- built-ins converted to lightfuncs (the lowmem profile) -------------------------------

def _declared_methods():
    for d in all_definitions():
        if d[0] == "method":
            owner = "globalThis" if d[1] == "global" else d[1]
            yield d[1] + "." + d[2], "%s[%r]" % (owner, d[2])


@pytest.fixture
def lowmem():
    e = glassjs.Engine(profile="lowmem")
    yield e
    python_gc.collect()
    assert I.check_heap(e) == []


def test_lowmem_methods_are_lightfuncs(lowmem):
    methods = list(_declared_methods())
    assert len(methods) > 200
    for path, expr in methods:
        kind = I.value_bits(lowmem, lowmem.eval(expr)).kind
        assert kind == ("object" if path in KEEP_OBJECTS else "lightfunc"), path


def test_lowmem_keeps_objects_that_need_properties(lowmem):
    # constructors carry .prototype and statics; getters sit in accessor slots
    for expr in ("Array", "Object", "Function", "Error", "RegExp", "Date", "Math", "JSON",
                 "Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get", "eval"):
        assert I.value_bits(lowmem, lowmem.eval(expr)).kind == "object", expr
    default = glassjs.Engine()
    assert I.value_bits(default, default.eval("Math.max")).kind == "object"


def test_lowmem_builtins_behave(lowmem):
    assert lowmem.eval("[3, 1, 2].sort().join() + Math.max(1, 7) + 'ab'.toUpperCase()") == "1,2,37AB"
    assert lowmem.eval("Number.parseInt === parseInt && Math.max === Math.max") is True
    assert lowmem.eval("function f() { var q = 2; return eval('q * 21') } f()") == 42   # direct eval
    assert lowmem.eval("Array.prototype.push.name + Array.prototype.push.length") == "push1"
    # the documented deviation: a built-in method keeps no own properties
    assert lowmem.eval("Math.max.tag = 1; Math.max.tag") is glassjs.undefined
    assert glassjs.Engine().eval("Math.max.tag = 1; Math.max.tag") == 1


def test_lowmem_has_fewer_function_objects():
    default = glassjs.Engine().memory_usage()
    low = glassjs.Engine(profile="lowmem").memory_usage()
    converted = sum(1 for path, _ in _declared_methods() if path not in KEEP_OBJECTS)
    # lowmem alone has Error.prototype.stack's getter and setter (no tracebacks)
    assert low["c_func_count"] == default["c_func_count"] - converted + 2
