"""Plain records returned by the inspection API (like dis.Instruction).

Views and the CLI are thin renderers over these; none of them reaches into
the core.  See docs/inspection.md.
"""
from __future__ import annotations

import math
import struct
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

BLOCK_TYPES = ("free", "string", "object", "props", "elems", "code", "env", "scope", "strtab", "bytes")
CLASS_NAMES = ("Object", "Array", "Function", "NativeFunction", "BoundFunction", "Error", "Boolean",
               "Number", "String", "Arguments", "Date", "RegExp", "Math", "JSON", "global",
               "ForInIterator", "HostFunction")
HEADER_FLAGS = {0x01: "READONLY", 0x02: "MARK", 0x04: "ONEBYTE", 0x08: "INTERNED",
                0x10: "ARRAYIDX", 0x20: "GARBAGE", 0x40: "PINNED"}
TAG_NAMES = {0xFFF9: "undefined", 0xFFFA: "null", 0xFFFB: "boolean", 0xFFFC: "lightfunc",
             0xFFFD: "string", 0xFFFE: "object", 0xFFFF: "internal"}


class Header(NamedTuple):
    """The 16-byte header every block starts with."""
    offset: int
    type: str
    flags: Tuple[str, ...]
    aux: int                 # objects: class id
    refcount: int
    size: int
    link: int
    raw: bytes


class Block(NamedTuple):
    offset: int
    size: int
    type: str
    segment: str             # "rom" or "ram"
    refcount: int
    flags: Tuple[str, ...]
    detail: str              # class name, string preview, function name...


class ValueBits(NamedTuple):
    """One 64-bit value word, decoded."""
    bits: int
    hex: str
    kind: str                # "number", "undefined", "null", "boolean", "lightfunc", "string", "object", "internal", "hole"
    sign: int                # IEEE-754 fields (meaningful for numbers)
    exponent: int
    mantissa: int
    tag: Optional[int]       # top 16 bits when the word is a tagged value
    payload: int             # the low 48 bits
    number: Optional[float]
    offset: Optional[int]    # arena offset for references
    lightfunc: Optional[dict]  # native index, nargs, length, magic
    v8: dict                 # how V8 (pointer compression) would store this value


class StringEntry(NamedTuple):
    offset: int
    text: str
    length: int
    onebyte: bool
    hash: int
    refcount: int
    size: int


class Ref(NamedTuple):
    """One outgoing reference of a block, as the object graph draws it."""
    label: str               # property key, "[3]", "[[Prototype]]", "get x", a variable name...
    kind: str                # "property", "accessor", "element", "proto", "internal", "binding"
    bits: ValueBits          # the stored word (references carry their offset)


class Instruction(NamedTuple):
    pc: int
    opname: str
    arg: Optional[int]
    extra: Tuple[int, ...]
    argrepr: str
    line: int
    column: int
    is_jump_target: bool
    jump_target: Optional[int]


class FrameInfo(NamedTuple):
    index: int
    function: str
    filename: str
    line: int
    column: int
    pc: int
    this: object
    arguments: list
    locals: dict
    stack: list               # operand stack, bottom first
    stack_bits: list          # the raw 64-bit words of the operand stack


def decode_bits(bits: int) -> ValueBits:
    """Decode a 64-bit value word into its fields (pure function, no engine)."""
    bits &= 0xFFFFFFFFFFFFFFFF
    sign = bits >> 63
    exponent = (bits >> 52) & 0x7FF
    mantissa = bits & ((1 << 52) - 1)
    top = bits >> 48
    payload = bits & ((1 << 48) - 1)
    offset = None
    lightfunc = None
    number = None
    if top < 0xFFF9:
        kind, tag = "number", None
        number = struct.unpack("<d", struct.pack("<Q", bits))[0]
    else:
        tag = top
        kind = TAG_NAMES[top]
        if kind == "undefined" and payload == 1:
            kind = "hole"
        elif kind in ("string", "object", "internal"):
            offset = payload & 0xFFFFFFFF
        elif kind == "lightfunc":
            lightfunc = {"index": payload & 0xFFFFFFFF, "nargs": (payload >> 32) & 0xF,
                         "length": (payload >> 36) & 0xF, "magic": (payload >> 40) & 0xFF}
    return ValueBits(bits, f"0x{bits:016x}", kind, sign, exponent, mantissa, tag, payload,
                     number, offset, lightfunc, v8_reading(kind, number, offset))


