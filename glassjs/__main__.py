"""Command line: `python -m glassjs run FILE.js`, `-e CODE`, `-p CODE`, `dis FILE.js`, or a REPL.

Uncaught exceptions print a JavaScript-style report (location, source line,
caret, name: message, stack) on stderr and exit with status 1.
"""
from __future__ import annotations

import argparse
import sys

from glassjs.engine.errors import JSError, JSInterrupted, undefined


def _engine(args):
    from glassjs import Engine
    kwargs = {}
    if getattr(args, "memory_limit", None):
        kwargs["memory_limit"] = args.memory_limit
    if getattr(args, "profile", None):
        kwargs["profile"] = args.profile
    return Engine(**kwargs)


def format_error(exc: JSError, source: str | None = None) -> str:
    """file:line:col, the offending line with a caret, then the JS stack."""
    lines = []
    if exc.filename and exc.line:
        col = exc.column or 0
        # parse errors carry 0-based columns, runtime stacks 1-based
        caret_col = col if exc.phase == "parse" else max(col - 1, 0)
        lines.append(f"{exc.filename}:{exc.line}:{caret_col + 1}")
        if source is not None:
            src_lines = source.splitlines()
            if 0 < exc.line <= len(src_lines):
                text = src_lines[exc.line - 1]
                lines.append(text)
                lines.append(" " * caret_col + "^")
        lines.append("")
    if exc.phase == "parse":
        lines.append(f"{exc.name}: {exc.message}")
    else:
        lines.append(exc.stack or f"{exc.name}: {exc.message}")
    return "\n".join(lines)


def run_source(engine, source: str, filename: str, print_result: bool = False) -> int:
    try:
        value = engine.eval(source, filename=filename)
    except JSError as exc:
        sys.stdout.flush()
        print("Uncaught " + format_error(exc, source), file=sys.stderr)
        return 1
    except (JSInterrupted, KeyboardInterrupt):
        print("Interrupted", file=sys.stderr)
        return 130
    if print_result:
        print(show(engine, value))
    return 0


def show(engine, value) -> str:
    """Node-like rendering of a value (the REPL's and -p's output)."""
    try:
        from glassjs.engine.builtins.inspect import inspect
        return inspect(engine, value)
    except ImportError:
        if value is undefined:
            return "undefined"
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
        return repr(value)


def repl(engine) -> int:
    print("glassjs REPL — Ctrl-D to exit, Ctrl-C to interrupt running code")
    buffer = ""
    while True:
        try:
            line = input("... " if buffer else "> ")
        except EOFError:
            print()
            return 0
        except KeyboardInterrupt:
            print()
            buffer = ""
            continue
        buffer += line + "\n"
        if _incomplete(buffer):
            continue
        source, buffer = buffer, ""
        try:
            value = engine.eval(source, filename="<repl>")
            print(show(engine, value))
        except JSError as exc:
            print("Uncaught " + format_error(exc, source), file=sys.stderr)
        except (JSInterrupted, KeyboardInterrupt):
            print("Interrupted", file=sys.stderr)


def _incomplete(source: str) -> bool:
    """True when the parser only failed because the input ended early."""
    from glassjs.engine.compiler import JSSyntaxError, compile_script
    try:
        compile_script(source, "<repl>")
    except JSSyntaxError as exc:
        return "end of input" in exc.message.lower() or "unterminated" in exc.message.lower()
    return False


def disassemble(engine, path: str) -> int:
    from glassjs.engine.compiler import compile_script
    source = open(path, encoding="utf-8").read()
    fc = compile_script(source, path)

    def walk(code, depth=0):
        print(f"== {code.name or '<script>'} (params {code.nparams}, locals {code.nlocals}, "
              f"max stack {code.max_stack}) ==")
        print(code.disassemble())
        print()
        for k in code.consts:
            if hasattr(k, "code") and hasattr(k, "consts"):
                walk(k, depth + 1)
    walk(fc)
    return 0


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m glassjs", description=__doc__)
    parser.add_argument("-e", "--eval", metavar="CODE", help="run CODE")
    parser.add_argument("-p", "--print", metavar="CODE", help="run CODE and print its value")
    parser.add_argument("--memory-limit", type=int, help="arena size limit in bytes")
    from glassjs.engine.profiles import PROFILES
    parser.add_argument("--profile", choices=list(PROFILES), help="engine profile (docs/profiles.md)")
    parser.add_argument("command", nargs="?", help="run FILE.js | dis FILE.js | footprint")
    parser.add_argument("file", nargs="?")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    if args.eval is not None or args.print is not None:
        return run_source(_engine(args), args.eval if args.eval is not None else args.print,
                          "<command line>", print_result=args.print is not None)
    if args.command is None:
        return repl(_engine(args))
    if args.command in ("run", "dis") and not args.file:
        parser.error(f"{args.command} needs a FILE.js")
    if args.command == "run":
        with open(args.file, encoding="utf-8") as f:
            return run_source(_engine(args), f.read(), args.file)
    if args.command == "dis":
        return disassemble(_engine(args), args.file)
    if args.command == "footprint":
        from glassjs.engine.footprint import main as footprint_main
        return footprint_main()
    if args.command.endswith(".js") and args.file is None:
        with open(args.command, encoding="utf-8") as f:
            return run_source(_engine(args), f.read(), args.command)
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
