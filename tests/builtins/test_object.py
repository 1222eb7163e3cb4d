"""Object constructor, Object.* and Object.prototype.*"""
import math

import pytest



def to_list(handle):
    """A JS array (handle) as a Python list, without Array.prototype methods."""
    return [handle[i] for i in range(int(handle["length"]))]


# --- constructor -------------------------------------------------------------------

def test_object_constructor(run):
    assert run("typeof Object()") == "object"
    assert run("typeof new Object(null)") == "object"
    assert run("var o = {}; Object(o) === o") is True
    assert run("var o = {}; new Object(o) === o") is True
    assert run("typeof Object(1)") == "object"
    assert run("Object.prototype.toString.call(Object('s'))") == "[object String]"
    assert run("Object(true) instanceof Object") is True
    assert run("Object.length") == 1
    assert run("Object.prototype.constructor === Object") is True


# --- prototypes ------------------------------------------------------------------------

def test_get_prototype_of(run):
    assert run("Object.getPrototypeOf({}) === Object.prototype") is True
    assert run("Object.getPrototypeOf(Object.prototype)") is None
    assert run("Object.getPrototypeOf(Object.create(null))") is None
    assert run("Object.getPrototypeOf(function(){}) === Function.prototype") is True
    assert run("Object.getPrototypeOf(true) === Object.getPrototypeOf(new Object(true))") is True


def test_get_prototype_of_requires_coercible(js_throws):
    assert js_throws("Object.getPrototypeOf(undefined)") == "TypeError"
    assert js_throws("Object.getPrototypeOf(null)") == "TypeError"


def test_set_prototype_of(run, js_throws):
    assert run("var p = {x: 1}; var o = Object.setPrototypeOf({}, p); o.x") == 1
    assert run("Object.setPrototypeOf(1, null)") == 1
    assert js_throws("var a = {}; var b = Object.create(a); Object.setPrototypeOf(a, b)") == "TypeError"
    assert js_throws("Object.setPrototypeOf(Object.preventExtensions({}), {})") == "TypeError"
    assert run("var p = {}; var o = Object.preventExtensions(Object.create(p)); "
               "Object.setPrototypeOf(o, p) === o") is True
    assert js_throws("Object.setPrototypeOf({}, 1)") == "TypeError"
    assert js_throws("Object.setPrototypeOf(null, {})") == "TypeError"
    assert js_throws("Object.setPrototypeOf(Object.prototype, {})") == "TypeError"


def test_create(run, js_throws):
    assert run("var p = {a: 1}; Object.create(p).a") == 1
    assert run("var o = Object.create({}, {x: {value: 5, enumerable: true}, "
               "y: {get: function() { return 6 }}}); o.x + o.y") == 11
    assert run("var d = Object.getOwnPropertyDescriptor(Object.create(null, {x: {value: 1}}), 'x');"
               "d.writable || d.enumerable || d.configurable") is False
    assert js_throws("Object.create(1)") == "TypeError"
    assert js_throws("Object.create()") == "TypeError"
    assert js_throws("Object.create({}, {x: 1})") == "TypeError"
    assert js_throws("Object.create({}, null)") == "TypeError"


# --- descriptors -----------------------------------------------------------------------------

def test_get_own_property_descriptor_data(run):
    run("var d = Object.getOwnPropertyDescriptor({a: 1}, 'a')")
    assert run("d.value") == 1
    assert run("d.writable && d.enumerable && d.configurable") is True
    assert run("'get' in d") is False
    assert run("Object.keys(d).length") == 4
    assert run("var k = Object.keys(d); k[0] + k[1] + k[2] + k[3]") == "valuewritableenumerableconfigurable"


def test_get_own_property_descriptor_accessor(run):
    run("var g = function() { return 1 }; var d = Object.getOwnPropertyDescriptor({get x() { return 1 }}, 'x')")
    assert run("typeof d.get") == "function"
    assert run("d.set === undefined && 'set' in d") is True
    assert run("'value' in d || 'writable' in d") is False
    assert run("var k = Object.keys(d); k[0] + k[1] + k[2] + k[3]") == "getsetenumerableconfigurable"