def v8_reading(kind: str, number: Optional[float], offset: Optional[int]) -> dict:
    """The same value in V8's scheme with pointer compression (32-bit tagged words)."""
    if kind == "number":
        if number is not None and math.isfinite(number) and number == int(number) and -(1 << 30) <= number < (1 << 30) \
                and not (number == 0 and struct.pack("<d", number)[7] & 0x80):
            word = (int(number) << 1) & 0xFFFFFFFF
            return {"scheme": "Smi", "word": f"0x{word:08x}",
                    "explain": "31-bit integer shifted left by one; low bit 0 marks a Smi"}
        return {"scheme": "HeapNumber", "word": "pointer|1",
                "explain": "not a 31-bit integer: boxed in a 12-byte HeapNumber object; the word is a tagged pointer (low bit 1)"}
    if kind in ("undefined", "null", "boolean", "hole"):
        return {"scheme": "Oddball", "word": "pointer|1",
                "explain": "a pre-allocated oddball object in the read-only heap; the word is its tagged pointer"}
    if offset is not None:
        return {"scheme": "HeapObject", "word": f"0x{(offset | 1) & 0xFFFFFFFF:08x}",
                "explain": "compressed pointer to the object with the low bit set to 1"}
    return {"scheme": "HeapObject", "word": "pointer|1", "explain": "a JSFunction object (V8 has no lightfuncs)"}


# --- tracing (engine/tracer.pyx, docs/tracing.md) ------------------------------------------

class TraceCode(NamedTuple):
    """A code block as it was while the trace ran (a script's code is freed when it returns)."""
    offset: int
    name: str
    filename: str
    line: int                 # where the function starts
    nparams: int
    nlocals: int
    instructions: Tuple[Instruction, ...]
    by_pc: Dict[int, Instruction]
    constants: Tuple[str, ...]
    names: Tuple[str, ...]    # frame slot names: parameters, then locals
    source: str               # a function's own source text ("" for scripts: the caller has it)


class TraceStep(NamedTuple):
    """The machine just *before* one instruction ran."""
    index: int
    code: int                 # index into Trace.codes
    pc: int
    opname: str
    depth: int                # call depth, 1 = the outermost traced frame
    line: int
    column: int
    nargs: int
    nlocals: int
    nslots: int               # 1 + nargs + nlocals + operands (words may be cut at 1024)
    words: Tuple[int, ...]    # raw value words: this, arguments, locals, operand stack (bottom first)

    @property
    def operands(self):
        return self.words[1 + self.nargs + self.nlocals:]


class HeapEvent(NamedTuple):
    """A block allocated or freed, or a traced object's refcount changing.

    `step`: the event happened while step-1 ran (0: before the first instruction),
    so the heap at step s is the heap before the trace plus events with step <= s.
    """
    step: int
    kind: str                 # "alloc" | "free" | "refcount"
    offset: int
    size: int
    type: str
    detail: str
    refcount: int             # refcount events: the new count


class BlockLife(NamedTuple):
    offset: int
    size: int
    type: str
    detail: str
    born: Optional[int]       # step of its allocation; None = before the trace
    died: Optional[int]       # step of its free; None = still live when the trace ended


class Trace(NamedTuple):
    steps: List[TraceStep]
    codes: List[TraceCode]
    events: List[HeapEvent]
    blocks: Dict[int, List[BlockLife]]   # what each referenced offset held, over time
    status: str               # "done" | "budget" | "error" | "interrupted" | "oom"
    message: str
    budget: int
    result: Any
    error: Any


class GCPhases(NamedTuple):
    """One mark-and-sweep run, phase by phase (tracer.collect_with_phases)."""
    before: List[Block]       # live blocks before the run
    after: List[Block]
    marked: Dict[int, str]    # after marking: offset -> "root" | "marked" (containers reached)
    garbage: Dict[int, str]   # after the sweep flagged them: offset -> "garbage"
    stats: dict               # Engine.gc_stats(): roots, marked, freed_blocks, freed_bytes
    released_bytes: int       # live bytes released in all (garbage + what only it held)


class LeakReport(NamedTuple):
    """What close() found still allocated after the runtime let go (QuickJS's DUMP_LEAKS)."""
    blocks: Tuple[Block, ...]        # every block left in RAM (the string table's buckets excepted)
    held: frozenset                  # offsets of those reachable from live Python handles
    bytes: int

    @property
    def objects(self):
        return [b for b in self.blocks if b.type == "object"]

    @property
    def strings(self):
        return [b for b in self.blocks if b.type == "string"]

    def text(self) -> str:
        if not self.blocks:
            return "no leaks\n"
        lines = [f"leaks: {len(self.blocks)} blocks, {self.bytes} bytes still allocated at close"]
        for title, group in (("held by Python handles (still referenced from Python)",
                              [b for b in self.blocks if b.offset in self.held]),
                             ("not referenced by anything (a reference never released)",
                              [b for b in self.blocks if b.offset not in self.held])):
            if group:
                lines.append(f"{title}:")
                lines.append(f"  {'OFFSET':>8} {'TYPE':<7} {'REFS':>4} {'SIZE':>6}  DETAIL")
                lines += [f"  {b.offset:>8} {b.type:<7} {b.refcount:>4} {b.size:>6}  {b.detail}" for b in group]
        return "\n".join(lines) + "\n"
