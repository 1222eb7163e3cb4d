"""The parser-free path for trivial eval code (engine/compiler/trivial.py).

Differential: for every source the fast path accepts, its FunctionCode must
equal the full compiler's field for field (code, constants, positions,
strictness, source text); sources it is unsure about must be left to the
full compiler (None), including everything that is a SyntaxError."""
from dataclasses import asdict

import pytest

from glassjs.engine.compiler import JSSyntaxError, compile_eval
from glassjs.engine.compiler.trivial import compile_trivial_eval

SOURCES = [
    "", " ", "\n", "\r\n \r\n", "/*x*/", "//x", "/*a\nb*/ ", "/*a\r\nb*/\r\n 'x' \r\n;",
    "/a/", "/a/g", " /a/gi ; ", "/[/]/", "/\\//", "/a/;/*c*/", "/a/g/*z*/", "/a/\n//c",
    "\u2028/a/\u2029", "/\\u0041/", "/[\\]]/", "/a{1,2}/", "/\\1(a)/", "/a/\u00e9", "/a/ g",
    "1", " 1;", "0", "123456789012345", "1/*z*/", "1 /*z*/;/**/", "1\n;", "\ufeff1", "\t\v\f1",
    "'s'", '"s"', "'s'/*x*/", "true", "false", "null", "null//x",
    # not trivial, or errors: the fast path must decline
    "01", "1234567890123456", "1.5", "1e3", "'use strict'", '"use strict";', "nulls", "truex",
    "1x", "/a/x", "/a/gg", "/a/u", "/(?<x>a)/", "/+/", "/(/", "/a/ /b/", "1;;", ";", "1 2",
    "/*unterminated", "/a", "'a", "'a\\'b'", "'\u2028'", "-->x", "<!--x", "#!x", "x", "this",
]
# what the test262 tests that motivated it generate, sampled over all code units
SOURCES += ["/" + chr(c) + "/" for c in range(0, 0x10000, 97)]
SOURCES += ["/\\" + chr(c) + "/" for c in range(0, 0x10000, 101)]
SOURCES += ["/*var " + chr(c) + "xx = 1*/" for c in range(0, 0x10000, 89)]
SOURCES += ["//" + chr(c) for c in range(0, 0x10000, 103)]


def _full(source, strict, direct):
    try:
        return asdict(compile_eval(source, strict, direct=direct, trivial=False))
    except JSSyntaxError:
        return None


@pytest.mark.parametrize("strict, direct", [(False, True), (True, True), (True, False)])
def test_trivial_path_equals_full_compiler(strict, direct):
    accepted = 0
    for source in SOURCES:
        fast = compile_trivial_eval(source, strict and direct, "<eval>")
        if fast is None:
            continue
        accepted += 1
        assert asdict(fast) == _full(source, strict, direct), repr(source)
    assert accepted > len(SOURCES) // 2          # it is actually used


@pytest.mark.parametrize("source", [
    "01", "1.5", "'use strict'", "/a/gg", "/a/x", "/(/", "/+/", "/a", "'a", "/*x", "1 2", "x",
    "-->x", "#!x", "1/*x*/"])
def test_declines_what_it_does_not_know(source):
    assert compile_trivial_eval(source, False, "<eval>") is None


def test_errors_still_come_from_the_parser(run):
    with pytest.raises(Exception, match="SyntaxError"):
        run("eval('/(/')")
    assert run("eval('/a/g').flags + eval('/*x*/ 1;') + eval('') + eval(' null ')") == "g1undefinednull"
    assert run("(function () { 'use strict'; return eval('/*c*/') === undefined; })()") is True
