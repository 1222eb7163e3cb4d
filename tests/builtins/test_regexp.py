"""RegExp (ES5.1 15.10 + the current spec's constructor/accessors/exec), the regex
compiler and C matcher, and String.prototype.match/replace/search/split with
regexps.  The `engine`/`run` fixtures (tests/conftest.py) give a fresh
glassjs.Engine() per test and check the heap's refcounts afterwards."""
import json

import pytest

import glassjs
from glassjs.engine.errors import JSError, undefined
from glassjs.engine.builtins import regexp as regexp_module
from glassjs.engine.regex import compiler as rc
from glassjs.engine import introspect


@pytest.fixture
def js(run):
    """js(expr) -> the JSON of the expression's value (arrays with holes/undefined as null)."""
    def evaluate(src):
        return json.loads(run("JSON.stringify(%s)" % src))
    return evaluate


@pytest.fixture
def error_of(engine):
    def check(src):
        try:
            engine.eval(src)
        except JSError as exc:
            return exc.name
        return None
    return check


# --- syntax ----------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    "(", ")", "a)", "a**", "a+*", "*a", "+", "?", "[b-a]", "{1}", "a|{2,3}", "a{2,1}",
    "\\", "[a", "(?x)", "^*", "$+", "\\b*", "(?:a", "(?<=a)*", "(?<a>x)(?<a>y)", "(?<1>x)",
    "(?<a>x)\\k<b>", "(?<a>x)\\k", "(?<a>x)[\\k]", "(?<a", "(?<>x)",
])
def test_bad_patterns_throw_syntax_error(run, pattern):
    assert run("try { new RegExp(%s); 'no error' } catch (e) { e.name }" % json.dumps(pattern)) == "SyntaxError"


def test_syntax_error_message_names_the_pattern(run):
    msg = run("try { new RegExp('a(b'); } catch (e) { e.message }")
    assert msg == "Invalid regular expression: /a(b/: Unterminated group"
    assert run("try { RegExp('x', 'gg') } catch (e) { e.message }") == \
        "Invalid flags supplied to RegExp constructor 'gg'"


@pytest.mark.parametrize("flags", ["gg", "x", "G", "ii", "u", "d", "v", " g"])
def test_bad_or_unsupported_flags(error_of, flags):
    assert error_of("new RegExp('a', %s)" % json.dumps(flags)) == "SyntaxError"


def test_invalid_literal_is_an_early_error(engine):
    with pytest.raises(JSError) as info:
        engine.eval("var reached = 1; /a**/")
    assert info.value.name == "SyntaxError"
    assert info.value.phase == "parse"


@pytest.mark.parametrize("pattern,subject,expected", [
    # Annex B leniencies
    ("]", "a]", "]"),
    ("a{", "a{", "a{"),
    ("a{1,", "a{1,", "a{1,"),
    ("}", "}", "}"),
    ("x{2,3", "x{2,3", "x{2,3"),
    ("\\8\\9", "89", "89"),
    ("\\101", "A", "A"),             # octal escape
    ("\\1", "\x01", "\x01"),        # no group 1: octal
    ("\\c1", "\\c1", "\\c1"),       # \c without a letter is "\" then "c"
    ("[\\c1]", "\x11", "\x11"),     # ... but in a class \c takes digits and _
    ("\\q", "q", "q"),              # identity escape
    ("\\u{2}", "uu", "uu"),         # without u: \u then the quantifier {2}
    ("\\x4", "x4", "x4"),
    ("[\\d-z]+", "1-z", "1-z"),     # a class escape in a range: both ends and "-"
    ("(?=a)*a", "a", "a"),          # quantified lookahead
    ("[\\12-\\14]+", "\n\x0b\x0c", "\n\x0b\x0c"),
])
def test_annex_b_syntax(js, pattern, subject, expected):
    assert js("new RegExp(%s).exec(%s)[0]" % (json.dumps(pattern), json.dumps(subject))) == expected


