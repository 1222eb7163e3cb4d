"""The parser adapter: the only module that imports esprima.

Everything else sees plain ESTree nodes (attribute access; a missing
attribute reads as None) whose ``range`` indexes the Python source string
and whose ``loc`` has 1-based lines and 0-based columns, both counted in
code points (esprima's "scalar" position encoding), so slicing the source
and drawing carets agree.
"""
from __future__ import annotations

import re
import sys

import esprima
from esprima.character import LINE_TERMINATOR, WHITE_SPACE
from esprima.regexp_validator import validate_regexp

from .astutil import LINE_BREAK
from .errors import JSSyntaxError

_OPTIONS = {"loc": True, "range": True, "tolerant": False, "positionEncoding": "scalar"}
_STRICT_PREFIX = '"use strict";'

# esprima is a recursive-descent parser and the code generator recurses over
# the tree; deep but legal nesting needs more than Python's default 1000.
RECURSION_LIMIT = 20000


# for trivial.py, which scans the smallest programs itself: the parser's own
# character classes and RegExp validator, so both paths accept the same text
LINE_TERMINATORS = frozenset(LINE_TERMINATOR)
WHITE_SPACE = frozenset(WHITE_SPACE)
_ECMA_VERSION = 2026            # esprima-fork's default, which _parse uses


def regexp_is_valid(pattern: str, flags: str) -> bool:
    try:
        validate_regexp(pattern, flags, _ECMA_VERSION)
    except Exception:
        return False
    return True


def ensure_recursion_limit() -> None:
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)


def source_line(source: str, line: int) -> str:
    lines = LINE_BREAK.split(source)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def syntax_error(message: str, source: str, filename: str, line: int, column: int) -> JSSyntaxError:
    return JSSyntaxError(message, filename, line, max(column, 0), source_line(source, line))


def _parse(source: str, filename: str):
    ensure_recursion_limit()
    try:
        return esprima.parseScript(source, _OPTIONS)
    except esprima.Error as e:
        message = re.sub(r"^Line \d+: ", "", str(e.message))
        line = e.lineNumber or 1
        # esprima's error columns are 1-based
        raise syntax_error(message, source, filename, line, (e.column or 1) - 1) from None
    except RecursionError:
        raise syntax_error("code is too deeply nested", source, filename, 1, 0) from None


def parse_script(source: str, filename: str = "<input>"):
    return _parse(source, filename)


def parse_eval(source: str, strict: bool, filename: str = "<eval>"):
    """Eval code; ``strict`` is the strictness inherited from a direct eval's caller.

    esprima has no option for "parse as strict", so strict eval code is
    parsed behind a ``"use strict";`` prefix that is then taken off the tree
    again (positions on line 1 shift back by its length).
    """
    if not strict:
        return _parse(source, filename)
    shift = len(_STRICT_PREFIX)
    try:
        program = _parse(_STRICT_PREFIX + source, filename)
    except JSSyntaxError as e:
        if e.line == 1:
            e.column = max(e.column - shift, 0)
        e.source_line = source_line(source, e.line)
        raise
    del program.body[0]
    _shift_positions(program, shift)
    return program


def _shift_positions(root, shift: int) -> None:
    stack = [root]
    seen = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        # the Program node itself started inside the prefix: clamp to 0
        if node.range is not None:
            node.range = [max(node.range[0] - shift, 0), max(node.range[1] - shift, 0)]
        if node.loc is not None:
            for point in (node.loc.start, node.loc.end):
                if point.line == 1:
                    point.column = max(point.column - shift, 0)
        for value in vars(node).values():
            if isinstance(value, list):
                stack.extend(v for v in value if _is_node(v))
            elif _is_node(value):
                stack.append(value)


def _is_node(value) -> bool:
    return isinstance(value, esprima.nodes.Node)


def function_source(params: str, body: str) -> str:
    """The source text the Function constructor gives its function (ES2019)."""
    return f"function anonymous({params}\n) {{\n{body}\n}}"


def parse_function(params: str, body: str, filename: str = "<Function>"):
    """Parse ``new Function(params, body)``: returns (function node, its source).

    The text is parsed as one declaration; checking that the parameters and
    the body each ended where their own text ends rejects injections such as
    a body of ``}); evil(); (function(){``.
    """
    source = function_source(params, body)
    program = _parse(source, filename)
    body_start = len(f"function anonymous({params}\n) ")
    ok = (len(program.body) == 1
          and program.body[0].type == "FunctionDeclaration"
          and program.body[0].body.range[0] == body_start
          and program.body[0].range[1] == len(source))
    if not ok:
        raise syntax_error("malformed Function constructor arguments", source, filename, 1, 0)
    return program.body[0], source
