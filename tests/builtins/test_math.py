"""Math (ES5.1 15.8 and the ES2015+ functions)."""
import math

import pytest

from glassjs.engine.profiles import PROFILES


def is_neg_zero(x):
    return x == 0 and math.copysign(1.0, x) < 0


def is_pos_zero(x):
    return x == 0 and math.copysign(1.0, x) > 0


def test_constants(run):
    assert run("Math.PI") == math.pi
    assert run("Math.E") == math.e
    assert run("Math.LN10") == math.log(10)
    assert run("Math.LN2") == math.log(2)
    assert run("Math.LOG2E") == 1.4426950408889634      # the values V8 has
    assert run("Math.LOG10E") == 0.4342944819032518
    assert run("Math.SQRT2") == math.sqrt(2)
    assert run("Math.SQRT1_2") == math.sqrt(0.5)


def test_constants_are_read_only(run, js_throws):
    for name in ("E", "LN10", "LN2", "LOG2E", "LOG10E", "PI", "SQRT1_2", "SQRT2"):
        assert run("var d = Object.getOwnPropertyDescriptor(Math, '%s'); "
                   "d.writable || d.enumerable || d.configurable" % name) is False
    assert run("Math.PI = 3; Math.PI") == math.pi
    assert js_throws("'use strict'; Math.PI = 3") == "TypeError"
    assert run("delete Math.PI") is False


def test_math_object(run):
    assert run("typeof Math") == "object"
    assert run("Object.prototype.toString.call(Math)") in ("[object Math]", "[object Object]")
    assert run("Object.getPrototypeOf(Math) === Object.prototype") is True
    assert run("Object.keys(Math).length") == 0
    assert run("var d = Object.getOwnPropertyDescriptor(Math, 'max'); "
               "d.writable && !d.enumerable && d.configurable") is True


@pytest.mark.parametrize("name,length", [
    ("abs", 1), ("acos", 1), ("atan2", 2), ("max", 2), ("min", 2), ("pow", 2), ("random", 0),
    ("round", 1), ("hypot", 2), ("imul", 2), ("clz32", 1), ("sqrt", 1),
])
def test_lengths_and_names(run, name, length):
    assert run("Math.%s.length" % name) == length
    assert run("Math.%s.name" % name) == name


def test_max_min_basics(run):
    assert run("Math.max()") == float("-inf")
    assert run("Math.min()") == float("inf")
    assert run("Math.max(1, 3, 2)") == 3
    assert run("Math.min(1, -3, 2)") == -3
    assert math.isnan(run("Math.max(1, NaN, 3)"))
    assert math.isnan(run("Math.min(NaN)"))
    assert run("Math.max('7', 2)") == 7


def test_max_min_signed_zero(run):
    assert is_pos_zero(run("Math.max(-0, 0)"))
    assert is_pos_zero(run("Math.max(0, -0)"))
    assert is_neg_zero(run("Math.min(0, -0)"))
    assert is_neg_zero(run("Math.min(-0, 0)"))
    assert is_neg_zero(run("Math.max(-0, -0)"))


def test_max_min_convert_every_argument(run):
    # ToNumber runs on every argument, even after a NaN
    assert run("var n = 0; var o = {valueOf: function () { n++; return 1; }};"
               "Math.max(NaN, o, o); Math.min(o, NaN, o); n") == 4
    assert run("var log = ''; Math.max({valueOf: function () { log += 'a'; return 1; }},"
               "{valueOf: function () { log += 'b'; return 2; }}); log") == "ab"


def test_conversion_errors_propagate(js_throws):
    assert js_throws("Math.abs({valueOf: function () { throw new RangeError('x'); }})") == "RangeError"
    assert js_throws("Math.max(1, {valueOf: function () { throw new TypeError('x'); }})") == "TypeError"


def test_round(run):
    assert run("Math.round(2.5)") == 3
    assert run("Math.round(-2.5)") == -2
    assert run("Math.round(-2.6)") == -3
    assert run("Math.round(0.49999999999999994)") == 0
    assert run("Math.round(4503599627370495.5)") == 4503599627370496
    assert run("Math.round(-4503599627370495.5)") == -4503599627370495
    assert run("Math.round(9007199254740991)") == 9007199254740991
    assert is_neg_zero(run("Math.round(-0.5)"))
    assert is_neg_zero(run("Math.round(-0.2)"))
    assert is_neg_zero(run("Math.round(-0)"))
    assert is_pos_zero(run("Math.round(0.2)"))
    assert run("Math.round(-0.5000000000000001)") == -1
    assert math.isnan(run("Math.round(NaN)"))
    assert run("Math.round(-Infinity)") == float("-inf")


def test_pow_differs_from_c(run):
    assert math.isnan(run("Math.pow(1, Infinity)"))
    assert math.isnan(run("Math.pow(1, -Infinity)"))
    assert math.isnan(run("Math.pow(-1, Infinity)"))
    assert math.isnan(run("Math.pow(1, NaN)"))
    assert run("Math.pow(NaN, 0)") == 1
    assert run("Math.pow(NaN, -0)") == 1
    assert run("Math.pow(2, 10)") == 1024
    assert run("Math.pow(-8, 1/3)") != run("Math.pow(-8, 1/3)")      # NaN
    assert is_neg_zero(run("Math.pow(-0, 3)"))
    assert run("Math.pow(-0, -3)") == float("-inf")


