"""Compile an ECMAScript regular expression to regex bytecode.

    compile_regex(units, flags) -> bytes      # the program, see FORMAT below
    escape_source(units) -> list of units     # EscapeRegExpPattern (the `source` text)

`units` is the pattern as UTF-16 code units (a JS string is a sequence of code
units: matching, classes and case folding all work on units, as ES5 says).
The grammar is ES5.1 15.10.1 with the Annex B (B.1.4) leniencies every browser
has: `]`, `{`, `}` as literals, octal escapes, `\\8`/`\\9`, `\\c` without a
letter, quantified lookaheads, `\\1` before/without its group as an octal escape
when the pattern has fewer groups.  Errors raise RegexSyntaxError with V8's
messages; the RegExp constructor turns them into a SyntaxError.

The program is what the C matcher (engine/builtins/regexp.pyx) runs: a header,
then instructions as 32-bit little-endian words (the opcode in the low byte,
a 24-bit operand `a` above it, then 0-3 extra words), then the pattern's
source texts.  docs/regexp.md describes the design; disasm.py prints programs.
"""
from __future__ import annotations

import struct
from array import array
from bisect import bisect_right

# --- flags (header word H_FLAGS; also the RegExp object's flag bits) ---------------

RF_GLOBAL = 0x01
RF_IGNORECASE = 0x02
RF_MULTILINE = 0x04
RF_DOTALL = 0x08
RF_UNICODE = 0x10
RF_STICKY = 0x20
RF_HASINDICES = 0x40

FLAG_BITS = {"d": RF_HASINDICES, "g": RF_GLOBAL, "i": RF_IGNORECASE, "m": RF_MULTILINE,
             "s": RF_DOTALL, "u": RF_UNICODE, "y": RF_STICKY}

# --- program header (32-bit words after the arena block header) -------------------

MAGIC = 0x58524A47          # "GJRX"
H_MAGIC, H_FLAGS, H_NCAPS, H_NREGS, H_CODE_AT, H_CODE_WORDS, H_SRC_AT, H_SRC_LEN, \
    H_ESC_AT, H_ESC_LEN, H_HINTS, H_FIRST_CHAR = range(12)
H_BITMAP = 12               # 8 words: which units < 256 can start a match
H_NAMES_AT = 20             # group names: per group 1..ncaps-1, a length unit then the units
H_NAMES_LEN = 21            # ... in units (0: no named groups)
HEADER_WORDS = 24

HINT_ANCHORED = 0x01        # every alternative starts with ^ (no m flag): try only at the start
HINT_BITMAP = 0x02          # H_BITMAP (and HINT_HIGH) tell which units can start a match
HINT_HIGH = 0x04            # ... units >= 256 may start one
HINT_SINGLE = 0x08          # ... exactly one unit, H_FIRST_CHAR, can

INFINITE = 0xFFFFFFFF       # a quantifier's max {n,}
MAX_COUNT = 0x7FFFFFFE      # larger quantifier bounds are clamped (no string is that long)
MAX_GROUPS = 65534
MAX_CODE_WORDS = 1 << 22

# --- instructions ---------------------------------------------------------------
# (name, extra words, operand meaning) -- numbered in this order.
OPCODES = [
    ("MATCH", 0, ""),                   # success: the match ends here
    ("CHAR", 0, "a=unit"),              # the unit a
    ("CHAR_I", 0, "a=canonical unit"),  # a unit whose Canonicalize is a
    ("STR", -1, "a=n, units"),          # n units, two per word (low half first)
    ("ANY", 0, ""),                     # any unit but a line terminator  (.)
    ("ANY_ALL", 0, ""),                 # any unit  (. with s, [^])
    ("CLASS", -1, "a=n, bitmap, ranges"),    # 8 words: bitmap of units < 256; n sorted words lo|hi<<16 for >= 256
    ("FAIL", 0, ""),                    # never matches ([])
    ("BOL", 0, ""),                     # ^ (start of input)
    ("BOL_M", 0, ""),                   # ^ with m (also after a line terminator)
    ("EOL", 0, ""),                     # $
    ("EOL_M", 0, ""),                   # $ with m
    ("WORDB", 0, ""),                   # \b
    ("NWORDB", 0, ""),                  # \B
    ("GOTO", 1, "target"),
    ("SPLIT_NEXT", 1, "target"),        # try the next instruction; on backtrack, target
    ("SPLIT_GOTO", 1, "target"),        # try target; on backtrack, the next instruction
    ("SAVE", 0, "a=slot"),              # slot := position (slots 2k, 2k+1: group k start, end)
    ("RESET", 1, "a=first slot, count"),  # slots := -1 (captures inside a repeated atom)
    ("BACKREF", 0, "a=group"),
    ("BACKREF_I", 0, "a=group"),
    ("LOOK", 1, "a=negative, target"),  # lookahead: body follows; target = after its end
    ("LOOK_END", 0, ""),                # (?= body matched: drop its choice points, continue at target
    ("NLOOK_END", 0, ""),               # (?! body matched: the lookahead fails
    ("SET_POS", 0, "a=register"),       # register := position (start of an iteration)
    ("CHECK_ADV", 0, "a=register"),     # fail if the iteration matched the empty string
    ("LOOP_INIT", 0, "a=register"),     # counter := 0
    ("LOOP", 3, "a=counter, min, max, exit"),       # greedy loop head
    ("LOOP_LAZY", 3, "a=counter, min, max, exit"),  # lazy loop head
    ("LOOP_TAIL", 3, "a=counter, min, position register + 1, head"),
    ("REP", 2, "a=matcher words, min, max"),        # greedy repeat of the one-unit matcher that follows
    ("REP_LAZY", 2, "a=matcher words, min, max"),
    # backward matching (lookbehind bodies): the unit is the one before the position
    ("UNIT_B", -1, "a=matcher words"),  # the one-unit matcher that follows, backward
    ("STR_B", -1, "a=n, units"),        # the n units before the position
    ("BACKREF_B", 0, "a=group"),
    ("BACKREF_I_B", 0, "a=group"),
    ("REP_B", 2, "a=matcher words, min, max"),
    ("REP_LAZY_B", 2, "a=matcher words, min, max"),
]
OP = {name: i for i, (name, _, _) in enumerate(OPCODES)}
globals().update({"OP_" + name: i for name, i in OP.items()})