def test_get_own_property_descriptor_special(run):
    assert run("Object.getOwnPropertyDescriptor({}, 'x')") is not None
    assert run("Object.getOwnPropertyDescriptor({}, 'x') === undefined") is True
    assert run("Object.getOwnPropertyDescriptor('abc', 1).value") == "b"
    assert run("Object.getOwnPropertyDescriptor('abc', 'length').value") == 3
    assert run("Object.getOwnPropertyDescriptor([1, 2], 'length').writable") is True
    assert run("Object.getOwnPropertyDescriptor(function(a, b) {}, 'length').value") == 2
    assert run("Object.getOwnPropertyDescriptor(function(a, b) {}, 'length').configurable") is True
    # the key is converted
    assert run("Object.getOwnPropertyDescriptor({1: 'x'}, 1).value") == "x"
    assert run("var k = {toString: function() { return 'a' }}; "
               "Object.getOwnPropertyDescriptor({a: 9}, k).value") == 9


def test_define_property(run, js_throws):
    run("var o = {}; Object.defineProperty(o, 'x', {value: 1})")
    assert run("o.x") == 1
    assert run("o.x = 2; o.x") == 1
    assert run("delete o.x") is False
    assert run("Object.keys(o).length") == 0
    assert run("Object.defineProperty(o, 'y', {get: function() { return 7 }, enumerable: true}); o.y") == 7
    assert js_throws("Object.defineProperty(o, 'x', {value: 2})") == "TypeError"
    assert js_throws("Object.defineProperty(1, 'x', {})") == "TypeError"
    assert js_throws("Object.defineProperty({}, 'x', 1)") == "TypeError"
    assert js_throws("Object.defineProperty({}, 'x', {get: 1})") == "TypeError"
    assert js_throws("Object.defineProperty({}, 'x', {set: {}})") == "TypeError"
    assert js_throws("Object.defineProperty({}, 'x', {get: function() {}, value: 1})") == "TypeError"
    assert js_throws("Object.defineProperty({}, 'x', {set: undefined, writable: true})") == "TypeError"
    assert run("Object.defineProperty({}, 'x', {get: undefined}).x === undefined") is True


def test_define_property_reads_descriptor_fields_in_order(run):
    assert run("""
        var log = '';
        var names = ['enumerable', 'configurable', 'value', 'writable', 'get', 'set'];
        var desc = {};
        for (var i = 0; i < names.length; i++) {
            (function(n) {
                Object.defineProperty(desc, n, {get: function() { log += n + ','; return undefined }});
            })(names[i]);
        }
        try { Object.defineProperty({}, 'p', desc) } catch (e) { log += e.name }
        log
    """) == "enumerable,configurable,value,writable,get,set,TypeError"


def test_define_property_inherited_descriptor_fields(run):
    assert run("var proto = {value: 3}; var d = Object.create(proto); "
               "Object.defineProperty({}, 'x', d).x") == 3


def test_define_property_array_length(run, js_throws):
    assert run("var a = [1, 2, 3]; Object.defineProperty(a, 'length', {value: 1}); a.length") == 1
    assert run("a[1] === undefined") is True
    assert run("var a = []; Object.defineProperty(a, 'length', {value: '5'}); a.length") == 5
    assert js_throws("Object.defineProperty([], 'length', {value: -1})") == "RangeError"
    assert js_throws("Object.defineProperty([], 'length', {value: 1.5})") == "RangeError"
    assert run("var a = [1, 2]; Object.defineProperty(a, 'length', {writable: false}); a.length = 0; a.length") == 2
    assert js_throws("var a = []; Object.defineProperty(a, 'length', {writable: false}); "
                     "Object.defineProperty(a, '0', {value: 1})") == "TypeError"
    assert run("""
        var calls = 0;
        var v = {valueOf: function() { calls++; return 2 }};
        Object.defineProperty([], 'length', {value: v});
        calls
    """) == 2


def test_define_property_array_index(run):
    assert run("var a = [1, 2, 3]; Object.defineProperty(a, '1', {value: 9, writable: false}); a[1] = 5; a[1]") == 9
    assert run("a.length") == 3
    assert run("var a = []; Object.defineProperty(a, '4', {value: 1}); a.length") == 5