def test_floor_ceil_trunc_sign(run):
    assert run("Math.floor(-0.5)") == -1
    assert is_neg_zero(run("Math.ceil(-0.5)"))
    assert is_neg_zero(run("Math.floor(-0)"))
    assert run("Math.trunc(-4.7)") == -4
    assert is_neg_zero(run("Math.trunc(-0.7)"))
    assert run("Math.sign(-3)") == -1
    assert is_neg_zero(run("Math.sign(-0)"))
    assert math.isnan(run("Math.sign('x')"))
    assert run("Math.abs(-2)") == 2
    assert is_pos_zero(run("Math.abs(-0)"))
    assert run("Math.abs('-3')") == 3


def test_transcendental(run):
    assert run("Math.sqrt(16)") == 4
    assert math.isnan(run("Math.sqrt(-1)"))
    assert is_neg_zero(run("Math.sqrt(-0)"))
    assert run("Math.exp(0)") == 1
    assert run("Math.log(Math.E)") == 1
    assert run("Math.log(0)") == float("-inf")
    assert math.isnan(run("Math.log(-1)"))
    assert run("Math.atan2(0, -0)") == math.pi
    assert run("Math.atan2(-0, -0)") == -math.pi
    assert run("Math.atan2(1, 1)") == math.atan2(1, 1)
    assert run("Math.sin(0)") == 0
    assert run("Math.cos(0)") == 1
    assert run("Math.tan(0)") == 0
    assert math.isnan(run("Math.cos(Infinity)"))
    assert run("Math.acos(1)") == 0
    assert run("Math.asin(1)") == math.pi / 2
    assert run("Math.atan(Infinity)") == math.pi / 2


def test_es2015_functions(run):
    assert run("Math.cbrt(27)") == 3          # exact (glibc's cbrt gives 3.0000000000000004)
    assert run("Math.cbrt(-8)") == -2
    assert run("Math.cbrt(1000)") == 10
    assert is_neg_zero(run("Math.cbrt(-0)"))
    assert run("Math.log2(8)") == 3
    assert run("Math.log10(1000)") == 3
    assert run("Math.log1p(0)") == 0
    assert run("Math.expm1(0)") == 0
    assert run("Math.sinh(0)") == 0
    assert run("Math.cosh(0)") == 1
    assert run("Math.tanh(Infinity)") == 1
    assert run("Math.asinh(0)") == 0
    assert run("Math.acosh(1)") == 0
    assert run("Math.atanh(1)") == float("inf")
    assert run("Math.fround(5.5)") == 5.5
    assert run("Math.fround(5.05)") == 5.050000190734863
    assert run("Math.fround(2147483649)") == 2147483648
    assert run("Math.f16round(5.05)") == 5.05078125
    assert run("Math.f16round(65520)") == float("inf")
    assert run("Math.f16round(65519.99)") == 65504


def test_hypot(run):
    assert run("Math.hypot()") == 0
    assert run("Math.hypot(3, 4)") == 5
    assert run("Math.hypot(3, 4, 12)") == 13
    assert run("Math.hypot(-3)") == 3
    assert run("Math.hypot(NaN, Infinity)") == float("inf")
    assert run("Math.hypot(-Infinity, NaN)") == float("inf")
    assert math.isnan(run("Math.hypot(NaN, 1)"))
    assert is_pos_zero(run("Math.hypot(-0, -0)"))
    assert run("Math.hypot(1e200, 1e200)") == math.hypot(1e200, 1e200)
    assert run("Math.hypot(1e-200, 1e-200, 1e-200)") > 0
    assert run("Math.hypot(1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1)") == math.sqrt(20)


def test_imul_clz32(run):
    assert run("Math.imul(2, 4)") == 8
    assert run("Math.imul(-1, 8)") == -8
    assert run("Math.imul(0xffffffff, 5)") == -5
    assert run("Math.imul(0xfffffffe, 5)") == -10
    assert run("Math.clz32(0)") == 32
    assert run("Math.clz32(1)") == 31
    assert run("Math.clz32(0x80000000)") == 0
    assert run("Math.clz32(-1)") == 0
    assert run("Math.clz32(3.7)") == 30


def test_random(run):
    values = run("var a = []; for (var i = 0; i < 2000; i++) a.push(Math.random()); a.join(',')")
    nums = [float(x) for x in values.split(",")]
    assert all(0 <= x < 1 for x in nums)
    assert len(set(nums)) > 1990
    assert 0.4 < sum(nums) / len(nums) < 0.6


def test_random_reseed():
    from glassjs.engine.builtins import math as jsmath
    import glassjs
    e = glassjs.Engine()
    jsmath.seed_random(42)
    a = e.eval("[Math.random(), Math.random()].join()")
    jsmath.seed_random(42)
    assert e.eval("[Math.random(), Math.random()].join()") == a


def test_not_constructors(js_throws, profile):
    # lightfunc built-ins are always constructable, as in Duktape (docs/lightfuncs.md)
    expected = None if PROFILES[profile].lightfunc_builtins else "TypeError"
    assert js_throws("new Math.max()") == expected
    assert js_throws("new Math.sqrt(4)") == expected