# register layout: slots 0 .. 2*ncaps-1 are captures, loop registers follow


class RegexSyntaxError(Exception):
    """An invalid pattern or flags (the RegExp constructor throws a SyntaxError)."""


# --- character sets as sorted, merged lists of inclusive (lo, hi) ranges -------------

def normalize(ranges):
    out = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def complement(ranges):
    out, nxt = [], 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= 0xFFFF:
        out.append((nxt, 0xFFFF))
    return out


def contains(ranges, c):
    i = bisect_right(ranges, (c, 0x10000)) - 1
    return i >= 0 and ranges[i][0] <= c <= ranges[i][1]


def subtract_points(ranges, points):
    """ranges minus a sorted list of single units."""
    if not points:
        return ranges
    return normalize(intersect(ranges, complement(normalize([(p, p) for p in points]))))


def intersect(a, b):
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


DIGITS = [(0x30, 0x39)]
WORD = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
# WhiteSpace and LineTerminator (ES5.1 7.2, 7.3; Zs of the current Unicode)
SPACE = normalize([(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                   (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
                   (0xFEFF, 0xFEFF)])
LINE_TERMINATORS = [(0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029)]
ALL = [(0, 0xFFFF)]
CLASS_ESCAPES = {0x64: DIGITS, 0x44: complement(DIGITS), 0x73: SPACE, 0x53: complement(SPACE),
                 0x77: WORD, 0x57: complement(WORD)}


# --- case folding: ES5.1 15.10.2.8 Canonicalize ---------------------------------------

_canon = None          # array('H'): Canonicalize of every unit
_nonfixed = None       # units u with Canonicalize(u) != u
_inverse = None        # canonical unit -> all units that canonicalize to it


def canon_table():
    """Canonicalize(ch) for every code unit: toUpperCase when that is one unit and
    does not map a non-ASCII unit to ASCII (ES5.1 15.10.2.8)."""
    global _canon, _nonfixed, _inverse
    if _canon is None:
        t = array("H", range(0x10000))
        nonfixed = []
        inverse = {}
        for c in range(0x10000):
            u = chr(c).upper()
            if len(u) == 1:
                cu = ord(u)
                if cu != c and cu <= 0xFFFF and not (c >= 128 and cu < 128):
                    t[c] = cu
                    nonfixed.append(c)
                    inverse.setdefault(cu, [cu]).append(c)
        _canon, _nonfixed, _inverse = t, nonfixed, inverse
    return _canon


def canonicalize(c):
    return canon_table()[c]


def case_variants(c):
    """Every unit x with Canonicalize(x) == Canonicalize(c)."""
    t = canon_table()
    return sorted(_inverse.get(t[c], [t[c]]))


def canon_set(ranges):
    """{Canonicalize(a) : a in ranges}: a /i class tests Canonicalize(ch) against it."""
    t = canon_table()
    moved = [c for c in _nonfixed if contains(ranges, c)]
    if not moved:
        return ranges
    kept = subtract_points(ranges, moved)
    return normalize(kept + [(t[c], t[c]) for c in moved])


def uncanon_set(cranges):
    """{x : Canonicalize(x) in cranges} (which units a /i class accepts)."""
    t = canon_table()
    outside = [c for c in _nonfixed if not contains(cranges, t[c])]
    inside = [c for c in _nonfixed if contains(cranges, t[c])]
    return normalize(subtract_points(cranges, sorted(outside)) + [(c, c) for c in inside])


def accepted_units(node, flags):
    """The exact set of units a one-unit node (char, set, any) accepts under flags."""
    k = node[0]
    if k == "any":
        return ALL if flags & RF_DOTALL else complement(LINE_TERMINATORS)
    if k == "char":
        if flags & RF_IGNORECASE:
            return normalize([(x, x) for x in case_variants(node[1])])
        return [(node[1], node[1])]
    ranges = node[1]
    if flags & RF_IGNORECASE:
        ranges = uncanon_set(canon_set(ranges))
    return complement(ranges) if node[2] else ranges


# --- the parser: pattern units -> tree ---------------------------------------------------
# Nodes are tuples:
#   ("empty",)  ("char", unit)  ("set", ranges, negated)  ("any",)  ("seq", [nodes])  ("alt", [nodes])
#   ("group", index, node)  ("look", negative, node, behind)  ("backref", group)
#   ("assert", "bol"|"eol"|"wordb"|"nwordb")  ("repeat", node, min, max, greedy)

def _is_digit(c):
    return 0x30 <= c <= 0x39


def _hex_value(c):
    if 0x30 <= c <= 0x39:
        return c - 0x30
    if 0x41 <= c <= 0x46:
        return c - 0x41 + 10
    if 0x61 <= c <= 0x66:
        return c - 0x61 + 10
    return -1


def _is_letter(c):
    return 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


def _text(units):
    return "".join(chr(u) for u in units)


def _id_start(ch):
    return ch == "$" or ch == "_" or ch.isidentifier()


def _id_part(ch):
    return ch in "$\u200c\u200d" or ("a" + ch).isidentifier()


class _Parser:
    def __init__(self, units, flags):
        self.s = list(units)
        self.n = len(self.s)
        self.i = 0
        self.flags = flags
        self.ngroups = 0
        self.names = {}                 # group name -> index
        self.group_names = {}           # index -> name (units)
        self.has_named = False
        self.total_groups = self._count_groups()

    def error(self, message):
        raise RegexSyntaxError("Invalid regular expression: /%s/: %s" % (_text(self.s), message))

    def peek(self, k=0):
        j = self.i + k
        return self.s[j] if j < self.n else -1

    def _count_groups(self):
        """Capturing groups in the whole pattern (decides what \\N means)."""
        s, n, i, count, in_class = self.s, self.n, 0, 0, False
        while i < n:
            c = s[i]
            if c == 0x5C:
                i += 2
                continue
            if in_class:
                if c == 0x5D:
                    in_class = False
            elif c == 0x5B:
                in_class = True
            elif c == 0x28:
                if not (i + 1 < n and s[i + 1] == 0x3F):
                    count += 1
                elif i + 3 < n and s[i + 2] == 0x3C and s[i + 3] not in (0x3D, 0x21):
                    count += 1              # (?<name>
                    self.has_named = True
            i += 1
        return count

    def parse(self):
        node = self.disjunction()
        if self.i < self.n:
            if self.peek() == 0x29:
                self.error("Unmatched ')'")
            self.error("Unexpected character")   # not reached: every other unit is an atom
        return self.resolve_names(node)

    def resolve_names(self, node):
        """\\k<name> -> ("backref", index), now that every group is known."""
        k = node[0]
        if k == "named_backref":
            if node[1] not in self.names:
                self.error("Invalid named capture referenced")
            return ("backref", self.names[node[1]])
        if k in ("seq", "alt"):
            return (k, [self.resolve_names(x) for x in node[1]])
        if k == "group":
            return (k, node[1], self.resolve_names(node[2]))
        if k == "look":
            return (k, node[1], self.resolve_names(node[2]), node[3])
        if k == "repeat":
            return (k, self.resolve_names(node[1])) + node[2:]
        return node

    def group_name(self):
        """RegExpIdentifierName after '(?<' or '\\k<', through the '>' -> tuple of units."""
        units = []
        while True:
            if self.i >= self.n:
                self.error("Invalid capture group name")
            c = self.s[self.i]
            self.i += 1
            if c == 0x3E:
                break
            if c == 0x5C:                   # \uXXXX or \u{X...}
                if self.peek() != 0x75:
                    self.error("Invalid capture group name")
                self.i += 1
                if self.peek() == 0x7B:
                    j = self.i + 1
                    while j < self.n and _hex_value(self.s[j]) >= 0:
                        j += 1
                    if j == self.i + 1 or j >= self.n or self.s[j] != 0x7D:
                        self.error("Invalid Unicode escape")
                    cp = int(_text(self.s[self.i + 1:j]), 16)
                    if cp > 0x10FFFF:
                        self.error("Invalid Unicode escape")
                    self.i = j + 1
                else:
                    hs = [_hex_value(self.peek(k)) for k in range(4)]
                    if min(hs) < 0:
                        self.error("Invalid Unicode escape")
                    cp = int(_text(self.s[self.i:self.i + 4]), 16)
                    self.i += 4
                    if 0xD800 <= cp <= 0xDBFF and self.peek() == 0x5C and self.peek(1) == 0x75:
                        hs = [_hex_value(self.peek(2 + k)) for k in range(4)]
                        if min(hs) >= 0:
                            lo = int(_text(self.s[self.i + 2:self.i + 6]), 16)
                            if 0xDC00 <= lo <= 0xDFFF:
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                                self.i += 6
            elif 0xD800 <= c <= 0xDBFF and 0xDC00 <= self.peek() <= 0xDFFF:
                cp = 0x10000 + ((c - 0xD800) << 10) + (self.peek() - 0xDC00)
                self.i += 1
            else:
                cp = c
            units.append(cp)
        text = "".join(chr(c) for c in units)
        if not text or not _id_start(text[0]) or not all(_id_part(ch) for ch in text[1:]):
            self.error("Invalid capture group name")
        out = []
        for ch in text:
            cp = ord(ch)
            if cp > 0xFFFF:
                cp -= 0x10000
                out += [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
            else:
                out.append(cp)
        return tuple(out)

    def disjunction(self):
        alts = [self.alternative()]
        while self.peek() == 0x7C:          # |
            self.i += 1
            alts.append(self.alternative())
        if len(alts) == 1:
            return alts[0]
        if all(x[0] in ("char", "set", "any") for x in alts):
            # a|b|[0-9] matches one unit either way: one class, no choice points
            return ("set", normalize([r for x in alts for r in accepted_units(x, self.flags)]), False)
        return ("alt", alts)

    def alternative(self):
        items = []
        while self.i < self.n and self.peek() not in (0x7C, 0x29):
            items.append(self.term())
        if not items:
            return ("empty",)
        return items[0] if len(items) == 1 else ("seq", items)

    def term(self):
        c = self.peek()
        if c == 0x5E:                        # ^
            self.i += 1
            return self.no_quantifier(("assert", "bol"))
        if c == 0x24:                        # $
            self.i += 1
            return self.no_quantifier(("assert", "eol"))
        if c == 0x5C and self.peek(1) in (0x62, 0x42):   # \b \B
            self.i += 2
            return self.no_quantifier(("assert", "wordb" if self.peek(-1) == 0x62 else "nwordb"))
        if c == 0x28 and self.peek(1) == 0x3F and self.peek(2) in (0x3D, 0x21):
            # (?= (?! -- quantifiable in Annex B
            neg = self.peek(2) == 0x21
            self.i += 3
            body = self.disjunction()
            if self.peek() != 0x29:
                self.error("Unterminated group")
            self.i += 1
            return self.quantified(("look", neg, body, False))
        if c == 0x28 and self.peek(1) == 0x3F and self.peek(2) == 0x3C and self.peek(3) in (0x3D, 0x21):
            # (?<= (?<! -- lookbehind (ES2018), not quantifiable
            neg = self.peek(3) == 0x21
            self.i += 4
            body = self.disjunction()
            if self.peek() != 0x29:
                self.error("Unterminated group")
            self.i += 1
            return self.no_quantifier(("look", neg, body, True))
        return self.quantified(self.atom())

    def no_quantifier(self, node):
        c = self.peek()
        if c in (0x2A, 0x2B, 0x3F) or (c == 0x7B and self.braced_quantifier(self.i) is not None):
            self.error("Nothing to repeat")
        return node

    def braced_quantifier(self, i):
        """{n}, {n,}, {n,m} at i -> (min, max, end index) or None."""
        s, n = self.s, self.n
        if i >= n or s[i] != 0x7B:
            return None
        j = i + 1
        start = j
        while j < n and _is_digit(s[j]):
            j += 1
        if j == start:
            return None
        lo = int(_text(s[start:j]))
        if j < n and s[j] == 0x7D:
            return (lo, lo, j + 1)
        if j >= n or s[j] != 0x2C:
            return None
        j += 1
        start = j
        while j < n and _is_digit(s[j]):
            j += 1
        hi = int(_text(s[start:j])) if j > start else None
        if j >= n or s[j] != 0x7D:
            return None
        return (lo, hi, j + 1)

    def quantified(self, atom):
        c = self.peek()
        if c == 0x2A:
            lo, hi = 0, None
            self.i += 1
        elif c == 0x2B:
            lo, hi = 1, None
            self.i += 1
        elif c == 0x3F:
            lo, hi = 0, 1
            self.i += 1
        elif c == 0x7B:
            q = self.braced_quantifier(self.i)
            if q is None:
                return atom
            lo, hi, self.i = q
            if hi is not None and hi < lo:
                self.error("numbers out of order in {} quantifier")
        else:
            return atom
        greedy = True
        if self.peek() == 0x3F:
            greedy = False
            self.i += 1
        lo = min(lo, MAX_COUNT)
        if hi is not None and hi > MAX_COUNT:
            hi = None
        return ("repeat", atom, lo, hi, greedy)

    def atom(self):
        c = self.peek()
        if c in (0x2A, 0x2B, 0x3F):
            self.error("Nothing to repeat")
        if c == 0x7B and self.braced_quantifier(self.i) is not None:
            self.error("Nothing to repeat")
        self.i += 1
        if c == 0x2E:                        # .
            return ("any",)
        if c == 0x5B:
            return self.char_class()
        if c == 0x28:
            name = None
            if self.peek() == 0x3F and self.peek(1) == 0x3C:
                self.i += 2
                name = self.group_name()
                if name in self.names:
                    self.error("Duplicate capture group name")
            elif self.peek() == 0x3F:
                if self.peek(1) != 0x3A:
                    self.error("Invalid group")
                self.i += 2
                body = self.disjunction()
                if self.peek() != 0x29:
                    self.error("Unterminated group")
                self.i += 1
                return body if body[0] != "repeat" else ("seq", [body])
            self.ngroups += 1
            if self.ngroups > MAX_GROUPS:
                self.error("Too many capture groups")
            index = self.ngroups
            if name is not None:
                self.names[name] = index
                self.group_names[index] = name
            body = self.disjunction()
            if self.peek() != 0x29:
                self.error("Unterminated group")
            self.i += 1
            return ("group", index, body)
        if c == 0x5C:
            return self.atom_escape()
        return ("char", c)

    def atom_escape(self):
        if self.i >= self.n:
            self.error("\\ at end of pattern")
        c = self.peek()
        if 0x31 <= c <= 0x39:
            j = self.i
            while j < self.n and _is_digit(self.s[j]):
                j += 1
            num = int(_text(self.s[self.i:j]))
            if num <= self.total_groups:
                self.i = j
                return ("backref", num)
            # Annex B: not a backreference -> a legacy octal escape, \8 \9 themselves
            if c >= 0x38:
                self.i += 1
                return ("char", c)
            return ("char", self.legacy_octal())
        if c == 0x6B and self.has_named:          # \k<name>
            self.i += 1
            if self.peek() != 0x3C:
                self.error("Invalid named reference")
            self.i += 1
            return ("named_backref", self.group_name())
        v = self.character_escape(in_class=False)
        if isinstance(v, list):
            return ("set", v, False)
        return ("char", v)

    def legacy_octal(self):
        """LegacyOctalEscapeSequence at i (a digit 0-7): its value (Annex B.1.2)."""
        s = self.s
        first = s[self.i] - 0x30
        self.i += 1
        value = first
        if self.i < self.n and 0x30 <= s[self.i] <= 0x37:
            value = value * 8 + s[self.i] - 0x30
            self.i += 1
            if first <= 3 and self.i < self.n and 0x30 <= s[self.i] <= 0x37:
                value = value * 8 + s[self.i] - 0x30
                self.i += 1
        return value

    def character_escape(self, in_class):
        """After a backslash (not a backreference): a unit, or a set for \\d \\s \\w...
        Backslash-c without a control letter leaves i at the 'c' and returns '\\'."""
        c = self.s[self.i]
        self.i += 1
        if c in CLASS_ESCAPES:
            return CLASS_ESCAPES[c]
        if c == 0x74:
            return 0x09
        if c == 0x6E:
            return 0x0A
        if c == 0x76:
            return 0x0B
        if c == 0x66:
            return 0x0C
        if c == 0x72:
            return 0x0D
        if c == 0x63:                           # \cX
            x = self.peek()
            if x >= 0 and (_is_letter(x) or (in_class and (_is_digit(x) or x == 0x5F))):
                self.i += 1
                return x % 32
            self.i -= 1                         # Annex B: "\" then "c" as ordinary characters
            return 0x5C
        if c == 0x30:
            if not _is_digit(self.peek()):
                return 0
            if 0x30 <= self.peek() <= 0x37:
                self.i -= 1
                return self.legacy_octal()
            return 0
        if 0x31 <= c <= 0x37:                   # only in classes (atoms take backreferences first)
            self.i -= 1
            return self.legacy_octal()
        if c == 0x78:                           # \xHH
            h1, h2 = _hex_value(self.peek()), _hex_value(self.peek(1))
            if h1 >= 0 and h2 >= 0:
                self.i += 2
                return h1 * 16 + h2
            return 0x78
        if c == 0x75:                           # \uHHHH
            if self.i + 4 <= self.n:
                hs = [_hex_value(self.s[self.i + k]) for k in range(4)]
                if min(hs) >= 0:
                    self.i += 4
                    return ((hs[0] * 16 + hs[1]) * 16 + hs[2]) * 16 + hs[3]
            return 0x75
        if c == 0x62 and in_class:              # [\b] is backspace
            return 0x08
        if c == 0x6B and self.has_named:         # with named groups, \k is only \k<name>
            self.error("Invalid named reference")
        return c                                # identity escape (Annex B: any non-c unit)

    def char_class(self):
        negated = False
        if self.peek() == 0x5E:
            negated = True
            self.i += 1
        ranges = []
        while True:
            if self.i >= self.n:
                self.error("Unterminated character class")
            if self.peek() == 0x5D:
                self.i += 1
                break
            a = self.class_atom()
            if self.peek() == 0x2D and self.peek(1) != 0x5D and self.peek(1) != -1:
                self.i += 1
                b = self.class_atom()
                if isinstance(a, list) or isinstance(b, list):
                    # Annex B: [\d-z] is \d, "-" and "z"
                    for x in (a, 0x2D, b):
                        ranges.extend(x if isinstance(x, list) else [(x, x)])
                    continue
                if a > b:
                    self.error("Range out of order in character class")
                ranges.append((a, b))
            else:
                ranges.extend(a if isinstance(a, list) else [(a, a)])
        return ("set", normalize(ranges), negated)

    def class_atom(self):
        c = self.s[self.i]
        self.i += 1
        if c != 0x5C:
            return c
        if self.i >= self.n:
            self.error("\\ at end of pattern")
        d = self.peek()
        if d in (0x38, 0x39):                   # Annex B: \8 \9
            self.i += 1
            return d
        return self.character_escape(in_class=True)


# --- analysis ------------------------------------------------------------------------

def _nullable(node):
    k = node[0]
    if k in ("empty", "assert", "look", "backref"):
        return True
    if k in ("char", "set", "any"):
        return False
    if k == "seq":
        return all(_nullable(x) for x in node[1])
    if k == "alt":
        return any(_nullable(x) for x in node[1])
    if k == "group":
        return _nullable(node[2])
    if k == "repeat":
        return node[2] == 0 or _nullable(node[1])
    raise AssertionError(k)


def _groups(node, out):
    """Collect the capture indices inside node."""
    k = node[0]
    if k == "group":
        out.append(node[1])
        _groups(node[2], out)
    elif k in ("seq", "alt"):
        for x in node[1]:
            _groups(x, out)
    elif k == "look":
        _groups(node[2], out)
    elif k == "repeat":
        _groups(node[1], out)
    return out


class _FirstSet:
    """Which units can start a match (None: any, or unknown)."""

    def __init__(self, flags):
        self.icase = bool(flags & RF_IGNORECASE)
        self.dotall = bool(flags & RF_DOTALL)

    def unit_set(self, node):
        k = node[0]
        if k == "char":
            return normalize([(x, x) for x in case_variants(node[1])]) if self.icase else [(node[1], node[1])]
        if k == "any":
            return ALL if self.dotall else complement(LINE_TERMINATORS)
        if k == "set":
            r = uncanon_set(canon_set(node[1])) if self.icase else node[1]
            return complement(r) if node[2] else r
        raise AssertionError(k)

    def first(self, node):
        """(ranges or None for 'anything', nullable)"""
        k = node[0]
        if k in ("char", "any", "set"):
            return self.unit_set(node), False
        if k in ("empty", "assert", "look"):
            return [], True
        if k == "backref":
            return None, True
        if k == "group":
            return self.first(node[2])
        if k == "repeat":
            r, nul = self.first(node[1])
            return r, nul or node[2] == 0
        if k == "alt":
            acc, nul = [], False
            for x in node[1]:
                r, n = self.first(x)
                if r is None:
                    return None, True
                acc += r
                nul = nul or n
            return normalize(acc), nul
        if k == "seq":
            acc = []
            for x in node[1]:
                r, n = self.first(x)
                if r is None:
                    return None, True
                acc += r
                if not n:
                    return normalize(acc), False
            return normalize(acc), True
        raise AssertionError(k)


def _anchored(node):
    k = node[0]
    if k == "assert":
        return node[1] == "bol"
    if k == "seq":
        for x in node[1]:
            if _anchored(x):
                return True
            if x[0] not in ("look",) and not (x[0] == "assert"):
                return False
        return False
    if k == "alt":
        return all(_anchored(x) for x in node[1])
    if k == "group":
        return _anchored(node[2])
    return False


# --- code generation -------------------------------------------------------------------

class _CodeGen:
    def __init__(self, flags, ngroups):
        self.flags = flags
        self.icase = bool(flags & RF_IGNORECASE)
        self.backward = False           # inside a lookbehind: match right to left
        self.code = []
        self.nregs = 2 * (ngroups + 1)

    def reg(self):
        r = self.nregs
        self.nregs += 1
        return r

    def emit(self, op, a=0, *extra):
        self.code.append(op | (a << 8))
        self.code.extend(extra)
        return len(self.code) - len(extra) - 1

    def patch(self, at, index, value):
        self.code[at + index] = value

    def here(self):
        return len(self.code)

    # single-unit matchers (also embedded after REP)
    def class_words(self, ranges, negated, icase):
        """A class.  With /i, ES5's CharacterSetMatcher accepts ch when Canonicalize(ch)
        is the Canonicalize of a member ([^...] inverts that): the same as ch being in
        uncanon(canon(set)), which is computed here so the matcher tests ch alone."""
        if icase:
            ranges = uncanon_set(canon_set(ranges))
        if negated:
            ranges = complement(ranges)
        if not ranges:
            return [OP_FAIL]
        if ranges == ALL:
            return [OP_ANY_ALL]
        if ranges == complement(LINE_TERMINATORS):
            return [OP_ANY]
        if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
            return [OP_CHAR | (ranges[0][0] << 8)]
        bitmap = [0] * 8
        high = []
        for lo, hi in ranges:
            for c in range(lo, min(hi, 255) + 1):
                bitmap[c >> 5] |= 1 << (c & 31)
            if hi >= 256:
                high.append(max(lo, 256) | (hi << 16))
        return [OP_CLASS | (len(high) << 8)] + bitmap + high

    def unit_matcher(self, node):
        k = node[0]
        if k == "char":
            c = node[1]
            if self.icase and len(case_variants(c)) > 1:
                return [OP_CHAR_I | (canonicalize(c) << 8)]
            return [OP_CHAR | (c << 8)]
        if k == "any":
            return [OP_ANY_ALL if self.flags & RF_DOTALL else OP_ANY]
        if k == "set":
            return self.class_words(node[1], node[2], self.icase)
        return None

    def gen(self, node):
        k = node[0]
        if k == "empty":
            return
        if k in ("char", "any", "set"):
            m = self.unit_matcher(node)
            if self.backward:
                self.emit(OP_UNIT_B, len(m))
            self.code.extend(m)
        elif k == "seq":
            self.gen_seq(node[1])
        elif k == "alt":
            self.gen_alt(node[1])
        elif k == "group":
            # backward, the end is reached first
            self.emit(OP_SAVE, 2 * node[1] + self.backward)
            self.gen(node[2])
            self.emit(OP_SAVE, 2 * node[1] + (not self.backward))
        elif k == "backref":
            if self.backward:
                self.emit(OP_BACKREF_I_B if self.icase else OP_BACKREF_B, node[1])
            else:
                self.emit(OP_BACKREF_I if self.icase else OP_BACKREF, node[1])
        elif k == "assert":
            m = self.flags & RF_MULTILINE
            op = {"bol": OP_BOL_M if m else OP_BOL, "eol": OP_EOL_M if m else OP_EOL,
                  "wordb": OP_WORDB, "nwordb": OP_NWORDB}[node[1]]
            self.emit(op)
        elif k == "look":
            at = self.emit(OP_LOOK, 1 if node[1] else 0, 0)
            saved, self.backward = self.backward, node[3]
            self.gen(node[2])
            self.backward = saved
            self.emit(OP_NLOOK_END if node[1] else OP_LOOK_END)
            self.patch(at, 1, self.here())
        elif k == "repeat":
            self.gen_repeat(*node[1:])
        else:
            raise AssertionError(k)

    def gen_seq(self, items):
        chunks = []                     # items, with runs of literal units as ("str", units)
        i = 0
        while i < len(items):
            j = i
            if not self.icase:
                while j < len(items) and items[j][0] == "char":
                    j += 1
            if j - i >= 2:
                chunks.append(("str", [x[1] for x in items[i:j]]))
                i = j
            else:
                chunks.append(items[i])
                i += 1
        for chunk in (reversed(chunks) if self.backward else chunks):
            if chunk[0] != "str":
                self.gen(chunk)
                continue
            units = chunk[1]
            self.emit(OP_STR_B if self.backward else OP_STR, len(units))
            for p in range(0, len(units), 2):
                lo = units[p]
                hi = units[p + 1] if p + 1 < len(units) else 0
                self.code.append(lo | (hi << 16))

    def gen_alt(self, alts):
        gotos = []
        for idx, alt in enumerate(alts):
            if idx < len(alts) - 1:
                split = self.emit(OP_SPLIT_NEXT, 0, 0)
                self.gen(alt)
                gotos.append(self.emit(OP_GOTO, 0, 0))
                self.patch(split, 1, self.here())
            else:
                self.gen(alt)
        for g in gotos:
            self.patch(g, 1, self.here())

    def gen_body(self, atom, check_pos):
        """One iteration: [SET_POS] [RESET] atom [CHECK_ADV] (returns the position register)."""
        pos_reg = None
        if check_pos:
            pos_reg = self.reg()
            self.emit(OP_SET_POS, pos_reg)
        groups = _groups(atom, [])
        if groups:
            lo, hi = min(groups), max(groups)
            self.emit(OP_RESET, 2 * lo, 2 * (hi - lo + 1))
        self.gen(atom)
        return pos_reg

    def gen_repeat(self, atom, lo, hi, greedy):
        hi = INFINITE if hi is None else hi
        if hi == 0:
            return
        matcher = self.unit_matcher(atom)
        if matcher is not None:
            if lo == 1 and hi == 1:
                self.gen(atom)
                return
            if self.backward:
                self.emit(OP_REP_B if greedy else OP_REP_LAZY_B, len(matcher), lo, hi)
            else:
                self.emit(OP_REP if greedy else OP_REP_LAZY, len(matcher), lo, hi)
            self.code.extend(matcher)
            return
        nullable = _nullable(atom)
        if lo == 1 and hi == 1:
            self.gen(atom)
            return
        if lo == 0 and hi == 1:
            split = self.emit(OP_SPLIT_NEXT if greedy else OP_SPLIT_GOTO, 0, 0)
            pos_reg = self.gen_body(atom, nullable)
            if nullable:
                self.emit(OP_CHECK_ADV, pos_reg)
            self.patch(split, 1, self.here())
            return
        if lo == 0 and hi == INFINITE:
            head = self.here()
            split = self.emit(OP_SPLIT_NEXT if greedy else OP_SPLIT_GOTO, 0, 0)
            pos_reg = self.gen_body(atom, nullable)
            if nullable:
                self.emit(OP_CHECK_ADV, pos_reg)
            self.emit(OP_GOTO, 0, head)
            self.patch(split, 1, self.here())
            return
        if lo == 1 and hi == INFINITE and not nullable:
            body = self.here()
            self.gen_body(atom, False)
            self.emit(OP_SPLIT_GOTO if greedy else OP_SPLIT_NEXT, 0, body)
            return
        counter = self.reg()
        self.emit(OP_LOOP_INIT, counter)
        head = self.emit(OP_LOOP if greedy else OP_LOOP_LAZY, counter, lo, hi, 0)
        pos_reg = self.gen_body(atom, nullable)
        self.emit(OP_LOOP_TAIL, counter, lo, 0 if pos_reg is None else pos_reg + 1, head)
        self.patch(head, 3, self.here())


def parse_flags(text):
    """'gim' -> RF_* bits (RegexSyntaxError for unknown or repeated letters)."""
    bits = 0
    for ch in text:
        b = FLAG_BITS.get(ch, 0)
        if not b or bits & b:
            raise RegexSyntaxError("Invalid flags supplied to RegExp constructor '%s'" % text)
        bits |= b
    return bits


def escape_source(units):
    """EscapeRegExpPattern: a source text that reads back as the same pattern
    inside /.../ (unescaped / and line terminators escaped; '' -> '(?:)')."""
    if not units:
        return [ord(c) for c in "(?:)"]
    out, in_class, i, n = [], False, 0, len(units)
    names = {0x0A: "n", 0x0D: "r", 0x2028: "u2028", 0x2029: "u2029"}
    while i < n:
        c = units[i]
        if c == 0x5C and i + 1 < n:
            out.append(c)
            d = units[i + 1]
            out.extend(ord(x) for x in names[d]) if d in names else out.append(d)
            i += 2
            continue
        if c in names:
            out.append(0x5C)
            out.extend(ord(x) for x in names[c])
        elif c == 0x2F and not in_class:
            out.extend((0x5C, 0x2F))
        else:
            if c == 0x5B:
                in_class = True
            elif c == 0x5D:
                in_class = False
            out.append(c)
        i += 1
    return out


def compile_regex(units, flags):
    """Pattern (code units) + RF_* flag bits -> the program bytes (header, code, sources)."""
    if flags & RF_UNICODE:
        raise RegexSyntaxError("Invalid regular expression: /%s/: the u flag is not supported yet"
                               % _text(units))
    if flags & RF_HASINDICES:
        raise RegexSyntaxError("Invalid regular expression: /%s/: the d flag is not supported yet"
                               % _text(units))
    units = list(units)
    p = _Parser(units, flags)
    tree = p.parse()
    if flags & RF_IGNORECASE:
        canon_table()
    g = _CodeGen(flags, p.ngroups)
    g.gen(tree)
    g.emit(OP_MATCH)
    if len(g.code) > MAX_CODE_WORDS:
        raise RegexSyntaxError("Invalid regular expression: /%s/: Regular expression too large" % _text(units))

    hints, first_char, bitmap = 0, 0, [0] * 8
    if not flags & RF_MULTILINE and _anchored(tree):
        hints |= HINT_ANCHORED
    first, nullable = _FirstSet(flags).first(tree)
    if first is not None and not nullable and first != ALL:
        hints |= HINT_BITMAP
        for lo, hi in first:
            for c in range(lo, min(hi, 255) + 1):
                bitmap[c >> 5] |= 1 << (c & 31)
            if hi >= 256:
                hints |= HINT_HIGH
        if len(first) == 1 and first[0][0] == first[0][1]:
            hints |= HINT_SINGLE
            first_char = first[0][0]

    esc = escape_source(units)
    names = []
    if p.group_names:
        for k in range(1, p.ngroups + 1):
            name = p.group_names.get(k, ())
            names.append(len(name))
            names.extend(name)
    code_at = 4 * HEADER_WORDS
    src_at = code_at + 4 * len(g.code)
    esc_at = src_at + 2 * len(units)
    names_at = esc_at + 2 * len(esc)
    header = [0] * HEADER_WORDS
    header[H_MAGIC] = MAGIC
    header[H_FLAGS] = flags
    header[H_NCAPS] = p.ngroups + 1
    header[H_NREGS] = g.nregs
    header[H_CODE_AT] = code_at
    header[H_CODE_WORDS] = len(g.code)
    header[H_SRC_AT] = src_at
    header[H_SRC_LEN] = len(units)
    header[H_ESC_AT] = esc_at
    header[H_ESC_LEN] = len(esc)
    header[H_HINTS] = hints
    header[H_FIRST_CHAR] = first_char
    header[H_BITMAP:H_BITMAP + 8] = bitmap
    header[H_NAMES_AT] = names_at
    header[H_NAMES_LEN] = len(names)
    words = array("I", header + g.code)
    srcs = array("H", units + esc + names)
    if words.itemsize != 4 or srcs.itemsize != 2:
        raise RuntimeError("unexpected array item sizes")
    import sys
    if sys.byteorder != "little":
        words.byteswap()
        srcs.byteswap()
    data = words.tobytes() + srcs.tobytes()
    return data + b"\0" * (-len(data) % 8)


def read_header(data):
    """The header words of a program (bytes) as a dict."""
    w = struct.unpack_from("<%dI" % HEADER_WORDS, data, 0)
    names = ["magic", "flags", "ncaps", "nregs", "code_at", "code_words", "src_at", "src_len",
             "esc_at", "esc_len", "hints", "first_char"]
    h = dict(zip(names, w))
    h["bitmap"] = list(w[H_BITMAP:H_BITMAP + 8])
    h["names_at"] = w[H_NAMES_AT]
    h["names_len"] = w[H_NAMES_LEN]
    return h


def group_names(data):
    """{group index: name} of a program's named groups."""
    h = read_header(data)
    units = struct.unpack_from("<%dH" % h["names_len"], data, h["names_at"])
    out, i, k = {}, 0, 1
    while i < len(units):
        n = units[i]
        if n:
            out[k] = "".join(map(chr, units[i + 1:i + 1 + n]))
        i += 1 + n
        k += 1
    return out