def test_define_properties(run, js_throws):
    assert run("var o = Object.defineProperties({}, {a: {value: 1, enumerable: true}, b: {value: 2}}); "
               "o.a + o.b + Object.keys(o).length") == 4
    # non-enumerable descriptors are skipped
    assert run("var props = {}; Object.defineProperty(props, 'h', {value: {value: 1}}); "
               "'h' in Object.defineProperties({}, props)") is False
    # every descriptor is read before anything is defined
    assert run("""
        var o = {};
        try { Object.defineProperties(o, {a: {value: 1}, b: {get: 5}}) } catch (e) {}
        'a' in o
    """) is False
    assert js_throws("Object.defineProperties({}, undefined)") == "TypeError"
    assert js_throws("Object.defineProperties(1, {})") == "TypeError"
    assert js_throws("Object.defineProperties({}, 'ab')") == "TypeError"   # 'a' is no descriptor


def test_get_own_property_descriptors(run):
    assert run("var d = Object.getOwnPropertyDescriptors({a: 1, get b() { return 2 }}); "
               "d.a.value + typeof d.b.get") == "1function"


# --- keys ---------------------------------------------------------------------------------------

def test_keys_order(js_list):
    assert js_list("Object.keys({b: 1, a: 2, 1: 3, 0: 4})") == ["0", "1", "b", "a"]
    assert js_list("Object.keys([5, 6])") == ["0", "1"]
    assert js_list("Object.keys('ab')") == ["0", "1"]
    assert js_list("var o = Object.create({inh: 1}); o.own = 1; Object.keys(o)") == ["own"]
    assert js_list("var o = {a: 1}; Object.defineProperty(o, 'h', {value: 1}); Object.keys(o)") == ["a"]


def test_get_own_property_names(js_list):
    assert js_list("Object.getOwnPropertyNames([5, 6])") == ["0", "1", "length"]
    assert js_list("Object.getOwnPropertyNames('ab')") == ["0", "1", "length"]
    assert js_list("var o = {a: 1}; Object.defineProperty(o, 'h', {value: 1}); "
                   "Object.getOwnPropertyNames(o)") == ["a", "h"]
    names = js_list("Object.getOwnPropertyNames(function f(a) {})")
    assert "length" in names and "name" in names and "prototype" in names


def test_keys_requires_coercible(js_throws):
    assert js_throws("Object.keys(null)") == "TypeError"
    assert js_throws("Object.getOwnPropertyNames(undefined)") == "TypeError"


def test_values_entries(run, js_list):
    assert js_list("Object.values({a: 1, b: 'x'})") == [1, "x"]
    e = run("Object.entries({a: 1, b: 2})")
    assert [to_list(p) for p in to_list(e)] == [["a", 1], ["b", 2]]
    assert js_list("Object.values('hi')") == ["h", "i"]


# --- integrity levels ---------------------------------------------------------------------------

def test_prevent_extensions(run, js_throws):
    assert run("var o = Object.preventExtensions({a: 1}); o.b = 2; o.b === undefined && Object.isExtensible(o)") is False
    assert run("Object.isExtensible(o)") is False
    assert run("o.a = 5; o.a") == 5
    assert run("delete o.a") is True
    assert js_throws("'use strict'; var o = Object.preventExtensions({}); o.x = 1") == "TypeError"
    assert run("Object.preventExtensions(1)") == 1
    assert run("Object.isExtensible(1)") is False
    assert run("var a = Object.preventExtensions([1]); a[5] = 2; a.length") == 1


def test_seal(run):
    run("var o = Object.seal({a: 1})")
    assert run("Object.isSealed(o)") is True
    assert run("Object.isFrozen(o)") is False
    assert run("o.a = 2; o.a") == 2
    assert run("delete o.a") is False
    assert run("o.b = 1; o.b === undefined") is True
    assert run("Object.seal('x')") == "x"
    assert run("Object.isSealed('x')") is True
    assert run("Object.isSealed({})") is False
    assert run("Object.isSealed(Object.preventExtensions({}))") is True


