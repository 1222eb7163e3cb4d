"""Eval code that is nothing or one literal, compiled without the parser.

Code like ``eval("/" + c + "/")`` or ``eval("/*" + c + "*/")`` in a loop is
dominated by the fixed cost of the front end (esprima's parser set-up, its
validation pass, our resolver and code generator: ~60 us), not by the code.
This scanner recognises the smallest programs -- only whitespace and
comments, plus at most one literal (a RegExp, a decimal integer, a string
without escapes, true/false/null) and an optional ``;`` -- and emits the same
FunctionCode the full compiler would (tests/compiler/test_trivial.py checks
that instruction for instruction, positions included).  Anything it is not
sure about returns None and takes the normal path, which also produces every
error message.
"""
from __future__ import annotations

from glassjs.engine import bytecode as bc

from .assembler import is_small_int
from .function_code import KIND_EVAL, FunctionCode
from .parser import LINE_TERMINATORS, WHITE_SPACE, regexp_is_valid

_DIGITS = "0123456789"
_FLAG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_KEYWORDS = {"true": True, "false": False, "null": None}
_MAX_DIGITS = 15            # exactly representable: no rounding question


class _Scan:
    """Position bookkeeping as esprima does it: 1-based lines (0 for an empty
    source), columns in code points from the line start, CR LF one break."""

    def __init__(self, source: str):
        self.s = source
        self.i = 0
        self.line = 1 if source else 0
        self.line_start = 0

    def pos(self):
        return self.line, self.i - self.line_start

    def newline(self) -> None:
        s, i = self.s, self.i
        if s[i] == "\r" and s[i + 1:i + 2] == "\n":
            i += 1
        self.i = i + 1
        self.line += 1
        self.line_start = self.i

    def skip_trivia(self) -> bool:
        """Skip whitespace and comments; False if a comment is unterminated."""
        s, n = self.s, len(self.s)
        while self.i < n:
            ch = s[self.i]
            if ch in WHITE_SPACE:
                self.i += 1
            elif ch in LINE_TERMINATORS:
                self.newline()
            elif ch == "/" and s[self.i + 1:self.i + 2] == "/":
                self.i += 2
                while self.i < n and s[self.i] not in LINE_TERMINATORS:
                    self.i += 1
            elif ch == "/" and s[self.i + 1:self.i + 2] == "*":
                self.i += 2
                while True:
                    if self.i >= n:
                        return False
                    c = s[self.i]
                    if c == "*" and s[self.i + 1:self.i + 2] == "/":
                        self.i += 2
                        break
                    if c in LINE_TERMINATORS:
                        self.newline()
                    else:
                        self.i += 1
            else:
                break
        return True

    def at_boundary(self) -> bool:
        """The token just scanned cannot continue: end, space or `;`.  (Not a
        comment: esprima's node ends after a comment that touches the token.)"""
        s, i = self.s, self.i
        if i >= len(s):
            return True
        ch = s[i]
        return ch in WHITE_SPACE or ch in LINE_TERMINATORS or ch == ";"

    def literal(self):
        """Scan one literal at self.i -> ("regexp", (pattern, flags)) |
        ("value", python value) | None."""
        s, n, start = self.s, len(self.s), self.i
        ch = s[start]
        if ch == "/":
            i, in_class = start + 1, False
            while True:
                if i >= n or s[i] in LINE_TERMINATORS:
                    return None
                c = s[i]
                if c == "\\":
                    if i + 1 >= n or s[i + 1] in LINE_TERMINATORS:
                        return None
                    i += 2
                    continue
                i += 1
                if in_class:
                    in_class = c != "]"
                elif c == "[":
                    in_class = True
                elif c == "/":
                    break
            pattern = s[start + 1:i - 1]
            j = i
            while j < n and s[j] in _FLAG_CHARS:
                j += 1
            flags = s[i:j]
            self.i = j
            if not self.at_boundary() or not regexp_is_valid(pattern, flags):
                return None
            return "regexp", (pattern, flags)
        if ch in _DIGITS:
            j = start
            while j < n and s[j] in _DIGITS:
                j += 1
            digits = s[start:j]
            if (len(digits) > 1 and digits[0] == "0") or len(digits) > _MAX_DIGITS:
                return None             # legacy octal / huge: the parser's business
            self.i = j
            return ("value", float(int(digits))) if self.at_boundary() else None
        if ch == '"' or ch == "'":
            j = start + 1
            while j < n and s[j] != ch:
                if s[j] == "\\" or s[j] in LINE_TERMINATORS:
                    return None
                j += 1
            if j >= n:
                return None
            text = s[start + 1:j]
            if text == "use strict":    # a directive: changes the code's strictness
                return None
            self.i = j + 1
            return ("value", text) if self.at_boundary() else None
        for word, value in _KEYWORDS.items():
            if s.startswith(word, start):
                self.i = start + len(word)
                return ("value", value) if self.at_boundary() else None
        return None


def compile_trivial_eval(source: str, strict: bool, filename: str):
    """The FunctionCode of eval code ``source`` if it is trivial, else None."""
    sc = _Scan(source)
    if not sc.skip_trivia():
        return None
    literal = None
    if sc.i < len(source):
        start = token = sc.pos()
        start_index = sc.i
        literal = sc.literal()
        if literal is None:
            return None
        end, end_index = sc.pos(), sc.i
        if not sc.skip_trivia():
            return None
        if sc.i < len(source) and source[sc.i] == ";":
            sc.i += 1
            end, end_index = sc.pos(), sc.i
            if not sc.skip_trivia():
                return None
        if sc.i < len(source):
            return None
    else:
        start = end = token = sc.pos()  # esprima: an empty program sits at the end
        start_index = end_index = sc.i
    if strict:
        # parsed behind '"use strict";', which then comes off: the program
        # starts at 0, and an empty one ends where the directive did
        if literal is None:
            start = end = (1, 0)
            start_index = end_index = 0
        else:
            start, start_index = (1, 0), 0

    # the code is fixed, so it is written out rather than assembled:
    # [<literal>; PUT_LOC 0;] GET_LOC 0; RET -- local 0 is the completion value
    code, consts, positions = [], [], [(0, token[0], token[1])]
    if literal is not None:
        kind, value = literal
        if kind == "regexp":
            consts = [value[0]] if value[0] == value[1] else [value[0], value[1]]
            code += [bc.encode(bc.REGEXP, 0), len(consts) - 1]
        elif value is None:
            code.append(bc.encode(bc.PUSH_NULL))
        elif value is True:
            code.append(bc.encode(bc.PUSH_TRUE))
        elif value is False:
            code.append(bc.encode(bc.PUSH_FALSE))
        elif isinstance(value, str):
            consts = [value]
            code.append(bc.encode(bc.PUSH_CONST, 0))
        elif is_small_int(value):
            code.append(bc.encode(bc.PUSH_INT, int(value)))
        else:
            consts = [value]
            code.append(bc.encode(bc.PUSH_CONST, 0))
        code.append(bc.encode(bc.PUT_LOC, 0))
    last = (end[0], max(end[1] - 1, 0))      # the trailing GET_LOC/RET map to the end
    if last != token:
        if code:
            positions.append((len(code), last[0], last[1]))
        else:
            positions = [(0, last[0], last[1])]
    code += [bc.encode(bc.GET_LOC, 0), bc.encode(bc.RET)]
    return FunctionCode(name="", kind=KIND_EVAL, filename=filename, strict=strict,
                        nlocals=1, local_names=[""], code=code, consts=consts,
                        positions=positions, max_stack=1,
                        line=start[0], column=start[1],
                        source=source[start_index:end_index])
