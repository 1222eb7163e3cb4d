"""Array (ES5.1 15.4 plus the ES2015+ methods and semantics test262 checks).

The `engine` / `run` fixtures (tests/conftest.py) check the heap's reference
counts after every test, which is what catches a native that drops or leaks
a reference on one of its paths."""
import json
import random

import pytest

import glassjs
from glassjs.engine.errors import JSError, JSInterrupted


def js(run, src):
    """The completion value of the script src, through JSON (holes read as None)."""
    return json.loads(run("JSON.stringify(eval(%s))" % json.dumps(src)))


# --- constructor and Array.* -------------------------------------------------------------

def test_constructor(run, js_throws):
    assert run("Array(3).length") == 3
    assert run("new Array(3).length") == 3
    assert run("0 in new Array(3)") is False
    assert js(run, "Array(1, 2, 3)") == [1, 2, 3]
    assert js(run, "new Array('3')") == ["3"]
    assert js(run, "Array()") == []
    assert run("new Array(4294967295).length") == 4294967295
    assert run("Array(0).length") == 0
    for bad in ("-1", "1.5", "4294967296", "NaN", "Infinity"):
        assert js_throws("new Array(%s)" % bad) == "RangeError"
        assert js_throws("Array(%s)" % bad) == "RangeError"
    assert run("Object.getPrototypeOf(new Array()) === Array.prototype") is True
    assert run("Array.prototype.constructor === Array") is True
    assert run("Array.length") == 1
    assert run("Array.isArray(Array.prototype)") is True
    assert run("Array.prototype.length") == 0


def test_big_new_array_stays_usable(run):
    assert run("var a = new Array(100000); a[99999] = 1; a[5] = 2; a.length + a[99999] + a[5]") == 100003
    assert run("var b = new Array(4294967295); b[7] = 'x'; b[4294967294] = 'y'; b.indexOf('y')") == 4294967294
    assert run("b.lastIndexOf('x')") == 7


def test_is_array(run):
    assert run("Array.isArray([])") is True
    assert run("Array.isArray({length: 0})") is False
    assert run("Array.isArray()") is False
    assert run("(function () { return Array.isArray(arguments) })()") is False
    assert run("Array.isArray.length") == 1


def test_of_and_from(run, js_throws):
    assert js(run, "Array.of(7)") == [7]
    assert js(run, "Array.of(1, 'a', null)") == [1, "a", None]
    assert js(run, "Array.from({length: 3, 0: 'a', 2: 'c'})") == ["a", None, "c"]
    assert run("Array.from({length: 3, 0: 'a', 2: 'c'}).hasOwnProperty(1)") is True
    assert js(run, "Array.from([1, , 3], function (v, i) { return [v, i] })") == [[1, 0], [None, 1], [3, 2]]
    assert js(run, "Array.from('ab\\ud83d\\ude00')") == ["a", "b", "\U0001F600"]
    assert js(run, "Array.from(new String('xy'))") == ["x", "y"]
    assert js(run, "Array.from({length: 2}, function (v, i) { return this.k + i }, {k: 10})") == [10, 11]
    assert js_throws("Array.from([], 5)") == "TypeError"
    # a constructor other than Array builds the result
    assert run("function C() {} var r = Array.from.call(C, {length: 1, 0: 'z'}); "
               "(r instanceof C) + ',' + r.length + ',' + r[0]") == "true,1,z"
    assert run("var s = Array.of.call(C, 1, 2); (s instanceof C) + ',' + s.length") == "true,2"


# --- toString / toLocaleString / join ------------------------------------------------------

def test_join(run, js_throws):
    assert run("[1, 2, 3].join()") == "1,2,3"
    assert run("[1, 2, 3].join('')") == "123"
    assert run("[1, 2, 3].join(' - ')") == "1 - 2 - 3"
    assert run("[1, 2, 3].join(undefined)") == "1,2,3"
    assert run("[1, 2, 3].join(null)") == "1null2null3"
    assert run("[null, undefined, 1, , true, 'x'].join()") == ",,1,,true,x"
    assert run("[].join()") == ""
    assert run("[1.5, -0, 1e21, -7, 0.1].join()") == "1.5,0,1e+21,-7,0.1"
    assert run("[{}, [1, [2, 3]]].join(';')") == "[object Object];1,2,3"
    assert run("['a\\u0100', 'b'].join('\\u2603')") == "a\u0100\u2603b"
    assert run("['ab', 'c'].join('\\u2603').length") == 4
    assert run("Array.prototype.join.call({length: 3, 0: 'a', 2: 'c'}, '+')") == "a++c"
    assert run("Array.prototype.join.call('abc', '.')") == "a.b.c"
    assert run("var a = []; a.length = 5; a.join('-')") == "----"
    assert run("var a = []; a.length = 1000000; a.join('').length") == 0
    assert run("var o = {toString: function () { return 'O' }}; [o, o].join()") == "O,O"
    assert js_throws("[{toString: function () { throw new TypeError('x') }}].join()") == "TypeError"
    assert js_throws("[1].join({toString: function () { throw new SyntaxError('s') }})") == "SyntaxError"


