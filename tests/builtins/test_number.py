"""Number (ES5.1 15.7 and the ES2015 additions)."""
import math
import random
import struct
from decimal import Decimal, ROUND_HALF_UP, Context

import pytest


def is_neg_zero(x):
    return x == 0 and math.copysign(1.0, x) < 0


# --- the constructor and the constants -----------------------------------------------

def test_constructor(run):
    assert run("Number()") == 0
    assert run("Number('0x1F')") == 31
    assert run("Number(' 12 ')") == 12
    assert math.isnan(run("Number('abc')"))
    assert run("Number(true)") == 1
    assert run("Number(null)") == 0
    assert math.isnan(run("Number(undefined)"))
    assert is_neg_zero(run("Number(-0)"))
    assert run("Number({valueOf: function () { return 7; }})") == 7
    assert run("typeof new Number(5)") == "object"
    assert run("new Number(5) + 1") == 6
    assert run("new Number() + 0") == 0
    assert run("Object.getPrototypeOf(new Number(1)) === Number.prototype") is True
    assert run("Object.prototype.toString.call(new Number(1))") == "[object Number]"
    assert run("Number.length") == 1
    assert run("Number.prototype.constructor === Number") is True
    assert run("Number.prototype.valueOf()") == 0


@pytest.mark.parametrize("name,value", [
    ("MAX_VALUE", 1.7976931348623157e308), ("MIN_VALUE", 5e-324),
    ("NEGATIVE_INFINITY", -math.inf), ("POSITIVE_INFINITY", math.inf),
    ("EPSILON", 2.0 ** -52), ("MAX_SAFE_INTEGER", 2.0 ** 53 - 1), ("MIN_SAFE_INTEGER", 1 - 2.0 ** 53),
])
def test_constants(run, js_throws, name, value):
    assert run("Number.%s" % name) == value
    assert run("var d = Object.getOwnPropertyDescriptor(Number, '%s'); "
               "d.writable || d.enumerable || d.configurable" % name) is False
    assert run("Number.%s = 1; Number.%s" % (name, name)) == value
    assert js_throws("'use strict'; Number.%s = 1" % name) == "TypeError"


def test_nan_constant(run):
    assert math.isnan(run("Number.NaN"))
    assert run("delete Number.NaN") is False


def test_predicates(run):
    assert run("Number.isFinite(1)") is True
    assert run("Number.isFinite(Infinity)") is False
    assert run("Number.isFinite('1')") is False           # no conversion
    assert run("Number.isNaN(NaN)") is True
    assert run("Number.isNaN('NaN')") is False
    assert run("Number.isInteger(5.0)") is True
    assert run("Number.isInteger(5.5)") is False
    assert run("Number.isInteger(-0)") is True
    assert run("Number.isInteger(Infinity)") is False
    assert run("Number.isSafeInteger(9007199254740991)") is True
    assert run("Number.isSafeInteger(9007199254740992)") is False
    assert run("Number.isSafeInteger(1.5)") is False


# --- valueOf / toString -----------------------------------------------------------------

def test_value_of_is_not_generic(run, js_throws):
    assert run("(5).valueOf()") == 5
    assert run("new Number(6).valueOf()") == 6
    assert js_throws("Number.prototype.valueOf.call('1')") == "TypeError"
    assert js_throws("Number.prototype.toString.call({})") == "TypeError"
    assert js_throws("Number.prototype.toFixed.call(new String('1'))") == "TypeError"


