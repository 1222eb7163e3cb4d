"""Language semantics: each case is a script and the value it must produce,
in every engine profile (default, lowmem, rom)."""
import math

import pytest

from glassjs import JSError, undefined
from glassjs.engine.profiles import PROFILES


@pytest.fixture(params=list(PROFILES))
def profile(request):
    return request.param

CASES = [
    # arithmetic and coercions
    ("1 + 2 * 3", 7),
    ("'1' + 2", "12"),
    ("'3' * '4'", 12),
    ("1 / 0", math.inf),
    ("-1 / 0", -math.inf),
    ("0.1 + 0.2", 0.30000000000000004),
    ("7 % -3", 1),
    ("-7 % 3", -1),
    ("5.5 % 2", 1.5),
    ("1 << 31", -2147483648),
    ("-1 >>> 0", 4294967295),
    ("-16 >> 2", -4),
    ("~5", -6),
    ("(0x7fffffff + 1) | 0", -2147483648),
    ("'10' == 10", True),
    ("null == undefined", True),
    ("null === undefined", False),
    ("NaN == NaN", False),
    ("'b' > 'a'", True),
    ("'10' < '9'", True),
    ("10 < 9", False),
    ("typeof null", "object"),
    ("typeof function(){}", "function"),
    ("typeof undeclared", "undefined"),
    ("void 0", undefined),
    ("!!''", False),
    ("1 && 2", 2),
    ("0 || 'x'", "x"),
    ("true ? 'a' : 'b'", "a"),
    ("var x = 5; x += 2; x *= 3; x", 21),
    ("var i = 1; var j = i++ + ++i; j", 4),
    ("var o = {n: 1}; o.n++; ++o.n; o.n", 3),
    ("var a = [1]; a[0] += 5; a[0]", 6),
    ("({valueOf: function(){ return 41 }}) + 1", 42),
    ("({toString: function(){ return 'x' }}) + 'y'", "xy"),
    # functions, closures, this
    ("function f(a, b) { return a + b } f(2, 3)", 5),
    ("function f(a, b) { return b } f(1)", undefined),
    ("var f = function fact(n) { return n ? n * fact(n - 1) : 1 }; f(5)", 120),
    ("function counter() { var c = 0; return function() { return ++c } } var c = counter(); c(); c()", 2),
    ("var fs = []; for (var i = 0; i < 3; i++) fs.push(function(j){ return function(){ return j } }(i)); fs[2]()", 2),
    ("var o = {v: 3, get: function() { return this.v }}; o.get()", 3),
    ("function F() { this.x = 1 } F.prototype.y = 2; var o = new F(); o.x + o.y", 3),
    ("function F() { return {z: 9} } new F().z", 9),
    ("(function() { return typeof this })()", "object"),
    ("(function() { 'use strict'; return typeof this })()", "undefined"),
    ("hoisted(); function hoisted() { return 1 }", 1),
    ("var r = typeof later; var later = 1; r", "undefined"),
    ("function f() { return arguments.length + arguments[1] } f(1, 10, 100)", 13),
    ("function f(a) { arguments[0] = 9; return a } f(1)", 9),
    ("function f(a) { 'use strict'; arguments[0] = 9; return a } f(1)", 1),
    # objects and arrays
    ("var o = {a: 1, 'b': 2, 3: 'c'}; o.a + o.b + o[3]", "3c"),
    ("var o = {get x() { return 7 }, set x(v) { this.y = v }}; o.x = 5; o.x + o.y", 12),
    ("var a = [1, , 3]; a.length", 3),
    ("var a = [1, , 3]; 1 in a", False),
    ("var a = []; a[5] = 1; a.length", 6),
    ("var a = [1, 2, 3]; a.length = 1; a[1]", undefined),
    ("var o = {a: 1}; delete o.a; 'a' in o", False),
    ("var o = {}; o['x' + 1] = 2; o.x1", 2),
    ("'abc'[1]", "b"),
    ("'abc'.length", 3),
    ("[] instanceof Array", True),
    # statements
    ("var s = 0; for (var i = 0; i < 10; i++) { if (i == 5) continue; s += i } s", 40),
    ("var s = 0; var i = 0; do { s += i; i++ } while (i < 4); s", 6),
    ("var n = 0; outer: for (var i = 0; i < 3; i++) for (var j = 0; j < 3; j++) { if (j == 1) continue outer; n++ } n", 3),
    ("var n = 0; outer: while (true) { while (true) { n++; break outer } } n", 1),
    ("var r = ''; switch (2) { case 1: r += 'a'; case 2: r += 'b'; case 3: r += 'c'; break; default: r += 'd' } r", "bc"),
    ("var r = ''; switch (9) { case 1: r = 'a'; break; default: r = 'd'; break; case 2: r = 'b' } r", "d"),
    ("var k = ''; for (var p in {a: 1, b: 2, c: 3}) k += p; k", "abc"),
    ("var o = {a: 1, b: 2}; var k = ''; for (var p in o) { delete o.b; k += p } k", "a"),
    ("function P() {} P.prototype.inh = 1; var o = new P(); o.own = 2; var k = []; for (var p in o) k.push(p); k.join()", "own,inh"),
    ("var k = ''; for (var p in [5, 6]) k += p; k", "01"),
    ("var r; try { throw new Error('boom') } catch (e) { r = e.message } r", "boom"),
    ("var log = ''; try { log += 't' } finally { log += 'f' } log", "tf"),
    ("function f() { try { return 'try' } finally { log = 'fin' } } var log; f() + log", "tryfin"),
    ("function f() { try { throw 1 } catch (e) { return 'c' + e } finally { log = 'f' } } var log; f() + log", "c1f"),
    ("function f() { for (var i = 0; i < 5; i++) { try { if (i == 2) break } finally { n++ } } return n } var n = 0; f()", 3),
    ("var e = 'outer'; try { throw 'inner' } catch (e) { } e", "outer"),
    ("var x = 1; with ({x: 2}) { x = 3 } x", 1),
    ("var o = {x: 2}; with (o) { x = 3 } o.x", 3),
    ("eval('var ev = 5'); ev", 5),
    ("function f() { eval('var local = 4'); return local } f()", 4),
    ("function f() { var q = 2; return eval('q * 21') } f()", 42),
    ("var ge = eval; (function() { var v = 1; return ge('typeof v') })()", "undefined"),
    ("1; if (false) 2;", undefined),      # ES2015 completion rules
    ("1; var unused = 2;", 1),
    ("let a = 1; { let a = 2 } a", 1),
    ("const c = 3; c", 3),
]