def test_join_cycles(run):
    assert run("var a = [1, 2]; a.push(a); a.join()") == "1,2,"
    assert run("var b = [1, [2]]; b[1].push(b); String(b)") == "1,2,"
    assert run("var c = []; c[0] = c; c.toString()") == ""
    # the join stack unwinds on errors
    assert run("var d = [1, {toString: function () { throw 1 }}]; d.push(d);"
               "try { d.join() } catch (e) {} d[1] = 2; d.join()") == "1,2,"


def test_join_too_long(js_throws):
    assert js_throws("var a = []; a.length = 4294967295; a.join('abc')") == "RangeError"
    assert js_throws("new Array(4294967295).join()") == "RangeError"


def test_to_string(run):
    assert run("[1, [2, 3]].toString()") == "1,2,3"
    assert run("String([])") == ""
    assert run("var a = [1, 2]; a.join = function () { return 'J' }; a.toString()") == "J"
    assert run("var b = [1]; b.join = 5; b.toString()") == "[object Array]"
    assert run("Array.prototype.toString.call({join: function () { return this.x }, x: 'X'})") == "X"
    assert run("Array.prototype.toString.call({})") == "[object Object]"
    assert run("Array.prototype.toString.call(function () {})") == "[object Function]"


def test_to_locale_string(run, js_throws):
    assert run("[1, 'a', null, undefined].toLocaleString()") == "1,a,,"
    assert run("var o = {toLocaleString: function () { return 'L' }}; [o, o].toLocaleString()") == "L,L"
    assert js_throws("[{toLocaleString: 1}].toLocaleString()") == "TypeError"
    assert run("var c = [1]; c.push(c); c.toLocaleString()") == "1,"


# --- push / pop / shift / unshift ----------------------------------------------------------

def test_push_pop(run, js_throws):
    assert run("var a = [1]; a.push(2, 3)") == 3
    assert js(run, "a") == [1, 2, 3]
    assert run("a.push()") == 3
    assert run("a.pop()") == 3
    assert run("a.length") == 2
    assert run("[].pop()") is glassjs.undefined
    assert run("var h = [1, , ]; h.pop()") is glassjs.undefined
    assert run("h.length") == 1
    assert run("var s = []; for (var i = 0; i < 10000; i++) s.push(i); var t = 0;"
               "while (s.length) t += s.pop(); t") == 49995000
    # generic
    assert run("var o = {}; Array.prototype.push.call(o, 'x', 'y')") == 2
    assert run("o.length + o[0] + o[1]") == "2xy"
    assert run("Array.prototype.pop.call(o) + o.length") == "y1"
    assert run("var p = {length: 'x'}; Array.prototype.pop.call(p); p.length") == 0
    assert run("var q = {length: Math.pow(2, 53) - 1}; Array.prototype.pop.call(q); q.length") == 2 ** 53 - 2
    assert js_throws("Array.prototype.push.call({length: Math.pow(2, 53) - 1}, 1)") == "TypeError"
    assert run("var r = {length: 4294967296}; Array.prototype.push.call(r, 'z')") == 4294967297
    assert run("r[4294967296]") == "z"


def test_push_respects_frozen_and_readonly(run, js_throws):
    assert js_throws("var f = Object.freeze([1]); f.push(2)") == "TypeError"
    assert js_throws("var g = [1]; Object.defineProperty(g, 'length', {writable: false}); g.push(2)") == "TypeError"
    assert run("g.length + ',' + g.hasOwnProperty(1)") == "1,false"
    assert js_throws("var n = Object.preventExtensions([1]); n.push(2)") == "TypeError"
    assert js_throws("Object.freeze([1]).pop()") == "TypeError"
    assert js_throws("Object.freeze([1, 2]).shift()") == "TypeError"
    assert js_throws("Object.freeze([1]).unshift(0)") == "TypeError"
    assert run("var m = [1, 2]; Object.defineProperty(m, 'length', {writable: false});"
               "try { m.pop() } catch (e) {} m.length + ',' + (1 in m)") == "2,false"


def test_push_sees_prototype_setters(run):
    assert run("""
        var log = [];
        Object.defineProperty(Array.prototype, '1', {
            set: function (v) { log.push('set ' + v) }, get: function () { return 'inherited' },
            configurable: true });
        var a = [0];
        a.push('x');
        var r = log.join() + '|' + a.hasOwnProperty(1) + '|' + a[1] + '|' + a.length;
        delete Array.prototype[1];
        r
    """) == "set x|false|inherited|2"
    # the cached verdict is refreshed once the prototype is clean again
    assert run("var b = [0]; b.push(5); b.hasOwnProperty(1) && b[1] === 5") is True


