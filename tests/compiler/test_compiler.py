"""Tests of the compiler: bytecode shape, errors, and behaviour on a reference interpreter.

The VM (engine/core) is written separately; ``refvm.py`` here runs the
bytecode slowly in Python so these tests can check what compiled code does.
"""
from __future__ import annotations

import os
import pathlib
import re
import tarfile

import pytest

from glassjs.engine import bytecode as bc
from glassjs.engine.compiler import (CompilerBug, FunctionCode, JSSyntaxError, compile_eval,
                                     compile_function, compile_script)
from glassjs.engine.compiler.assembler import Assembler, Label
from glassjs.engine.compiler.function_code import ScopeDescriptor
from glassjs.engine.compiler.jsnumber import number_to_string
from glassjs.engine.compiler.stack_check import BRANCH_EFFECTS, stack_effect

import refvm  # noqa: E402  (tests/compiler is on sys.path: no __init__.py)

SHARED = pathlib.Path("/work/shared")
T262_ARCHIVE = SHARED / "test262" / "test262-be13516fb6.tar.xz"


# ---- helpers ---------------------------------------------------------------

def ops(fc: FunctionCode):
    return [op.name for _, op, _, _ in bc.iter_instructions(fc.code)]


def instructions(fc: FunctionCode):
    """[(name, a)] with const/name operands replaced by the constant."""
    out = []
    for _, op, a, extras in bc.iter_instructions(fc.code):
        if op.operand in ("const", "name"):
            k = fc.consts[a]
            a = k.name if isinstance(k, FunctionCode) else k
        out.append((op.name, a))
    return out


def inner(fc: FunctionCode, name: str) -> FunctionCode:
    for k in fc.consts:
        if isinstance(k, FunctionCode):
            if k.name == name:
                return k
            found = inner(k, name) if k.consts else None
            if found is not None:
                return found
    return None


def all_codes(fc: FunctionCode):
    yield fc
    for k in fc.consts:
        if isinstance(k, FunctionCode):
            yield from all_codes(k)


def run(source):
    value, _ = refvm.run(source)
    return value


def run_log(source):
    return refvm.run(source)


# ---- variable resolution ---------------------------------------------------

def test_uncaptured_variables_live_in_the_frame():
    f = inner(compile_script("function f(a) { var b = a; let c = b; return c; }"), "f")
    assert ops(f) == ["GET_ARG", "PUT_LOC", "GET_LOC", "PUT_LOC", "GET_LOC", "RET"]
    assert sorted(f.local_names) == ["b", "c"] and f.nparams == 1


def test_captured_variables_live_in_an_environment():
    fc = compile_script("function f(a, b) { var x = 1; return function g() { return a + x; }; }")
    f, g = inner(fc, "f"), inner(fc, "g")
    enter = f.consts[f.code[0] >> 8]
    assert ops(f)[0] == "ENTER_ENV"
    assert enter == ScopeDescriptor(["a", "x"], ["param", "var"], function_scope=True)
    assert ("GET_ARG", 0) in instructions(f) and ("PUT_ENV", 0) in instructions(f)
    assert ("GET_ARG", 1) not in instructions(f)          # b stays an argument, unused
    assert instructions(g)[:2] == [("GET_ENV", 0), ("GET_ENV", 1)]


def test_env_depth_counts_block_environments():
    fc = compile_script("""
        function f() {
            var a = 1;
            { let b = 2; var g = function () { return a + b; }; }
        }""")
    g = inner(fc, "g")
    # from g: the block env (b) is 0 up, f's env (a) is 1 up
    assert ("GET_ENV", 1 << 16 | 0) in instructions(g)
    assert ("GET_ENV_CHECK", 0) in instructions(g)


def test_globals_and_free_names():
    fc = compile_script("var a; function f() { return a + b; }")
    f = inner(fc, "f")
    assert [i for i in instructions(f) if i[0] == "GET_GLOBAL"] == [("GET_GLOBAL", "a"), ("GET_GLOBAL", "b")]
    assert f.ncaches == 2


def test_with_makes_inner_names_dynamic():
    fc = compile_script("function f(o) { var x = 1; with (o) { x = 2; y; } return x; }")
    f = inner(fc, "f")
    names = instructions(f)
    assert ("PUT_NAME", "x") in names and ("GET_NAME", "y") in names
    assert ("ENTER_WITH", 0) in names and ("LEAVE_ENV", 0) in names
    # x is looked up by name inside the with body, so it lives in f's environment
    assert f.consts[f.code[0] >> 8].names == ["x"]        # o itself stays an argument


def test_direct_eval_puts_everything_in_environments():
    fc = compile_script("function outer(p) { var o = 1; function f(q) { var x; eval('1'); return z; } }")
    outer, f = inner(fc, "outer"), inner(fc, "f")
    assert f.has_direct_eval and f.uses_arguments
    f_env = f.consts[f.code[0] >> 8]
    # eval code reads `this` as %this; %fn marks a function's variable environment
    assert set(f_env.names) == {"q", "x", "arguments", "%this", "%fn"}
    assert set(outer.consts[outer.code[0] >> 8].names) == {"p", "o", "f"}
    assert ("GET_NAME", "z") in instructions(f)           # eval could declare z
    assert "CALL_EVAL" in ops(f)