@pytest.mark.parametrize("source,expected", CASES)
def test_case(run, source, expected):
    assert run(source) == expected


ERRORS = [
    ("null.x", "TypeError", "Cannot read properties of null (reading 'x')"),
    ("undefined.y = 1", "TypeError", "Cannot set properties of undefined (setting 'y')"),
    ("nothere", "ReferenceError", "nothere is not defined"),
    ("var o = {}; o.f()", "TypeError", "o.f is not a function"),
    ("'use strict'; undeclaredStrict = 1", "ReferenceError", "undeclaredStrict is not defined"),
    ("const k = 1; k = 2", "TypeError", None),
    ("{ t; let t = 1 }", "ReferenceError", None),
    ("throw 'x'", None, None),
]


@pytest.mark.parametrize("source,name,message", ERRORS)
def test_errors(engine, source, name, message):
    with pytest.raises(JSError) as info:
        engine.eval(source)
    if name:
        assert info.value.name == name
    if message:
        assert info.value.message == message


def test_syntax_error_location(engine):
    with pytest.raises(JSError) as info:
        engine.eval("var a = 1;\nvar = 2;", filename="bad.js")
    err = info.value
    assert (err.name, err.phase, err.filename, err.line) == ("SyntaxError", "parse", "bad.js", 2)


def test_state_persists_between_evals(engine):
    engine.eval("var counter = 10; function bump() { return ++counter }")
    engine.eval("bump()")
    assert engine.eval("bump()") == 12


def test_let_cell_rerun(engine):
    engine.eval("let cell = 1")
    engine.eval("let cell = 2")      # a notebook re-running a cell
    assert engine.eval("cell") == 2