def test_shift_unshift(run):
    assert run("var a = [1, 2, 3]; a.shift()") == 1
    assert js(run, "a") == [2, 3]
    assert run("a.unshift(7, 8)") == 4
    assert js(run, "a") == [7, 8, 2, 3]
    assert run("[].shift()") is glassjs.undefined
    assert run("var h = [, 1, , 2]; h.shift(); h.length + ',' + (0 in h) + (1 in h) + (2 in h)") == "3,truefalsetrue"
    assert run("var u = [1, , 3]; u.unshift(0); (2 in u) + ',' + u.length") == "false,4"
    assert run("var o = {length: 2, 0: 'a', 1: 'b'}; Array.prototype.shift.call(o) + o.length + o[0] + (1 in o)") == "a1bfalse"
    assert run("var p = {length: 1, 0: 'a'}; Array.prototype.unshift.call(p, 'z') + p[0] + p[1]") == "2za"
    assert run("var q = []; for (var k = 0; k < 200; k++) { q.push(k); q.unshift(-k); if (q.length > 50) q.shift() + q.pop(); }"
               "q.join(',').length") > 0


def test_hole_filled_from_prototype(run):
    assert run("""
        Array.prototype[1] = 'P';
        var a = [0, , 2];
        var r = [a.shift(), a.join(), a.hasOwnProperty(0), a.indexOf('P'), a.slice().hasOwnProperty(0)].join('|');
        delete Array.prototype[1];
        r
    """) == "0|P,2|true|0|true"


# --- reverse / slice / splice / concat -------------------------------------------------------

def test_reverse(run):
    assert js(run, "[1, 2, 3].reverse()") == [3, 2, 1]
    assert js(run, "[1, 2, 3, 4].reverse()") == [4, 3, 2, 1]
    assert run("var a = [1, , 3, , ]; a.reverse(); a.length + ':' + Object.keys(a)") == "4:1,3"
    assert run("var o = {length: 3, 0: 'a', 2: 'c'}; var r = Array.prototype.reverse.call(o); "
               "(r === o) + o[0] + o[2]") == "trueca"
    assert run("var p = {length: 3, 0: 'a'}; Array.prototype.reverse.call(p); (0 in p) + p[2]") == "falsea"
    assert run("var b = [1, 2]; b.length = 6; b.reverse(); Object.keys(b).join()") == "4,5"
    assert run("var c = {length: Math.pow(2, 40), 0: 'x'}; Array.prototype.reverse.call(c); "
               "(0 in c) + ',' + c[Math.pow(2, 40) - 1]") == "false,x"


def test_slice(run, js_throws):
    assert js(run, "[1, 2, 3, 4].slice(1, 3)") == [2, 3]
    assert js(run, "[1, 2, 3, 4].slice(-2)") == [3, 4]
    assert js(run, "[1, 2, 3, 4].slice(1, -1)") == [2, 3]
    assert js(run, "[1, 2, 3].slice(5)") == []
    assert js(run, "[1, 2, 3].slice(2, 1)") == []
    assert js(run, "[1, 2, 3].slice()") == [1, 2, 3]
    assert js(run, "[1, 2, 3].slice(-Infinity, Infinity)") == [1, 2, 3]
    assert js(run, "[1, 2, 3].slice('1', {valueOf: function () { return 2 }})") == [2]
    assert run("var s = [1, , 3].slice(); s.length + ',' + (1 in s)") == "3,false"
    assert run("var t = [1, 2, , ].slice(1); t.length + ',' + (1 in t)") == "2,false"
    assert js(run, "Array.prototype.slice.call({length: 3, 0: 'a', 1: 'b', 2: 'c'}, 1)") == ["b", "c"]
    assert js(run, "Array.prototype.slice.call('abc', 1)") == ["b", "c"]
    assert run("(function () { return Array.prototype.slice.call(arguments, 1).join() })(1, 2, 3)") == "2,3"
    assert js_throws("Array.prototype.slice.call({length: 4294967296}, 0)") == "RangeError"
    assert js_throws("var a = [1]; a.constructor = null; a.slice()") == "TypeError"
    assert run("var big = []; big.length = 1e9; big[5] = 1; var sl = big.slice(0, 1e8); sl.length + ',' + sl[5]") == "100000000,1"


def test_splice(run, js_throws):
    assert js(run, "var a = [1, 2, 3, 4, 5]; [a.splice(1, 2), a]") == [[2, 3], [1, 4, 5]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(1, 0, 'x', 'y'), a]") == [[], [1, "x", "y", 2, 3]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(-1), a]") == [[3], [1, 2]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(1), a]") == [[2, 3], [1]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(), a]") == [[], [1, 2, 3]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(0, 1, 'a', 'b', 'c'), a]") == [[1], ["a", "b", "c", 2, 3]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(1, 99, 'z'), a]") == [[2, 3], [1, "z"]]
    assert js(run, "var a = [1, 2, 3]; [a.splice(undefined, undefined), a]") == [[], [1, 2, 3]]
    assert run("var h = [1, , 3, 4]; var r = h.splice(0, 2); r.length + ',' + (1 in r) + ',' + h.join()") == "2,false,3,4"
    assert js(run, "var o = {length: 3, 0: 'a', 1: 'b', 2: 'c'}; var r = Array.prototype.splice.call(o, 1, 1, 'x', 'y');"
                   "[r, o.length, o[0], o[1], o[2], o[3]]") == [["b"], 4, "a", "x", "y", "c"]
    assert js(run, "var o = {length: 3, 0: 'a', 1: 'b', 2: 'c'}; Array.prototype.splice.call(o, 0, 2);"
                   "[o.length, o[0], 1 in o, 2 in o]") == [1, "c", False, False]
    assert js_throws("Array.prototype.splice.call({length: Math.pow(2, 53) - 1}, 0, 0, 1)") == "TypeError"
    assert js_throws("var f = Object.freeze([1, 2]); f.splice(0, 1)") == "TypeError"


