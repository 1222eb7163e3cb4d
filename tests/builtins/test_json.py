"""JSON.parse and JSON.stringify."""
import os

import pytest

import glassjs


def stringify(run, expr, *args):
    extra = "".join(", " + a for a in args)
    return run("JSON.stringify(%s%s)" % (expr, extra))


# --- stringify -----------------------------------------------------------------------

@pytest.mark.parametrize("expr,expected", [
    ("null", "null"), ("true", "true"), ("false", "false"), ("0", "0"), ("-0", "0"),
    ("1.5", "1.5"), ("-5", "-5"), ("1e21", "1e+21"), ("0.1", "0.1"), ("123456789012", "123456789012"),
    ("NaN", "null"), ("Infinity", "null"), ("-Infinity", "null"),
    ("'abc'", '"abc"'), ("''", '""'),
    ("[]", "[]"), ("{}", "{}"), ("[1, 'a', null, true]", '[1,"a",null,true]'),
    ("{a: 1, b: [1, {c: null}], d: 'x'}", '{"a":1,"b":[1,{"c":null}],"d":"x"}'),
    ("[1,,3]", "[1,null,3]"),
    ("[undefined, function () {}]", "[null,null]"),
    ("{a: undefined, b: function () {}, c: 1}", '{"c":1}'),
    ("new Number(3)", "3"), ("new String('s')", '"s"'), ("new Boolean(false)", "false"),
    ("{n: new Number(-0), s: Object('q')}", '{"n":0,"s":"q"}'),
    ("{'1': 1, b: 2, '0': 0}", '{"0":0,"1":1,"b":2}'),
])
def test_stringify_values(run, expr, expected):
    assert stringify(run, expr) == expected


def test_stringify_undefined_results(run):
    assert run("JSON.stringify(undefined) === undefined") is True
    assert run("JSON.stringify(function () {}) === undefined") is True
    assert run("JSON.stringify() === undefined") is True
    assert run("JSON.stringify({toJSON: function () { return undefined; }}) === undefined") is True


def test_quote(run):
    assert run(r"""JSON.stringify('a"b\\c/')""") == r'"a\"b\\c/"'
    assert run(r"JSON.stringify('\b\f\n\r\t')") == r'"\b\f\n\r\t"'
    assert run(r"JSON.stringify('\u0000\u0001\u001f\u007f')") == '"\\u0000\\u0001\\u001f\x7f"'
    # well-formed JSON.stringify: lone surrogates escaped, pairs kept
    assert run(r"JSON.stringify('\ud800')") == r'"\ud800"'
    assert run(r"JSON.stringify('\udc00x\ud83d')") == r'"\udc00x\ud83d"'
    assert run(r"JSON.stringify('\ud83d\ude00')") == '"\U0001F600"'
    assert run(r"JSON.stringify('\udbff\udfff'.length)") == "2"
    assert run(r"JSON.stringify('\u00e9\u0100\u2028')") == '"\u00e9\u0100\u2028"'
    assert run(r"JSON.stringify({'\u0100': '\u00ff'})") == '{"\u0100":"\u00ff"}'


def test_indent(run):
    assert stringify(run, "{a: [1, {b: 2}], c: {}, d: []}", "null", "2") == \
        '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ],\n  "c": {},\n  "d": []\n}'
    assert stringify(run, "[1]", "null", "'--'") == "[\n--1\n]"
    assert stringify(run, "[1]", "null", "20") == "[\n" + " " * 10 + "1\n]"
    assert stringify(run, "[1]", "null", "'abcdefghijklmnop'") == "[\nabcdefghij1\n]"
    assert stringify(run, "[1]", "null", "0") == "[1]"
    assert stringify(run, "[1]", "null", "-3") == "[1]"
    assert stringify(run, "[1]", "null", "3.9") == "[\n   1\n]"
    assert stringify(run, "[1]", "null", "''") == "[1]"
    assert stringify(run, "[1]", "null", "true") == "[1]"
    assert stringify(run, "[1]", "null", "new Number(2)") == "[\n  1\n]"
    assert stringify(run, "[1]", "null", "new String('\\t')") == "[\n\t1\n]"
    assert stringify(run, "{a: 1}", "null", "'\\u2003'") == '{\n\u2003"a": 1\n}'


def test_key_order_and_enumerability(run):
    assert run("var o = {b: 1, a: 2}; o[2] = 3; o[1] = 4; JSON.stringify(o)") == '{"1":4,"2":3,"b":1,"a":2}'
    assert run("var o = {a: 1}; Object.defineProperty(o, 'h', {value: 2, enumerable: false});"
               "JSON.stringify(o)") == '{"a":1}'
    assert run("var o = Object.create({inherited: 1}); o.own = 2; JSON.stringify(o)") == '{"own":2}'
    # many keys (the property table has a hash index)
    assert run("var o = {}; for (var i = 0; i < 40; i++) o['k' + i] = i; JSON.parse(JSON.stringify(o)).k39") == 39


