"""String (ES5.1 15.5 and the ES2015+ methods)."""
import math

from glassjs.engine.errors import undefined

import pytest


def has_regexp(engine):
    return engine.eval("typeof RegExp === 'function'")


needs_regexp = pytest.mark.usefixtures("regexp_or_skip")


@pytest.fixture
def regexp_or_skip(engine):
    if not has_regexp(engine):
        pytest.skip("RegExp is not implemented yet")


# --- the constructor and String.* --------------------------------------------------

def test_constructor_call_converts(run):
    assert run("String()") == ""
    assert run("String(123)") == "123"
    assert run("String(null) + String(undefined) + String(true)") == "nullundefinedtrue"
    assert run("String({toString: function () { return 'x'; }})") == "x"
    assert run("String(-0)") == "0"
    assert run("String(1e21)") == "1e+21"


def test_constructor_new_makes_wrapper(run):
    assert run("typeof new String('ab')") == "object"
    assert run("new String('ab').length") == 2
    assert run("new String('ab')[1]") == "b"
    assert run("new String('ab').valueOf()") == "ab"
    assert run("Object.getPrototypeOf(new String('')) === String.prototype") is True
    assert run("new String('ab') instanceof String") is True
    assert run("Object.prototype.toString.call(new String(''))") == "[object String]"
    assert run("new String().length") == 0


def test_properties(run):
    assert run("String.length") == 1
    assert run("String.prototype.constructor === String") is True
    assert run("String.prototype.length") == 0
    assert run("String.prototype.valueOf()") == ""
    for name, length in [("charAt", 1), ("charCodeAt", 1), ("concat", 1), ("indexOf", 1),
                         ("lastIndexOf", 1), ("localeCompare", 1), ("match", 1), ("replace", 2),
                         ("search", 1), ("slice", 2), ("split", 2), ("substring", 2), ("substr", 2),
                         ("toLowerCase", 0), ("toUpperCase", 0), ("trim", 0), ("padStart", 1),
                         ("repeat", 1), ("startsWith", 1), ("includes", 1), ("at", 1)]:
        assert run("String.prototype.%s.length" % name) == length, name
        assert run("String.prototype.%s.name" % name) == name
        assert run("Object.prototype.propertyIsEnumerable.call(String.prototype, '%s')" % name) is False
    assert run("String.fromCharCode.length") == 1


def test_from_char_code(run):
    assert run("String.fromCharCode()") == ""
    assert run("String.fromCharCode(65)") == "A"
    assert run("String.fromCharCode(72, 105, 0x263A)") == "Hi\u263a"
    assert run("String.fromCharCode(65 + 65536)") == "A"          # ToUint16
    assert run("String.fromCharCode(-1)") == "\uffff"
    assert run("String.fromCharCode('66', {valueOf: function () { return 67; }})") == "BC"
    assert run("String.fromCharCode(NaN).charCodeAt(0)") == 0
    assert run("String.fromCharCode.apply(null, [97, 98, 99, 100, 101, 102, 103, 104, 105, 106, "
               "107, 108, 109, 110, 111, 112, 113, 114, 115, 116])") == "abcdefghijklmnopqrst"


def test_from_code_point(run, js_throws):
    assert run("String.fromCodePoint(0x1F600)") == "\U0001F600"
    assert run("String.fromCodePoint(0x1F600).length") == 2
    assert run("String.fromCodePoint(65, 0x10FFFF).length") == 3
    assert js_throws("String.fromCodePoint(1.5)") == "RangeError"
    assert js_throws("String.fromCodePoint(-1)") == "RangeError"
    assert js_throws("String.fromCodePoint(0x110000)") == "RangeError"


def test_raw(run):
    assert run("String.raw({raw: ['a', 'b', 'c']}, 1, 2, 3)") == "a1b2c"
    assert run("String.raw({raw: {length: 0}})") == ""


# --- value access ------------------------------------------------------------------