def test_concat(run, js_throws):
    assert js(run, "[1, 2].concat([3], 4, [[5]])") == [1, 2, 3, 4, [5]]
    assert js(run, "[].concat()") == []
    assert run("var c = [1, , 3].concat([, 5]); c.length + ':' + Object.keys(c)") == "5:0,2,4"
    assert js(run, "[1].concat({length: 2, 0: 'x'})") == [1, {"length": 2, "0": "x"}]
    assert run("var o = Array.prototype.concat.call('ab', 1); o.length + ',' + typeof o[0] + ',' + o[1]") == "2,object,1"
    assert run("var a = []; a.length = 3; var r = a.concat([1]); r.length + ',' + r[3]") == "4,1"
    assert js_throws("var a = [1]; a.constructor = 0; a.concat()") == "TypeError"
    assert js_throws("var a = []; Object.defineProperty(a, 'constructor', {get: function () { throw new SyntaxError() }}); a.concat()") == "SyntaxError"


# --- indexOf / lastIndexOf / includes ---------------------------------------------------------

def test_index_of(run):
    assert run("[1, 2, 3, 2].indexOf(2)") == 1
    assert run("[1, 2, 3, 2].indexOf(2, 2)") == 3
    assert run("[1, 2, 3, 2].indexOf(2, -1)") == 3
    assert run("[1, 2, 3].indexOf(2, -10)") == 1
    assert run("[1, 2, 3].indexOf(2, 10)") == -1
    assert run("[1, 2, 3].indexOf('2')") == -1
    assert run("[NaN].indexOf(NaN)") == -1
    assert run("[-0].indexOf(0)") == 0
    assert run("[, undefined].indexOf(undefined)") == 1
    assert run("var o = {}; [1, o].indexOf(o)") == 1
    assert run("['ab', 'a' + 'b'].indexOf('a' + 'b')") == 0
    assert run("[1, 2, 3, 2].lastIndexOf(2)") == 3
    assert run("[1, 2, 3, 2].lastIndexOf(2, 2)") == 1
    assert run("[1, 2, 3, 2].lastIndexOf(2, -2)") == 1
    assert run("[1, 2, 3].lastIndexOf(1, -4)") == -1
    assert run("[1, 2, 3].lastIndexOf(3, 100)") == 2
    assert run("[].lastIndexOf(1)") == -1
    assert run("Array.prototype.indexOf.call({length: 3, 2: 'x'}, 'x')") == 2
    assert run("Array.prototype.indexOf.call({length: Math.pow(2, 32) + 2, 4294967296: 'x'}, 'x')") == 2 ** 32
    assert run("Array.prototype.lastIndexOf.call({length: Math.pow(2, 40), 5: 'x'}, 'x')") == 5
    # fromIndex is converted after the length is read
    assert run("var a = [1, 2, 3]; a.indexOf(3, {valueOf: function () { a.length = 0; return 0 }})") == -1


def test_includes(run):
    assert run("[1, 2, 3].includes(2)") is True
    assert run("[NaN].includes(NaN)") is True
    assert run("[1, , 3].includes(undefined)") is True
    assert run("[1, 2, 3].includes(1, 1)") is False
    assert run("[1, 2, 3].includes(3, -1)") is True
    assert run("[].includes()") is False


# --- iteration methods -------------------------------------------------------------------------

