"""console and the Node-like inspect formatter (engine/builtins/inspect.pyx).

Expected texts are what Node prints for the same calls."""
import gc as python_gc

import pytest

import glassjs
from glassjs.engine import introspect
from glassjs.engine.builtins.inspect import inspect, format as js_format


class Console:
    def __init__(self):
        self.out = []
        self.err = []
        self.engine = glassjs.Engine(stdout=self.out.append, stderr=self.err.append)

    def log(self, args):
        """console.log(args) -> what it wrote (without the final newline)."""
        del self.out[:]
        self.engine.eval("console.log(%s)" % args)
        text = "".join(self.out)
        assert text.endswith("\n")
        return text[:-1]

    def eval(self, src):
        return self.engine.eval(src)


@pytest.fixture
def con():
    c = Console()
    yield c
    python_gc.collect()
    problems = introspect.check_heap(c.engine)
    assert problems == [], "heap inconsistent after test:\n" + "\n".join(problems[:20])


def test_streams(con):
    con.eval("console.log('a'); console.info('b'); console.debug('c'); console.error('d'); console.warn('e')")
    assert "".join(con.out) == "a\nb\nc\n"
    assert "".join(con.err) == "d\ne\n"
    con.eval("console.log()")
    assert con.out[-1] == "\n"


def test_default_stdout_goes_to_python(capsys):
    e = glassjs.Engine()
    e.eval("console.log('to', 'sys.stdout'); console.error('to sys.stderr')")
    captured = capsys.readouterr()
    assert captured.out == "to sys.stdout\n"
    assert captured.err == "to sys.stderr\n"


@pytest.mark.parametrize("args,expected", [
    ("'hello', 'world'", "hello world"),
    ("1, -0, 0, 1.5, 1e21, NaN, -Infinity", "1 -0 0 1.5 1e+21 NaN -Infinity"),
    ("null, undefined, true, false", "null undefined true false"),
    ("'str', ['str']", "str [ 'str' ]"),
    ("[1, 2, 3]", "[ 1, 2, 3 ]"),
    ("[]", "[]"),
    ("{}", "{}"),
    ("{a: 1, b: 'x'}", "{ a: 1, b: 'x' }"),
    ("[1, , 3]", "[ 1, <1 empty item>, 3 ]"),
    ("[, , 1, , ]", "[ <2 empty items>, 1, <1 empty item> ]"),
    ("new Array(5)", "[ <5 empty items> ]"),
    ("{a: {b: {c: {d: 1}}}}", "{ a: { b: { c: [Object] } } }"),
    ("[[[[1]]]]", "[ [ [ [Array] ] ] ]"),
    ("{a: {b: {c: {}}}}", "{ a: { b: { c: {} } } }"),
    ("{a: {b: {c: []}}}", "{ a: { b: { c: [] } } }"),
    ("function foo() {}", "[Function: foo]"),
    ("function () {}", "[Function (anonymous)]"),
    ("[function () {}, Math.max]", "[ [Function (anonymous)], [Function: max] ]"),
    ("{f: function named() {}}", "{ f: [Function: named] }"),
    ("{'a-b': 1, 2: 3, _ok$: 4, ok_1: 5}", "{ '2': 3, 'a-b': 1, '_ok$': 4, ok_1: 5 }"),
    ("{'__proto__x': 1}", "{ __proto__x: 1 }"),
    ("[\"a'b\", 'a\"b', \"a'\\\"b\", 'x\\ny', '\\u0001\\u007f', '\\\\']",
     "[ \"a'b\", 'a\"b', `a'\"b`, 'x\\ny', '\\x01\\x7F', '\\\\' ]"),
    ("['\\ud800', '\\ud83d\\ude00']", "[ '\\ud800', '\U0001F600' ]"),
    ("new Number(3), new String('ab'), new Boolean(false)", "[Number: 3] [String: 'ab'] [Boolean: false]"),
    ("new Number(-0)", "[Number: -0]"),
    ("Object.create(null)", "[Object: null prototype] {}"),
    ("Math", "Object [Math] {}"),
    ("JSON", "Object [JSON] {}"),
    ("(function () { return arguments; })(1, 'a')", "[Arguments] { '0': 1, '1': 'a' }"),
])
def test_inspect_basics(con, args, expected):
    assert con.log(args) == expected


