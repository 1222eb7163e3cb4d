"""ES2015 default and rest parameters (compiler: FunctionScope.late_params,
FunctionCompiler.late_params; docs/compiler.md)."""
import pytest

from glassjs import JSError

CASES = [
    # defaults: only for undefined, evaluated left to right at each call
    ("function f(a, b = 2) { return [a, b].join(); } [f(1), f(1, 3), f(1, undefined), f(1, null)].join('|')",
     "1,2|1,3|1,2|1,"),
    ("var n = 0; function f(a = ++n) { return a; } f(); f(); f(5); n", 2),
    ("function f(a, b = a * 2, c = a + b) { return c; } f(3)", 9),
    ("var x = 'outer'; function f(a = x) { return a; } f()", "outer"),
    ("function f(a = function () {}, b = () => 1) { return a.name + b.name; } f()", "ab"),
    ("function f(a = 1) { a = 5; return a; } f()", 5),
    ("function f(a = 1) { var a; return a; } f(7)", 7),
    ("var g = (x = 1, y = x + 1) => x + y; [g(), g(5), g(5, 0)].join()", "3,11,5"),
    ("({ m(p = 4) { return p; } }).m()", 4),
    ("function f(a, b = 1) { return b; } f.call(null, 1, 0)", 0),
    # closures in defaults see the parameters
    ("function f(a, get = () => a) { a = 7; return get(); } f(1)", 7),
    # length counts the parameters before the first default or rest
    ("[function (a, b = 1, c) {}, function (...r) {}, function (a, ...r) {}, (x = 1) => x]"
     ".map(function (f) { return f.length; }).join()", "1,0,1,0"),
    # unmapped arguments object
    ("function f(a = 1) { arguments[0] = 9; return a; } f(3)", 3),
    ("function f(a, b = 2) { a = 5; return arguments[0] + ':' + arguments.length; } f(1)", "1:1"),
    # rest: a real array of the remaining arguments
    ("function f(a, ...r) { return Array.isArray(r) + ':' + r.length + ':' + r.join('-'); } f(1, 2, 3)",
     "true:2:2-3"),
    ("function f(...r) { return r.length; } f()", 0),
    ("function f(a, b, ...r) { return r.length; } f(1)", 0),
    ("function f(...r) { r.push(9); return r.length + ':' + arguments.length; } f(1, 2)", "3:2"),
    ("var k = (...xs) => xs.reduce(function (s, x) { return s + x; }, 0); k(1, 2, 3, 4)", 10),
    ("function f(a = 1, ...r) { return a + r.length; } f(undefined, 1, 2)", 3),
    # rest elements are defined, not assigned: setters on Array.prototype do not run
    ("var hit = 0; Object.defineProperty(Array.prototype, '0', {set: function () { hit++; },"
     " configurable: true}); function f(...r) { return r[0]; } var v = f(5);"
     " delete Array.prototype[0]; v + ':' + hit", "5:0"),
    # missing arguments never read Object.prototype
    ("Object.prototype[1] = 'proto'; function f(a, b = 'dflt') { return b; } var v = f(1);"
     " delete Object.prototype[1]; v", "dflt"),
]


@pytest.mark.parametrize("source, expected", CASES)
def test_parameters(run, source, expected):
    assert run(source) == expected


@pytest.mark.parametrize("source", [
    "function f(a = b, b) { return a; } f()",         # b not yet initialised
    "function f(a = a) { return a; } f()",
    "(x = y, y) => x",
])
def test_defaults_read_later_parameters_in_their_tdz(run, source):
    if source.startswith("("):
        source = "(" + source + ")()"
    with pytest.raises(JSError, match="ReferenceError"):
        run(source)


@pytest.mark.parametrize("source", [
    "function f(a, a = 1) {}",
    "function f(a = 1) { 'use strict'; }",
    "function f(...a, b) {}",
    "function f(...a = []) {}",
])
def test_invalid_parameter_lists_are_syntax_errors(run, source):
    with pytest.raises(JSError, match="SyntaxError"):
        run(source)


def test_destructuring_parameters_are_still_rejected_clearly(run):
    with pytest.raises(JSError, match="destructuring parameter is not supported"):
        run("function f({a}) {}")