@pytest.mark.parametrize("expr,expected", [
    ("(0.5).toString(2)", "0.1"),
    ("(255).toString(16)", "ff"),
    ("(-255).toString(36)", "-73"),
    ("(255).toString()", "255"),
    ("(255).toString(undefined)", "255"),
    ("(255).toString(10)", "255"),
    ("(-0).toString(2)", "0"),
    ("(NaN).toString(2)", "NaN"),
    ("(-Infinity).toString(16)", "-Infinity"),
    ("(0.1).toString(3)", "0.0022002200220022002200220022002201"),
    ("(3.141592653589793).toString(16)", "3.243f6a8885a3"),
    ("(123.456).toString(36)", "3f.gez4w97ry"),
    ("(1e21).toString(36)", "5v1j4f4ds79m9s"),             # exact integer (V8: 5v1j4f4ds7c000)
    ("(2e-7).toString(2)", "0.000000000000000000000011010110101111111001010011010101111001010111101001"),
    ("Math.pow(2, 60).toString(2)", "1" + "0" * 60),
    ("(9007199254740993).toString(3)", "1121202011211211122211100012101112"),
    ("(1e21).toString(7)", "5135235413265003022550266"),
])
def test_to_string_radix(run, expr, expected):
    assert run(expr) == expected


def test_to_string_radix_matches_python_for_integers(run):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"

    def to_base(n, b):
        s = ""
        neg = n < 0
        n = abs(n)
        while True:
            s = digits[n % b] + s
            n //= b
            if n == 0:
                break
        return "-" + s if neg else s
    rnd = random.Random(262)
    for _ in range(200):
        v = float(rnd.choice([rnd.randint(-10 ** 6, 10 ** 6), rnd.randint(0, 2 ** 80), 2 ** rnd.randint(0, 1023)]))
        radix = rnd.choice([r for r in range(2, 37) if r != 10])
        assert run("(%r).toString(%d)" % (v, radix)) == to_base(int(v), radix)


def test_to_string_radix_range(js_throws):
    assert js_throws("(1).toString(1)") == "RangeError"
    assert js_throws("(1).toString(37)") == "RangeError"
    assert js_throws("(1).toString(0)") == "RangeError"


def test_to_locale_string(run):
    assert run("(1234.5).toLocaleString()") == "1234.5"


# --- toFixed / toExponential / toPrecision ------------------------------------------------------

@pytest.mark.parametrize("expr,expected", [
    ("(1.005).toFixed(2)", "1.00"),
    ("(1e21).toFixed(2)", "1e+21"),
    ("(0.000001).toFixed(7)", "0.0000010"),
    ("(0.5).toFixed(0)", "1"),
    ("(1.5).toFixed(0)", "2"),
    ("(2.5).toFixed(0)", "3"),
    ("(-2.5).toFixed(0)", "-3"),
    ("(1.45).toFixed(1)", "1.4"),
    ("(1.25).toFixed(1)", "1.3"),
    ("(-0.0000001).toFixed(2)", "-0.00"),
    ("(-0).toFixed(2)", "0.00"),
    ("(123.456).toFixed()", "123"),
    ("(NaN).toFixed(2)", "NaN"),
    ("(1000000000000000128).toString()", "1000000000000000100"),
    ("(1000000000000000128).toFixed(0)", "1000000000000000128"),
    ("(1e-10).toFixed(20)", "0.00000000010000000000"),
    ("(0.1).toFixed(30)", "0.100000000000000005551115123126"),
])
def test_to_fixed(run, expr, expected):
    assert run(expr) == expected


@pytest.mark.parametrize("expr,expected", [
    ("(125).toExponential(1)", "1.3e+2"),
    ("(123456).toExponential(2)", "1.23e+5"),
    ("(0).toExponential()", "0e+0"),
    ("(0).toExponential(2)", "0.00e+0"),
    ("(1.5e-7).toExponential()", "1.5e-7"),
    ("(-12345).toExponential()", "-1.2345e+4"),
    ("(1.25).toExponential(1)", "1.3e+0"),
    ("(1.35).toExponential(1)", "1.4e+0"),
    ("(9.5).toExponential(0)", "1e+1"),
    ("(Infinity).toExponential(1000)", "Infinity"),
    ("(5e-324).toExponential()", "5e-324"),
    ("(1.7976931348623157e308).toExponential(20)", "1.79769313486231570815e+308"),
])
def test_to_exponential(run, expr, expected):
    assert run(expr) == expected