def test_freeze_plain(run, js_throws):
    run("var o = Object.freeze({a: 1, get g() { return 5 }})")
    assert run("Object.isFrozen(o) && Object.isSealed(o) && !Object.isExtensible(o)") is True
    assert run("o.a = 2; o.a") == 1
    assert run("o.g") == 5
    assert js_throws("'use strict'; o.a = 3") == "TypeError"
    assert run("Object.getOwnPropertyDescriptor(o, 'g').configurable") is False
    assert run("Object.isFrozen({})") is False
    assert run("Object.isFrozen(Object.preventExtensions({}))") is True
    assert run("Object.isFrozen(Object.preventExtensions({a: 1}))") is False
    assert run("Object.freeze(5)") == 5


def test_freeze_array(run, js_throws):
    run("var a = Object.freeze([1, 2, 3])")
    assert run("Object.isFrozen(a)") is True
    assert run("a[0] = 9; a[0]") == 1
    assert run("a.length = 0; a.length") == 3
    assert run("a[3] = 1; a.length") == 3
    assert run("delete a[0]") is False
    assert js_throws("'use strict'; a[0] = 2") == "TypeError"
    assert run("Object.getOwnPropertyDescriptor(a, 'length').writable") is False
    assert run("Object.getOwnPropertyDescriptor(a, '1').writable") is False
    assert run("Object.isFrozen(Object.seal([1]))") is False
    assert run("Object.isSealed(Object.seal([1]))") is True
    assert run("Object.isFrozen(Object.freeze([]))") is True


def test_freeze_function(run, js_list):
    run("function f(a, b) {}; Object.freeze(f)")
    assert run("Object.isFrozen(f)") is True
    assert run("f.length") == 2
    assert run("Object.getOwnPropertyDescriptor(f, 'prototype').writable") is False
    assert "name" in js_list("Object.getOwnPropertyNames(f)")
    assert run("Object.isFrozen(Object.freeze(Object.prototype.hasOwnProperty))") is True


def test_freeze_string_wrapper(run):
    run("var s = Object.freeze(new Object('ab'))")
    assert run("Object.isFrozen(s)") is True
    assert run("s[0]") == "a"
    assert run("Object.isSealed(new Object('ab'))") is False


def test_freeze_arguments(run):
    assert run("(function(a) { a = 2; Object.freeze(arguments); return arguments[0] })(1)") == 2
    assert run("(function(a) { Object.freeze(arguments); a = 3; return arguments[0] })(1)") == 1
    assert run("(function(a) { Object.freeze(arguments); return Object.isFrozen(arguments) })(1, 2)") is True


# --- misc statics -----------------------------------------------------------------------------

def test_is(run):
    assert run("Object.is(NaN, NaN)") is True
    assert run("Object.is(0, -0)") is False
    assert run("Object.is('ab', 'a' + 'b')") is True
    assert run("Object.is({}, {})") is False
    assert run("Object.is()") is True


def test_assign(run, js_throws):
    assert run("var t = {a: 0}; var r = Object.assign(t, {a: 1, b: 2}, null, undefined, {c: 3}); "
               "r === t && t.a + t.b + t.c") == 6
    assert run("var o = Object.assign({}, 'xy'); o[0] + o[1]") == "xy"
    assert run("var s = {}; Object.defineProperty(s, 'h', {value: 1}); 'h' in Object.assign({}, s)") is False
    assert js_throws("Object.assign(null)") == "TypeError"
    assert js_throws("Object.assign(Object.freeze({a: 1}), {a: 2})") == "TypeError"


def test_has_own(run):
    assert run("Object.hasOwn({a: 1}, 'a') && !Object.hasOwn({}, 'toString')") is True


# --- Object.prototype --------------------------------------------------------------------------

