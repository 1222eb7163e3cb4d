"""Global value properties and functions."""
import math

import pytest


def test_value_properties(run):
    assert math.isnan(run("NaN"))
    assert run("Infinity") == float("inf")
    assert run("undefined === void 0") is True
    for name in ("NaN", "Infinity", "undefined"):
        assert run("var d = Object.getOwnPropertyDescriptor(this, '%s'); "
                   "d.writable || d.enumerable || d.configurable" % name) is False
    assert run("NaN = 1; NaN !== NaN") is True
    assert run("undefined = 1; typeof undefined") == "undefined"


def test_value_properties_strict_assignment(js_throws):
    assert js_throws("'use strict'; NaN = 1") == "TypeError"
    assert js_throws("'use strict'; delete this.Infinity") == "TypeError"


@pytest.mark.parametrize("src,expected", [
    ("parseInt('42')", 42), ("parseInt('  -17px')", -17), ("parseInt('+5')", 5),
    ("parseInt('0x1F')", 31), ("parseInt('0X1f', 16)", 31), ("parseInt('0x10', 10)", 0),
    ("parseInt('11', 2)", 3), ("parseInt('z', 36)", 35), ("parseInt('Z', 36)", 35),
    ("parseInt('12', 0)", 12), ("parseInt('12', undefined)", 12), ("parseInt('12', 4294967300)", 6),
    ("parseInt('\\u00A0\\uFEFF\\u2003\\t\\n 8')", 8), ("parseInt('1e3')", 1), ("parseInt('0.9')", 0),
    ("parseInt(15.99)", 15), ("parseInt('010')", 10), ("parseInt('9007199254740993')", 9007199254740992),
    ("parseInt('123456789012345678901234567890')", 1.2345678901234568e+29),
    ("parseInt('1' + Array(400).join('0'), 10) === Infinity", True),
])
def test_parse_int(run, src, expected):
    assert run(src) == expected


@pytest.mark.parametrize("src", [
    "parseInt('')", "parseInt('  ')", "parseInt('x')", "parseInt('0x')", "parseInt('-')",
    "parseInt('11', 1)", "parseInt('11', 37)", "parseInt('2', 2)", "parseInt('\\u180E1')",
])
def test_parse_int_nan(run, src):
    assert math.isnan(run(src))


def test_parse_int_negative_zero(run):
    assert run("1 / parseInt('-0')") == float("-inf")


def test_parse_int_conversion_order(run):
    assert run("""
        var log = '';
        parseInt({toString: function() { log += 's'; return '1' }}, {valueOf: function() { log += 'r'; return 10 }});
        log
    """) == "sr"


@pytest.mark.parametrize("src,expected", [
    ("parseFloat('3.14abc')", 3.14), ("parseFloat('  -.5e-3x')", -0.0005), ("parseFloat('1e')", 1),
    ("parseFloat('1e+')", 1), ("parseFloat('0x10')", 0), ("parseFloat('Infinityx')", float("inf")),
    ("parseFloat('-Infinity')", float("-inf")), ("parseFloat('+1.5')", 1.5), ("parseFloat('5.')", 5),
    ("parseFloat('\\u2028 7')", 7), ("parseFloat('1e1000')", float("inf")), ("parseFloat(.0000001)", 1e-7),
    ("parseFloat('0.1e-1')", 0.01), ("parseFloat('12.5.6')", 12.5),
])
def test_parse_float(run, src, expected):
    assert run(src) == expected


@pytest.mark.parametrize("src", ["parseFloat('')", "parseFloat('.')", "parseFloat('e5')",
                                 "parseFloat('infinity')", "parseFloat('-.e1')", "parseFloat('+')"])
def test_parse_float_nan(run, src):
    assert math.isnan(run(src))


def test_parse_float_negative_zero(run):
    assert run("1 / parseFloat('-0')") == float("-inf")
    assert run("1 / parseFloat('-0.0e5')") == float("-inf")


def test_is_nan_is_finite(run):
    assert run("isNaN(NaN) && isNaN('abc') && isNaN(undefined) && isNaN({})") is True
    assert run("isNaN(1) || isNaN('12') || isNaN(null) || isNaN('')") is False
    assert run("isFinite(1) && isFinite('12') && isFinite(null)") is True
    assert run("isFinite(Infinity) || isFinite(-Infinity) || isFinite(NaN) || isFinite('x')") is False
    assert run("isNaN.length + isFinite.length + parseInt.length + parseFloat.length") == 5


@pytest.mark.parametrize("src,expected", [
    ("encodeURIComponent('a b&c/d')", "a%20b%26c%2Fd"),
    ("encodeURIComponent(\"-_.!~*'()\")", "-_.!~*'()"),
    ("encodeURIComponent('\\u00e9')", "%C3%A9"),
    ("encodeURIComponent('\\u20ac')", "%E2%82%AC"),
    ("encodeURIComponent('\\ud83d\\ude00')", "%F0%9F%98%80"),
    ("encodeURI('http://x.y/a b?c=d&e#f')", "http://x.y/a%20b?c=d&e#f"),
    ("encodeURI(';/?:@&=+$,#')", ";/?:@&=+$,#"),
    ("decodeURIComponent('%F0%9F%98%80%20%41')", "\U0001F600 A"),
    ("decodeURIComponent('%3B%2f')", ";/"),
    ("decodeURI('%3B%2F%20%23')", "%3B%2F %23"),
    ("decodeURI('%e2%82%ac')", "\u20ac"),
    ("decodeURIComponent('abc')", "abc"),
])
def test_uri_functions(run, src, expected):
    assert run(src) == expected


@pytest.mark.parametrize("src", [
    "encodeURI('\\ud800')", "encodeURI('\\udc00')", "encodeURIComponent('\\ud800x')",
    "decodeURI('%')", "decodeURI('%E0%A4%A')", "decodeURI('%C0%80')", "decodeURI('%80')",
    "decodeURI('%ED%A0%80')", "decodeURI('%F4%90%80%80')", "decodeURI('%C3%28')", "decodeURI('%G0')",
    "decodeURIComponent('%E2%82')", "decodeURIComponent('%F8%80%80%80%80')",
])
def test_uri_errors(js_throws, src):
    assert js_throws(src) == "URIError"


def test_uri_roundtrip(engine, run):
    text = "".join(chr(i) for i in range(0, 0xD800, 97)) + "\U0001F600"
    engine.set_global("s", text)
    assert run("encodeURIComponent(s)") == "".join(
        c if c.isascii() and (c.isalnum() or c in "-_.!~*'()") else
        "".join("%%%02X" % b for b in c.encode("utf-8")) for c in text)
    assert run("decodeURIComponent(encodeURIComponent(s)) === s") is True
    assert run("var t = 'x\\u0100\\uFFFF\\ud834\\udd1e y'; decodeURI(encodeURI(t)) === t") is True


def test_escape_unescape(run):
    assert run("escape('a b\\u0100@*_+-./')") == "a%20b%u0100@*_+-./"
    assert run("escape('\\u00ff!')") == "%FF%21"
    assert run("unescape('%u0041%41%zz%')") == "AA%zz%"
    assert run("unescape('%u004')") == "%u004"
    assert run("unescape(escape('\\u1234 x\\u00e9'))") == "\u1234 x\u00e9"


def test_globals_not_enumerable(run):
    assert run("this.propertyIsEnumerable('parseInt') || this.propertyIsEnumerable('NaN')") is False
