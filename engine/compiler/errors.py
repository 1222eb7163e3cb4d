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
            line, column = _window(self.source_line, self.column)
            caret = "".join(c if c == "\t" else " " for c in line[:column])
            text += f"\n{line}\n{caret}^"
        return text


def _window(line: str, column: int, width: int = 100):
    """A long source line cut to ``width`` characters around ``column``."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - width // 2, len(line) - width))
    cut = line[start:start + width]
    if start > 0:
        cut = "..." + cut
        column += 3
    if start + width < len(line):
        cut += "..."
    return cut, column - start


class CompilerBug(Exception):
    """The compiler produced inconsistent code (a bug here, not in the input)."""