# --- features ----------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,subject,expected", [
    ("a|ab|abc", "abc", ["a"]),
    ("(a|ab)(c|bcd)(d*)", "abcd", ["abcd", "a", "bcd", ""]),
    ("a+", "caaat", ["aaa"]),
    ("a+?", "caaat", ["a"]),
    ("a*?b", "aaab", ["aaab"]),
    ("a{2}", "aaaa", ["aa"]),
    ("a{2,}", "aaaa", ["aaaa"]),
    ("a{1,3}", "aaaa", ["aaa"]),
    ("a{1,3}?", "aaaa", ["a"]),
    ("(ab){2,3}?c", "ababababc", ["abababc", "ab"]),
    ("(?:ab)+", "ababx", ["abab"]),
    ("(\\d+)-(\\d+)", "tel 123-456", ["123-456", "123", "456"]),
    ("(a)?b", "b", ["b", None]),
    ("x(?=y)", "xzxy", ["x"]),
    ("x(?!y)", "xyxz", ["x"]),
    ("(?=(a+))a*b\\1", "baaabac", ["aba", "a"]),
    ("(.*?)a(?!(a+)b\\2c)\\2(.*)", "baaabaac", ["baaabaac", "ba", None, "abaac"]),
    ("(z)((a+)?(b+)?(c))*", "zaacbbbcac", ["zaacbbbcac", "z", "ac", "a", None, "c"]),
    ("(a)\\1", "aa", ["aa", "a"]),
    ("<(\\w+)>.*</\\1>", "<b>x</i></b>", ["<b>x</i></b>", "b"]),
    ("[a-c]+", "xxbcay", ["bca"]),
    ("[^a-c]+", "abxyc", ["xy"]),
    ("[-a]+", "-a-", ["-a-"]),
    ("[a-]+", "-a-", ["-a-"]),
    ("[\\]]", "]", ["]"]),
    ("[]", "a", None),
    ("[^]", "\n", ["\n"]),
    ("\\d\\D\\w\\W\\s\\S", "1a_.x\t", None),
    ("\\d\\D\\w\\W\\s\\S", "a1a_.\tx", ["1a_.\tx"]),
    ("\\d\\D\\w\\W\\s\\S", "1 a. x", ["1 a. x"]),
    ("\\bfoo\\b", "a foo b", ["foo"]),
    ("\\Boo\\B", "foo food", ["oo"]),
    ("^b", "a\nb", None),
    ("a.c", "a\nc a-c", ["a-c"]),
    ("\\t\\n\\v\\f\\r\\0", "\t\n\x0b\x0c\r\x00", ["\t\n\x0b\x0c\r\x00"]),
    ("\\cJ\\ca", "\n\x01", ["\n\x01"]),
    ("\\x41\\u0042", "AB", ["AB"]),
    ("\\u2028", "\u2028", ["\u2028"]),
    ("caf\u00e9+", "caf\u00e9\u00e9", ["caf\u00e9\u00e9"]),
    ("[\u0100-\u0200]+", "a\u0150\u01ffb", ["\u0150\u01ff"]),
])
def test_exec(js, pattern, subject, expected):
    assert js("new RegExp(%s).exec(%s)" % (json.dumps(pattern), json.dumps(subject))) == expected


def test_lookbehind(js, run):
    assert js("/(?<=\\$)\\d+(\\.\\d*)?/.exec('cost $10.53')") == ["10.53", ".53"]
    assert js("/(?<!\\$)\\b\\d+/.exec('$10 20')") == ["20"]
    assert js("/(?<=(\\d+)(\\d+))$/.exec('1053')") == ["", "1", "053"]   # greedy right to left
    assert js("/(?<=\\1(a))b/.exec('aab')") == ["b", "a"]                 # backreference matched backward
    assert js("/(?<=a(?=b)b)c/.exec('abc')") == ["c"]
    assert js("/(?<=^|,)\\w+/g.exec('x,yz') && 'x,yz'.match(/(?<=^|,)\\w+/g)") == ["x", "yz"]
    assert run("/(?<=A)b/i.test('ab')") is True
    assert run("/(?<!a)b/.test('ab')") is False


def test_named_groups(js, run):
    run("var m = /(?<year>\\d{4})-(?<month>\\d\\d)(?<day>-\\d\\d)?/.exec('on 2024-03!')")
    assert js("m.groups") == {"year": "2024", "month": "03"}
    assert run("Object.getPrototypeOf(m.groups)") is None
    assert run("'day' in m.groups && m.groups.day === undefined") is True
    assert run("Object.keys(m.groups).join()") == "year,month,day"
    assert js("/(?<a>.)\\k<a>/.exec('xyy')") == ["yy", "y"]
    assert run("'2024-03'.replace(/(?<y>\\d+)-(?<m>\\d+)/, '$<m>/$<y>')") == "03/2024"
    assert run("'ab'.replace(/(?<x>a)/, '[$<x>|$<nope>]')") == "[a|]b"
    assert run("/\\k<a>/.test('k<a>')") is True          # no named groups: \\k is a literal k
    assert run("/(?<$\\u0061_1>x)/.exec('x').groups.$a_1") == "x"
    assert run("/a/.exec('a').groups") is undefined


