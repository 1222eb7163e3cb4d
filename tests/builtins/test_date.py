"""Date (ES5.1 15.9 with the current spec's details; Annex B getYear/setYear/toGMTString).

Tests that depend on the host time zone either use UTC methods, compare with
getTimezoneOffset(), or run the engine in a subprocess with TZ set and check
against Python's zoneinfo (the same tz database).
"""
import datetime as dt
import json
import math
import os
import random
import subprocess
import sys
import textwrap

import pytest

MS_DAY = 86400000
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def utc_ms(*args):
    """Python's reference: the time value of a UTC date (years 1..9999)."""
    d = dt.datetime(*args, tzinfo=dt.timezone.utc)
    return (d - EPOCH) // dt.timedelta(milliseconds=1)


def run_in_tz(tz, js):
    """Evaluate js in a fresh process whose TZ is tz; returns the JSON result."""
    code = textwrap.dedent("""
        import glassjs, json, sys
        e = glassjs.Engine()
        print(e.eval(sys.stdin.read()))
    """)
    env = dict(os.environ, TZ=tz)
    out = subprocess.run([sys.executable, "-c", code], input="JSON.stringify((function(){" + js + "})())",
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


# --- the constructor --------------------------------------------------------------------

def test_constructor_basics(run):
    assert run("typeof Date()") == "string"
    assert run("typeof new Date()") == "object"
    assert run("Object.prototype.toString.call(new Date(0))") == "[object Date]"
    assert run("Object.getPrototypeOf(new Date(0)) === Date.prototype") is True
    assert run("Date.prototype.constructor === Date") is True
    assert run("Object.prototype.toString.call(Date.prototype)") == "[object Object]"
    assert run("Date.length") == 7
    assert run("Date.name") == "Date"
    assert run("Math.abs(new Date().getTime() - Date.now()) < 1000") is True
    assert run("Math.abs(Date.parse(Date()) - Date.now()) < 2000") is True
    assert run("typeof Date(2000, 1)") == "string"


def test_constructor_single_value(run):
    assert run("new Date(0).getTime()") == 0
    assert run("new Date(1.9).getTime()") == 1
    assert run("new Date(-1.9).getTime()") == -1
    assert math.copysign(1, run("new Date(-0).getTime()")) == 1          # TimeClip: +0
    assert math.isnan(run("new Date(NaN).getTime()"))
    assert math.isnan(run("new Date(Infinity).getTime()"))
    assert run("new Date(8.64e15).getTime()") == 8.64e15
    assert math.isnan(run("new Date(8.64e15 + 1).getTime()"))
    assert run("new Date(-8.64e15).getTime()") == -8.64e15
    assert run("new Date('1970-01-02T00:00:00Z').getTime()") == MS_DAY
    assert run("new Date(new String('1970-01-02')).getTime()") == MS_DAY
    assert run("new Date(true).getTime()") == 1
    assert run("new Date(null).getTime()") == 0
    assert math.isnan(run("new Date(undefined).getTime()"))
    # a Date argument: its time value, without calling valueOf/toString
    assert run("""var d = new Date(12345);
                  d.valueOf = function () { throw 1; }; d.toString = function () { throw 2; };
                  new Date(d).getTime()""") == 12345
    # other objects: ToPrimitive with no hint (valueOf first)
    assert run("new Date({valueOf: function () { return 7; }, toString: function () { return 'x'; }}).getTime()") == 7
    assert run("new Date({toString: function () { return '1970-01-01T00:00:01Z'; }, valueOf: null}).getTime()") == 1000


def test_constructor_components_relative_to_offset(run):
    # local time: value + offset*60000 is the UTC reading of the same fields
    for args, expected in [("1899, 11", -2211667200000), ("1899, 12", -2208988800000),
                           ("1970, 0", 0), ("2000, 0, 1, 0, 0, 0, 0", 946684800000),
                           ("2016, 6, 5, 12, 30, 15, 250", utc_ms(2016, 7, 5, 12, 30, 15, 250000))]:
        assert run(f"var d = new Date({args}); d.getTime() - d.getTimezoneOffset() * 60000") == expected


def test_constructor_two_digit_years(run):
    assert run("new Date(99, 0).getFullYear()") == 1999
    assert run("new Date(0, 0).getFullYear()") == 1900
    assert run("new Date(99.9, 0).getFullYear()") == 1999
    assert run("new Date(100, 0).getFullYear()") == 100
    assert run("new Date(-1, 0).getFullYear()") == -1
    assert math.isnan(run("new Date(NaN, 0).getTime()"))


def test_constructor_coercion_order_and_errors(run, js_throws):
    assert run("""var log = [];
        function v(n, x) { return {valueOf: function () { log.push(n); return x; }}; }
        new Date(v('y', 2000), v('m', 0), v('d', 1), v('h', 0), v('min', 0), v('s', 0), v('ms', 0));
        log.join()""") == "y,m,d,h,min,s,ms"
    assert run("""var n = 0; var bad = {valueOf: function () { throw new RangeError('x'); }};
        var counter = {valueOf: function () { n++; return 0; }};
        try { new Date(0, bad, counter); } catch (e) {} n""") == 0
    assert js_throws("new Date({valueOf: function () { return {}; }, toString: function () { return {}; }})") == "TypeError"


# --- Date.UTC / Date.now / Date.parse ---------------------------------------------------------

def test_utc(run):
    assert math.isnan(run("Date.UTC()"))
    assert run("Date.UTC(2020)") == utc_ms(2020, 1, 1)
    assert run("Date.UTC(2016, 12)") == 1483228800000
    assert run("Date.UTC(2016, 0, 33)") == 1454371200000
    assert run("Date.UTC(2016, 2, -27)") == 1454371200000
    assert run("Date.UTC(2016, 6, 5, -1)") == 1467673200000
    assert run("Date.UTC(2016, 6, 5, 0, 0, 0, 1000)") == 1467676801000
    assert run("Date.UTC(-1, 0)") == -62198755200000
    assert run("Date.UTC(-0.999999, 0)") == -2208988800000
    assert run("Date.UTC(99.999999, 0)") == 915148800000
    assert run("Date.UTC(1970.9, 0.9, 1.9, 0.9, 0.9, 0.9, 0.9)") == 0
    assert run("Date.UTC(-1970.9, -0.9, -0.9, -0.9, -0.9, -0.9, -0.9)") == -124334438400000
    # MakeTime/MakeDate in IEEE doubles, in the spec's order
    assert run("Date.UTC(1970, 0, 1, 80063993375, 29, 1, -288230376151711740)") == 29312
    assert run("Date.UTC(1970, 0, 213503982336, 0, 0, 0, -18446744073709552000)") == 34447360
    assert run("Date.UTC(275760, 8, 13)") == 8.64e15
    assert math.isnan(run("Date.UTC(275760, 8, 13, 0, 0, 0, 1)"))
    for expr in ["Date.UTC(Infinity)", "Date.UTC(0, -Infinity)", "Date.UTC(0, 0, Infinity)",
                 "Date.UTC(0, 0, 1, NaN)", "Date.UTC(2000, 0, 1, 0, 0, 0, undefined)"]:
        assert math.isnan(run(expr)), expr
    assert run("Date.UTC.length") == 7


def test_utc_against_python_calendar(run):
    rng = random.Random(15)
    cases = []
    for _ in range(300):
        y = rng.randint(1, 9999)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        h, mi, s, ms = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999)
        cases.append((y, m, d, h, mi, s, ms))
    js = "[" + ",".join(f"Date.UTC({y}, {m - 1}, {d}, {h}, {mi}, {s}, {ms})" for y, m, d, h, mi, s, ms in cases
                        if y >= 100) + "]"
    got = json.loads(run(f"JSON.stringify({js})"))
    want = [utc_ms(y, m, d, h, mi, s, ms * 1000) for y, m, d, h, mi, s, ms in cases if y >= 100]
    assert got == want