def test_strict_eval_does_not_make_outer_names_dynamic():
    f = inner(compile_script("function f() { 'use strict'; eval('1'); return z; }"), "f")
    assert ("GET_GLOBAL", "z") in instructions(f)


def test_typeof_and_delete_of_identifiers():
    fc = compile_script("typeof a; delete a; function f(x) { return [typeof x, delete x]; }")
    assert ("TYPEOF_NAME", "a") in instructions(fc) and ("DELETE_NAME", "a") in instructions(fc)
    f = inner(fc, "f")
    assert ops(f)[:4] == ["GET_ARG", "TYPEOF", "PUSH_FALSE", "NEW_ARRAY"]


def test_calls_keep_this():
    fc = compile_script("o.m(1); o[k](); f(); (0, o.m)(); new C(1);")
    names = ops(fc)
    assert "GET_METHOD" in names and "GET_ELEM_METHOD" in names and "NEW" in names
    assert ("CALL", 1) in instructions(fc)
    callees = [fc.consts[w] for w in _extras_of(fc, "CALL")]
    assert callees == ["o.m", "o[k]", "f", "(intermediate value)"]


def _extras_of(fc, name):
    return [extras[0] for _, op, _, extras in bc.iter_instructions(fc.code) if op.name == name]


def test_dynamic_assignment_resolves_its_target_first():
    f = inner(compile_script("function f(o) { var x; with (o) { x = g(); y += 1; z++; x = 1; var w = g(); } }"), "f")
    names = instructions(f)
    assert names[names.index(("REF_NAME", "x")):][:5] == [
        ("REF_NAME", "x"), ("GET_NAME_CALL", "g"), ("CALL", 0), ("PUT_REF", "x"), ("REF_NAME", "y")]
    assert names[names.index(("REF_NAME", "y")):][:5] == [
        ("REF_NAME", "y"), ("GET_REF", "y"), ("PUSH_INT", 1), ("ADD", 0), ("PUT_REF", "y")]
    assert names[names.index(("REF_NAME", "z")):][:3] == [("REF_NAME", "z"), ("GET_REF", "z"), ("INC", 0)]
    assert ("PUT_NAME", "x") in names                     # nothing runs between resolving and storing
    assert ("REF_NAME", "w") in names


@pytest.mark.parametrize("source, expected", [
    # the right side deletes or adds the with-object's binding; the store
    # goes where the name resolved before
    ("function f() { var x = 0; var s = {x: 1}; with (s) { x = (delete s.x, 2); } return [s.x, x]; } f()", [2, 0]),
    ("function f() { var x = 0; var s = {}; with (s) { x = (s.x = 2, 1); } return [s.x, x]; } f()", [2, 1]),
    ("function f() { var x = 0; var s = {x: 1}; with (s) { var x = (delete s.x, 2); } return [s.x, x]; } f()", [2, 0]),
    ("function f() { var s = {get x() { delete this.x; return 2; }}; var x = 0; with (s) { x *= 3; } return [s.x, x]; } f()",
     [6, 0]),
    ("function f() { var s = {get x() { delete this.x; return 2; }}; var x = 0; with (s) { var r = x++; } return [s.x, x, r]; } f()",
     [3, 0, 2]),
    ("function f() { var s = {get x() { delete this.x; return 2; }}; var x = 0; with (s) { var r = --x; } return [s.x, x, r]; } f()",
     [1, 0, 1]),
    ("var o = {x: 1}; with (o) { x = (delete o.x, 2); } [o.x, x]", [2, "ReferenceError"]),
    # a sloppy direct eval in the right side declares a shadowing var
    ("function f() { var x = 3; var r = (function () { x *= (eval('var x = 2;'), 4); return x; })(); return [r, x]; } f()",
     [2, 12]),
    ("function f() { var x = 3; var r = (function () { x = (eval('var x = 2;'), 4); return x; })(); return [r, x]; } f()",
     [2, 4]),
    # unresolvable when resolved: sloppy creates a global, strict throws
    ("function f() { var o = {}; with (o) { y = (o.y = 5, 7); } return [o.y, y]; } f()", [5, 7]),
    ("var o = {}, r; with (o) { (function () { 'use strict'; try { y = (o.y = 1, 2) } catch (e) { r = e.name } })() }"
     " [r, o.y]", ["ReferenceError", 1]),
    # the function's own name: ignored when sloppy, TypeError when strict
    ("var g = function h() { with ({}) { h = (0, 1); return typeof h; } }; g()", "function"),
    ("var g = function h() { 'use strict'; eval(''); h = (0, 1); }; try { g() } catch (e) { e.name }", "TypeError"),
    ("function f() { eval(''); const c = 1; try { c = (0, 2) } catch (e) { return e.name } } f()", "TypeError"),
])
def test_dynamic_assignment_behaviour(source, expected):
    if isinstance(expected, list) and "ReferenceError" in expected:
        source = source.replace("[o.x, x]", "[o.x, (function () { try { return x } catch (e) { return e.name } })()]")
    assert run(source) == expected