def test_multiline_and_dotall(run):
    assert run("/^b$/m.test('a\\nb\\nc')") is True
    assert run("/^b$/.test('a\\nb\\nc')") is False
    assert run("/a$/m.test('a\\r\\n')") is True
    assert run("/^x/m.exec('a\\u2028x').index") == 2
    assert run("/a.c/.test('a\\u2029c')") is False
    assert run("/a.c/s.test('a\\u2029c')") is True
    assert run("/a.c/s.dotAll") is True


def test_ignore_case(run):
    assert run("/abc/i.test('xAbCx')") is True
    assert run("/[a-z]+/i.exec('12HeLLo3')[0]") == "HeLLo"
    assert run("/[^a-z]/i.test('Q')") is False
    assert run("/\u00e9/i.test('\u00c9')") is True
    assert run("/\u03c3/i.test('\u03a3')") is True
    assert run("/(a)\\1/i.test('aA')") is True
    assert run("/\\w/i.test('\u017f')") is False


def test_whitespace_class_is_the_js_set(run):
    assert run("/^\\s+$/.test('\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff')") is True
    assert run("/\\s/.test('\\u180e')") is False
    assert run("/\\S/.test('\\ufeff')") is False


def test_sticky(run):
    run("var re = /a/y; re.lastIndex = 1")
    assert run("re.test('ba')") is True
    assert run("re.lastIndex") == 2
    assert run("re.test('ba')") is False
    assert run("re.lastIndex") == 0
    assert run("var r2 = /b/y; r2.test('ab')") is False


def test_two_byte_subjects(run):
    assert run("/(\u0101+)x/.exec('\u0100\u0101\u0101x')[1]") == "\u0101\u0101"
    assert run("/a\\d/.exec('\u4e2d\u6587a1')[0]") == "a1"
    assert run("/\u4e2d/.exec('ab\u4e2d').index") == 2


# --- where JavaScript differs from Python's re -------------------------------------------

def test_backreference_to_unmatched_group_matches_empty(js):
    assert js("/(a)|\\1b/.exec('b')") == ["b", None]
    assert js("/\\1(a)/.exec('aa')") == ["a", "a"]          # forward reference
    assert js("/(a\\1)/.exec('aa')") == ["a", "a"]          # reference inside its own group


def test_classes_are_ascii_and_js_whitespace(run):
    assert run("/\\d/.test('\u0663')") is False              # Python's \\d matches Arabic-Indic digits
    assert run("/\\w/.test('\u00e9')") is False
    assert run("/\\s/.test('\\x1c')") is False               # Python's \\s includes \\x1c-\\x1f
    assert run("/\\bb/.test('\u00e9b')") is True              # \\b: \\w is ASCII


def test_case_folding_is_es5_canonicalize(run):
    assert run("/\u00df/i.test('SS')") is False
    assert run("/s/i.test('\u017f')") is False                # no non-ASCII to ASCII mapping
    assert run("/k/i.test('\u212a')") is False                # Kelvin sign
    assert run("/\u212a/i.test('k')") is False


def test_dollar_and_dot(run):
    assert run("/a$/.test('a\\n')") is False                 # Python's $ matches before a final \\n
    assert run("/./.test('\\r')") is False
    assert run("/./.test('\\u2028')") is False


def test_repeated_group_captures_are_reset(js):
    assert js("/(a*)*/.exec('b')") == ["", None]
    assert js("/(a*)+/.exec('b')") == ["", ""]
    assert js("/(?:(a)|b)*/.exec('ab')") == ["ab", None]
    assert js("/(a|b)*?c/.exec('abc')") == ["abc", "b"]


def test_empty_iterations_stop_loops(js):
    assert js("/(?:a?)*b/.exec('aab')") == ["aab"]
    assert js("/(a?){3,}b/.exec('b')") == ["b", ""]
    assert js("/(?:|a)*/.exec('aaa')") == ["aaa"]     # the empty alternative is rejected, then 'a'
    assert js("/(a|)*/.exec('aaa')") == ["aaa", "a"]
    assert js("/(?:a|)*/.exec('aaa')") == ["aaa"]


# --- lastIndex --------------------------------------------------------------------------------