def test_getters_and_mutation_during_stringify(run):
    assert run("JSON.stringify({get a() { return 5; }, b: 1})") == '{"a":5,"b":1}'
    # a toJSON that deletes a later key: the key list was fixed, the value is read late
    assert run("var o = {a: {toJSON: function () { delete o.b; o.c = 3; return 1; }}, b: 2};"
               "JSON.stringify(o)") == '{"a":1}'
    assert run("var o = {a: {toJSON: function () { o.b = 'changed'; return 1; }}, b: 2};"
               "JSON.stringify(o)") == '{"a":1,"b":"changed"}'
    assert run("var a = [1, {toJSON: function () { a.length = 0; return 2; }}, 3];"
               "JSON.stringify(a)") == "[1,2,null]"


def test_to_json(run):
    assert run("JSON.stringify({toJSON: function (k) { return 'key:' + k; }})") == '"key:"'
    assert run("JSON.stringify({x: {toJSON: function (k) { return 'key:' + k; }}})") == '{"x":"key:x"}'
    assert run("JSON.stringify([{toJSON: function (k) { return typeof k + k; }}])") == '["string0"]'
    assert run("JSON.stringify({toJSON: null, a: 1})") == '{"toJSON":null,"a":1}'
    assert run("Object.prototype.toJSON = function () { return 'P'; };"
               "var r = JSON.stringify({a: 1}); delete Object.prototype.toJSON; r") == '"P"'
    assert run("var self; JSON.stringify({toJSON: function () { self = this; return 1; }}); "
               "typeof self") == "object"


def test_replacer_function(run):
    assert run("JSON.stringify({a: 1, b: {a: 5, c: 6}}, function (k, v) {"
               " return typeof v === 'number' ? v * 10 : v; })") == '{"a":10,"b":{"a":50,"c":60}}'
    # the first call: key '' and the wrapper object as this
    assert run("var calls = []; JSON.stringify([7], function (k, v) {"
               " calls.push(typeof k + ':' + k + ':' + (this[k] === v)); return v; }); calls.join()") \
        == "string::true,string:0:true"
    assert run("JSON.stringify({a: 1, b: 2}, function (k, v) { return k === 'a' ? undefined : v; })") \
        == '{"b":2}'
    assert run("JSON.stringify([1, 2], function (k, v) { return k === '0' ? undefined : v; })") \
        == "[null,2]"
    # a replacer that always wraps: infinite nesting ends in a RangeError, not a crash
    assert run("try { JSON.stringify(1, function (k, v) { return {x: v}; }) } catch (e) { e.name }") \
        == "RangeError"
    assert run("JSON.stringify({a: [1]}, function (k, v) { return Array.isArray(v) ? v.concat(2) : v; })") \
        == '{"a":[1,2]}'


def test_replacer_array(run):
    assert run("JSON.stringify({a: 1, b: 2, c: 3}, ['c', 'a'])") == '{"c":3,"a":1}'
    assert run("JSON.stringify({1: 'one', 2: 'two', b: 3}, [1, 'b', 1])") == '{"1":"one","b":3}'
    assert run("JSON.stringify({a: 1, b: 2}, [new String('b'), {}, null, true])") == '{"b":2}'
    assert run("JSON.stringify({a: {a: 1, z: 2}, z: 3}, ['a'])") == '{"a":{"a":1}}'
    assert run("JSON.stringify({a: 1}, [])") == "{}"
    assert run("JSON.stringify([{a: 1, b: 2}], ['b'])") == '[{"b":2}]'
    assert run("JSON.stringify({a: 1, b: 2}, 'not a replacer')") == '{"a":1,"b":2}'


def test_cycle_detection(run, js_throws):
    assert js_throws("var a = {}; a.self = a; JSON.stringify(a)") == "TypeError"
    assert run("var a = {}; a.x = [a]; try { JSON.stringify(a) } catch (e) { e.message }") \
        == "Converting circular structure to JSON"
    # the same object twice (not a cycle) is fine
    assert run("var s = {v: 1}; JSON.stringify([s, s, {s: s}])") == '[{"v":1},{"v":1},{"s":{"v":1}}]'


def test_deep_nesting_is_a_range_error(js_throws, run):
    assert js_throws("var d = []; var c = d; for (var i = 0; i < 10000; i++) { var n = []; c.push(n); c = n; }"
                     "JSON.stringify(d)") == "RangeError"
    assert run("var d = []; var c = d; for (var i = 0; i < 500; i++) { var n = []; c.push(n); c = n; }"
               "JSON.stringify(d).length") == 1002