def test_anonymous_functions_take_the_name_they_are_bound_to():
    fc = compile_script("var a = function () {}; let b = () => 1; var c; c = function () {}; (d) = function () {};"
                        " var o = {p: function () {}, 1: () => 0, ['q']: function () {}, [k]: function () {},"
                        " __proto__: function () {}}; var e = (0, function () {}); var f = function g() {};")
    names = sorted(k.name for k in fc.consts if isinstance(k, FunctionCode))
    assert names == ["", "", "", "", "1", "a", "b", "c", "g", "p", "q"]


def test_strict_assignment_to_an_undeclared_name_resolves_it_first():
    f = inner(compile_script("function f() { 'use strict'; x = g(); y = 1; z += g(); }"), "f")
    names = instructions(f)
    assert ("REF_NAME", "x") in names and ("PUT_REF", "x") in names
    assert ("PUT_GLOBAL", "y") in names and ("PUT_GLOBAL", "z") in names
    assert run("var g = this; function f() { 'use strict'; x = (g.x = 1, 2); }"
               " try { f() } catch (e) { [e.name, x] }") == ["ReferenceError", 1]


def test_eval_this_inside_arrows():
    # eval code reads `this` as the caller's "%this" when it has one: the VM
    # gives it the caller frame's own `this`, which for an arrow is wrong
    ev = compile_eval("this", False)
    assert ops(ev)[:9] == ["REF_NAME", "DUP", "JMP_FALSE", "GET_REF", "SWAP", "POP", "JMP", "POP", "PUSH_THIS"]
    assert ops(compile_eval("1", False)) == ["PUSH_INT", "PUT_LOC", "GET_LOC", "RET"]   # no this: no cost
    assert "REF_NAME" not in ops(compile_eval("this", False, direct=False))
    f = inner(compile_script("function f() { eval('') }"), "f")
    assert "%this" in f.consts[f.code[0] >> 8].names  # hides any outer function's %this
    assert "%this" not in compile_script("eval('this')").local_names


@pytest.mark.parametrize("source", [
    "var o = {m: function () { return (() => eval('this'))(); }}; o.m() === o",
    "var o = {m: function () { return (() => eval('(() => this)()'))(); }}; o.m() === o",
    "var o = {m: function () { return (() => eval('eval(\"this\")'))(); }}; o.m() === o",
    "var o = {m: function () { return (() => eval('var t = this; t'))(); }}; o.m() === o",
    "var o = {m: function () { return (() => { with ({}) { return eval('this') } })(); }}; o.m() === o",
    "var o = {m: function () { () => this; var p = {n: function () { return eval('this') }}; return p.n() === p }}; o.m()",
    "var o = {m: function () { return () => { this; return {n: function () { return eval('this') }} } }};"
    " var q = {p: o.m()().n}; q.p() === q",
    "var o = {m: function () { return eval('this') }}; o.m() === o",
    "var self = this; eval('this') === self && (() => eval('this'))() === self",
    "var o = {m: function () { 'use strict'; return (() => eval('this'))(); }}; o.m() === o",
])
def test_eval_this_behaviour(source):
    assert run(source) is True


def test_calls_inside_with_use_get_name_call():
    f = inner(compile_script("function f(o) { with (o) { g(1); } }"), "f")
    assert ("GET_NAME_CALL", "g") in instructions(f)


def test_let_tdz_checks_only_where_needed():
    f = inner(compile_script("function f() { let a = 1; a; { b; let b = 2; b; } }"), "f")
    names = ops(f)
    assert names.count("GET_LOC_CHECK") == 1              # only the read before the declaration
    assert names.count("PUSH_EMPTY") == 1                 # b starts uninitialised, a need not


def test_const_assignment_throws_type_error():
    f = inner(compile_script("function f() { const c = 1; c = 2; }"), "f")
    assert ("THROW_ERROR", bc.ERROR_KINDS.index("TypeError")) in instructions(f)
    assert run("const c = 1; try { c = 2 } catch (e) { e.name }") == "TypeError"
    assert run("{ const c = 1; try { c++ } catch (e) { e.name } }") == "TypeError"


def test_named_function_expression_binds_itself():
    fc = compile_script("var f = function g() { return g; };")
    g = inner(fc, "g")
    assert ops(g) == ["PUSH_CALLEE", "RET"]


def test_arrow_this_is_captured_from_the_enclosing_function():
    fc = compile_script("function f() { return () => this; }")
    f = inner(fc, "f")
    arrow = inner(fc, "")
    assert ops(f)[:3] == ["ENTER_ENV", "PUSH_THIS", "PUT_ENV"]
    assert f.consts[f.code[0] >> 8] == ScopeDescriptor(["%this"], ["this"], True)
    assert arrow.is_arrow and not arrow.uses_this and ops(arrow)[0] == "GET_ENV"