def test_global_exec_loop(js, run):
    run("var re = /\\d+/g, s = 'a1b22c333', out = [], m;"
        "while ((m = re.exec(s)) !== null) out.push(m[0] + '@' + m.index + '/' + re.lastIndex)")
    assert js("out") == ["1@1/2", "22@3/5", "333@6/9"]
    assert run("re.lastIndex") == 0


def test_last_index_rules(run, error_of):
    # non-global: read (ToLength) but not written
    run("var calls = 0, re = /b/; re.lastIndex = {valueOf: function () { calls++; return 5; }}")
    assert run("re.exec('abc').index") == 1
    assert run("calls") == 1
    assert run("typeof re.lastIndex") == "object"
    # global: starts at lastIndex, past the end resets to 0
    assert run("var g = /a/g; g.lastIndex = 2; g.exec('aaa').index") == 2
    assert run("g.lastIndex = 4; g.exec('aaa')") is None
    assert run("g.lastIndex") == 0
    assert run("g.lastIndex = -3; g.exec('aaa').index") == 0     # ToLength clamps
    assert run("g.lastIndex = 1.7; g.exec('aaa').index") == 1
    # lastIndex is writable, not enumerable, not configurable; a frozen global regexp throws
    assert run("JSON.stringify(Object.getOwnPropertyDescriptor(/a/, 'lastIndex'))") == \
        '{"value":0,"writable":true,"enumerable":false,"configurable":false}'
    assert error_of("var f = Object.freeze(/a/g); f.exec('a')") == "TypeError"
    assert error_of("var f2 = Object.freeze(/a/); f2.exec('a')") is None


def test_empty_matches_advance_in_global_match_and_replace(js, run):
    assert run("'abc'.replace(/x*/g, '-')") == "-a-b-c-"
    assert js("'aaa'.match(/a*?/g)") == ["", "", "", ""]
    assert js("'abc'.match(/(?:)/g)") == ["", "", "", ""]
    assert run("'a\\u00e9'.replace(/(?:)/g, '.')") == ".a.\u00e9."
    assert js("'ab'.split(/(?:)/)") == ["a", "b"]


# --- the RegExp object -----------------------------------------------------------------------

def test_constructor(run, js):
    assert run("var re = /a/g; RegExp(re) === re") is True
    assert run("new RegExp(re) === re") is False
    assert run("RegExp(re, 'i') === re") is False
    assert run("new RegExp(re, 'im').flags") == "im"
    assert run("new RegExp(re).flags") == "g"
    assert run("new RegExp(/x\\/y/m).source") == "x\\/y"
    assert run("new RegExp().source") == "(?:)"
    assert run("new RegExp(undefined, undefined).toString()") == "/(?:)/"
    assert run("new RegExp(null).source") == "null"
    assert run("new RegExp(1, 'g').toString()") == "/1/g"
    assert run("RegExp.length") == 2
    assert run("Object.getPrototypeOf(/a/) === RegExp.prototype") is True
    assert run("/a/.constructor === RegExp && /a/ instanceof RegExp") is True
    assert run("Object.prototype.toString.call(/a/)") == "[object RegExp]"
    assert run("/a/ !== /a/") is True     # each evaluation is a new object
    assert run("var re2 = /a/; re2.constructor = Object; RegExp(re2) === re2") is False


def test_source_escaping(run):
    assert run("new RegExp('/').source") == "\\/"
    assert run("new RegExp('[/]').source") == "[/]"
    assert run("new RegExp('a\\nb').source") == "a\\nb"
    assert run("new RegExp('\\\\/').source") == "\\/"
    assert run("String(new RegExp('a/b', 'gi'))") == "/a\\/b/gi"
    assert run("eval('/' + new RegExp('\\n/').source + '/').test('\\n/')") is True


def test_prototype_accessors(run, error_of, js):
    assert run("RegExp.prototype.source") == "(?:)"
    assert run("RegExp.prototype.global") is undefined
    assert run("RegExp.prototype.flags") == ""
    assert run("RegExp.prototype.toString()") == "/(?:)/"
    assert run("Object.prototype.toString.call(RegExp.prototype)") == "[object Object]"
    assert run("/a/gimsy.flags") == "gimsy"
    assert js("[/a/g.global, /a/i.ignoreCase, /a/m.multiline, /a/s.dotAll, /a/y.sticky, /a/.unicode]") == \
        [True, True, True, True, True, False]
    assert run("typeof Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get") == "function"
    assert run("Object.getOwnPropertyNames(/a/g).join()") == "lastIndex"
    assert error_of("Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get.call({})") == "TypeError"
    assert error_of("Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get.call(1)") == "TypeError"
    assert run("RegExp.prototype.toString.call({source: 'x', flags: 'q'})") == "/x/q"
    assert error_of("RegExp.prototype.exec.call({}, 'a')") == "TypeError"
    assert error_of("RegExp.prototype.test.call(1, 'a')") == "TypeError"