def test_top_level_strings_are_raw(con):
    assert con.log("'a\\nb', 'c'") == "a\nb c"
    assert con.log("'it\\'s'") == "it's"
    assert con.log("['it\\'s']") == "[ \"it's\" ]"


def test_class_named_objects(con):
    con.eval("function Foo() { this.x = 1; } function Bar() {} "
             "function Baz() {} Baz.prototype.method = function () {};")
    assert con.log("new Foo()") == "Foo { x: 1 }"
    assert con.log("new Bar()") == "Bar {}"
    assert con.log("[new Bar()]") == "[ Bar {} ]"
    assert con.log("new Baz()") == "Baz {}"
    assert con.log("{inner: new Foo()}") == "{ inner: Foo { x: 1 } }"
    assert con.log("{a: {b: {c: new Foo()}}}") == "{ a: { b: { c: [Foo] } } }"
    # a prototype object itself is printed with its own keys
    assert con.log("Baz.prototype") == "{ method: [Function (anonymous)] }"
    assert con.log("(function () { var o = Object.create(null); o.a = 1; return o; })()") \
        == "[Object: null prototype] { a: 1 }"


def test_getters_are_not_invoked(con):
    con.eval("var calls = 0; var g = {get a() { calls++; return 1; }, set b(v) { calls++; },"
             " get c() { calls++; return 1; }, set c(v) { calls++; }, d: 4};")
    assert con.log("g") == "{ a: [Getter], b: [Setter], c: [Getter/Setter], d: 4 }"
    assert con.eval("calls") == 0
    con.eval("var arr = [1]; Object.defineProperty(arr, 0, {get: function () { calls++; return 9; }});")
    assert con.log("arr") == "[ [Getter] ]"
    assert con.eval("calls") == 0


def test_circular(con):
    assert con.log("(function () { var o = {x: 1}; o.self = o; return o; })()") \
        == "<ref *1> { x: 1, self: [Circular *1] }"
    assert con.log("(function () { var a = [1]; a.push(a); return a; })()") == "<ref *1> [ 1, [Circular *1] ]"
    assert con.log("(function () { var o = {}; o.a = {parent: o}; o.b = {}; o.b.b = o.b; return o; })()") \
        == "<ref *1> {\n  a: { parent: [Circular *1] },\n  b: <ref *2> { b: [Circular *2] }\n}"


def test_errors_print_their_stack(con):
    text = con.log("new Error('boom')")
    assert text.startswith("Error: boom\n    at ")
    text = con.log("{e: new TypeError('bad')}")
    assert text.startswith("{\n  e: TypeError: bad\n      at ")
    assert text.endswith("\n}")
    con.eval("var err = new RangeError('r'); err.code = 42;")
    text = con.log("err")
    assert text.startswith("RangeError: r\n    at ") and text.endswith(" {\n  code: 42\n}")
    # errors thrown by the engine itself
    con.eval("var caught; try { null.x } catch (e) { caught = e; }")
    assert con.log("caught").startswith("TypeError: ")
    # no stack frames: in brackets
    con.eval("var bare = new Error('m'); bare.stack = '';")
    assert con.log("bare") == "[Error: m]"


def test_long_arrays_are_truncated(con):
    con.eval("var big = []; for (var i = 0; i < 120; i++) big.push(i % 10);")
    text = con.log("big")
    assert text.endswith("  ... 20 more items\n]")
    assert text.count(",") == 100
    con.eval("var one = []; for (var i = 0; i < 101; i++) one.push('s');")
    assert con.log("one").endswith("  ... 1 more item\n]")