def test_to_string_value_of_are_not_generic(run, js_throws):
    assert run("'x'.toString()") == "x"
    assert run("new String('y').toString()") == "y"
    assert js_throws("String.prototype.toString.call({})") == "TypeError"
    assert js_throws("String.prototype.valueOf.call(1)") == "TypeError"


def test_char_at_and_codes(run):
    assert run("'abc'.charAt(1)") == "b"
    assert run("'abc'.charAt(3)") == ""
    assert run("'abc'.charAt(-1)") == ""
    assert run("'abc'.charAt()") == "a"
    assert run("'abc'.charAt(1.9)") == "b"
    assert run("'abc'.charAt('2')") == "c"
    assert run("'abc'.charCodeAt(0)") == 97
    assert math.isnan(run("'abc'.charCodeAt(5)"))
    assert run("'\\u1234'.charCodeAt(0)") == 0x1234
    assert run("'\\ud83d\\ude00'.codePointAt(0)") == 0x1F600
    assert run("'\\ud83d\\ude00'.codePointAt(1)") == 0xDE00
    assert run("'a'.codePointAt(1)") is undefined
    assert run("'abc'.at(-1)") == "c"
    assert run("'abc'.at(0)") == "a"
    assert run("'abc'.at(3)") is undefined


def test_generic_this(run, js_throws):
    assert run("String.prototype.charAt.call(12345, 2)") == "3"
    assert run("String.prototype.indexOf.call(true, 'u')") == 2
    assert run("String.prototype.toUpperCase.call({toString: function () { return 'q'; }})") == "Q"
    for m in ("charAt", "indexOf", "slice", "trim", "split", "toLowerCase", "replace", "match"):
        assert js_throws("String.prototype.%s.call(undefined)" % m) == "TypeError"
        assert js_throws("String.prototype.%s.call(null)" % m) == "TypeError"


def test_concat(run):
    assert run("'a'.concat()") == "a"
    assert run("'a'.concat('b', 1, null, undefined, {})") == "ab1nullundefined[object Object]"
    assert run("'\\u0100'.concat('x')") == "\u0100x"


# --- searching ----------------------------------------------------------------------

def test_index_of(run):
    assert run("'abcabc'.indexOf('c')") == 2
    assert run("'abcabc'.indexOf('ca')") == 2
    assert run("'abcabc'.indexOf('c', 3)") == 5
    assert run("'abcabc'.indexOf('x')") == -1
    assert run("'abc'.indexOf('')") == 0
    assert run("'abc'.indexOf('', 10)") == 3
    assert run("'abc'.indexOf('a', -5)") == 0
    assert run("'abc'.indexOf('abcd')") == -1
    assert run("'undefined'.indexOf()") == 0
    assert run("'a\\u0100b\\u0100c'.indexOf('\\u0100c')") == 3
    assert run("'a\\u0100bc'.indexOf('bc')") == 2
    assert run("'abc'.indexOf('\\u0100')") == -1


def test_last_index_of(run):
    assert run("'abcabc'.lastIndexOf('bc')") == 4
    assert run("'abcabc'.lastIndexOf('bc', 3)") == 1
    assert run("'abcabc'.lastIndexOf('bc', NaN)") == 4
    assert run("'abcabc'.lastIndexOf('a', 0)") == 0
    assert run("'abcabc'.lastIndexOf('x')") == -1
    assert run("'abc'.lastIndexOf('')") == 3
    assert run("'abc'.lastIndexOf('', 1)") == 1
    assert run("'\\u0100a\\u0100a'.lastIndexOf('\\u0100')") == 2


def test_includes_starts_ends(run, js_throws):
    assert run("'abc'.includes('bc')") is True
    assert run("'abc'.includes('bc', 2)") is False
    assert run("'abc'.startsWith('ab')") is True
    assert run("'abc'.startsWith('bc', 1)") is True
    assert run("'abc'.startsWith('abcd')") is False
    assert run("'abc'.endsWith('bc')") is True
    assert run("'abc'.endsWith('ab', 2)") is True
    assert run("'abc'.endsWith('c', 2)") is False
    assert run("'abc'.endsWith('')") is True


