"""Function constructor and Function.prototype.*"""
import pytest



# --- constructor ----------------------------------------------------------------------

def test_function_constructor(run):
    assert run("Function('a', 'b', 'return a + b')(2, 3)") == 5
    assert run("new Function('a, b', 'c', 'return a + b + c')(1, 2, 3)") == 6
    assert run("Function()() === undefined") is True
    assert run("Function('return 7')()") == 7
    assert run("typeof Function('')") == "function"
    assert run("Function.length") == 1
    assert run("Function.prototype.constructor === Function") is True
    assert run("Function('x', 'return x').length") == 1
    assert run("Function('return 1').name") == "anonymous"


def test_function_constructor_global_scope(run):
    assert run("var x = 'global'; (function() { var x = 'local'; return Function('return x')() })()") == "global"
    assert run("Function('return this')() === this") is True


def test_function_constructor_converts_arguments_in_order(run):
    assert run("""
        var log = '';
        function v(s) { return {toString: function() { log += s; return s }} }
        Function(v('a'), v('b'), v('return a + b'))(1, 2);
        log
    """) == "abreturn a + b"


def test_function_constructor_syntax_error(js_throws):
    assert js_throws("Function('a', '}')") == "SyntaxError"
    assert js_throws("Function('a b', '')") == "SyntaxError"
    assert js_throws("Function('}, function() {', '')") == "SyntaxError"


def test_function_constructor_to_string(run):
    src = run("Function('a', 'b', 'return a').toString()")
    assert src.startswith("function anonymous(a,b")
    assert "return a" in src


# --- call / apply ------------------------------------------------------------------------------

def test_call(run, js_throws):
    assert run("(function(a, b) { return this.x + a + b }).call({x: 1}, 2, 3)") == 6
    assert run("(function() { return arguments.length }).call()") == 0
    assert run("(function() { 'use strict'; return this }).call(5)") == 5
    assert run("(function() { 'use strict'; return this }).call() === undefined") is True
    assert run("(function() { return this }).call(null) === this") is True
    assert run("typeof (function() { return this }).call(5)") == "object"
    assert js_throws("Function.prototype.call.call({})") == "TypeError"
    assert run("Function.prototype.call.length") == 1


def test_apply(run, js_throws):
    assert run("(function(a, b) { return this.x + a + b }).apply({x: 1}, [2, 3])") == 6
    assert run("(function() { return arguments.length }).apply(null)") == 0
    assert run("(function() { return arguments.length }).apply(null, undefined)") == 0
    assert run("(function(a, b) { return a + b }).apply(null, {length: 2, 0: 'x', 1: 'y'})") == "xy"
    assert run("(function() { return arguments.length }).apply(null, {length: '3'})") == 3
    assert run("(function(a) { return a }).apply(null, [,]) === undefined") is True
    assert run("(function() { return arguments.length }).apply(null, [, , ,])") == 3
    assert run("Object.prototype[0] = 'inherited'; var r = (function(a) { return a }).apply(null, [,]); "
               "delete Object.prototype[0]; r") == "inherited"
    assert js_throws("(function() {}).apply(null, 1)") == "TypeError"
    assert js_throws("(function() {}).apply(null, 'ab')") == "TypeError"
    assert js_throws("Function.prototype.apply.call(1, null, [])") == "TypeError"
    assert run("Function.prototype.apply.length") == 2


def test_apply_with_arguments_object(run):
    assert run("function f() { return g.apply(null, arguments) } function g(a, b) { return a * b } f(6, 7)") == 42


def test_apply_to_native(run):
    assert run("Object.prototype.hasOwnProperty.apply({a: 1}, ['a'])") is True


# --- bind ----------------------------------------------------------------------------------------

def test_bind_basic(run):
    assert run("var b = function(a, b, c) { return [this.v, a, b, c] }.bind({v: 1}, 2); "
               "var r = b(3, 4); '' + r[0] + r[1] + r[2] + r[3]") == "1234"
    assert run("var b = function() { return arguments.length }.bind(null, 1, 2); b(3)") == 3