def test_line_breaking(con):
    # fits: one line
    assert con.log("{name: 'Alice', age: 30, tags: ['a', 'b'], ok: true}") \
        == "{ name: 'Alice', age: 30, tags: [ 'a', 'b' ], ok: true }"
    # longer than breakLength 80: one entry per line, two-space indent
    assert con.log("{aaaaaaaaaa: 'bbbbbbbbbbbbbbb', cccccccccccc: 'dddddddddddddddd', "
                   "eeeeeeeeee: 'ffffffffffffff', g: 1}") == (
        "{\n  aaaaaaaaaa: 'bbbbbbbbbbbbbbb',\n  cccccccccccc: 'dddddddddddddddd',\n"
        "  eeeeeeeeee: 'ffffffffffffff',\n  g: 1\n}")
    assert con.log("{name: 'Alice', age: 30, address: {street: '123 Main St', city: 'Springfield', "
                   "zip: '12345'}, tags: ['a', 'b']}") == (
        "{\n  name: 'Alice',\n  age: 30,\n"
        "  address: { street: '123 Main St', city: 'Springfield', zip: '12345' },\n"
        "  tags: [ 'a', 'b' ]\n}")
    assert con.log("['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew']") == (
        "[\n  'apple',\n  'banana',\n  'cherry',\n  'date',\n  'elderberry',\n  'fig',\n"
        "  'grape',\n  'honeydew'\n]")


def test_array_grouping(con):
    # more than six short entries: columns, numbers right-aligned (Node's groupArrayElements)
    assert con.log("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]") == "[\n  1, 2, 3, 4,  5,\n  6, 7, 8, 9, 10\n]"
    con.eval("var a30 = []; for (var i = 0; i < 30; i++) a30.push(i);")
    assert con.log("a30") == (
        "[\n"
        "   0,  1,  2,  3,  4,  5,  6,  7,  8,\n"
        "   9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
        "  18, 19, 20, 21, 22, 23, 24, 25, 26,\n"
        "  27, 28, 29\n"
        "]")
    assert con.log("['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']") == \
        "[\n  'a', 'b', 'c',\n  'd', 'e', 'f',\n  'g', 'h'\n]"
    assert con.log("[1, 2, 3, 4, 5, 6]") == "[ 1, 2, 3, 4, 5, 6 ]"


def test_long_strings_split_at_newlines(con):
    assert con.log("{s: 'line1\\nline2\\nline3 and a long text that goes beyond the limit of eighty chars'}") == (
        "{\n  s: 'line1\\n' +\n    'line2\\n' +\n"
        "    'line3 and a long text that goes beyond the limit of eighty chars'\n}")


def test_array_extra_keys(con):
    assert con.log("(function () { var a = [1, 2]; a.extra = 'x'; return a; })()") == "[ 1, 2, extra: 'x' ]"
    assert con.log("(function () { var a = []; a.k = 1; return a; })()") == "[ k: 1 ]"


@pytest.mark.parametrize("args,expected", [
    ("'%s is %d years', 'Bob', 42", "Bob is 42 years"),
    ("'%i and %f', '42.9px', '3.5e1x'", "42 and 35"),
    ("'%i', '0x1A'", "26"),
    ("'%d', '-0'", "-0"),
    ("'%d', {}", "NaN"),
    ("'%j %%', {a: [1, 2]}", '{"a":[1,2]} %'),
    ("'%j', undefined", "undefined"),
    ("'%o', [1, 2]", "[ 1, 2, [length]: 2 ]"),
    ("'%O', {a: {b: {c: {d: 1}}}}", "{ a: { b: { c: [Object] } } }"),
    ("'%c styled', 'color: red'", " styled"),
    ("'a%', 1", "a% 1"),
    ("'%s', 'only'", "only"),
    ("'%s %s', 'one'", "one %s"),
    ("'%x %s', 'y'", "%x y"),
    ("'100%%'", "100%%"),
    ("'%s', {toString: function () { return 'custom'; }}", "custom"),
    ("'%s', [1, [2, [3]]]", "[ 1, [Array] ]"),        # depth 0
    ("'%s', null", "null"),
    ("'%s', -0", "-0"),
    ("'%d%%', 50", "50%"),
    ("1, '%s', 2", "1 %s 2"),
    ("'x', {a: 1}", "x { a: 1 }"),
])
def test_format_strings(con, args, expected):
    assert con.log(args) == expected