def test_mapped_arguments_puts_all_params_in_the_environment():
    f = inner(compile_script("function f(a, b) { return arguments; }"), "f")
    assert ops(f)[:6] == ["ENTER_ENV", "GET_ARG", "PUT_ENV", "GET_ARG", "PUT_ENV", "ARGUMENTS"]
    assert ("ARGUMENTS", 1) in instructions(f)
    strict = inner(compile_script("function f(a, b) { 'use strict'; return arguments; }"), "f")
    assert ops(strict)[0] == "ARGUMENTS" and ("ARGUMENTS", 0) in instructions(strict)


# ---- declarations and hoisting ---------------------------------------------

def test_global_declarations_are_hoisted():
    fc = compile_script("x = 1; var a; let b = 2; const c = 3; function f() {} var a2; function g() {}")
    head = instructions(fc)[:8]
    assert head == [("DECL_LEX", "b"), ("DECL_LEX", "c"), ("CLOSURE", "f"), ("DECL_FUNC", "f"),
                    ("CLOSURE", "g"), ("DECL_FUNC", "g"), ("DECL_VAR", "a"), ("DECL_VAR", "a2")]
    assert _extras_of(fc, "DECL_LEX") == [0, 1]
    assert ("INIT_LEX", "b") in instructions(fc) and ("INIT_LEX", "c") in instructions(fc)


def test_function_declarations_are_instantiated_first_in_source_order():
    f = inner(compile_script("function f() { x(); function x() { return 1 } var y = 2; function x() { return 2 } }"), "f")
    assert ops(f)[:4] == ["CLOSURE", "PUT_LOC", "CLOSURE", "PUT_LOC"]
    assert run("function x() { return 1 } function x() { return 2 } x()") == 2


def test_block_functions_follow_annex_b():
    assert run("var r = typeof g; { function g() {} } [r, typeof g]") == ["undefined", "function"]
    assert run("'use strict'; { function g() {} } typeof g") == "undefined"
    # not when `var f` would clash with a function of an enclosing block
    assert run("function g() { { function f() { return 1 } { function f() { return 2 } } } return f() } g()") == 1
    # in sloppy eval code the var is the caller's, not the block's own binding
    assert run("(function () { eval('{ function f() { f = 123; return 1 } } var v = f; v()');"
               " return [typeof f, v === f] })()") == ["function", True]
    ev = compile_eval("{ function f() { f = 1 } }", False)
    assert [i for i in instructions(ev) if i[0] in ("REF_NAME", "DECL_FUNC", "PUT_GLOBAL")] == [
        ("REF_NAME", "%fn"), ("DECL_FUNC", "f"), ("PUT_GLOBAL", "f")]
    assert run("eval('{ function f() { f = 1; return 2 } } var v = f; v()'); [typeof f, v === f]") == ["function", True]


def test_sloppy_eval_declares_in_the_caller():
    fc = compile_eval("var a = 1; function f() {} a", strict=False)
    assert instructions(fc)[:3] == [("CLOSURE", "f"), ("DECL_FUNC", "f"), ("DECL_VAR", "a")]
    assert ("PUT_NAME", "a") in instructions(fc) and ("GET_NAME", "a") in instructions(fc)
    assert fc.kind == "eval" and not fc.strict


def test_strict_eval_keeps_its_vars():
    fc = compile_eval("var a = 1; a", strict=True)
    assert "DECL_VAR" not in ops(fc) and fc.strict
    assert ("GET_LOC", fc.local_names.index("a")) in instructions(fc)


def test_indirect_eval_is_global_code():
    fc = compile_eval("var a = 1; b", strict=True, direct=False)
    assert not fc.strict
    assert ("DECL_VAR", "a") in instructions(fc) and ("GET_GLOBAL", "b") in instructions(fc)


def test_function_constructor():
    fc = compile_function("a, b", "return a + b")
    assert fc.kind == "function" and fc.name == "anonymous" and fc.nparams == 2
    assert fc.source == "function anonymous(a, b\n) {\nreturn a + b\n}"
    with pytest.raises(JSSyntaxError):
        compile_function("", "}); evil(); (function(){")
    with pytest.raises(JSSyntaxError):
        compile_function("/*", "*/){")
    with pytest.raises(JSSyntaxError):
        compile_function("a, a", "'use strict'")


# ---- control flow ----------------------------------------------------------

def test_finally_is_inlined_on_every_exit():
    f = inner(compile_script("""
        function f() {
            for (;;) {
                try { if (a) break; if (b) continue; if (c) return 1; d(); }
                finally { fin(); }
            }
        }"""), "f")
    # break, continue, return, normal exit and the exception path
    assert [i for i in instructions(f) if i == ("GET_GLOBAL", "fin")].__len__() == 5
    assert ops(f).count("END_TRY") == 4