def test_exceptions_propagate(js_throws):
    assert js_throws("JSON.stringify({toJSON: function () { throw new RangeError('x'); }})") == "RangeError"
    assert js_throws("JSON.stringify({get a() { throw new URIError('x'); }})") == "URIError"
    assert js_throws("JSON.stringify({}, function () { throw new EvalError('x'); })") == "EvalError"
    assert js_throws("JSON.stringify(new Number(1), null, {valueOf: 1})") is None
    assert js_throws("JSON.stringify(1, null, new Number({valueOf: 1}))") is None
    assert js_throws("var n = new Number(1); n.valueOf = function () { throw new SyntaxError('x'); };"
                     "JSON.stringify(n)") == "SyntaxError"


def test_big_output(run):
    assert run("var a = []; for (var i = 0; i < 20000; i++) a.push('item' + i);"
               "JSON.stringify(a).length") == len(",".join('"item%d"' % i for i in range(20000))) + 2
    # widening to two bytes per unit late in a long one-byte output
    assert run("var a = []; for (var i = 0; i < 5000; i++) a.push('x'); a.push('\\u4e2d');"
               "var s = JSON.stringify(a); s.charCodeAt(s.length - 3)") == 0x4E2D


# --- parse --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("1", 1), ("-1.5e3", -1500), ("0", 0), ("1E2", 100), ("1e-2", 0.01), ("123456789012345678", float(123456789012345678)),
    ('"x"', "x"), ("true", True), ("false", False), ("null", None),
    (" \t\n\r 7 \n", 7), ('"\\u0041\\n\\t\\"\\\\\\/"', 'A\n\t"\\/'),
    ('"\\ud83d\\ude00"', "\U0001F600"), ('"\\uD83D"', "\ud83d"),
    ("123456789012345678901234567890", 1.2345678901234568e+29), ("1e400", float("inf")),
    ('"\u00e9\u4e2d"', "\u00e9\u4e2d"),
])
def test_parse_primitives(run, text, expected):
    engine_value = run("JSON.parse(%r)" % text)
    assert engine_value == expected


def test_parse_structures(run, js_list):
    assert run("JSON.parse('{\"a\":1,\"b\":[true,false,null,\"x\"],\"c\":{\"d\":-1.5}}').c.d") == -1.5
    assert js_list("JSON.parse('[1, [2, [3]], {}, []]')")[0] == 1
    assert run("JSON.stringify(JSON.parse(' [1, 2.5, -0, {\"k\": [ ] } ] '))") == '[1,2.5,0,{"k":[]}]'
    assert run("1 / JSON.parse('-0')") == float("-inf")
    assert run("Array.isArray(JSON.parse('[]'))") is True
    assert run("Object.getPrototypeOf(JSON.parse('{}')) === Object.prototype") is True
    # duplicate keys: the last value wins, in the first one's position
    assert run("JSON.stringify(JSON.parse('{\"a\":1,\"b\":2,\"a\":3}'))") == '{"a":3,"b":2}'
    # __proto__ is an ordinary own property
    assert run("var o = JSON.parse('{\"__proto__\": 5}'); "
               "Object.getPrototypeOf(o) === Object.prototype && o.hasOwnProperty('__proto__')") is True
    assert run("JSON.parse('{\"1\":\"a\",\"x\":2,\"0\":\"b\"}')[0]") == "b"
    assert run("Object.keys(JSON.parse('{\"b\":1,\"1\":2,\"a\":3,\"0\":4}')).join()") == "0,1,b,a"
    assert run("JSON.parse('\"\\u0100abc\"').length") == 4
    assert run("JSON.parse('{\"\\u0100\":1, \"\\u0041\": 2}').A") == 2
    assert run("JSON.parse('{\"a\": 1}', null).a") == 1


def test_parse_interns_keys(run):
    # keys repeated across many objects (the key cache) and keys colliding in it
    assert run("var a = JSON.parse('[' + Array(200).join('{\"id\":1,\"name\":\"n\"},') + '{\"id\":2}]');"
               "a.length + a[0].id + a[199].id") == 203
    assert run("var keys = []; for (var i = 0; i < 600; i++) keys.push('\"k' + i + '\":' + i);"
               "var o = JSON.parse('{' + keys.join(',') + '}'); o.k0 + o.k599 + Object.keys(o).length") == 1199


def test_parse_deep_nesting(run):
    # an explicit stack: no recursion limit
    assert run("var n = 100000; var o = JSON.parse(Array(n + 1).join('[') + Array(n + 1).join(']'));"
               "var d = 0; while (o.length) { o = o[0]; d++; } d") == 99999