# --- extracting ----------------------------------------------------------------------

def test_slice(run):
    assert run("'abcdef'.slice(1, 3)") == "bc"
    assert run("'abcdef'.slice(-3, -1)") == "de"
    assert run("'abcdef'.slice(-100)") == "abcdef"
    assert run("'abcdef'.slice(4, 2)") == ""
    assert run("'abcdef'.slice(2, undefined)") == "cdef"
    assert run("'abcdef'.slice(2, Infinity)") == "cdef"
    assert run("'abcdef'.slice(NaN, 2)") == "ab"


def test_substring_and_substr(run):
    assert run("'abcdef'.substring(4, 1)") == "bcd"
    assert run("'abcdef'.substring(-5, 2)") == "ab"
    assert run("'abcdef'.substring(3)") == "def"
    assert run("'abcdef'.substring(NaN, Infinity)") == "abcdef"
    assert run("'abcdef'.substr(-4, 2)") == "cd"
    assert run("'abcdef'.substr(2)") == "cdef"
    assert run("'abcdef'.substr(1, -1)") == ""
    assert run("'abcdef'.substr(-100, 2)") == "ab"


def test_trim(run):
    ws = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
    assert run("'%s abc %s'.trim()" % (ws, ws)) == "abc"
    assert run("'  a b  '.trimStart()") == "a b  "
    assert run("'  a b  '.trimEnd()") == "  a b"
    assert run("String.prototype.trimLeft === String.prototype.trimStart") is True
    assert run("'\\u180e'.trim().length") == 1
    assert run("''.trim()") == ""
    assert run("'   '.trim()") == ""


# --- case mapping -------------------------------------------------------------------

def test_case_ascii_and_latin1(run):
    assert run("'Hello World 123'.toUpperCase()") == "HELLO WORLD 123"
    assert run("'Hello World 123'.toLowerCase()") == "hello world 123"
    assert run("'\u00c0\u00c9\u00ce\u00d7\u00de'.toLowerCase()") == "\u00e0\u00e9\u00ee\u00d7\u00fe"
    assert run("'\u00e0\u00e9\u00f7\u00fe'.toUpperCase()") == "\u00c0\u00c9\u00f7\u00de"


def test_case_special(run):
    assert run("'stra\u00dfe'.toUpperCase()") == "STRASSE"
    assert run("'\u00b5'.toUpperCase()") == "\u039c"
    assert run("'\u00ff'.toUpperCase()") == "\u0178"
    assert run("'\u0130'.toLowerCase()") == "i\u0307"
    assert run("'\u0130'.toLowerCase().length") == 2
    assert run("'\u03a3\u0391\u03a3'.toLowerCase()") == "\u03c3\u03b1\u03c2"      # final sigma
    assert run("'\ufb00'.toUpperCase()") == "FF"
    assert run("'\u0149'.toUpperCase()") == "\u02bcN"
    assert run("'\\ud801\\udc28'.toUpperCase()") == "\U00010400"             # Deseret
    assert run("'\\ud800'.toUpperCase() === '\\ud800'") is True                # lone surrogate
    assert run("'\u0101'.toLocaleUpperCase()") == "\u0100"


def test_case_returns_same_content_when_unchanged(run):
    assert run("var s = 'abc'; s.toLowerCase() === s") is True
    assert run("'ABC'.toUpperCase()") == "ABC"


# --- comparison, normalisation, well-formedness -------------------------------------------

def test_locale_compare(run):
    assert run("'a'.localeCompare('b')") < 0
    assert run("'b'.localeCompare('a')") > 0
    assert run("'a'.localeCompare('a')") == 0
    assert run("'ab'.localeCompare('a')") > 0
    assert run("'o\\u0308'.localeCompare('\u00f6')") == 0      # canonically equivalent
    assert run("'a'.localeCompare()") < 0                       # 'undefined'


