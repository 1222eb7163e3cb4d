"""The glassjs compiler: JavaScript source -> ``FunctionCode`` (see docs/compiler.md).

    compile_script(source, filename)            global code, kind "script"
    compile_eval(source, strict, filename, direct)   eval code, kind "eval"
    compile_function(params, body, filename)    the Function constructor: the
                                                function itself, kind "function"

Each raises ``JSSyntaxError`` for invalid (or not yet supported) syntax; no
Python exception of another kind escapes for any input string.
"""
from __future__ import annotations

from .codegen import CompileUnit, FunctionCompiler
from .errors import CompilerBug, JSSyntaxError
from .function_code import KIND_EVAL, KIND_FUNCTION, KIND_SCRIPT, FunctionCode
from .parser import ensure_recursion_limit, parse_eval, parse_function, parse_script, syntax_error
from .resolver import Resolver
from .trivial import compile_trivial_eval

__all__ = ["compile_script", "compile_eval", "compile_function", "JSSyntaxError",
           "CompilerBug", "FunctionCode"]


def _error_factory(source: str, filename: str):
    def make(message: str, node) -> JSSyntaxError:
        start = node.loc.start if node is not None and node.loc is not None else None
        line, column = (start.line, start.column) if start else (1, 0)
        return syntax_error(message, source, filename, line, column)
    return make


def _guard_depth(source: str, filename: str, work):
    """Run ``work``; turn running out of Python stack into a SyntaxError."""
    ensure_recursion_limit()
    try:
        return work()
    except RecursionError:
        raise syntax_error("code is too deeply nested", source, filename, 1, 0) from None


def compile_script(source: str, filename: str = "<input>") -> FunctionCode:
    """Compile global code; the code returns its completion value."""
    program = parse_script(source, filename)

    def work():
        error = _error_factory(source, filename)
        analysis = Resolver(error).analyse_program(program, KIND_SCRIPT)
        unit = CompileUnit(source, filename, analysis, error)
        return FunctionCompiler(unit, analysis.top, program, "", KIND_SCRIPT).compile_toplevel(program)

    return _guard_depth(source, filename, work)


def compile_eval(source: str, strict: bool, filename: str = "<eval>",
                 direct: bool = True, trivial: bool = True) -> FunctionCode:
    """Compile eval code.

    ``strict``: the direct-eval caller is strict (ignored for indirect eval,
    which starts sloppy).  Sloppy direct eval declares its vars and functions
    in the caller's variable environment (DECL_VAR / DECL_FUNC) and reaches
    every name by GET_NAME; strict eval code keeps them to itself.
    ``trivial``: let trivial.py compile nothing-or-one-literal code without
    the parser (False: always the full compiler; the tests compare both).
    """
    strict = strict and direct
    if trivial:
        code = compile_trivial_eval(source, strict, filename)
        if code is not None:        # nothing or one literal: no parser needed
            return code
    program = parse_eval(source, strict, filename)

    def work():
        error = _error_factory(source, filename)
        analysis = Resolver(error).analyse_program(
            program, KIND_EVAL, strict=strict, direct_eval=direct)
        unit = CompileUnit(source, filename, analysis, error)
        return FunctionCompiler(unit, analysis.top, program, "", KIND_EVAL).compile_toplevel(program)

    return _guard_depth(source, filename, work)


def compile_function(params: str, body: str, filename: str = "<Function>") -> FunctionCode:
    """Compile ``new Function(params..., body)``: returns the function's own code.

    The VM makes the closure in the global environment.  Its ``source`` is
    ``function anonymous(<params>\\n) {\\n<body>\\n}``, the text positions
    refer to, and its name is "anonymous".
    """
    node, source = parse_function(params, body, filename)

    def work():
        error = _error_factory(source, filename)
        analysis = Resolver(error).analyse_function_constructor(node)
        unit = CompileUnit(source, filename, analysis, error)
        fn = analysis.functions[id(node)]
        return FunctionCompiler(unit, fn, node, "anonymous", KIND_FUNCTION).compile_function()

    return _guard_depth(source, filename, work)