def test_callbacks_basic(run, js_throws):
    assert js(run, "[1, 2, 3].map(function (v, i, a) { return v * 10 + i + a.length })") == [13, 24, 35]
    assert js(run, "[1, 2, 3, 4].filter(function (v) { return v % 2 })") == [1, 3]
    assert run("[1, 2, 3].every(function (v) { return v > 0 })") is True
    assert run("[1, 2, 3].every(function (v) { return v > 1 })") is False
    assert run("[].every(function () { return false })") is True
    assert run("[1, 2, 3].some(function (v) { return v > 2 })") is True
    assert run("[].some(function () { return true })") is False
    assert run("var s = 0; [1, 2, 3].forEach(function (v) { s += v }); s") == 6
    assert run("[1, 2, 3].forEach(function () {})") is glassjs.undefined
    assert run("[5, 6, 7].find(function (v) { return v > 5 })") == 6
    assert run("[5, 6, 7].findIndex(function (v) { return v > 5 })") == 1
    assert run("[5, 6, 7].findLast(function (v) { return v > 5 })") == 7
    assert run("[5, 6, 7].findLastIndex(function (v) { return v > 9 })") == -1
    assert run("[5].find(function () { return false })") is glassjs.undefined
    assert run("var seen = []; [1, , 3].find(function (v, i) { seen.push(i) }); seen.join()") == "0,1,2"
    assert run("var o = {k: 2}; [1, 2].map(function (v) { return v * this.k }, o).join()") == "2,4"
    assert run("var m = [1, , 3].map(function (v) { return v }); m.length + ',' + (1 in m)") == "3,false"
    for name in ("every", "some", "forEach", "map", "filter", "find", "findIndex", "reduce", "reduceRight", "flatMap"):
        assert js_throws("[1].%s(5)" % name) == "TypeError", name
        assert js_throws("[1].%s()" % name) == "TypeError", name
    assert js_throws("Array.prototype.map.call(null, function () {})") == "TypeError"


def test_callbacks_generic(run):
    assert js(run, "Array.prototype.map.call({length: 2, 0: 'a', 1: 'b'}, function (v) { return v + v })") == ["aa", "bb"]
    assert js(run, "Array.prototype.filter.call('abc', function (v) { return v != 'b' })") == ["a", "c"]
    assert run("Array.prototype.every.call({length: -1}, function () { return false })") is True
    assert run("var n = 0; Array.prototype.forEach.call({length: Math.pow(2, 40), 3: 'x'}, function () { n++ }); n") == 1


def test_callbacks_mutating(run):
    # elements appended during the loop are not visited
    assert run("var a = [1, 2, 3], n = 0; a.forEach(function (v) { a.push(v); n++ }); n + ',' + a.length") == "3,6"
    # deleted before their turn: skipped
    assert run("var b = [1, 2, 3], seen = []; b.forEach(function (v, i) { delete b[2]; seen.push(v) }); seen.join()") == "1,2"
    # shrinking the array ends the visit early
    assert run("var c = [1, 2, 3, 4], seen = []; c.map(function (v) { c.length = 2; seen.push(v) }); seen.join()") == "1,2"
    # growing into holes: visited with the new value
    assert run("var d = [1, , 3], seen = []; d.forEach(function (v) { d[1] = 'new'; seen.push(v) }); seen.join()") == "1,new,3"
    # making the array sparse mid-loop
    assert run("var e = [1, 2, 3], seen = []; e.forEach(function (v, i) { if (i == 0) e[1e9] = 'far'; seen.push(v) }); seen.join()") == "1,2,3"
    assert run("var f = [3, 1, 2]; f.filter(function (v, i) { f[i + 1] = 0; return true }).join()") == "3,0,0"
    assert run("var g = [1, 2, 3]; g.reduce(function (acc, v) { g.pop(); return acc + v })") == 3
    assert run("var h = [1, 2, 3]; h.every(function (v) { h.splice(0, 1); return true }) + ',' + h.join()") == "true,3"


def test_callback_exceptions_propagate(run, js_throws):
    for name in ("every", "some", "forEach", "map", "filter", "find", "findIndex", "reduce", "reduceRight", "flatMap"):
        assert js_throws("[1, 2].%s(function () { throw new RangeError('cb') })" % name) == "RangeError", name
    assert run("var n = 0; try { [1, 2, 3].forEach(function (v) { n++; if (v == 2) throw 'stop' }) } catch (e) {} n") == 2
    assert js_throws("[1, 2].sort(function () { throw new URIError('x') })") == "URIError"


def test_reduce(run, js_throws):
    assert run("[1, 2, 3].reduce(function (a, b) { return a + b })") == 6
    assert run("[1, 2, 3].reduce(function (a, b) { return a + b }, 10)") == 16
    assert run("['a', 'b', 'c'].reduceRight(function (a, b) { return a + b })") == "cba"
    assert run("[, 'b', , 'd', ].reduce(function (a, b) { return a + b })") == "bd"
    assert run("[, 'b', , 'd', ].reduceRight(function (a, b) { return a + b })") == "db"
    assert run("[].reduce(function () {}, 'init')") == "init"
    assert js_throws("[].reduce(function () {})") == "TypeError"
    assert js_throws("[, , ].reduceRight(function () {})") == "TypeError"
    assert js(run, "[1, 2].reduce(function (acc, v, i, arr) { acc.push([v, i, arr.length]); return acc }, [])") == [[1, 0, 2], [2, 1, 2]]
    assert run("Array.prototype.reduce.call({length: 2, 0: 1, 1: 2}, function (a, b) { return a * 10 + b })") == 12


# --- sort ----------------------------------------------------------------------------------------

