"""Uncaught exceptions as Jupyter error content: ename, evalue, traceback lines.

The traceback reads like Node's report of an uncaught exception: where it
happened (cell-relative ``<cell N>:line``), that source line with a caret,
then the JavaScript stack.  Frames in earlier cells resolve too, because the
shell keeps every cell's source by its filename.
"""
from __future__ import annotations

import re

RED, BOLD, CYAN, RESET = "\x1b[31m", "\x1b[1m", "\x1b[36m", "\x1b[0m"
FRAME_RE = re.compile(r"^\s+at (?:(?P<function>.*?) \()?(?P<file>[^()]+?):(?P<line>\d+):(?P<column>\d+)\)?\s*$")
MAX_FRAMES = 30
WINDOW = 100


class ErrorReport:
    """ename / evalue / traceback of one failed cell."""

    def __init__(self, ename: str, evalue: str, traceback: list[str]):
        self.ename, self.evalue, self.traceback = ename, evalue, traceback

    def content(self) -> dict:
        return {"ename": self.ename, "evalue": self.evalue, "traceback": self.traceback}


def parse_frames(stack: str) -> list[dict]:
    """The '    at f (file:line:col)' lines of a JS stack as dicts."""
    frames = []
    for line in (stack or "").split("\n"):
        m = FRAME_RE.match(line)
        if m:
            frames.append({"function": m.group("function") or "", "file": m.group("file"),
                           "line": int(m.group("line")), "column": int(m.group("column"))})
    return frames


def source_excerpt(sources: dict, filename: str, line: int, column0: int) -> list[str]:
    """['<cell 3>:2', '  source line', '     ^'] or [] when the source is unknown."""
    source = sources.get(filename)
    if source is None:
        return []
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return []
    text, col = _window(lines[line - 1], max(column0, 0))
    caret = "".join(c if c == "\t" else " " for c in text[:col]) + "^"
    return [f"{CYAN}{filename}:{line}{RESET}", text, f"{RED}{caret}{RESET}", ""]


def _window(text: str, column: int):
    if len(text) <= WINDOW:
        return text, column
    start = max(0, min(column - WINDOW // 2, len(text) - WINDOW))
    cut = text[start:start + WINDOW]
    if start:
        cut, column = "..." + cut, column + 3
    if start + WINDOW < len(text):
        cut += "..."
    return cut, column - start


def collapse_stack(stack: str) -> list[str]:
    """Stack lines with the kernel's own helper frames (<glassjs ...>) left out, runs of one
    repeated frame folded (deep recursion), and a cap on length."""
    out, prev, repeats = [], None, 0
    for line in stack.split("\n"):
        if line.startswith("    at ") and "(<glassjs " in line:
            continue
        if line == prev and line.startswith("    at "):
            repeats += 1
            continue
        if repeats:
            out.append(f"    ... previous frame repeated {repeats} more time{'s' if repeats > 1 else ''}")
        out.append(line)
        prev, repeats = line, 0
    if repeats:
        out.append(f"    ... previous frame repeated {repeats} more time{'s' if repeats > 1 else ''}")
    frames = [i for i, line in enumerate(out) if line.startswith("    ")]
    if len(frames) > MAX_FRAMES:
        cut = frames[MAX_FRAMES]
        out = out[:cut] + [f"    ... {len(frames) - MAX_FRAMES} more frames"]
    return out


def report_js_error(exc, sources: dict, describe_value=None, is_error=None) -> ErrorReport:
    """An ErrorReport for a glassjs.JSError.

    describe_value(v) -> str renders a thrown non-Error value (util.inspect);
    is_error(v) -> bool tells an Error object (instanceof Error) from other thrown values.
    """
    if exc.phase == "parse":
        tb = source_excerpt(sources, exc.filename or "", exc.line or 0, exc.column or 0)
        if not tb and exc.filename and exc.line:
            tb = [f"{CYAN}{exc.filename}:{exc.line}:{(exc.column or 0) + 1}{RESET}", ""]
        return ErrorReport(exc.name, exc.message, tb + [f"{RED}{BOLD}{exc.name}{RESET}: {exc.message}"])
    value = exc.value
    thrown_error = value is None or (is_error(value) if is_error else True)
    if not thrown_error:
        text = describe_value(value) if describe_value else str(value)
        return ErrorReport("Uncaught", text, [f"{RED}{BOLD}Uncaught{RESET} {text}"])
    stack = collapse_stack(exc.stack or f"{exc.name}: {exc.message}")
    tb = []
    for frame in parse_frames(exc.stack or ""):
        tb = source_excerpt(sources, frame["file"], frame["line"], frame["column"] - 1)
        if tb:
            break
    head = f"{exc.name}: {exc.message}" if exc.message else exc.name
    if stack and stack[0] == head:
        stack[0] = f"{RED}{BOLD}{exc.name}{RESET}" + (f": {exc.message}" if exc.message else "")
    return ErrorReport(exc.name, exc.message, tb + stack)


def report_interrupt() -> ErrorReport:
    return ErrorReport("KeyboardInterrupt", "execution interrupted; every variable is kept",
                       [f"{RED}{BOLD}KeyboardInterrupt{RESET}: execution interrupted; every variable is kept"])


def report_timeout(seconds: float) -> ErrorReport:
    msg = f"the cell ran longer than the {seconds:g} s time limit and was stopped; variables are kept"
    return ErrorReport("TimeoutError", msg, [f"{RED}{BOLD}TimeoutError{RESET}: {msg}"])


def report_internal(exc: BaseException) -> ErrorReport:
    """A Python exception out of the engine: a bug, but the kernel keeps going."""
    import traceback
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    msg = f"{type(exc).__name__}: {exc}"
    return ErrorReport("InternalError", msg,
                       [f"{RED}{BOLD}InternalError{RESET}: the engine failed ({msg}); the kernel keeps running",
                        ""] + "".join(lines).rstrip().split("\n"))
