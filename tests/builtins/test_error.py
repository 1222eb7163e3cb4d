"""Error and the NativeError constructors."""
import pytest

from glassjs.engine.profiles import PROFILES

NAMES = ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"]


@pytest.mark.parametrize("name", NAMES)
def test_construct_and_call(run, name):
    assert run("var e = new %s('msg'); e.message" % name) == "msg"
    assert run("e instanceof %s && e instanceof Error" % name) is True
    assert run("e.name") == name
    assert run("Object.getPrototypeOf(e) === %s.prototype" % name) is True
    assert run("var c = %s('m2'); c instanceof %s && c.message" % (name, name)) == "m2"
    assert run("Object.prototype.toString.call(e)") == "[object Error]"
    assert run("%s.length" % name) == 1
    assert run("%s.prototype.constructor === %s" % (name, name)) is True
    assert run("%s.prototype.name" % name) == name
    assert run("%s.prototype.message" % name) == ""
    assert run("new %s('x').toString()" % name) == "%s: x" % name


@pytest.mark.parametrize("name", NAMES[1:])
def test_native_error_prototype_chain(run, name):
    assert run("Object.getPrototypeOf(%s.prototype) === Error.prototype" % name) is True
    assert run("%s.prototype.hasOwnProperty('toString')" % name) is False


def test_message_property(run):
    assert run("new Error().hasOwnProperty('message')") is False
    assert run("new Error(undefined).hasOwnProperty('message')") is False
    assert run("new Error('').hasOwnProperty('message')") is True
    assert run("new Error(5).message") == "5"
    assert run("new Error({toString: function() { return 'obj' }}).message") == "obj"
    assert run("var d = Object.getOwnPropertyDescriptor(new Error('m'), 'message'); "
               "d.writable && !d.enumerable && d.configurable") is True


def test_message_conversion_error_propagates(js_throws):
    assert js_throws("new Error({toString: function() { throw new RangeError('no') }})") == "RangeError"


def test_cause(run):
    assert run("new Error('a', {cause: 5}).cause") == 5
    assert run("new Error('a', {cause: undefined}).hasOwnProperty('cause')") is True
    assert run("new Error('a', {}).hasOwnProperty('cause')") is False
    assert run("new Error('a', 'cause').hasOwnProperty('cause')") is False
    assert run("new TypeError('a', Object.create({cause: 'inh'})).cause") == "inh"
    assert run("var d = Object.getOwnPropertyDescriptor(new Error('a', {cause: 1}), 'cause'); "
               "d.writable && !d.enumerable && d.configurable") is True


def test_stack(run, profile):
    stack = run("function thrower() { throw new TypeError('deep') }\n"
                "var s; try { thrower() } catch (e) { s = e.stack }; s")
    lines = stack.split("\n")
    assert lines[0] == "TypeError: deep"
    if not PROFILES[profile].pc2line:
        assert lines == ["TypeError: deep"]     # no tracebacks in this profile (docs/profiles.md)
        return
    assert lines[1].startswith("    at thrower (")
    assert run("new Error().stack.split('\\n')[0]") == "Error"
    assert run("new RangeError('r').stack.split('\\n')[0]") == "RangeError: r"
    assert run("new Error('x').propertyIsEnumerable('stack')") is False


def test_to_string(run, js_throws):
    assert run("new Error('m').toString()") == "Error: m"
    assert run("new Error().toString()") == "Error"
    assert run("Error.prototype.toString.call({name: 'N', message: 'M'})") == "N: M"
    assert run("Error.prototype.toString.call({})") == "Error"
    assert run("Error.prototype.toString.call({name: '', message: 'M'})") == "M"
    assert run("Error.prototype.toString.call({name: 'N', message: ''})") == "N"
    assert run("Error.prototype.toString.call({name: undefined, message: undefined})") == "Error"
    assert run("Error.prototype.toString.call({name: 1, message: 2})") == "1: 2"
    assert run("Error.prototype.toString.call(function f() {})") == "f"
    assert js_throws("Error.prototype.toString.call(1)") == "TypeError"
    assert js_throws("Error.prototype.toString.call(undefined)") == "TypeError"


def test_error_prototype_is_plain_object(run):
    assert run("Object.prototype.toString.call(Error.prototype)") == "[object Object]"
    assert run("Object.getPrototypeOf(Error.prototype) === Object.prototype") is True
    assert run("Error.prototype.propertyIsEnumerable('name') || Error.prototype.propertyIsEnumerable('message')") is False


def test_internal_errors_use_prototypes(run):
    assert run("try { null.x } catch (e) { e instanceof TypeError && e.name === 'TypeError' }") is True
    assert run("try { undefinedVariable } catch (e) { e instanceof ReferenceError }") is True
    assert run("try { eval('(') } catch (e) { e instanceof SyntaxError }") is True


def test_uncaught_error_to_python(engine):
    from glassjs.engine.errors import JSError
    with pytest.raises(JSError) as info:
        engine.eval("throw new RangeError('out')")
    assert info.value.name == "RangeError"
    assert info.value.message == "out"


def test_is_error(run):
    assert run("Error.isError(new Error()) && Error.isError(new URIError()) && Error.isError(TypeError('x'))") is True
    assert run("Error.isError({}) || Error.isError(Error.prototype) || Error.isError('Error') "
               "|| Error.isError(Object.create(Error.prototype))") is False