def test_sort_default(run):
    assert js(run, "[3, 1, 2].sort()") == [1, 2, 3]
    assert js(run, "[10, 9, 1, 100].sort()") == [1, 10, 100, 9]
    assert js(run, "['b', 'a', 'B', 'aa'].sort()") == ["B", "a", "aa", "b"]
    assert js(run, "[true, false, null, 'm'].sort()") == [False, "m", None, True]
    assert run("[-1, -2, 0, 1].sort().join()") == "-1,-2,0,1"
    assert run("['\\ud800', '\\uffff', 'z'].sort().map(function (s) { return s.charCodeAt(0) }).join()") == "122,55296,65535"


def test_sort_comparator(run, js_throws):
    assert js(run, "[5, 1, 10, 2].sort(function (a, b) { return a - b })") == [1, 2, 5, 10]
    assert js(run, "[5, 1, 10, 2].sort(function (a, b) { return b - a })") == [10, 5, 2, 1]
    assert js(run, "[5, 1, 10, 2].sort((x, y) => x - y)") == [1, 2, 5, 10]
    assert js(run, "['5', '1', '10'].sort(function (a, b) { return a - b })") == ["1", "5", "10"]
    assert js(run, "[3, 1, 2].sort(function (a, b) { return {valueOf: function () { return a - b }} })") == [1, 2, 3]
    assert js(run, "[3, 1, 2].sort(function (a, b) { return a < b })") in ([3, 1, 2], [3, 2, 1], [1, 2, 3])
    assert js_throws("[1, 2].sort(5)") == "TypeError"
    assert js_throws("[1, 2].sort(null)") == "TypeError"
    assert js_throws("[].sort({})") == "TypeError"
    assert js(run, "[2, 1].sort(undefined)") == [1, 2]


def test_sort_undefined_and_holes(run):
    assert run("var a = [3, undefined, 1, , 2]; a.sort(); a.length + ':' + Object.keys(a) + ':' + a[3]") == "5:0,1,2,3:undefined"
    assert run("var b = [undefined, 2, , 1]; b.sort(function (x, y) { if (x === undefined || y === undefined) throw 1; return x - y });"
               "b.length + ':' + b.slice(0, 3).join()") == "4:1,2,"
    assert run("var c = [, , 'x']; c.length = 10; c.sort(); c.length + ':' + Object.keys(c)") == "10:0"
    assert run("var o = {length: 4, 0: 'b', 2: 'a', 3: undefined}; Array.prototype.sort.call(o);"
               "o[0] + o[1] + o[2] + ',' + (3 in o)") == "abundefined,false"


def test_sort_stable(run):
    assert run("""
        var recs = [];
        for (var i = 0; i < 500; i++) recs.push({k: i % 7, id: i});
        recs.sort(function (a, b) { return a.k - b.k });
        var ok = true;
        for (var i = 1; i < recs.length; i++)
            if (recs[i - 1].k === recs[i].k && recs[i - 1].id > recs[i].id) ok = false;
        ok
    """) is True
    # the numeric fast path keeps -0 and 0 in their original order too
    assert run("var z = [0, -0, 0, -0, 1, -1].sort(function (a, b) { return a - b });"
               "z.map(function (v) { return 1 / v }).join()") == "-1,Infinity,-Infinity,Infinity,-Infinity,1"
    assert run("var z = [3, -0, 0, 1].sort(function (a, b) { return a - b }); 1 / z[0] + ',' + 1 / z[1]") == "-Infinity,Infinity"


def test_sort_inconsistent_comparators(run):
    out = js(run, """(function () {
        var a = []; for (var i = 0; i < 300; i++) a.push(i);
        var seed = 7;
        a.sort(function () { seed = (seed * 16807) % 2147483647; return seed % 3 - 1 });
        return a.slice().sort(function (x, y) { return x - y });
    })()""")
    assert out == list(range(300))
    assert run("var n = [NaN, 3, NaN, 1, 2].sort(function (a, b) { return a - b }); n.length") == 5
    assert run("var m = [3, 1, 2].sort(function () { return NaN }); m.join()") == "3,1,2"


def test_sort_comparator_mutates_array(run):
    assert run("""
        var a = [5, 4, 3, 2, 1];
        a.sort(function (x, y) { a.length = 0; a.push('junk'); return x - y; });
        a.join()
    """) == "1,2,3,4,5"
    assert run("""
        var b = [3, 2, 1];
        try { b.sort(function (x, y) { b[0] = 'changed'; throw 'stop' }) } catch (e) {}
        b.join()
    """) == "changed,2,1"


def test_sort_generic_and_prototype(run):
    assert run("var o = {length: 3, 0: 'c', 1: 'a', 2: 'b'}; Array.prototype.sort.call(o) === o && o[0] + o[1] + o[2]") == "abc"
    assert run("var s = {length: Math.pow(2, 40), 7: 'b', 2: 'a'}; Array.prototype.sort.call(s); s[0] + s[1] + (7 in s)") == "abfalse"
    assert run("""
        Array.prototype[1] = 'inherited';
        var a = [3, , 1];
        a.sort();
        var r = a.join() + ':' + a.hasOwnProperty(1);
        delete Array.prototype[1];
        r
    """) == "1,3,inherited:true"