def test_break_out_of_for_in_pops_the_iterator():
    f = inner(compile_script("function f(o) { for (var k in o) { if (k) break; } }"), "f")
    names = ops(f)
    # the break path pops the iterator before jumping past the loop's own POP
    assert names.count("POP") == 2


def test_switch_with_default_in_the_middle():
    src = """function t(x){ var s = ''; switch (x) { case 1: s += 'a'; default: s += 'd';
             case 2: s += 'b'; break; case 3: s += 'c' } return s } [t(1), t(2), t(3), t(4)]"""
    assert run(src) == ["adb", "b", "c", "db"]


def test_labels_break_and_continue():
    src = """var s = ''; outer: for (var i = 0; i < 3; i++) { for (var j = 0; j < 3; j++) {
             if (j == 1) continue outer; if (i == 2) break outer; s += i + '' + j + ' ' } } s"""
    assert run(src) == "00 10 "
    assert run_log("l: { log('in'); break l; log('no') } 'after'") == ("after", ["in"])


def test_try_catch_finally_behaviour():
    assert run("var s = ''; try { throw 'e' } catch (e) { s += e } finally { s += 'f' } s") == "ef"
    assert run_log("function f() { try { throw 1 } catch (e) { return e } finally { log('f') } } f()") \
        == (1, ["f"])
    assert run_log("function f() { for (;;) { try { try { break } finally { log('a') } }"
                   " finally { log('b') } } return 'out' } f()") == ("out", ["a", "b"])
    assert run("function f() { try { return 1 } finally { return 2 } } f()") == 2
    assert run_log("function f() { var i = 0; while (true) { try { i++; if (i > 2) return i; continue }"
                   " finally { log(i) } } } f()") == (3, ["1", "2", "3"])
    assert run("var s = ''; for (let k in {a: 1, b: 2, c: 3}) { try { if (k == 'b') break; s += k }"
               " finally { s += '!' } } s") == "a!!"


def test_catch_parameter_is_scoped_to_the_catch_block():
    assert run("var e = 'outer'; try { throw 'inner' } catch (e) { var e = 'assigned' } e") == "outer"
    assert run("try { throw 1 } catch (e) { var f = function () { return e } } f()") == 1


def test_completion_values():
    assert run("1; var x = 2;") == 1
    assert run("1; if (true) {}") is refvm.UNDEF
    assert run("try { 2 } finally { 3 }") == 2
    assert run("try { 2; throw 1 } catch (e) {}") is refvm.UNDEF
    assert run("var i = 0; while (i < 3) i++;") == 2
    assert run("'use strict'; 5") == 5
    # a break/continue out of a finally body completes with the body's value
    assert run("99; do { -99; try { 39 } catch (e) { -1 } finally { 42; break; -2 } } while (false);") == 42
    assert run("99; do { -99; try { [].x.x } catch (e) { -1 } finally { 42; continue; } } while (false);") == 42
    assert run("99; do { -99; try { 39 } finally { break; } } while (false);") is refvm.UNDEF
    assert run("l: do { try { 1 } finally { 2; try { 3 } finally { 4; break l; } } } while (false);") == 4
    assert run("do { try { 1 } finally { 2; for (;;) { 5; break; } } } while (false);") == 1
    assert run("do { try { 1; break } finally { 2 } } while (false);") == 1


# ---- closures and environments on the reference interpreter ---------------

