"""complete_request, inspect_request and is_complete_request, over a Shell.

Only plain dotted identifier chains (``a.b.c``) are ever resolved, through
the probe's descriptor walk: no call, no getter, no user code runs while
the user types.
"""
from __future__ import annotations

import re

import glassjs
from glassjs.engine.compiler import JSSyntaxError, compile_script
from glassjs.kernel.signatures import SIGNATURES

KEYWORDS = ("break", "case", "catch", "const", "continue", "debugger", "default", "delete", "do",
            "else", "false", "finally", "for", "function", "if", "in", "instanceof", "let", "new",
            "null", "return", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
            "while", "with")
_NAME_CHAR = re.compile(r"[\w$]")
_CHAIN_AT_END = re.compile(r"((?:[A-Za-z_$][\w$]*\s*\.\s*)*)([A-Za-z_$][\w$]*)?$")
TYPES_KEY = "_jupyter_types_experimental"


# --- completion -----------------------------------------------------------------------------

def complete(shell, code: str, cursor_pos: int) -> dict:
    before = code[:cursor_pos]
    m = _CHAIN_AT_END.search(before)
    chain_text, prefix = (m.group(1), m.group(2) or "") if m else ("", "")
    start = cursor_pos - len(prefix)
    reply = {"matches": [], "cursor_start": start, "cursor_end": cursor_pos, "metadata": {},
             "status": "ok"}
    head = before[:m.start()] if m else before
    if _in_string_or_comment(head) or (not chain_text and not prefix):
        return reply
    chain = [p.strip() for p in chain_text.split(".")[:-1]] if chain_text else []
    if head.rstrip().endswith("."):
        receiver = literal_receiver(head.rstrip()[:-1])
        if receiver is None:                     # f().x, a[0].x: not evaluated
            return reply
        chain = receiver + chain
    try:
        if chain:
            state, value = shell.probe.resolve(chain)
            if state != "value":
                return reply
            names = shell.probe.names(value)
        else:
            names = shell.probe.global_names() + [(k, "keyword") for k in KEYWORDS]
    except glassjs.JSError:
        return reply
    seen = set()
    found = []
    for name, typ in names:
        if name.startswith(prefix) and name not in seen:
            seen.add(name)
            found.append((name, _completion_type(name, typ)))
    if not chain:
        found.sort(key=lambda nt: (nt[0].startswith("_"), nt[0].lower(), nt[0]))
    reply["matches"] = [n for n, _ in found]
    reply["metadata"][TYPES_KEY] = [{"start": start, "end": cursor_pos, "text": n, "type": t,
                                     "signature": ""} for n, t in found]
    return reply


def literal_receiver(text: str):
    """The prototype chain standing for the literal that text ends with: `[...]`, a string, a number."""
    text = text.rstrip()
    if text.endswith("]") and not re.search(r"[\w$)\]]\s*\[[^\[\]]*\]$", text):
        return ["Array", "prototype"]
    if text[-1:] in ("'", '"', "`"):
        return ["String", "prototype"]
    if re.search(r"(?<![\w$.])\(?\d+(\.\d*)?\)?$", text) and text.endswith(")"):
        return ["Number", "prototype"]
    return None


def _completion_type(name: str, typ: str) -> str:
    if typ == "function" and name[:1].isupper():
        return "class"
    return {"getter": "property"}.get(typ, typ)


def _in_string_or_comment(text: str) -> bool:
    """Rough lexer state at the end of text: inside a quote or a comment?"""
    quote = None
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote or (c == "\n" and quote != "`"):
                quote = None
        elif c in "'\"`":
            quote = c
        elif text.startswith("//", i):
            j = text.find("\n", i)
            if j < 0:
                return True
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                return True
            i = j + 1
        i += 1
    return quote is not None


# --- inspection -----------------------------------------------------------------------------

def token_at(code: str, cursor_pos: int) -> list[list[str]]:
    """Candidate chains to inspect: the dotted name under the cursor, then the callee of the
    call the cursor is in.  A chain on a literal starts from its prototype:
    ``[1].map`` -> Array.prototype.map.
    """
    found = []
    name = _name_at(code, cursor_pos)
    if name:
        found.append(name)
    callee = _callee_at(code, cursor_pos)
    if callee and callee not in found:
        found.append(callee)
    return found