# --- fill / copyWithin / at / flat ------------------------------------------------------------

def test_fill_copy_within_at(run):
    assert js(run, "[1, 2, 3, 4].fill(0, 1, 3)") == [1, 0, 0, 4]
    assert js(run, "[1, 2, 3].fill(9, -1)") == [1, 2, 9]
    assert js(run, "new Array(3).fill('x')") == ["x", "x", "x"]
    assert js(run, "[1, 2, 3, 4, 5].copyWithin(0, 3)") == [4, 5, 3, 4, 5]
    assert js(run, "[1, 2, 3, 4, 5].copyWithin(1, 0, 3)") == [1, 1, 2, 3, 5]
    assert js(run, "[1, 2, 3, 4, 5].copyWithin(-2, -4, -3)") == [1, 2, 3, 2, 5]
    assert run("var h = [1, , 3].copyWithin(0, 1); (0 in h) + ',' + h[1]") == "false,3"
    assert run("[1, 2, 3].at(-1)") == 3
    assert run("[1, 2, 3].at(5)") is glassjs.undefined
    assert run("Array.prototype.at.call('abc', 1)") == "b"


def test_flat(run, js_throws):
    assert js(run, "[1, [2, [3, [4]]]].flat()") == [1, 2, [3, [4]]]
    assert js(run, "[1, [2, [3, [4]]]].flat(Infinity)") == [1, 2, 3, 4]
    assert js(run, "[1, [2, [3]]].flat(0)") == [1, [2, [3]]]
    assert js(run, "[1, , [2, , 3]].flat()") == [1, 2, 3]
    assert js(run, "[1, 2].flatMap(function (v) { return [v, [v * 10]] })") == [1, [10], 2, [20]]
    assert js(run, "['a b', 'c'].flatMap(function (s) { return s.split(' ') })") == ["a", "b", "c"]
    assert js_throws("var deep = []; for (var i = 0; i < 5000; i++) deep = [deep]; deep.flat(Infinity)") == "RangeError"


# --- limits, interrupts, memory ----------------------------------------------------------------

def test_huge_lengths_are_errors_not_crashes(run, js_throws):
    assert js_throws("Array.prototype.concat.call(1, {length: 1}, (function () { var a = []; a.length = 4294967295; return a })(), [1])") == "RangeError"
    assert js_throws("var a = []; a.length = 4294967295; a.push(1)") == "RangeError"
    assert run("var a = []; a.length = 4294967295; try { a.push(1) } catch (e) {} a[4294967295]") == 1
    assert js_throws("var a = []; a.length = 4294967295; a.unshift(1)") == "RangeError"
    assert run("var b = [1, 2]; b.length = 4294967295; b.splice(4294967290, 5).length") == 5
    assert run("b.length") == 4294967290


def test_interrupt_stops_long_loops():
    calls = []

    def handler():
        calls.append(1)
        return len(calls) > 3

    e = glassjs.Engine(interrupt_handler=handler)
    with pytest.raises(JSInterrupted):
        e.eval("Array.prototype.includes.call({length: Math.pow(2, 50)}, 5)")


def test_memory_limit_is_not_exceeded_by_garbage():
    e = glassjs.Engine(memory_limit=4 << 20)
    e.eval("""
        for (var i = 0; i < 3000; i++) {
            var a = [];
            for (var j = 0; j < 40; j++) a.push({j: j}, 'x' + j);
            a.sort(function (x, y) { return String(x) < String(y) ? -1 : 1 });
            a = a.concat(a.slice(3, 9)).filter(function (v) { return v }).map(function (v) { return [v] });
            a.splice(2, 5, 1, 2);
            a.reverse(); a.unshift(0); a.shift(); a.join();
        }
    """)
    with pytest.raises(JSError) as info:
        e.eval("var keep = []; while (true) keep.push(new Array(1000).fill({}))")
    assert info.value.name == "RangeError"


# --- property-based: slice / splice / sort against Python ---------------------------------------

def py_rel(x, n):
    if x < 0:
        return max(n + x, 0)
    return min(x, n)


