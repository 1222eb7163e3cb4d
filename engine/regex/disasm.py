"""Print a regex program (the bytes compile_regex makes, or a RegExp's block).

    disassemble_program(data) -> {"header": {...}, "instructions": [RegexInstruction...],
                                  "source": str, "escaped_source": str}
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

from . import compiler as C


@dataclass
class RegexInstruction:
    index: int                  # word index in the code (jump targets use these)
    op: str
    operands: tuple
    words: int                  # length in 32-bit words
    text: str                   # a readable rendering of the operands
    targets: tuple = field(default=())   # word indices this instruction may jump to

    def __str__(self):
        return "%4d  %-11s %s" % (self.index, self.op, self.text)


def _unit(c):
    if 0x20 < c < 0x7F and c not in (0x27, 0x5C):
        return "'%s'" % chr(c)
    return "U+%04X" % c


def _ranges_text(bitmap, high):
    ranges = []
    c = 0
    while c < 256:
        if bitmap[c >> 5] >> (c & 31) & 1:
            lo = c
            while c + 1 < 256 and bitmap[(c + 1) >> 5] >> ((c + 1) & 31) & 1:
                c += 1
            ranges.append((lo, c))
        c += 1
    for w in high:
        if ranges and ranges[-1][1] + 1 == (w & 0xFFFF):
            ranges[-1] = (ranges[-1][0], w >> 16)
        else:
            ranges.append((w & 0xFFFF, w >> 16))
    parts = [_unit(lo) if lo == hi else "%s-%s" % (_unit(lo), _unit(hi)) for lo, hi in ranges]
    if len(parts) > 12:
        parts = parts[:12] + ["... (%d ranges)" % len(parts)]
    return "[" + " ".join(parts) + "]"


def _count(v):
    return "inf" if v == C.INFINITE else str(v)


def decode(code, i):
    """The instruction at word i of code (a sequence of ints) -> RegexInstruction."""
    w = code[i]
    op, a = w & 0xFF, w >> 8
    if op >= len(C.OPCODES):
        return RegexInstruction(i, "?%d" % op, (a,), 1, "")
    name, extra, _ = C.OPCODES[op]
    if name in ("STR", "STR_B"):
        n = (a + 1) // 2
        units = []
        for k in range(a):
            word = code[i + 1 + k // 2]
            units.append(word & 0xFFFF if k % 2 == 0 else word >> 16)
        text = repr("".join(chr(u) for u in units))
        return RegexInstruction(i, name, tuple(units), 1 + n, text)
    if name == "CLASS":
        bitmap = list(code[i + 1:i + 9])
        high = list(code[i + 9:i + 9 + a])
        return RegexInstruction(i, name, (bitmap, high), 9 + a, _ranges_text(bitmap, high))
    if name == "UNIT_B":
        inner = decode(code, i + 1)
        return RegexInstruction(i, name, (inner,), 1 + a, ("%s %s" % (inner.op, inner.text)).rstrip())
    if name in ("REP", "REP_LAZY", "REP_B", "REP_LAZY_B"):
        lo, hi = code[i + 1], code[i + 2]
        inner = decode(code, i + 3)
        text = "{%d,%s} %s %s" % (lo, _count(hi), inner.op, inner.text)
        return RegexInstruction(i, name, (lo, hi, inner), 3 + a, text.rstrip())
    ops = tuple(code[i + 1:i + 1 + extra])
    targets = ()
    if name == "CHAR":
        text = _unit(a)
    elif name == "CHAR_I":
        text = _unit(a) + " (any case)"
    elif name in ("GOTO", "SPLIT_NEXT", "SPLIT_GOTO"):
        text = "-> %d" % ops[0]
        targets = (ops[0],)
    elif name == "SAVE":
        text = "group %d %s" % (a // 2, "end" if a % 2 else "start")
    elif name == "RESET":
        text = "groups %d..%d" % (a // 2, (a + ops[0]) // 2 - 1)
    elif name in ("BACKREF", "BACKREF_I", "BACKREF_B", "BACKREF_I_B"):
        text = "\\%d" % a
    elif name == "LOOK":
        text = "%s, end -> %d" % ("negative" if a else "positive", ops[0])
        targets = (ops[0],)
    elif name in ("SET_POS", "CHECK_ADV", "LOOP_INIT"):
        text = "r%d" % a
    elif name in ("LOOP", "LOOP_LAZY"):
        text = "r%d {%d,%s} exit -> %d" % (a, ops[0], _count(ops[1]), ops[2])
        targets = (ops[2],)
    elif name == "LOOP_TAIL":
        text = "r%d min %d%s -> %d" % (a, ops[0], " empty-check r%d" % (ops[1] - 1) if ops[1] else "",
                                       ops[2])
        targets = (ops[2],)
    else:
        text = ""
    if extra < 0:       # unknown variable-length instruction: stop rather than loop
        return RegexInstruction(i, name, (a,), len(code) - i, "?")
    return RegexInstruction(i, name, (a,) + ops if extra or a else (), 1 + extra, text)


def disassemble_program(data):
    """data: the program bytes (from the header on)."""
    h = C.read_header(data)
    if h["magic"] != C.MAGIC:
        raise ValueError("not a regex program")
    code = struct.unpack_from("<%dI" % h["code_words"], data, h["code_at"])
    out = []
    i = 0
    while i < len(code):
        ins = decode(code, i)
        out.append(ins)
        i += ins.words
    src = struct.unpack_from("<%dH" % h["src_len"], data, h["src_at"])
    esc = struct.unpack_from("<%dH" % h["esc_len"], data, h["esc_at"])
    flags = "".join(ch for ch, bit in sorted(C.FLAG_BITS.items()) if h["flags"] & bit)
    hints = [name for bit, name in ((C.HINT_ANCHORED, "anchored"), (C.HINT_BITMAP, "first-unit bitmap"),
                                    (C.HINT_HIGH, "units >= 256 may start"), (C.HINT_SINGLE, "single first unit"))
             if h["hints"] & bit]
    h["flags_text"] = flags
    h["hints_text"] = hints
    return {"header": h, "instructions": out, "group_names": C.group_names(data),
            "source": "".join(map(chr, src)), "escaped_source": "".join(map(chr, esc))}


def format_program(data):
    """A printable listing."""
    d = disassemble_program(data)
    h = d["header"]
    lines = ["/%s/%s  groups=%d registers=%d code=%d words%s" % (
        d["escaped_source"], h["flags_text"], h["ncaps"] - 1, h["nregs"], h["code_words"],
        ("  [" + ", ".join(h["hints_text"]) + "]") if h["hints_text"] else "")]
    if h["hints"] & C.HINT_SINGLE:
        lines.append("  first unit: %s" % _unit(h["first_char"]))
    if d["group_names"]:
        lines.append("  group names: " + ", ".join("%d=%s" % kv for kv in sorted(d["group_names"].items())))
    lines += [str(ins) for ins in d["instructions"]]
    return "\n".join(lines)