@pytest.mark.parametrize("text", [
    "", " ", "{", "[", "[1,]", "[,1]", '{"a":1,}', "{,}", "01", "-01", "1.", ".5", "1e", "1e+", "-", "+1",
    '"abc', '"a\nb"', '"a\tb"', '"\\x"', '"\\u12g4"', '"\\u12"', "tru", "nul", "True", "{a:1}", "'a'",
    "[1 2]", '{"a" 1}', '{"a":1 "b":2}', "1 2", "NaN", "Infinity", "undefined", "\u00a01", "\ufeff1",
    "[1]x", "0x10", '{"a":}', "[1,,2]", "/*c*/1", '"\\\'"', "1\u2028",
])
def test_parse_syntax_errors(js_throws, text):
    assert js_throws("JSON.parse(%r)" % text) == "SyntaxError"


def test_parse_error_messages(run):
    msg = run("try { JSON.parse('[1, 2 x') } catch (e) { e.message }")
    assert "position 6" in msg
    assert run("try { JSON.parse('') } catch (e) { e.message }") == "Unexpected end of JSON input"
    assert "position 3" in run("try { JSON.parse('[1,]') } catch (e) { e.message }")


def test_parse_converts_its_argument(run, js_throws):
    assert run("JSON.parse({toString: function () { return '[5]'; }})[0]") == 5
    assert run("JSON.parse(12)") == 12
    assert run("JSON.parse(null)") is None
    assert js_throws("JSON.parse(undefined)") == "SyntaxError"
    assert js_throws("JSON.parse()") == "SyntaxError"
    assert js_throws("JSON.parse({toString: function () { throw new RangeError('x'); }})") == "RangeError"


def test_reviver(run):
    assert run("JSON.stringify(JSON.parse('[1,[2,[3]]]', function (k, v) {"
               " return typeof v === 'number' ? v + 1 : v; }))") == "[2,[3,[4]]]"
    # returning undefined deletes the property
    assert run("JSON.stringify(JSON.parse('{\"a\":1,\"b\":2}', function (k, v) {"
               " return k === 'a' ? undefined : v; }))") == '{"b":2}'
    assert run("var r = JSON.parse('[1,2,3]', function (k, v) { return k === '1' ? undefined : v; });"
               "r.length + ':' + (1 in r)") == "3:false"
    # walk order: depth first, keys in order, the root last with key ''
    assert run("var log = []; JSON.parse('{\"a\":{\"b\":1,\"c\":[2]},\"d\":3}', function (k, v) {"
               " log.push(k); return v; }); log.join()") == "b,0,c,a,d,"
    # `this` is the holder
    assert run("var ok = true; JSON.parse('{\"x\":{\"y\":1}}', function (k, v) {"
               " if (k !== '' && this[k] !== v) ok = false; return v; }); ok") is True
    assert run("JSON.parse('1', function (k, v) { return [this[''], k, v].join(); })") == "1,,1"
    # changes made by the reviver to later siblings are seen
    assert run("JSON.stringify(JSON.parse('{\"a\":1,\"b\":2}', function (k, v) {"
               " if (k === 'a') this.b = 20; return v; }))") == '{"a":1,"b":20}'
    # a non-callable reviver is ignored
    assert run("JSON.parse('[1]', {})[0]") == 1


def test_reviver_errors_propagate(js_throws):
    assert js_throws("JSON.parse('[1]', function () { throw new RangeError('x'); })") == "RangeError"


def test_round_trip(run):
    src = """
    var doc = {version: 3, items: []};
    for (var i = 0; i < 50; i++)
      doc.items.push({id: i, name: 'user_' + i, active: i % 2 === 0, score: i * 1.5 - 20,
                      tags: ['t' + i, 'u'], address: {street: 'Main ' + i, zip: 10000 + i, note: null}});
    var t1 = JSON.stringify(doc), t2 = JSON.stringify(JSON.parse(t1));
    var p1 = JSON.stringify(doc, null, 2), p2 = JSON.stringify(JSON.parse(p1), null, 2);
    t1 === t2 && p1 === p2 && JSON.stringify(JSON.parse(p1)) === t1
    """
    assert run(src) is True


def test_json_object(run):
    assert run("typeof JSON") == "object"
    assert run("JSON.parse.length") == 2
    assert run("JSON.stringify.length") == 3
    assert run("JSON.parse.name") == "parse"
    assert run("Object.getPrototypeOf(JSON) === Object.prototype") is True
    assert run("Object.keys(JSON).length") == 0


BENCH = "/work/shared/bench/09_json.js"


@pytest.mark.skipif(not os.path.exists(BENCH), reason="shared benchmarks not available")
def test_benchmark_checksum():
    out = []
    e = glassjs.Engine(stdout=out.append)
    with open(BENCH) as f:
        e.eval(f.read())
    assert "".join(out) == "json 31857542\n"