def test_normalize(run, js_throws):
    assert run("'\u00e9'.normalize('NFD').length") == 2
    assert run("'e\\u0301'.normalize().length") == 1
    assert run("'\ufb01'.normalize('NFKC')") == "fi"
    assert run("'abc'.normalize('NFKD')") == "abc"
    assert js_throws("'a'.normalize('nfc')") == "RangeError"


def test_well_formed(run):
    assert run("'abc'.isWellFormed()") is True
    assert run("'\\ud83d\\ude00'.isWellFormed()") is True
    assert run("'a\\ud83d'.isWellFormed()") is False
    assert run("'\\ude00a'.toWellFormed()") == "\ufffda"


# --- building ---------------------------------------------------------------------------

def test_repeat_and_pad(run, js_throws):
    assert run("'ab'.repeat(3)") == "ababab"
    assert run("'ab'.repeat(0)") == ""
    assert run("''.repeat(1e9)") == ""
    assert run("'\u0100'.repeat(5)") == "\u0100" * 5
    assert run("'abc'.repeat(7).length") == 21
    assert js_throws("'a'.repeat(-1)") == "RangeError"
    assert js_throws("'a'.repeat(Infinity)") == "RangeError"
    assert js_throws("'a'.repeat(2e9)") == "RangeError"
    assert run("'5'.padStart(3, '0')") == "005"
    assert run("'5'.padStart(3)") == "  5"
    assert run("'5'.padEnd(6, 'ab')") == "5ababa"
    assert run("'5'.padEnd(6, '')") == "5"
    assert run("'abc'.padStart(2)") == "abc"


# --- split -------------------------------------------------------------------------------

def test_split_string(js_list, run):
    assert js_list("'a,b,,c'.split(',')") == ["a", "b", "", "c"]
    assert js_list("'a,b,,c'.split(',', 2)") == ["a", "b"]
    assert js_list("'a,b'.split(',', 0)") == []
    assert js_list("'abc'.split('')") == ["a", "b", "c"]
    assert js_list("'abc'.split('', 2)") == ["a", "b"]
    assert js_list("''.split('')") == []
    assert js_list("''.split(',')") == [""]
    assert js_list("'abc'.split()") == ["abc"]
    assert js_list("'abc'.split(undefined, 0)") == []
    assert js_list("'a--b--c'.split('--')") == ["a", "b", "c"]
    assert js_list("',a,'.split(',')") == ["", "a", ""]
    assert js_list("'a1b1c'.split(1)") == ["a", "b", "c"]
    assert js_list("'a\u0100b\u0100c'.split('\u0100')") == ["a", "b", "c"]
    assert js_list("'abc'.split('b', -1)") == ["a", "c"]        # ToUint32(-1)
    assert run("'a b c'.split(' ') instanceof Array") is True


# --- match / search / replace with strings -------------------------------------------------

def test_match_literal(run, js_list):
    assert run("'abcb'.match('b').index") == 1
    assert run("'abcb'.match('b').input") == "abcb"
    assert js_list("'abcb'.match('b')") == ["b"]
    assert run("'abc'.match('x')") is None
    assert run("'abc'.match().index") == 0
    assert js_list("'abc'.match()") == [""]


def test_search_literal(run):
    assert run("'abcb'.search('cb')") == 2
    assert run("'abc'.search('x')") == -1
    assert run("'abc'.search()") == 0


def test_replace_string(run):
    assert run("'aXbX'.replace('X', '-')") == "a-bX"
    assert run("'aXbX'.replace('Y', '-')") == "aXbX"
    assert run("'aXbX'.replace('X', '[$&|$`|$\\'|$$|$1|$<x>]')") == "a[X|a|bX|$|$1|$<x>]bX"
    assert run("'abc'.replace('', '_')") == "_abc"
    assert run("'aXbX'.replace('X', function (m, o, s) { return m + o + s; })") == "aX1aXbXbX"
    assert run("'a.b'.replace('.', '$')") == "a$b"
    assert run("'abc'.replace('b', undefined)") == "aundefinedc"
    assert run("'12'.replace(1, 2)") == "22"
    assert run("'aXbX'.replaceAll('X', '-')") == "a-b-"
    assert run("'aaa'.replaceAll('aa', 'b')") == "ba"
    assert run("'abc'.replaceAll('', '_')") == "_a_b_c_"
    assert run("'aXbX'.replaceAll('X', function (m, o) { return o; })") == "a1b3"