@pytest.mark.parametrize("source, expected", [
    ("var a = 1; function f(x) { var z = x + a; return function () { return z * 2 } } f(3)()", 8),
    ("var fs = {}; for (let i = 0; i < 3; i++) fs[i] = function () { return i }; fs[0]() + fs[1]() + fs[2]()", 3),
    ("var fs = {}, n = 0; for (let k in {a: 1, b: 2}) { fs[n++] = function () { return k } } fs[0]() + fs[1]()", "ab"),
    ("function f() { var x = 1; { let x = 2; var g = function () { return x } } return g() + x } f()", 3),
    ("var o = {x: 1}; var x = 2; with (o) { x = 3; var y = x; } [o.x, x, y]", [3, 2, 3]),
    ("function f(o) { with (o) { return function () { return x } } } f({x: 'w'})()", "w"),
    ("function f() { var x = 1; eval('var y = 2'); return x + y } f()", 3),
    ("function f() { var x = 1; function g() { return eval('x') } return g() } f()", 1),
    ("(function () { var x = 'in'; return eval('var x = \"e\"; x') + x })()", "ee"),
    ("(function () { 'use strict'; var x = 'in'; return eval('var x = \"e\"; x') + x })()", "ein"),
    ("eval('var ev = 1'); ev", 1),
    ("var x = 'g'; function f() { var x = 'l'; return (0, eval)('x') } f()", "g"),
    ("function f() { var x = 'l'; with ({}) { return eval('x') } } f()", "l"),
    ("function f(a) { arguments[0] = 5; return a } f(1)", 5),
    ("function f(a) { 'use strict'; arguments[0] = 5; return a } f(1)", 1),
    ("function f(a) { a = 7; return arguments[0] } f(1)", 7),
    ("function f() { return (() => eval('arguments[0]'))() } f(42)", 42),
    ("var o = {f: function () { return (() => () => this)()() }}; o.f() === o", True),
    ("var o = {f: function () { return (() => eval('this'))() }}; o.f() === o", True),
    ("var f = function g() { g = 1; return typeof g }; f()", "function"),
    ("var f = function g() { 'use strict'; try { g = 1 } catch (e) { return e.name } }; f()", "TypeError"),
    ("var r; { try { x } catch (e) { r = e instanceof ReferenceError } let x = 1 } r", True),
    ("function f() { g(); let y = 1; function g() { return y } } try { f() } catch (e) { e.name }", "ReferenceError"),
    ("function C(x) { this.x = x } C.prototype.get = function () { return this.x }; new C(4).get()", 4),
    ("var f = new Function('a', 'b', 'return a * b'); f(3, 4)", 12),
    ("var f = (a, b) => a + b; f(1, 2)", 3),
    ("function f(a, a) { return a } f(1, 2)", 2),
    ("var c = 0; for (const k in {a: 1, b: 2}) c++; c", 2),
    ("try { for (let x in x) {} } catch (e) { e.name }", "ReferenceError"),
    ("switch (1) { case 1: let x = 1; var f = () => x; } f()", 1),
    ("var s = ''; L: for (let i = 0; i < 3; i++) { var g = () => i; for (;;) { if (i == 1) continue L; break }"
     " s += g() } s", "02"),
    ("function f() { var r = []; with ({x: 1}) { function g() { return x } r.push(g()) } return r.join() } f()", "1"),
    ("var n = 0; function f() { for (var i = 0; i < 5; i++) { try { if (i == 3) return i } finally { n++ } } }"
     " f() * 10 + n", 34),
])
def test_behaviour(source, expected):
    assert run(source) == expected


@pytest.mark.parametrize("source, expected", [
    ("var i = 0; var a = [1, 2]; a[i++] += 10; [a, i]", [[11, 2], 1]),
    ("var o = {p: 1}; var v = o.p++; [v, o.p]", [1, 2]),
    ("var o = {p: 1}, k = 'p'; var v = o[k]++; [v, o.p, ++o[k], o[k]--, o.p]", [1, 2, 3, 3, 2]),
    ("var x = '5'; var y = x++; [typeof y, y, x]", ["number", 5, 6]),
    ("var a = 1; a += a += 2; a", 4),
    ("var x = 0; x || (x = 5); x", 5),
    ("[null ?? 'd', 0 ?? 'd', 1 && 2, 0 && 2, 0 || 3]", ["d", 0, 2, 0, 3]),
    ("`a${1 + 1}b${'c'}`", "a2bc"),
    ("var o = {get a() { return 1 }, set a(v) { this.b = v }, 1.0: 'one', 'q': 2}; o.a = 5; [o.a, o.b, o[1], o.q]",
     [1, 5, "one", 2]),
    ("var o = {__proto__: {z: 9}}; o.z", 9),
    ("[1,,3].length", 3),
    ("[typeof notDefined, delete notDefined]", ["undefined", True]),
    ("var x = 1; delete x", False),
    ("[-0 === 0, 1 / -0 < 0, -5, - -5]", [True, True, -5, 5]),
    ("'x' in {x: 1}", True),
    ("var o = {a: 1, b: 2}; var s = ''; for (var k in o) s += k; s", "ab"),
    ("var o = {}; for (o.k in {a: 1}); o.k", "a"),
    ("var s = 0; for (var i = 0; i < 5; i++) s += i; s", 10),
    ("var n = 0; do { n++; if (n < 3) continue; break } while (true); n", 3),
    ("var s = 0; for (var i = 0; i < 3; i++) { switch (i) { case 1: continue; } s += i } s", 2),
])
def test_expressions(source, expected):
    assert run(source) == expected


# ---- constants -------------------------------------------------------------

def test_numbers_and_constants():
    fc = compile_script("[1, -1, 8388607, 8388608, -8388608, -8388609, 1.5, -0, 0, 'a', 'a', 1.5]")
    pushes = [(n, a) for n, a in instructions(fc) if n in ("PUSH_INT", "PUSH_CONST")]
    assert pushes == [("PUSH_INT", 1), ("PUSH_INT", -1), ("PUSH_INT", 8388607),
                      ("PUSH_CONST", 8388608.0), ("PUSH_INT", -8388608), ("PUSH_CONST", -8388609.0),
                      ("PUSH_CONST", 1.5), ("PUSH_CONST", -0.0), ("PUSH_INT", 0),
                      ("PUSH_CONST", "a"), ("PUSH_CONST", "a"), ("PUSH_CONST", 1.5)]
    assert fc.consts.count("a") == 1 and fc.consts.count(1.5) == 1
    assert all(isinstance(k, float) for k in fc.consts if isinstance(k, (int, float)))


