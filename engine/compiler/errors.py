"""Errors the compiler raises: JavaScript syntax errors, and internal bugs."""
from __future__ import annotations


class JSSyntaxError(Exception):
    """A JavaScript SyntaxError (or early error) found before any code ran.

    ``line`` is 1-based and ``column`` 0-based (like the positions table);
    ``str()`` prints ``file:line:col`` with a 1-based column, the editor
    convention, then the offending source line and a caret under the column.
    """

    def __init__(self, message: str, filename: str = "<input>", line: int = 1,
                 column: int = 0, source_line: str = ""):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.source_line = source_line

    def __str__(self) -> str:
        text = f"{self.filename}:{self.line}:{self.column + 1}: SyntaxError: {self.message}"
        if self.source_line:
            caret = "".join(c if c == "\t" else " " for c in self.source_line[:self.column])
            text += f"\n{self.source_line}\n{caret}^"
        return text


class CompilerBug(Exception):
    """The compiler produced inconsistent code (a bug here, not in the input)."""