def test_replace_evaluation_order(run):
    assert run("""
        var log = [];
        var pat = {toString: function () { log.push('pat'); return 'b'; }};
        var rep = {toString: function () { log.push('rep'); return 'B'; }};
        var r = 'abc'.replace(pat, rep);
        r + ':' + log.join(',')""") == "aBc:pat,rep"


def test_html_methods(run):
    assert run("'x'.anchor('a\"b')") == '<a name="a&quot;b">x</a>'
    assert run("'x'.bold()") == "<b>x</b>"
    assert run("'x'.link('u')") == '<a href="u">x</a>'
    assert run("'x'.sub()") == "<sub>x</sub>"


# --- errors and references -------------------------------------------------------------------

def test_conversion_errors_propagate(js_throws):
    bad = "{toString: function () { throw new RangeError('no'); }}"
    for src in ("'a'.indexOf(%s)", "'a'.split(%s)", "'a'.replace(%s, 'x')", "'a'.replace('a', %s)",
                "'a'.concat('b', %s)", "'a'.padStart(5, %s)", "String.prototype.trim.call(%s)",
                "'a'.localeCompare(%s)", "'a'.match(%s)", "'a'.startsWith(%s)", "String(%s)"):
        assert js_throws(src % bad) == "RangeError", src
    assert js_throws("'a'.replace('a', function () { throw new RangeError('x'); })") == "RangeError"


def test_wide_strings_round_trip(run):
    s = "\u0100\u4e2d\u6587 text \U0001F600"
    assert run("var s = %r; s.slice(1, 3)" % s) == s[1:3]
    assert run("'\u4e2d\u6587 text'.toUpperCase()") == "\u4e2d\u6587 TEXT"
    assert run("'\u4e2d|\u6587|x'.split('|').length") == 3
    assert run("' \u4e2d '.trim()") == "\u4e2d"


# --- RegExp arguments (through exec / lastIndex / global) ------------------------------------

@needs_regexp
def test_regexp_match(run, js_list):
    assert js_list("'a1b22c333'.match(/\\d+/g)") == ["1", "22", "333"]
    assert js_list("'a1b22'.match(/(\\d)(\\d)?/)") == ["1", "1", undefined]
    assert run("'abc'.match(/x/g)") is None
    assert run("'abc'.match(/(?:)/g).length") == 4
    assert run("'a.b'.match('.').index") == 0


@needs_regexp
def test_regexp_replace_search_split(run, js_list):
    assert run("'a1b22c333'.replace(/\\d+/g, '<$&>')") == "a<1>b<22>c<333>"
    assert run("'john smith'.replace(/(\\w+)\\s(\\w+)/, '$2, $1')") == "smith, john"
    assert run("'aaa'.replace(/a/g, function (m, o) { return o; })") == "012"
    assert run("'abc'.replace(/(?:)/g, '-')") == "-a-b-c-"
    assert run("'xaxbx'.search(/b/)") == 3
    assert js_list("'a1b2c3'.split(/\\d/)") == ["a", "b", "c", ""]
    assert js_list("'a1b2c3'.split(/(\\d)/)") == ["a", "1", "b", "2", "c", "3", ""]
    assert js_list("'abc'.split(/(?:)/)") == ["a", "b", "c"]
    assert js_list("''.split(/x/)") == [""]
    assert js_list("''.split(/(?:)/)") == []
    assert js_list("'ab'.split(/a*?/)") == ["a", "b"]
    assert js_list("'ab'.split(/a*/)") == ["", "b"]