def test_exec_result_shape(run, js):
    run("var m = /(b)(x)?/.exec('abc')")
    assert js("m") == ["b", "b", None]
    assert run("m.index") == 1
    assert run("m.input") == "abc"
    assert run("Array.isArray(m) && m.length === 3 && 2 in m") is True
    assert run("Object.keys(m).join()") == "0,1,2,index,input,groups"
    assert run("/a/.exec()") is None
    assert run("/undefined/.exec()[0]") == "undefined"      # ToString(undefined)


def test_test_uses_overridden_exec(run):
    run("var re = /a/; re.exec = function (s) { return s === 'magic' ? {} : null; }")
    assert run("re.test('magic')") is True
    assert run("re.test('a')") is False


def test_compile_annex_b(run):
    assert run("var re = /a/g; re.lastIndex = 3; re.compile('b+', 'i'); re.source + re.flags + re.lastIndex") == "b+i0"
    assert run("re.test('xBBy')") is True


def test_regexp_in_loop_uses_the_cache(run):
    assert run("var n = 0; for (var i = 0; i < 2000; i++) if (/\\/(login|search)\\//.test('/x/login/' + i)) n++; n") == 2000


# --- String.prototype methods with regexps ------------------------------------------------------

def test_string_match(js, run):
    assert js("'x1y22'.match(/(\\d)(\\d)?/)") == ["1", "1", None]
    assert run("'x1y22'.match(/(\\d)(\\d)?/).index") == 1
    assert js("'x1y22z333'.match(/\\d+/g)") == ["1", "22", "333"]
    assert run("'abc'.match(/x/g)") is None
    assert js("'a.b'.match('.')") == ["a"]                   # a string is a pattern
    run("var g = /a/g; g.lastIndex = 2; 'aaa'.match(g)")
    assert run("g.lastIndex") == 0


def test_string_replace(run):
    assert run("'John Smith'.replace(/(\\w+)\\s(\\w+)/, '$2, $1')") == "Smith, John"
    assert run("'abc'.replace(/b/, \"[$&|$`|$'|$$]\")") == "a[b|a|c|$]c"
    assert run("'abc'.replace(/(b)/, '$01$1$2$0')") == "abb$2$0c"
    assert run("'abcdefghijk'.replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, '$11-$10-$1')") == "k-j-a"
    assert run("'ab'.replace(/(a)/, '$10')") == "a0b"            # $1 then '0'
    assert run("'aaa'.replace(/a/g, 'b')") == "bbb"
    assert run("'aaa'.replace(/a/, 'b')") == "baa"
    assert run("'x-y'.replace(/(\\w)-(\\w)/g, function (m, a, b, off, s) {"
               " return [m, a, b, off, s].join('|'); })") == "x-y|x|y|0|x-y"
    assert run("'a1b2'.replace(/\\d/g, function (d) { return d * 2; })") == "a2b4"
    assert run("'abc'.replace(/(x)?b/, function (m, p1) { return String(p1); })") == "aundefinedc"


def test_string_search_and_split(js, run):
    assert run("'hello world'.search(/o\\sw/)") == 4
    assert run("'abc'.search(/x/)") == -1
    run("var re = /b/g; re.lastIndex = 2")
    assert run("'abc'.search(re)") == 1
    assert run("re.lastIndex") == 2                              # restored
    assert js("'a, b ,c'.split(/\\s*,\\s*/)") == ["a", "b", "c"]
    assert js("'a1b2c'.split(/(\\d)/)") == ["a", "1", "b", "2", "c"]
    assert js("'a1b2c'.split(/\\d/, 2)") == ["a", "b"]
    assert js("'A<B>bold</B>and<CODE>coded</CODE>'.split(/<(\\/)?([^<>]+)>/)") == \
        ["A", None, "B", "bold", "/", "B", "and", None, "CODE", "coded", "/", "CODE", ""]
    assert js("''.split(/x/)") == [""]
    assert js("''.split(/(?:)/)") == []


# --- interrupting, limits ---------------------------------------------------------------------