def test_format_circular_json(con):
    assert con.log("'%j', (function () { var o = {}; o.o = o; return o; })()") == "[Circular]"


def test_format_errors_propagate(con):
    with pytest.raises(glassjs.JSError) as info:
        con.eval("console.log('%s', {toString: function () { throw new RangeError('no'); }})")
    assert info.value.name == "RangeError"
    with pytest.raises(glassjs.JSError) as info:
        con.eval("console.log('%j', {toJSON: function () { throw new URIError('no'); }})")
    assert info.value.name == "URIError"


def test_dir_assert_trace(con):
    con.eval("console.dir('quoted')")
    assert con.out[-1] == "'quoted'\n"
    con.eval("console.dir({a: {b: {c: {d: {}}}}}, {depth: 0})")
    assert con.out[-1] == "{ a: [Object] }\n"
    con.eval("console.assert(true, 'never'); console.assert(1 === 2, 'failed %s', 'here');"
             "console.assert(false)")
    assert con.err == ["Assertion failed: failed here\n", "Assertion failed\n"]
    del con.err[:]
    con.eval("function inner() { console.trace('where', 1); } inner();")
    text = "".join(con.err)
    assert text.startswith("Trace: where 1\n    at inner (")


def test_console_object(con):
    assert con.eval("typeof console.log") == "function"
    assert con.eval("console.log.name") == "log"
    assert con.eval("Object.keys(console).length") == 0
    assert con.eval("console.log('x') === undefined") is True


def test_output_is_utf8_text(con):
    assert con.log("'\u00e9\u4e2d\U0001F600'") == "\u00e9\u4e2d\U0001F600"
    assert con.log("['\u4e2d']") == "[ '\u4e2d' ]"


def test_python_inspect(con):
    e = con.engine
    assert inspect(e, "abc") == "'abc'"
    assert inspect(e, 3.0) == "3"
    assert inspect(e, -0.0) == "-0"
    assert inspect(e, None) == "null"
    assert inspect(e, glassjs.undefined) == "undefined"
    assert inspect(e, True) == "true"
    assert inspect(e, [1, "a"]) == "[ 1, 'a' ]"
    assert inspect(e, {"k": [1]}) == "{ k: [ 1 ] }"
    h = e.eval("({a: {b: {c: {d: {e: 1}}}}})")
    assert inspect(e, h) == "{ a: { b: { c: [Object] } } }"
    assert inspect(e, h, depth=0) == "{ a: [Object] }"
    # compact=3: at most three inner levels share a line
    assert inspect(e, h, depth=None) == "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}"
    assert inspect(e, e.eval("[1, 2]"), show_hidden=True) == "[ 1, 2, [length]: 2 ]"
    assert inspect(e, e.eval("Math.max")) == "[Function: max]"
    del h


def test_python_format(con):
    e = con.engine
    assert js_format(e, "%s=%d", "x", 5) == "x=5"
    assert js_format(e, "a", [1], {"b": 2}) == "a [ 1 ] { b: 2 }"
    assert js_format(e) == ""
    with pytest.raises(glassjs.JSError):
        js_format(e, "%s", e.eval("({toString: function () { throw new Error('x'); }})"))


def test_writer_errors_are_ignored():
    def broken(text):
        raise IOError("closed")
    e = glassjs.Engine(stdout=broken)
    assert e.eval("console.log('x'); 1") == 1


def test_benchmark_console_line():
    out = []
    e = glassjs.Engine(stdout=out.append)
    e.eval("console.log('nbody ' + Math.round(-11.0245643281 * 1e9))")
    assert out == ["nbody -11024564328\n"]
