"""Parse the YAML frontmatter of a test262 test (``/*--- ... ---*/``).

test262 metadata is a small, regular subset of YAML.  This module parses that
subset without a YAML dependency:

* ``key: scalar``                (plain, 'single' or "double" quoted)
* ``key: [a, b, c]``             flow sequences (may span several lines)
* ``key:`` + indented ``- item`` block sequences
* ``key:`` + indented ``k: v``   one level of nested mapping (``negative:``)
* ``key: |`` / ``key: >``        literal / folded block scalars (+ ``-``/``+``)
* plain scalars continued on more-indented lines, ``#`` comment lines

``parse_metadata(source)`` returns a :class:`Metadata` with the fields the
runner needs (includes, flags, negative, features) plus the raw mapping.
``tests/test262/test_runner.py`` cross-checks this parser against PyYAML on
the whole suite when PyYAML is installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["FrontmatterError", "Metadata", "extract_frontmatter",
           "parse_yaml_subset", "parse_metadata", "KNOWN_FLAGS"]

KNOWN_FLAGS = frozenset({
    "onlyStrict", "noStrict", "module", "raw", "async", "generated",
    "CanBlockIsFalse", "CanBlockIsTrue", "non-deterministic",
})

_FM_RE = re.compile(r"/\*---(.*?)---\*/", re.S)
_KEY_RE = re.compile(r"^([A-Za-z_][\w.-]*)\s*:(?:\s+|$)(.*)$")


class FrontmatterError(ValueError):
    pass


@dataclass
class Metadata:
    includes: list = field(default_factory=list)
    flags: frozenset = frozenset()
    negative: dict | None = None       # {"phase": ..., "type": ...}
    features: list = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    @property
    def negative_phase(self):
        return self.negative.get("phase") if self.negative else None

    @property
    def negative_type(self):
        return self.negative.get("type") if self.negative else None


def extract_frontmatter(source: str) -> str | None:
    """The text between ``/*---`` and ``---*/`` (first block), or None."""
    m = _FM_RE.search(source)
    return m.group(1) if m else None


def _strip_comment(s: str) -> str:
    # a '#' starts a comment when at the start or preceded by whitespace,
    # outside quotes (good enough for test262 metadata)
    quote = None
    for i, ch in enumerate(s):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or s[i - 1] in " \t"):
            return s[:i].rstrip()
    return s


def _scalar(s: str):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        body = s[1:-1]
        return re.sub(r'\\(["\\/nt])', lambda m: {"n": "\n", "t": "\t"}.get(
            m.group(1), m.group(1)), body)
    if len(s) >= 2 and s[0] == s[-1] == "'":
        return s[1:-1].replace("''", "'")
    return s


def _split_flow(body: str) -> list:
    items, cur, quote = [], [], None
    for ch in body:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            cur.append(ch)
        elif ch == ",":
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    out = [_scalar(x) for x in items]
    if out and out[-1] == "":       # trailing comma
        out.pop()
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_scalar(indicator: str, lines: list) -> str:
    style, chomp = indicator[0], indicator[1:2]
    content = [l for l in lines]
    while content and not content[-1].strip():
        content.pop()
    ind = min((_indent(l) for l in content if l.strip()), default=0)
    body = [l[ind:] if l.strip() else "" for l in content]
    if style == "|":
        text = "\n".join(body)
    else:                                   # folded: join non-blank runs
        out, para = [], []
        for l in body:
            if not l:
                if para:
                    out.append(" ".join(para))
                    para = []
                out.append("")
            elif l.startswith((" ", "\t")):     # more-indented: kept as is
                if para:
                    out.append(" ".join(para))
                    para = []
                out.append(l)
            else:
                para.append(l)
        if para:
            out.append(" ".join(para))
        # YAML folding: a single empty line between paragraphs becomes "\n"
        text, prev_blank = "", False
        for i, l in enumerate(out):
            if i == 0:
                text = l
            elif l == "":
                text += "\n"
                prev_blank = True
                continue
            else:
                text += ("" if prev_blank else "\n" if out[i - 1].startswith(
                    (" ", "\t")) or l.startswith((" ", "\t")) else " ") + l
            prev_blank = False
    if chomp == "-":
        return text
    return text + "\n" if text or chomp == "+" else text


def parse_yaml_subset(text: str) -> dict:
    """Parse test262 frontmatter text into a dict (see module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [l.replace("\t", "    ") if not l.strip() or l[:1] in " \t" else l
             for l in lines]
    # the whole block may be indented (a YAML root mapping at column k)
    base = min((_indent(l) for l in lines
                if l.strip() and not l.lstrip().startswith("#")), default=0)
    lines = [l[base:] if l[:base].strip() == "" else l.lstrip() for l in lines]
    result: dict = {}
    i, n = 0, len(lines)
    while i < n:
        line = lines[i].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        if line[0] in " \t":
            raise FrontmatterError(f"unexpected indentation: {line!r}")
        m = _KEY_RE.match(line)
        if not m:
            raise FrontmatterError(f"expected 'key: value', got {line!r}")
        key, rest = m.group(1), m.group(2)
        i += 1
        # the more-indented (or blank) lines that belong to this key
        block = []
        while i < n and (not lines[i].strip() or lines[i][:1] in " \t"):
            block.append(lines[i].rstrip())
            i += 1
        rest_nc = _strip_comment(rest).strip()
        if rest_nc[:1] in ("|", ">"):
            result[key] = _block_scalar(rest_nc, block)
        elif rest_nc.startswith("["):
            flow = " ".join([rest_nc] + [_strip_comment(b).strip() for b in block])
            flow = flow.strip()
            if not flow.endswith("]"):
                raise FrontmatterError(f"unterminated flow sequence for {key!r}")
            result[key] = _split_flow(flow[1:-1]) if flow[1:-1].strip() else []
        elif rest_nc:
            cont = [b.strip() for b in block if b.strip()]
            result[key] = _scalar(" ".join([rest_nc] + cont)) if not (
                rest_nc[:1] in "'\"") else _scalar(rest_nc + (" " + " ".join(cont) if cont else ""))
        else:
            items = [b for b in block if b.strip() and not b.strip().startswith("#")]
            if not items:
                result[key] = None
            elif items[0].lstrip().startswith("- ") or items[0].strip() == "-":
                result[key] = [_scalar(_strip_comment(b.strip()[1:])) for b in items
                               if b.lstrip().startswith("-")]
            else:
                sub = {}
                for b in items:
                    mm = _KEY_RE.match(b.strip())
                    if not mm:
                        raise FrontmatterError(f"bad nested mapping line {b!r}")
                    sub[mm.group(1)] = _scalar(_strip_comment(mm.group(2)))
                result[key] = sub
    return result


def parse_metadata(source: str) -> Metadata:
    """Metadata of a test file; a file without frontmatter gets empty metadata."""
    text = extract_frontmatter(source)
    raw = parse_yaml_subset(text) if text is not None else {}

    def as_list(v):
        if v is None:
            return []
        return list(v) if isinstance(v, list) else [v]

    neg = raw.get("negative")
    if neg is not None:
        if not isinstance(neg, dict) or "phase" not in neg or "type" not in neg:
            raise FrontmatterError(f"malformed negative: {neg!r}")
        neg = {"phase": str(neg["phase"]), "type": str(neg["type"])}
    return Metadata(
        includes=[str(x) for x in as_list(raw.get("includes"))],
        flags=frozenset(str(x) for x in as_list(raw.get("flags"))),
        negative=neg,
        features=[str(x) for x in as_list(raw.get("features"))],
        raw=raw,
    )