def test_bind_length_and_name(run):
    assert run("var b = function f(a, b, c) {}.bind(null, 1); b.length") == 2
    assert run("b.name") == "bound f"
    assert run("function g(a) {}; g.bind(null, 1, 2, 3).length") == 0
    assert run("(function() {}).bind().name") == "bound "
    assert run("var d = Object.getOwnPropertyDescriptor(b, 'length'); "
               "!d.writable && !d.enumerable && d.configurable") is True
    assert run("var d = Object.getOwnPropertyDescriptor(b, 'name'); "
               "!d.writable && !d.enumerable && d.configurable") is True
    assert run("function h() {}; Object.defineProperty(h, 'length', {value: Infinity}); "
               "h.bind(null, 1).length") == float("inf")
    assert run("function h2() {}; Object.defineProperty(h2, 'length', {value: 'x'}); "
               "h2.bind().length") == 0
    assert run("function h3() {}; Object.defineProperty(h3, 'name', {value: 42}); "
               "h3.bind().name") == "bound "
    assert run("Object.prototype.hasOwnProperty.bind().name") == "bound hasOwnProperty"
    assert run("function h4(a, b) {}; h4.bind(null, 1).bind(null, 2).length") == 0
    assert run("function h5() {}; h5.bind().bind().name") == "bound bound h5"


def test_bind_property_order(js_list):
    assert js_list("Object.getOwnPropertyNames(function() {}.bind())") == ["length", "name"]


def test_bind_construct(run):
    run("function P(x, y) { this.x = x; this.y = y }")
    run("var B = P.bind({ignored: 1}, 5)")
    assert run("var o = new B(6); o.x + o.y") == 11
    assert run("o instanceof P") is True
    assert run("o instanceof B") is True
    assert run("'prototype' in B") is False
    assert run("Object.getPrototypeOf(B) === Function.prototype") is True


def test_bind_not_constructor(js_throws):
    assert js_throws("var f = (() => 1).bind(); new f()") == "TypeError"
    assert js_throws("new (Object.prototype.hasOwnProperty.bind({}))()") == "TypeError"


def test_bind_prototype_from_target(run):
    assert run("function f() {}; Object.setPrototypeOf(f, null); "
               "Object.getPrototypeOf(Function.prototype.bind.call(f)) === null") is True


def test_bind_errors(js_throws):
    assert js_throws("Function.prototype.bind.call({})") == "TypeError"
    assert js_throws("Function.prototype.bind.call(1)") == "TypeError"


def test_bind_this_strict(run):
    assert run("(function() { 'use strict'; return this }).bind(3)()") == 3
    assert run("Object.prototype.toString.call((function() { return this }).bind(3)())") == "[object Number]"


# --- toString -------------------------------------------------------------------------------------

def test_to_string_source_text(run):
    assert run("(function foo(a) { return a }).toString()") == "function foo(a) { return a }"
    assert run("function  g ( ) {/*c*/}; g.toString()") == "function  g ( ) {/*c*/}"
    assert run("(() => 1).toString()") == "() => 1"


def test_to_string_native(run):
    assert run("Object.prototype.hasOwnProperty.toString()") == "function hasOwnProperty() { [native code] }"
    assert run("Function.prototype.toString.call(Object)") == "function Object() { [native code] }"
    assert run("(function() {}).bind().toString()") == "function () { [native code] }"
    assert run("Function.prototype.toString.call(Function.prototype)") == "function () { [native code] }"


def test_to_string_incompatible(js_throws):
    assert js_throws("Function.prototype.toString.call({})") == "TypeError"
    assert js_throws("Function.prototype.toString.call(1)") == "TypeError"


# --- Function.prototype itself -----------------------------------------------------------------

def test_function_prototype(run):
    assert run("typeof Function.prototype") == "function"
    assert run("Function.prototype() === undefined") is True
    assert run("Function.prototype.length") == 0
    assert run("Function.prototype.name") == ""
    assert run("Object.getPrototypeOf(Function.prototype) === Object.prototype") is True


def test_restricted_properties(run, js_throws):
    assert js_throws("(function() { 'use strict' }).caller") == "TypeError"
    assert js_throws("(function() {}).bind().arguments") == "TypeError"
    assert run("var d = Object.getOwnPropertyDescriptor(Function.prototype, 'caller'); "
               "typeof d.get + d.enumerable + d.configurable") == "functionfalsetrue"