@pytest.mark.parametrize("key, name", [
    ("1.0", "1"), ("1e21", "1e+21"), ("0x10", "16"), ("1.5", "1.5"), ("0.000001", "0.000001"),
    ("1e-7", "1e-7"), ("'x'", "x"), ("y", "y"), ("123456789012345678901", "123456789012345680000"),
])
def test_object_literal_keys(key, name):
    fc = compile_script(f"({{{key}: 1}})")
    assert ("INIT_PROP", name) in instructions(fc)


def test_number_to_string():
    assert [number_to_string(x) for x in (0.1, -0.0, 1e100, 5e-324, float("nan"), -float("inf"))] == \
        ["0.1", "0", "1e+100", "5e-324", "NaN", "-Infinity"]


def test_regexp_literal():
    fc = compile_script("/a+b/gi")
    (pc, op, a, extras), = [i for i in bc.iter_instructions(fc.code) if i[1].name == "REGEXP"]
    assert fc.consts[a] == "a+b" and fc.consts[extras[0]] == "gi"


# ---- positions and sources -------------------------------------------------

def test_positions_follow_the_source():
    fc = compile_script("var o = {};\nfunction f(x) {\n  if (x)\n    return o.a.b(x,\n      2);\n}")
    f = inner(fc, "f")
    table = {pc: (line, col) for pc, line, col in f.positions}
    by_op = {}
    current = None
    for pc, op, _, _ in bc.iter_instructions(f.code):
        current = table.get(pc, current)
        by_op.setdefault(op.name, current)
    assert by_op["GET_ARG"] == (3, 6)
    assert by_op["CALL"] == (4, 11) and by_op["GET_METHOD"] == (4, 11)
    assert by_op["PUSH_INT"] == (5, 6)
    pcs = [pc for pc, _, _ in f.positions]
    assert pcs == sorted(set(pcs)) and pcs[0] == 0


def check_positions(fc: FunctionCode):
    for code in all_codes(fc):
        pcs = [pc for pc, _, _ in code.positions]
        assert pcs == sorted(set(pcs)) and all(0 <= pc < len(code.code) for pc in pcs)
        assert all(line >= 1 and column >= 0 for _, line, column in code.positions)


def test_positions_are_well_formed():
    check_positions(compile_eval("var x = 1;\nfunction f() { return x }", strict=True))
    check_positions(compile_function("a", "return a"))
    for path in BENCH:
        check_positions(compile_script(path.read_text(), str(path)))


def test_function_sources_and_names():
    src = "var f = function () { return 1 };\nvar o = { get x() { return 2 }, m() {} };\nfunction named(a) {}"
    fc = compile_script(src)
    anon = inner(fc, "f")                  # an anonymous function takes the name it is bound to
    assert anon.source == "function () { return 1 }" and (anon.line, anon.column) == (1, 8)
    assert inner(fc, "get x").source == "get x() { return 2 }"
    assert inner(fc, "m").source == "m() {}"
    assert inner(fc, "named").source == "function named(a) {}"
    assert inner(fc, "named").param_names == ["a"]
    assert inner(fc, "m").is_method and inner(fc, "get x").is_method and not anon.is_method
    assert (inner(fc, "m").line, inner(fc, "m").column) == (2, 32)


# ---- syntax errors ---------------------------------------------------------

@pytest.mark.parametrize("source, line, column", [
    ("var = 1;", 1, 4),
    ("x = 1;\ny = ;", 2, 4),
    ("break;", 1, 6),            # esprima points after some statements
    ("a: a: ;", 1, 5),
    ("while (1) continue foo;", 1, 22),
    ("return 1", 1, 6),
    ("1 = 2", 1, 1),
    ("'use strict'; with (a) {}", 1, 13),
    ("'use strict'; eval = 1", 1, 14),
    ("let x; let x;", 1, 11),
    ("f(...a)", 1, 2),           # parsed, but not supported yet
    ("class A {}", 1, 0),
])
def test_syntax_errors_have_positions(source, line, column):
    with pytest.raises(JSSyntaxError) as info:
        compile_script(source, "cell.js")
    e = info.value
    assert (e.line, e.column, e.filename) == (line, column, "cell.js")
    text = str(e).splitlines()
    assert text[0].startswith(f"cell.js:{line}:{column + 1}: SyntaxError: ")
    assert text[2].index("^") == column


def test_strict_eval_errors_point_into_the_eval_source():
    with pytest.raises(JSSyntaxError) as info:
        compile_eval("x = 1; with (a) {}", strict=True)
    assert (info.value.line, info.value.column) == (1, 6)
    assert info.value.source_line == "x = 1; with (a) {}"
    compile_eval("with (a) {}", strict=False)