def test_utc_getters_against_python_calendar(run):
    rng = random.Random(7)
    lo, hi = utc_ms(1, 1, 1), utc_ms(9999, 12, 31, 23, 59, 59, 999000)
    values = [rng.randint(lo, hi) for _ in range(300)] + [0, -1, MS_DAY - 1, utc_ms(2000, 2, 29), utc_ms(1900, 3, 1)]
    got = json.loads(run("JSON.stringify(" + json.dumps(values) + """.map(function (t) {
        var d = new Date(t);
        return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(),
                d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds(), d.toISOString()];
    }))"""))
    for t, g in zip(values, got):
        p = EPOCH + dt.timedelta(milliseconds=t)
        iso = p.strftime("%Y-%m-%dT%H:%M:%S.") + f"{p.microsecond // 1000:03d}Z"
        iso = iso.rjust(24, "0")
        assert g == [p.year, p.month - 1, p.day, (p.weekday() + 1) % 7, p.hour, p.minute, p.second,
                     p.microsecond // 1000, iso], t


def test_now(run):
    import time
    t = run("Date.now()")
    assert abs(t - time.time() * 1000) < 5000
    assert t == int(t)
    assert run("Date.now.length") == 0


def test_parse_iso(run):
    p = lambda s: run(f"Date.parse({json.dumps(s)})")
    assert p("1970") == 0
    assert p("1970-01") == 0
    assert p("1970-01-02") == MS_DAY
    assert p("2000-02-29T12:00Z") == utc_ms(2000, 2, 29, 12)
    assert p("2000-02-29T12:00:30Z") == utc_ms(2000, 2, 29, 12, 0, 30)
    assert p("2000-02-29T12:00:30.5Z") == utc_ms(2000, 2, 29, 12, 0, 30, 500000)
    assert p("2000-02-29T12:00:30.123456Z") == utc_ms(2000, 2, 29, 12, 0, 30, 123000)
    assert p("2000-02-29T12:00:30.123+01:30") == utc_ms(2000, 2, 29, 10, 30, 30, 123000)
    assert p("2000-02-29T12:00-05:00") == utc_ms(2000, 2, 29, 17)
    assert p("2000T00:00Z") == utc_ms(2000, 1, 1)
    assert p("1970-01-01T24:00:00Z") == MS_DAY
    assert p("+002000-01-01T00:00:00Z") == utc_ms(2000, 1, 1)
    assert p("-000001-01-01T00:00:00Z") == -62198755200000
    assert p("+275760-09-13T00:00:00.000Z") == 8.64e15
    assert p("-271821-04-20T00:00:00.000Z") == -8.64e15
    for bad in ["+275760-09-13T00:00:00.001Z", "-271821-04-19T23:59:59.999Z", "-000000-01-01T00:00Z",
                "-000000-03-31T01:45", "2000-13-01", "2000-00-01", "2001-02-29", "2000-01-32",
                "2000-01-01T25:00Z", "2000-01-01T24:00:01Z", "2000-01-01T12:60Z", "2000-01-01T12:00:60Z",
                "2000-01-01T12:00+24:00", "", "x", "2000-01-01Tfoo", "   "]:
        assert math.isnan(p(bad)), bad
    # date-only forms are UTC, date-time forms without an offset are local time
    assert run("Date.parse('1970-01-01T00:00:00') === new Date(0).getTimezoneOffset() * 60000") is True
    assert run("Date.parse('2020-06-15T10:20:30') === new Date(2020, 5, 15, 10, 20, 30).getTime()") is True
    assert run("Date.parse.length") == 1


def test_parse_other_formats(run):
    p = lambda s: run(f"Date.parse({json.dumps(s)})")
    assert p("Thu, 01 Jan 1970 00:00:00 GMT") == 0
    assert p("Tue, 01 Feb 2022 09:00:00 GMT") == utc_ms(2022, 2, 1, 9)
    assert p("Tue Feb 01 2022 10:00:00 GMT+0100 (Central European Standard Time)") == utc_ms(2022, 2, 1, 9)
    assert p("Tue Feb 01 2022 10:00:00 GMT-0130") == utc_ms(2022, 2, 1, 11, 30)
    assert p("Feb 1 2022 10:00 UTC") == utc_ms(2022, 2, 1, 10)
    assert p("1 February 2022 10:00:00 Z") == utc_ms(2022, 2, 1, 10)
    assert p("2022-02-01 10:00 +01:00") == utc_ms(2022, 2, 1, 9)
    assert p("Feb 1, 2022 1:30 PM GMT") == utc_ms(2022, 2, 1, 13, 30)
    assert p("Feb 1, 2022 12:15 AM GMT") == utc_ms(2022, 2, 1, 0, 15)
    assert p("Feb 1, 2022 10:00 EST") == utc_ms(2022, 2, 1, 15)
    assert p("Thu Jul 01 -0001 00:00:00 GMT+0000") == utc_ms(1, 7, 1) - 731 * MS_DAY   # year 0 is a leap year
    # without a zone: local time
    assert run("Date.parse('2/1/2022') === new Date(2022, 1, 1).getTime()") is True
    assert run("Date.parse('2/1/2022, 1:05:09 PM') === new Date(2022, 1, 1, 13, 5, 9).getTime()") is True
    assert run("Date.parse('2022/02/01 10:00') === new Date(2022, 1, 1, 10).getTime()") is True
    assert run("Date.parse('1/2/99') === new Date(1999, 0, 2).getTime()") is True
    for bad in ["Feb 2022", "13/1/2022", "Foo 1 2022", "Feb 1 2022 25:00", "Feb 1 2022 13:00 PM", "1 2 3 4",
                "Feb 1 2022 10:00 +", "Feb 30x 2022"]:
        assert math.isnan(p(bad)), bad
    # a comment in parentheses is skipped, even an unclosed one
    assert p("Feb 1 2022 10:00 GMT (anything (nested) here)") == utc_ms(2022, 2, 1, 10)


def test_parse_round_trips(run):
    # Date.parse of toString/toUTCString/toISOString gives back the value (whole
    # seconds; toString only for whole-minute offsets: not the local mean time of
    # the 1800s, which toString cannot show)
    assert run("""var ok = true;
        [0, 1e12, -1e12, 1643709600000, -62198755200000, 8.64e15, -8.64e15, 253402300799000].forEach(function (t) {
            var d = new Date(t);
            if ((d.getTimezoneOffset() % 1 === 0 && Date.parse(d.toString()) !== t) ||
                Date.parse(d.toUTCString()) !== t || Date.parse(d.toISOString()) !== t)
                ok = [t, d.toString(), Date.parse(d.toString())];
        }); ok""") is True
    assert run("var d = new Date(2020, 4, 6, 7, 8, 9); Date.parse(d.toLocaleString()) === d.getTime()") is True
    assert run("var d = new Date(2020, 4, 6); Date.parse(d.toLocaleDateString()) === d.getTime()") is True


# --- getters ------------------------------------------------------------------------------------

GETTERS = ["getTime", "valueOf", "getFullYear", "getUTCFullYear", "getMonth", "getUTCMonth", "getDate",
           "getUTCDate", "getDay", "getUTCDay", "getHours", "getUTCHours", "getMinutes", "getUTCMinutes",
           "getSeconds", "getUTCSeconds", "getMilliseconds", "getUTCMilliseconds", "getTimezoneOffset", "getYear"]


@pytest.mark.parametrize("name", GETTERS)
def test_getter_nan_and_receiver(run, js_throws, name):
    assert math.isnan(run(f"new Date(NaN).{name}()"))
    assert run(f"Date.prototype.{name}.length") == 0
    assert run(f"Date.prototype.{name}.name") == name
    assert js_throws(f"Date.prototype.{name}.call({{}})") == "TypeError"
    assert js_throws(f"Date.prototype.{name}.call(Date.prototype)") == "TypeError"
    assert js_throws(f"Date.prototype.{name}.call(0)") == "TypeError"
    assert js_throws(f"Date.prototype.{name}()") == "TypeError"


def test_local_getters_agree_with_offset(run):
    assert run("""var ok = true;
        for (var t = -3e12; t < 3e12; t += 7777777777) {
            var d = new Date(t), off = d.getTimezoneOffset() * 60000, u = new Date(t - off);
            if (d.getFullYear() !== u.getUTCFullYear() || d.getMonth() !== u.getUTCMonth() ||
                d.getDate() !== u.getUTCDate() || d.getDay() !== u.getUTCDay() ||
                d.getHours() !== u.getUTCHours() || d.getMinutes() !== u.getUTCMinutes() ||
                d.getSeconds() !== u.getUTCSeconds() || d.getMilliseconds() !== u.getUTCMilliseconds() ||
                d.getYear() !== u.getUTCFullYear() - 1900) ok = t;
        } ok""") is True


def test_valueof_and_primitive_conversion(run):
    assert run("new Date(5).valueOf()") == 5
    assert run("new Date(5) - 0") == 5
    assert run("typeof (new Date(5) + 1)") == "string"
    assert run("new Date(5) + 1 === new Date(5).toString() + '1'") is True
    assert run("new Date(5) < new Date(6)") is True
    assert run("new Date(5) == new Date(5).toString()") is True


# --- setters ------------------------------------------------------------------------------------

def test_set_time(run, js_throws):
    assert run("var d = new Date(0); d.setTime(12.7); d.getTime()") == 12
    assert math.isnan(run("var d = new Date(0); d.setTime(); d.getTime()"))
    assert math.isnan(run("new Date(0).setTime(8.64e15 + 1)"))
    assert run("var d = new Date(NaN); d.setTime('5')") == 5
    assert run("Date.prototype.setTime.length") == 1
    assert js_throws("Date.prototype.setTime.call({}, 0)") == "TypeError"
    # the receiver is checked before the argument is converted
    assert run("""var n = 0; try { Date.prototype.setTime.call({}, {valueOf: function () { n++; }}); } catch (e) {} n""") == 0


@pytest.mark.parametrize("name,length", [
    ("setMilliseconds", 1), ("setUTCMilliseconds", 1), ("setSeconds", 2), ("setUTCSeconds", 2),
    ("setMinutes", 3), ("setUTCMinutes", 3), ("setHours", 4), ("setUTCHours", 4), ("setDate", 1),
    ("setUTCDate", 1), ("setMonth", 2), ("setUTCMonth", 2), ("setFullYear", 3), ("setUTCFullYear", 3),
    ("setYear", 1)])
def test_setter_shape(run, js_throws, name, length):
    assert run(f"Date.prototype.{name}.length") == length
    assert run(f"Date.prototype.{name}.name") == name
    assert js_throws(f"Date.prototype.{name}.call({{}}, 1)") == "TypeError"
    assert run(f"Object.getOwnPropertyDescriptor(Date.prototype, '{name}').enumerable") is False


def test_utc_setters(run):
    base = utc_ms(2016, 7, 5, 10, 20, 30, 400000)
    r = lambda code: run(f"var d = new Date({base}); {code}")
    assert r("d.setUTCMilliseconds(999)") == utc_ms(2016, 7, 5, 10, 20, 30, 999000)
    assert r("d.setUTCMilliseconds(1000)") == utc_ms(2016, 7, 5, 10, 20, 31)
    assert r("d.setUTCSeconds(1)") == utc_ms(2016, 7, 5, 10, 20, 1, 400000)
    assert r("d.setUTCSeconds(1, 2)") == utc_ms(2016, 7, 5, 10, 20, 1, 2000)
    assert r("d.setUTCMinutes(5, 6, 7)") == utc_ms(2016, 7, 5, 10, 5, 6, 7000)
    assert r("d.setUTCHours(1)") == utc_ms(2016, 7, 5, 1, 20, 30, 400000)
    assert r("d.setUTCHours(-1)") == utc_ms(2016, 7, 4, 23, 20, 30, 400000)
    assert r("d.setUTCHours(1, 2, 3, 4)") == utc_ms(2016, 7, 5, 1, 2, 3, 4000)
    assert r("d.setUTCDate(31)") == utc_ms(2016, 7, 31, 10, 20, 30, 400000)
    assert r("d.setUTCDate(32)") == utc_ms(2016, 8, 1, 10, 20, 30, 400000)
    assert r("d.setUTCMonth(0)") == utc_ms(2016, 1, 5, 10, 20, 30, 400000)
    assert r("d.setUTCMonth(1, 29)") == utc_ms(2016, 2, 29, 10, 20, 30, 400000)
    assert r("d.setUTCFullYear(2000)") == utc_ms(2000, 7, 5, 10, 20, 30, 400000)
    assert r("d.setUTCFullYear(2000, 0, 2)") == utc_ms(2000, 1, 2, 10, 20, 30, 400000)
    assert r("d.setUTCFullYear(2000); d.getUTCHours()") == 10
    # an explicit undefined is a NaN argument; a missing one keeps the field
    assert math.isnan(r("d.setUTCSeconds(1, undefined)"))
    assert math.isnan(r("d.setUTCHours(1, undefined); d.getTime()"))
    assert math.isnan(r("d.setUTCMonth()"))
    assert math.isnan(r("d.setUTCFullYear(275761)"))


def test_setters_on_invalid_date(run):
    # only set*FullYear starts again from +0; the others convert every given
    # argument, then return NaN
    assert run("var d = new Date(NaN); d.setUTCFullYear(2000)") == utc_ms(2000, 1, 1)
    assert run("var d = new Date(NaN); d.setUTCFullYear(2000, 5, 6)") == utc_ms(2000, 6, 6)
    assert run("var d = new Date(NaN); d.setFullYear(2000); d.getTime() === new Date(2000, 0, 1).getTime()") is True
    for name, nargs in [("setMilliseconds", 1), ("setUTCMilliseconds", 1), ("setSeconds", 2), ("setUTCSeconds", 2),
                        ("setMinutes", 3), ("setUTCMinutes", 3), ("setHours", 4), ("setUTCHours", 4),
                        ("setDate", 1), ("setUTCDate", 1), ("setMonth", 2), ("setUTCMonth", 2)]:
        # five arguments given: only the first nargs are read
        assert run(f"""var n = 0, v = {{valueOf: function () {{ n++; return 1; }}}};
            var d = new Date(NaN), r = d.{name}(v, v, v, v, v); [isNaN(r), isNaN(d.getTime()), n].join()""") \
            == f"true,true,{nargs}", name


def test_setter_argument_order_and_time_snapshot(run):
    assert run("""var log = [];
        function v(n) { return {valueOf: function () { log.push(n); return 1; }}; }
        new Date(0).setHours(v('h'), v('m'), v('s'), v('ms'));
        new Date(0).setUTCFullYear(v('y'), v('mo'), v('d'));
        new Date(0).setMonth(v('M'), v('D'));
        log.join()""") == "h,m,s,ms,y,mo,d,M,D"
    # the time value is read before the arguments are converted
    assert run("""var d = new Date(0);
        d.setUTCMilliseconds({valueOf: function () { d.setTime(1e9); return 5; }})""") == 5
    assert math.isnan(run("""var d = new Date(NaN);
        d.setUTCDate({valueOf: function () { d.setTime(0); return 2; }})"""))
    assert run("""var d = new Date(NaN);
        d.setUTCFullYear({valueOf: function () { d.setTime(1e12); return 2000; }})""") == utc_ms(2000, 1, 1)


def test_local_setters(run):
    assert run("var d = new Date(2016, 6, 5, 10, 20, 30, 400); d.setHours(1); [d.getHours(), d.getMinutes()].join()") == "1,20"
    assert run("var d = new Date(2016, 6, 5); d.setDate(0); [d.getMonth(), d.getDate()].join()") == "5,30"
    assert run("var d = new Date(2000, 0, 31); d.setMonth(1); [d.getMonth(), d.getDate()].join()") == "2,2"
    assert run("var d = new Date(2016, 6, 5, 10); d.setFullYear(2017, 0); [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()].join()") == "2017,0,5,10"
    assert run("var d = new Date(2016, 6, 5, 10, 20, 30, 400); d.setMinutes(0, 0, 0) === new Date(2016, 6, 5, 10).getTime()") is True
    assert run("var d = new Date(2016, 6, 5, 10, 20, 30, 400); d.setSeconds(0, 0) === new Date(2016, 6, 5, 10, 20).getTime()") is True
    assert run("var d = new Date(2016, 6, 5, 10, 20, 30, 400); d.setMilliseconds(0) === new Date(2016, 6, 5, 10, 20, 30).getTime()") is True


def test_annex_b_year(run, js_throws):
    assert run("new Date(2000, 0).getYear()") == 100
    assert run("new Date(1899, 0).getYear()") == -1
    assert run("var d = new Date(2000, 5, 6, 7); d.setYear(99); [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()].join()") == "1999,5,6,7"
    assert run("var d = new Date(2000, 5, 6); d.setYear(2005); d.getFullYear()") == 2005
    assert run("var d = new Date(2000, 5, 6); d.setYear(-1); d.getFullYear()") == -1
    assert run("var d = new Date(NaN); d.setYear(99) === new Date(1999, 0, 1).getTime()") is True
    assert math.isnan(run("var d = new Date(0); d.setYear(NaN)"))
    assert math.isnan(run("var d = new Date(0); d.setYear(); d.getTime()"))
    assert run("Date.prototype.toGMTString === Date.prototype.toUTCString") is True
    assert run("Date.prototype.toGMTString.name") == "toUTCString"
    assert js_throws("Date.prototype.getYear.call({})") == "TypeError"


# --- string conversions --------------------------------------------------------------------------

def test_to_iso_string(run, js_throws):
    assert run("new Date(0).toISOString()") == "1970-01-01T00:00:00.000Z"
    assert run("new Date(-1).toISOString()") == "1969-12-31T23:59:59.999Z"
    assert run("new Date(8.64e15).toISOString()") == "+275760-09-13T00:00:00.000Z"
    assert run("new Date(-8.64e15).toISOString()") == "-271821-04-20T00:00:00.000Z"
    assert run("new Date(Date.UTC(-1, 0)).toISOString()") == "-000001-01-01T00:00:00.000Z"
    assert run("new Date(Date.UTC(10000, 0)).toISOString()") == "+010000-01-01T00:00:00.000Z"
    assert run("new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)).toISOString()") == "9999-12-31T23:59:59.999Z"
    assert run("new Date(Date.UTC(0, 0)).toISOString()") == "1900-01-01T00:00:00.000Z"
    assert js_throws("new Date(NaN).toISOString()") == "RangeError"
    assert js_throws("Date.prototype.toISOString.call({})") == "TypeError"


def test_to_utc_string(run):
    assert run("new Date(0).toUTCString()") == "Thu, 01 Jan 1970 00:00:00 GMT"
    assert run("new Date(Date.UTC(2022, 1, 1, 9, 5, 7)).toUTCString()") == "Tue, 01 Feb 2022 09:05:07 GMT"
    assert run("new Date('-000012-07-01T00:00Z').toUTCString()") == "Fri, 01 Jul -0012 00:00:00 GMT"
    assert run("new Date(NaN).toUTCString()") == "Invalid Date"
    days = run("[0,1,2,3,4,5,6].map(function (i) { return new Date(Date.UTC(2023, 0, 1 + i)).toUTCString().slice(0, 3); }).join()")
    assert days == "Sun,Mon,Tue,Wed,Thu,Fri,Sat"
    months = run("[0,1,2,3,4,5,6,7,8,9,10,11].map(function (i) { return new Date(Date.UTC(2023, i, 1)).toUTCString().slice(8, 11); }).join()")
    assert months == "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec"


def test_to_string_formats(run, js_throws):
    import re
    s = run("new Date(0).toString()")
    assert re.fullmatch(r"(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                        r"\d\d \d{4} \d\d:\d\d:\d\d GMT[+-]\d{4}( \(.+\))?", s)
    assert run("var d = new Date(0); d.toString() === d.toDateString() + ' ' + d.toTimeString()") is True
    assert re.fullmatch(r"\d\d:\d\d:\d\d GMT[+-]\d{4}( \(.+\))?", run("new Date(0).toTimeString()"))
    assert run("new Date(2022, 1, 1).toDateString()") == "Tue Feb 01 2022"
    assert run("new Date('-000001-07-01T00:00Z').toString().split(' ')[3]") in ("-0001", "-0002")
    assert run("new Date('-123456-07-01T00:00Z').toString().split(' ')[3]") == "-123456"
    for m in ["toString", "toDateString", "toTimeString", "toLocaleString", "toLocaleDateString",
              "toLocaleTimeString"]:
        assert run(f"new Date(NaN).{m}()") == "Invalid Date"
        assert js_throws(f"Date.prototype.{m}.call({{}})") == "TypeError"
        assert run(f"Date.prototype.{m}.length") == 0
    assert run("String(new Date(NaN))") == "Invalid Date"
    assert run("new Date(2020, 0, 2, 13, 4, 5).toLocaleString()") == "1/2/2020, 1:04:05 PM"
    assert run("new Date(2020, 0, 2, 0, 4, 5).toLocaleTimeString()") == "12:04:05 AM"
    assert run("new Date(2020, 11, 25).toLocaleDateString()") == "12/25/2020"


def test_to_json(run, js_throws):
    assert run("new Date(0).toJSON()") == "1970-01-01T00:00:00.000Z"
    assert run("new Date(NaN).toJSON()") is None
    assert run("JSON.stringify({d: new Date(86400000)})") == '{"d":"1970-01-02T00:00:00.000Z"}'
    assert run("JSON.stringify([new Date(NaN)])") == "[null]"
    # generic: ToPrimitive(number) then this.toISOString()
    assert run("Date.prototype.toJSON.call({valueOf: function () { return 1; }, toISOString: function () { return 'iso'; }})") == "iso"
    assert run("Date.prototype.toJSON.call({valueOf: function () { return Infinity; }, toISOString: null})") is None
    assert run("Date.prototype.toJSON.call({toISOString: function () { return [].slice.call(arguments).length; }}, 1, 2)") == 0
    assert js_throws("Date.prototype.toJSON.call({toISOString: 1})") == "TypeError"
    assert js_throws("Date.prototype.toJSON.call(null)") == "TypeError"
    assert js_throws("Date.prototype.toJSON.call({valueOf: function () { throw new RangeError(); }})") == "RangeError"
    assert run("Date.prototype.toJSON.length") == 1


def test_property_attributes(run):
    assert run("""var names = Object.getOwnPropertyNames(Date.prototype), bad = [];
        names.forEach(function (n) {
            var d = Object.getOwnPropertyDescriptor(Date.prototype, n);
            if (d.enumerable || !d.writable || !d.configurable) bad.push(n);
        }); bad.length + ':' + names.length""") == "0:47"
    assert run("var d = Object.getOwnPropertyDescriptor(Date, 'prototype'); [d.writable, d.enumerable, d.configurable].join()") == "false,false,false"
    assert run("Object.keys(new Date(0)).length") == 0
    assert run("'UTC' in Date && 'now' in Date && 'parse' in Date") is True


# --- local time in given time zones (subprocess) -----------------------------------------------------

def test_time_zone_berlin_dst():
    r = run_in_tz("Europe/Berlin", """
        var w = new Date(2022, 1, 1, 10), s = new Date(2022, 6, 1, 10);
        var gap = new Date(2022, 2, 27, 2, 30), fold = new Date(2022, 9, 30, 2, 30);
        return [w.toString(), w.getTimezoneOffset(), s.toString(), s.getTimezoneOffset(),
                gap.toString(), gap.toISOString(), fold.toISOString(),
                Date.parse('2022-07-01T10:00:00'), new Date(0).toString(),
                Date.parse(w.toString()) === w.getTime()];
    """)
    assert r == ["Tue Feb 01 2022 10:00:00 GMT+0100 (CET)", -60, "Fri Jul 01 2022 10:00:00 GMT+0200 (CEST)", -120,
                 "Sun Mar 27 2022 03:30:00 GMT+0200 (CEST)", "2022-03-27T01:30:00.000Z",
                 "2022-10-30T00:30:00.000Z", utc_ms(2022, 7, 1, 8), "Thu Jan 01 1970 01:00:00 GMT+0100 (CET)", True]


def test_time_zone_new_york_dst():
    r = run_in_tz("America/New_York", """
        var gap = new Date(2022, 2, 13, 2, 30), fold = new Date(2022, 10, 6, 1, 30);
        var d = new Date(2022, 2, 12, 12); d.setDate(13);          // across the transition: wall clock kept
        var h = new Date(2022, 10, 6, 0, 0); h.setHours(1, 30);
        return [gap.toString(), fold.toString(), fold.toISOString(), d.getHours(), d.getTimezoneOffset(),
                h.toISOString(), new Date(Date.UTC(2022, 10, 6, 6, 30)).toString()];
    """)
    assert r == ["Sun Mar 13 2022 03:30:00 GMT-0400 (EDT)", "Sun Nov 06 2022 01:30:00 GMT-0400 (EDT)",
                 "2022-11-06T05:30:00.000Z", 12, 240, "2022-11-06T05:30:00.000Z",
                 "Sun Nov 06 2022 01:30:00 GMT-0500 (EST)"]


def test_time_zone_fractional_offset():
    r = run_in_tz("Asia/Kolkata", """
        var d = new Date(Date.UTC(2020, 0, 1));
        return [d.toString(), d.getTimezoneOffset(), d.getHours(), d.getMinutes(), new Date(2020, 0, 1, 5, 30).getTime()];
    """)
    assert r == ["Wed Jan 01 2020 05:30:00 GMT+0530 (IST)", -330, 5, 30, utc_ms(2020, 1, 1)]


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
                                "Asia/Tehran", "Pacific/Apia"])