def test_catastrophic_backtracking_is_interruptible():
    polls = []

    def handler():
        polls.append(1)
        return len(polls) >= 3

    eng = glassjs.Engine(interrupt_handler=handler)
    with pytest.raises(glassjs.JSInterrupted):
        eng.eval("/(a*)*b/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')")
    assert len(polls) == 3
    # the interrupt is not catchable by JavaScript
    polls.clear()
    with pytest.raises(glassjs.JSInterrupted):
        eng.eval("try { /(a*)*b/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') } catch (e) { 'caught' }")
    # and the engine still works afterwards
    eng.interrupt_handler = None
    assert eng.eval("/(a*)*b/.test('aaab')") is True


def test_backtrack_stack_limit_is_a_range_error(run):
    run("var s = 'ab'; while (s.length < 9000000) s += s")
    assert run("try { /(a|b)*c/.exec(s); 'no error' } catch (e) { e.name }") == "RangeError"
    assert run("/(?:a|b)*$/.exec('abab' + 'x').index") == 5     # the engine is fine afterwards


# --- the program: arena block, disassembly -------------------------------------------------------

def test_program_lives_in_a_bytes_block(engine):
    re = engine.eval("/(\\d{4})-(\\d\\d)|x+y/g")
    info = regexp_module.regex_disassemble(engine, re)
    block = info["block"]
    assert introspect.header(engine, block).type == "bytes"
    assert info["source"] == "(\\d{4})-(\\d\\d)|x+y"
    assert info["header"]["ncaps"] == 3
    assert info["header"]["flags_text"] == "g"
    ops = [i.op for i in info["instructions"]]
    assert ops[0] == "SPLIT_NEXT" and ops[-1] == "MATCH"
    assert "REP" in ops and "SAVE" in ops and "CHAR" in ops
    rep = next(i for i in info["instructions"] if i.op == "REP")
    assert rep.operands[0] == 4 and rep.operands[1] == 4
    listing = regexp_module.regex_disassemble(engine, re, text=True)
    assert listing.splitlines()[0].startswith("/(\\d{4})-(\\d\\d)|x+y/g  groups=2")
    assert "SPLIT_NEXT" in listing and "MATCH" in listing
    # a view that only has the block offset
    assert introspect.header(engine, block).aux == 11                   # CLASS_REGEXP marks the program
    assert regexp_module.regex_disassemble(engine, block=block, text=True) == listing
    with pytest.raises(ValueError):
        regexp_module.regex_disassemble(engine, block=re.offset)


def test_disassembly_of_loops_and_lookahead(engine):
    re = engine.eval("/(?!a)(b|cd){2,3}?\\1/i")
    ops = [i.op for i in regexp_module.regex_disassemble(engine, re)["instructions"]]
    assert ops[:2] == ["LOOK", "CHAR_I"]
    assert "NLOOK_END" in ops and "LOOP_LAZY" in ops and "LOOP_TAIL" in ops and "BACKREF_I" in ops
    with pytest.raises(TypeError):
        regexp_module.regex_disassemble(engine, engine.eval("({})"))


def test_disassembly_of_lookbehind_and_names(engine):
    info = regexp_module.regex_disassemble(engine, engine.eval("/(?<=ab(?<x>c)\\d+)z/"))
    ops = [i.op for i in info["instructions"]]
    assert ops == ["LOOK", "REP_B", "SAVE", "UNIT_B", "SAVE", "STR_B", "LOOK_END", "CHAR", "MATCH"]
    assert info["group_names"] == {1: "x"}
    saves = [i.text for i in info["instructions"] if i.op == "SAVE"]
    assert saves == ["group 1 end", "group 1 start"]           # backward: the end comes first


def test_program_is_freed_with_its_regexp(engine):
    def bytes_blocks():
        return sum(1 for b in introspect.heap_blocks(engine, False) if b.type == "bytes")
    before = bytes_blocks()
    engine.eval("var keep = [/a+/, new RegExp('b', 'g')]")
    assert bytes_blocks() == before + 2
    engine.eval("keep = null")
    engine.gc()
    assert bytes_blocks() == before


def test_compiler_output_format():
    data = rc.compile_regex([ord(c) for c in "ab*"], rc.parse_flags("gi"))
    h = rc.read_header(data)
    assert h["magic"] == rc.MAGIC
    assert h["flags"] == rc.RF_GLOBAL | rc.RF_IGNORECASE
    assert h["ncaps"] == 1
    assert len(data) % 8 == 0
    with pytest.raises(rc.RegexSyntaxError):
        rc.compile_regex([ord("(")], 0)
    with pytest.raises(rc.RegexSyntaxError):
        rc.parse_flags("gg")