def test_deep_nesting_is_a_syntax_error_not_a_crash():
    for source in ("(" * 5000 + "1" + ")" * 5000, "x" + ".a" * 12000, "{" * 20000 + "}" * 20000):
        with pytest.raises(JSSyntaxError):
            compile_script(source)
    compile_script("1" + " + 1" * 8000)                # long chains are fine


# ---- the assembler's stack check -------------------------------------------

def test_stack_effects_match_the_table():
    assert stack_effect(bc.CALL, 3) == (5, 1)
    assert stack_effect(bc.NEW_ARRAY, 4) == (4, 1)
    assert stack_effect(bc.TYPEOF, 0) == (1, 1)
    assert stack_effect(bc.GET_NAME_CALL, 0) == (0, 2)
    assert stack_effect(bc.INSERT3, 0) == (3, 4)
    branching = {op.code for op in bc.OPS if op.operand == "jump"}
    assert branching == set(BRANCH_EFFECTS)


def test_inconsistent_stack_is_a_compiler_bug():
    asm = Assembler("bad")
    label = Label()
    asm.emit(bc.PUSH_TRUE)
    asm.emit_jump(bc.JMP_TRUE, label)
    asm.emit(bc.PUSH_INT, 1)
    asm.bind(label)
    asm.emit(bc.RET_UNDEF)
    with pytest.raises(CompilerBug):
        asm.finish()


def test_max_stack():
    fc = compile_script("f(1, [2, 3, {a: 4}])")
    assert fc.max_stack == 7      # f this 1 2 3 {} 4


# ---- whole programs ----------------------------------------------------------

BENCH = sorted((SHARED / "bench").glob("*.js"))


@pytest.mark.skipif(not BENCH, reason="no benchmark programs")
@pytest.mark.parametrize("path", BENCH, ids=lambda p: p.name)
def test_benchmarks_compile(path):
    fc = compile_script(path.read_text(), str(path))
    for code in all_codes(fc):
        assert code.max_stack >= 1 or len(code.code) <= 2


def _unpacked_test262():
    """A test262 tree the conformance runner already unpacked, if any."""
    candidates = [os.environ.get("GLASSJS_TEST262_DIR", "")]
    repo_build = pathlib.Path(__file__).resolve().parents[2] / "build" / "test262"
    candidates += [str(p) for p in sorted(repo_build.glob("*"))] + [str(repo_build)]
    for candidate in filter(None, candidates):
        root = pathlib.Path(candidate)
        if (root / "harness" / "assert.js").exists() and (root / "test").is_dir():
            return root
    return None


@pytest.fixture(scope="session")
def test262(tmp_path_factory):
    """The test262 files the tests need: an unpacked tree, or extracted once per session."""
    unpacked = _unpacked_test262()
    if unpacked is not None:
        return unpacked
    if not T262_ARCHIVE.exists():
        pytest.skip("test262 archive not available")
    wanted = set(l.strip() for l in (SHARED / "test262" / "es5id.txt").read_text().split())
    root = tmp_path_factory.mktemp("t262")
    with tarfile.open(T262_ARCHIVE) as tar:
        members = []
        for m in tar:
            rel = m.name.split("/", 1)[1] if "/" in m.name else m.name
            if m.isfile() and (rel.startswith("harness/") or rel in wanted):
                m.name = rel
                members.append(m)
        tar.extractall(root, members=members, filter="data")
    return root


ES5_HARNESS = ["assert.js", "sta.js", "propertyHelper.js", "compareArray.js", "decimalToHexString.js",
               "fnGlobalObject.js", "nativeFunctionMatcher.js", "isConstructor.js", "tcoHelper.js"]


def test_test262_harness_compiles(test262):
    for name in ES5_HARNESS:
        compile_script((test262 / "harness" / name).read_text(), name)


def test_test262_es5(test262):
    """Every positive ES5 test compiles (sloppy and strict); every early error is rejected.

    A sample of one test in five by default; GLASSJS_T262_ALL=1 runs all.
    """
    names = (SHARED / "test262" / "es5id.txt").read_text().split()
    if not os.environ.get("GLASSJS_T262_ALL"):
        names = names[::5]
    failures = []
    for name in names:
        source = (test262 / name).read_text(encoding="utf-8")
        meta = re.search(r"/\*---(.*?)---\*/", source, re.S).group(1)
        flags = re.search(r"flags:\s*\[(.*?)\]", meta)
        flags = {f.strip() for f in flags.group(1).split(",")} if flags else set()
        negative = re.search(r"negative:\s*\n\s*phase:\s*parse", meta) is not None
        modes = ["raw"] if "raw" in flags else \
            [m for m in ("sloppy", "strict") if not (m == "sloppy" and "onlyStrict" in flags)
             and not (m == "strict" and "noStrict" in flags)]
        for mode in modes:
            text = '"use strict";\n' + source if mode == "strict" else source
            try:
                compile_script(text, name)
                ok = not negative
            except JSSyntaxError:
                ok = negative
            if not ok:
                failures.append(f"{name} ({mode})")
    assert failures == []