def test_local_time_matches_zoneinfo(tz):
    """LocalTime and UTC against Python's zoneinfo (fold=0 is the spec's disambiguation:
    the earlier instant of a repeated time, the pre-transition offset in a gap)."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        zone = zoneinfo.ZoneInfo(tz)
    except Exception:
        pytest.skip("no tz data for " + tz)
    rng = random.Random(tz)
    instants = [rng.randint(utc_ms(1950, 1, 1), utc_ms(2037, 1, 1)) // 60000 * 60000 for _ in range(150)]
    locals_ = []
    for _ in range(150):
        y, m, d = rng.randint(1950, 2036), rng.randint(1, 12), rng.randint(1, 28)
        locals_.append((y, m, d, rng.randint(0, 23), rng.choice([0, 15, 30, 45])))
    # include times around this zone's transitions in 2020..2022
    t = utc_ms(2020, 1, 1)
    prev = None
    while t < utc_ms(2023, 1, 1):
        off = (EPOCH + dt.timedelta(milliseconds=t)).astimezone(zone).utcoffset()
        if prev is not None and off != prev:
            for delta in (-90, -30, 0, 30, 90):
                lt = (EPOCH + dt.timedelta(milliseconds=t + delta * 60000)).astimezone(zone).replace(tzinfo=None)
                locals_.append((lt.year, lt.month, lt.day, lt.hour, lt.minute))
                # also local readings in the gap/fold itself
                lt2 = lt + (off - prev) / 2 if off > prev else lt
                locals_.append((lt2.year, lt2.month, lt2.day, lt2.hour, lt2.minute))
        prev = off
        t += 3600000
    js = ("var I = " + json.dumps(instants) + ", L = " + json.dumps(locals_) + ";" + """
        return [I.map(function (t) { var d = new Date(t);
                    return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(),
                            d.getTimezoneOffset()]; }),
                L.map(function (a) { return new Date(a[0], a[1] - 1, a[2], a[3], a[4]).getTime(); })];""")
    got_i, got_l = run_in_tz(tz, js)
    for t, g in zip(instants, got_i):
        p = (EPOCH + dt.timedelta(milliseconds=t)).astimezone(zone)
        assert g == [p.year, p.month, p.day, p.hour, p.minute, -p.utcoffset() / dt.timedelta(minutes=1)], t
    for a, g in zip(locals_, got_l):
        want = int(dt.datetime(*a, tzinfo=zone, fold=0).timestamp() * 1000)
        assert g == want, a