def test_random_against_python(engine):
    rnd = random.Random(262)
    for trial in range(150):
        data = [rnd.randrange(-50, 50) for _ in range(rnd.randrange(0, 30))]
        engine.set_global("data", data)
        n = len(data)
        # slice
        s, t = rnd.randrange(-n - 3, n + 4), rnd.randrange(-n - 3, n + 4)
        got = engine.eval("JSON.stringify(data.slice(%d, %d))" % (s, t))
        a, b = py_rel(s, n), py_rel(t, n)
        assert got == str(data[a:b]).replace(" ", ""), (data, s, t)
        # splice
        start, dc = rnd.randrange(-n - 3, n + 4), rnd.randrange(-2, n + 3)
        items = [rnd.randrange(100, 200) for _ in range(rnd.randrange(0, 5))]
        args = ",".join(str(v) for v in [start, dc] + items)
        got = engine.eval("var c = data.slice(); var r = c.splice(%s); JSON.stringify([r, c])" % args)
        model = list(data)
        st = py_rel(start, n)
        d = min(max(dc, 0), n - st)
        removed = model[st:st + d]
        model[st:st + d] = items
        assert got == str([removed, model]).replace(" ", ""), (data, start, dc, items)
        # sort: numeric comparator, default (string) order, reverse comparator
        assert engine.eval("JSON.stringify(data.slice().sort(function (a, b) { return a - b }))") == \
            str(sorted(data)).replace(" ", "")
        assert engine.eval("JSON.stringify(data.slice().sort(function (a, b) { return b - a }))") == \
            str(sorted(data, reverse=True)).replace(" ", "")
        assert engine.eval("JSON.stringify(data.slice().sort())") == \
            str(sorted(data, key=str)).replace(" ", "")
        # a comparator JS has to call, on (key, position) pairs: stable like Python's sort
        pairs = [[v % 5, i] for i, v in enumerate(data)]
        engine.set_global("pairs", pairs)
        assert engine.eval("JSON.stringify(pairs.sort(function (x, y) { return x[0] - y[0] }))") == \
            str(sorted(pairs, key=lambda p: p[0])).replace(" ", "")
        # indexOf / lastIndexOf / includes
        x = rnd.randrange(-50, 50)
        assert engine.eval("data.indexOf(%d)" % x) == (data.index(x) if x in data else -1)
        assert engine.eval("data.lastIndexOf(%d)" % x) == (n - 1 - data[::-1].index(x) if x in data else -1)
        assert engine.eval("data.includes(%d)" % x) is (x in data)


def test_random_queue_operations(engine):
    rnd = random.Random(7)
    engine.eval("var q = [];")
    model = []
    for step in range(3000):
        op = rnd.randrange(6)
        v = rnd.randrange(1000)
        if op == 0:
            assert engine.eval("q.push(%d)" % v) == len(model) + 1
            model.append(v)
        elif op == 1:
            got = engine.eval("q.pop()")
            assert got == (model.pop() if model else glassjs.undefined)
        elif op == 2:
            assert engine.eval("q.unshift(%d, %d)" % (v, v + 1)) == len(model) + 2
            model[0:0] = [v, v + 1]
        elif op == 3:
            got = engine.eval("q.shift()")
            assert got == (model.pop(0) if model else glassjs.undefined)
        elif op == 4:
            engine.eval("q.reverse()")
            model.reverse()
        else:
            k = rnd.randrange(len(model) + 1)
            engine.eval("q.splice(%d, 1, %d)" % (k, v))
            model[k:k + 1] = [v]
        if step % 100 == 0:
            assert engine.eval("q.join()") == ",".join(str(x) for x in model)
    assert engine.eval("q.join()") == ",".join(str(x) for x in model)


def test_numeric_sort_paths_agree_with_python(engine):
    """`a - b` comparators are sorted in C (radix for long arrays without NaN,
    merge sort otherwise): the result must be the stable sort Python gives."""
    rnd = random.Random(99)
    show = "function (v) { return Object.is(v, -0) ? '-0' : String(v) }"
    for trial in range(40):
        n = rnd.choice([5, 63, 64, 65, 200, 1000])
        pool = [0.0, -0.0, 1.5, -1.5, float("inf"), float("-inf"), 1e300, -1e-300, 7.0]
        data = [rnd.choice(pool) if rnd.random() < 0.3 else float(rnd.randrange(-1000, 1000)) for _ in range(n)]
        engine.set_global("data", data)
        for desc in (False, True):
            cmp = "function (a, b) { return b - a }" if desc else "(x, y) => x - y"
            got = engine.eval("data.slice().sort(%s).map(%s).join()" % (cmp, show))
            expect = sorted(data, reverse=desc) if not desc else \
                [v for _, v in sorted(enumerate(data), key=lambda p: (-p[1], p[0]))]
            def fmt(v):
                if v == 0:
                    return "-0" if str(v).startswith("-") else "0"
                if v in (float("inf"), float("-inf")):
                    return "Infinity" if v > 0 else "-Infinity"
                return engine.eval("String(%r)" % v)
            assert got == ",".join(fmt(v) for v in expect), (trial, desc)
    # with NaN the comparator is inconsistent: any permutation, no crash
    assert engine.eval("var m = []; for (var i = 0; i < 300; i++) m.push(i % 7 ? i : NaN);"
                       "m.sort(function (a, b) { return a - b }).length") == 300
    # the same comparator as a plain (non-matching) function gives the same order
    assert engine.eval("""
        var r = []; for (var i = 0; i < 500; i++) r.push((i * 7919) % 503 - 250);
        var x = r.slice().sort(function (a, b) { return a - b }).join();
        var y = r.slice().sort(function (a, b) { var d = a - b; return d }).join();
        x === y
    """) is True