def _name_at(code: str, cursor_pos: int) -> list[str]:
    cursor_pos = max(0, min(cursor_pos, len(code)))
    i = cursor_pos
    while i > 0 and (_NAME_CHAR.match(code[i - 1]) or code[i - 1] == "."):
        i -= 1
    j = cursor_pos
    while j < len(code) and _NAME_CHAR.match(code[j]):
        j += 1
    token = code[i:j]
    if re.fullmatch(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*", token):
        return token.split(".")
    if re.fullmatch(r"\.[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*", token):
        receiver = literal_receiver(code[:i])
        return receiver + token[1:].split(".") if receiver else []
    return []


def _callee_at(code: str, cursor_pos: int) -> list[str]:
    cursor_pos = max(0, min(cursor_pos, len(code)))
    depth = 0
    for k in range(cursor_pos - 1, -1, -1):
        c = code[k]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                m = re.search(r"(\.?\s*[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*$", code[:k])
                if not m:
                    return []
                callee = re.sub(r"\s+", "", m.group(1))
                if callee.startswith("."):
                    receiver = literal_receiver(code[:m.start()])
                    return receiver + callee[1:].split(".") if receiver else []
                return callee.split(".")
            depth -= 1
    return []


def builtin_paths(shell) -> dict:
    """{function offset: signature path} for this engine's built-ins (cached on the probe)."""
    probe = shell.probe
    cache = getattr(probe, "_signature_offsets", None)
    if cache is None:
        cache = {}
        for path in SIGNATURES:
            state, value = probe.resolve(path.split("."))
            if state == "value" and isinstance(value, glassjs.JSObject) and value.offset:
                cache.setdefault(value.offset, path)
        probe._signature_offsets = cache
    return cache


def inspect_info(shell, code: str, cursor_pos: int, detail_level: int = 0) -> dict:
    reply = {"status": "ok", "found": False, "data": {}, "metadata": {}}
    probe = shell.probe
    try:
        for chain in token_at(code, cursor_pos):
            state, value = probe.resolve(chain)
            if state != "missing":
                break
        else:
            return reply
        token = ".".join(chain)
        lines = []
        if state == "getter":
            lines.append(f"{token}: an accessor property (its getter is not run here)")
        else:
            path = _signature_path(shell, chain, value)
            if path:
                signature, summary = SIGNATURES[path]
                lines += [f"Signature: {signature}", f"Summary:   {summary}"]
            typ = probe.type_of(value)
            klass = probe.class_name(value)
            lines.append(f"Type:      {typ}" + (f" ({klass})" if klass and klass.lower() != typ else ""))
            if typ == "function" and not path:
                src = probe.source(value)
                if src and "[native code]" not in src:
                    first = src.split("\n", 1)[0].rstrip(" {")
                    lines.append(f"Signature: {first}")
                    if detail_level:
                        lines += ["Source:", src]
            lines.append(f"Value:     {shell.inspect(value, depth=1 if detail_level == 0 else 3)}")
    except glassjs.JSError:
        return reply
    reply["found"] = True
    reply["data"] = {"text/plain": "\n".join(lines)}
    return reply


def _signature_path(shell, chain, value):
    path = ".".join(chain)
    if isinstance(value, glassjs.JSObject) and value.offset:
        hit = builtin_paths(shell).get(value.offset)
        if hit:
            return hit
    if path in SIGNATURES:
        return path
    if len(chain) > 1 and getattr(value, "callable", False):
        state, receiver = shell.probe.resolve(chain[:-1])
        klass = shell.probe.class_name(receiver) if state == "value" else ""
        if not klass and isinstance(receiver, str):
            klass = "String"
        elif not klass and isinstance(receiver, float):
            klass = "Number"
        guess = f"{klass}.prototype.{chain[-1]}"
        if guess in SIGNATURES:
            return guess
    return None


# --- is_complete ----------------------------------------------------------------------------

def is_complete(code: str) -> dict:
    if not code.strip():
        return {"status": "complete"}
    try:
        compile_script(code, "<is_complete>")
    except JSSyntaxError as exc:
        if _unfinished(code, exc):
            return {"status": "incomplete", "indent": _indent(code)}
        return {"status": "invalid"}
    except Exception:
        return {"status": "unknown"}
    return {"status": "complete"}


def _unfinished(code: str, exc: JSSyntaxError) -> bool:
    if "end of input" in exc.message:
        return True
    if "ILLEGAL" not in exc.message and "Invalid or unexpected token" not in exc.message:
        return False
    # an unterminated template, block comment, or string continued with a backslash
    for closer in ("`", "*/", "\n'", '\n"'):
        try:
            compile_script(code + closer, "<is_complete>")
            return True
        except JSSyntaxError as again:
            if "end of input" in again.message:
                return True
    return False


def _indent(code: str) -> str:
    lines = code.rstrip("\n").split("\n")
    last = lines[-1] if lines else ""
    indent = last[:len(last) - len(last.lstrip())]
    if re.search(r"[{(\[]\s*$", last):
        indent += "  "
    return indent