@pytest.mark.parametrize("expr,expected", [
    ("(123.456).toPrecision(4)", "123.5"),
    ("(0.000001234).toPrecision(2)", "0.0000012"),
    ("(0.0000001234).toPrecision(2)", "1.2e-7"),
    ("(123456789).toPrecision(3)", "1.23e+8"),
    ("(1e21).toPrecision(3)", "1.00e+21"),
    ("(0).toPrecision(5)", "0.0000"),
    ("(25).toPrecision(1)", "3e+1"),
    ("(123).toPrecision(3)", "123"),
    ("(-1.5).toPrecision(1)", "-2"),
    ("(123.456).toPrecision()", "123.456"),
    ("(NaN).toPrecision(200)", "NaN"),
])
def test_to_precision(run, expr, expected):
    assert run(expr) == expected


def test_digit_ranges(run, js_throws):
    assert js_throws("(1).toFixed(101)") == "RangeError"
    assert js_throws("(1).toFixed(-1)") == "RangeError"
    assert run("(1).toFixed(100).length") == 102
    assert js_throws("(1).toExponential(101)") == "RangeError"
    assert js_throws("(1).toExponential(-1)") == "RangeError"
    assert js_throws("(1).toPrecision(0)") == "RangeError"
    assert js_throws("(1).toPrecision(101)") == "RangeError"
    assert run("(1).toPrecision(100).length") == 101


def exact_fixed(x, f):
    sign = "-" if x < 0 else ""
    q = Decimal(abs(x)).quantize(Decimal(1).scaleb(-f), rounding=ROUND_HALF_UP, context=Context(prec=500))
    return sign + format(q, "f")


def exact_exponential(x, f):
    sign = "-" if x < 0 else ""
    d = Context(prec=f + 1, rounding=ROUND_HALF_UP).plus(Decimal(abs(x)))
    digits = "".join(map(str, d.as_tuple().digits)).ljust(f + 1, "0")
    e = d.adjusted()
    m = digits[0] + ("." + digits[1:] if f else "")
    return "%s%se%s%d" % (sign, m, "+" if e >= 0 else "-", abs(e))


def test_against_exact_decimal(run):
    """Random doubles (and decimal-looking values, where ties live) against an
    exact half-up reference."""
    rnd = random.Random(7)
    values = [n / 8 for n in range(-40, 40)] + [1.005, 8.345, 0.125, 2.675, 1e-7, 123.5]
    for _ in range(300):
        if rnd.random() < 0.5:
            v = struct.unpack("d", struct.pack("Q", rnd.getrandbits(64)))[0]
            if not math.isfinite(v) or abs(v) >= 1e21:
                continue
        else:
            v = round(rnd.uniform(-1000, 1000), rnd.randint(0, 4))
        values.append(v)
    for v in values:
        f = rnd.randint(0, 20)
        if abs(v) < 1e21:
            want = exact_fixed(v, f)
            if want.startswith("-") and float(want) == 0 and v == 0:
                want = want[1:]
            assert run("(%r).toFixed(%d)" % (v, f)) == want, (v, f)
        if v != 0:
            assert run("(%r).toExponential(%d)" % (v, f)) == exact_exponential(v, f), (v, f)


def test_conversion_order_and_errors(run, js_throws):
    # thisNumberValue first, then the argument
    assert js_throws("Number.prototype.toFixed.call('x', {valueOf: function () { throw 1; }})") == "TypeError"
    assert js_throws("(1).toFixed({valueOf: function () { throw new RangeError(); }})") == "RangeError"
    # toExponential: a non-finite value wins over a bad digit count
    assert run("(NaN).toExponential(-5)") == "NaN"
    assert run("(1).toFixed({valueOf: function () { return 2; }})") == "1.00"