@pytest.mark.parametrize("expr,tag", [
    ("undefined", "Undefined"), ("null", "Null"), ("[]", "Array"), ("{}", "Object"),
    ("function() {}", "Function"), ("(function() { return arguments })()", "Arguments"),
    ("new Error('x')", "Error"), ("new TypeError()", "Error"), ("true", "Boolean"),
    ("1", "Number"), ("'s'", "String"), ("Object(1)", "Number"), ("Object(true)", "Boolean"),
    ("Object.prototype.hasOwnProperty", "Function"), ("Error.prototype", "Object"),
])
def test_to_string_tags(run, expr, tag):
    assert run("Object.prototype.toString.call(%s)" % expr) == "[object %s]" % tag


def test_to_string_default(run):
    assert run("({}).toString()") == "[object Object]"
    assert run("'' + {}") == "[object Object]"


def test_to_locale_string(run, js_throws):
    assert run("({toString: function() { return 'T' }}).toLocaleString()") == "T"
    assert js_throws("Object.prototype.toLocaleString.call(undefined)") == "TypeError"


def test_value_of(run, js_throws):
    assert run("var o = {}; o.valueOf() === o") is True
    assert run("typeof Object.prototype.valueOf.call(1)") == "object"
    assert js_throws("Object.prototype.valueOf.call(null)") == "TypeError"


def test_has_own_property(run, js_throws):
    assert run("({a: 1}).hasOwnProperty('a')") is True
    assert run("({}).hasOwnProperty('toString')") is False
    assert run("[1].hasOwnProperty(0) && [1].hasOwnProperty('length')") is True
    assert run("Object.prototype.hasOwnProperty.call('ab', 1)") is True
    assert run("(function f(a) {}).hasOwnProperty('length')") is True
    assert js_throws("Object.prototype.hasOwnProperty.call(null, 'a')") == "TypeError"
    # ToPropertyKey happens before ToObject(this)
    assert run("""
        var log = '';
        try { Object.prototype.hasOwnProperty.call(null, {toString: function() { log += 'key'; return 'a' }}) }
        catch (e) { log += e.name }
        log
    """) == "keyTypeError"


def test_is_prototype_of(run, js_throws):
    assert run("Object.prototype.isPrototypeOf({})") is True
    assert run("var p = {}; var o = Object.create(Object.create(p)); p.isPrototypeOf(o)") is True
    assert run("({}).isPrototypeOf({})") is False
    assert run("Object.prototype.isPrototypeOf.call(null, 1)") is False
    assert js_throws("Object.prototype.isPrototypeOf.call(null, {})") == "TypeError"
    assert run("Function.prototype.isPrototypeOf(Object)") is True


def test_property_is_enumerable(run):
    assert run("({a: 1}).propertyIsEnumerable('a')") is True
    assert run("[1].propertyIsEnumerable('length')") is False
    assert run("({}).propertyIsEnumerable('toString')") is False
    assert run("Object.create({a: 1}).propertyIsEnumerable('a')") is False


def test_define_getter_family(run, js_throws):
    assert run("var o = {}; o.__defineGetter__('x', function() { return 4 }); o.x") == 4
    assert run("var o = {}; var v; o.__defineSetter__('x', function(a) { v = a }); o.x = 3; v") == 3
    assert run("var g = function() {}; var o = {}; o.__defineGetter__('x', g); "
               "Object.create(o).__lookupGetter__('x') === g") is True
    assert run("({a: 1}).__lookupGetter__('a') === undefined") is True
    assert js_throws("({}).__defineGetter__('x', 1)") == "TypeError"
    assert run("var o = {}; o.__defineGetter__('x', function() {}); "
               "var d = Object.getOwnPropertyDescriptor(o, 'x'); d.enumerable && d.configurable") is True


def test_object_methods_lengths(run):
    for name, length in [("getPrototypeOf", 1), ("getOwnPropertyDescriptor", 2), ("create", 2),
                         ("defineProperty", 3), ("defineProperties", 2), ("keys", 1),
                         ("freeze", 1), ("assign", 2)]:
        assert run("Object.%s.length" % name) == length, name
    assert run("Object.prototype.hasOwnProperty.length") == 1


def test_methods_not_enumerable(run):
    assert run("var n = 0; for (var k in Object.prototype) n++; n") == 0
    assert run("Object.getOwnPropertyDescriptor(Object, 'keys').enumerable") is False
