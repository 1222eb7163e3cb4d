"""View models over a recorded Trace (engine/tracer.pyx, docs/tracing.md).

The player must render any step in well under 100 ms, in any order (the
slider jumps).  So everything that does not depend on the step is computed
once here: the frame chain is a parent pointer per step, heap events are
indexed by step, value words are described lazily and cached.  A step's model
is then a few list look-ups.
"""
from __future__ import annotations

import bisect
import math
from typing import NamedTuple, Optional

from glassjs.engine.records import decode_bits


class Slot(NamedTuple):
    name: str                 # "this", a parameter/local name, or "" for operands
    text: str                 # how the value reads
    kind: str                 # decode_bits kind: number, string, object, ...
    bits: int                 # the raw 64-bit word


class FrameModel(NamedTuple):
    depth: int
    function: str
    code: int                 # index into trace.codes
    pc: int
    line: int
    this: Slot
    arguments: list           # [Slot]
    locals: list              # [Slot]
    operands: list            # [Slot], bottom first
    cut: int                  # words not recorded (a frame larger than the recorder keeps)


def number_text(x: float) -> str:
    """A number as JavaScript prints it (1, 1.5, -0, NaN, Infinity)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "-0" if math.copysign(1, x) < 0 else "0"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    return repr(x)


class TraceModel:
    """Per-step models of one Trace."""

    def __init__(self, trace, sources: Optional[dict] = None):
        self.trace = trace
        self.steps = trace.steps
        self.codes = trace.codes
        self.sources = dict(sources or {})
        # the frame below each step's frame: the last step taken at depth-1
        self.parent = []
        chain = []
        for st in self.steps:
            del chain[st.depth - 1:]
            self.parent.append(chain[-1] if chain else -1)
            while len(chain) < st.depth - 1:        # a frame entered without a step of its own
                chain.append(-1)
            chain.append(st.index)
        self.event_steps = [ev.step for ev in trace.events]
        self._value_cache = {}

    def __len__(self):
        return len(self.steps)

    # --- values ------------------------------------------------------------------------------

    def block_at(self, offset: int, step: int):
        """The BlockLife that held `offset` at `step` (None if unknown)."""
        for life in self.trace.blocks.get(offset, ()):
            if (life.born is None or life.born <= step) and (life.died is None or life.died > step):
                return life
        return None

    def value(self, name: str, word: int, step: int) -> Slot:
        key = (word, step) if word >= 0xFFFD000000000000 else word
        hit = self._value_cache.get(key)
        if hit is None:
            hit = self._value_cache[key] = self._describe(word, step)
        return Slot(name, hit[0], hit[1], word)

    def _describe(self, word: int, step: int):
        b = decode_bits(word)
        kind = b.kind
        if kind == "number":
            return number_text(b.number), kind
        if kind == "boolean":
            return ("true" if b.payload else "false"), kind
        if kind in ("undefined", "null"):
            return kind, kind
        if kind == "hole":
            return "<uninitialized>", kind
        if kind == "lightfunc":
            return f"lightfunc #{b.lightfunc['index']}", kind
        life = self.block_at(b.offset, step)
        if kind == "string":
            return (life.detail if life else f"string @{b.offset}"), kind
        what = life.detail if life else kind
        return f"{what} @{b.offset}", kind

    # --- frames --------------------------------------------------------------------------------

    def slot_names(self, code_index: int):
        return self.codes[code_index].names

    def frame_of(self, i: int) -> FrameModel:
        st = self.steps[i]
        code = self.codes[st.code]
        words = st.words
        names = self.slot_names(st.code)
        v = self.value
        this = v("this", words[0], i) if words else Slot("this", "?", "?", 0)
        args = [v(names[k] if k < len(names) and k < code.nparams and names[k] else f"arg{k}", w, i)
                for k, w in enumerate(words[1:1 + st.nargs])]
        base = 1 + st.nargs
        locs = [v(names[code.nparams + k] if code.nparams + k < len(names) and names[code.nparams + k]
                  else f"<temp {k}>", w, i)
                for k, w in enumerate(words[base:base + st.nlocals])]
        ops = [v("", w, i) for w in words[base + st.nlocals:]]
        return FrameModel(st.depth, code.name, st.code, st.pc, st.line, this, args, locs, ops,
                          st.nslots - len(words))

    def frames(self, i: int):
        """The call frames at step i, outermost first (lower frames as they were at their call)."""
        out = []
        j = i
        while j >= 0:
            out.append(self.frame_of(j))
            j = self.parent[j]
        out.reverse()
        return out

    # --- heap ----------------------------------------------------------------------------------

    def events_upto(self, i: int) -> int:
        """How many heap events happened before step i was taken."""
        return bisect.bisect_right(self.event_steps, i)

    def last_events(self, i: int):
        """What the previous instruction did to the heap (events recorded between step i-1 and i)."""
        lo = bisect.bisect_left(self.event_steps, i)
        hi = bisect.bisect_right(self.event_steps, i)
        return self.trace.events[lo:hi] if i > 0 else []

    def live_new_blocks(self, i: int):
        """Blocks the trace allocated that are live at step i: {offset: (size, type, detail, refcount)}."""
        live = {}
        for ev in self.trace.events[:self.events_upto(i)]:
            if ev.kind == "alloc":
                live[ev.offset] = [ev.size, ev.type, ev.detail, 1]
            elif ev.kind == "free":
                live.pop(ev.offset, None)
            elif ev.offset in live:
                live[ev.offset][3] = ev.refcount
        return live

    # --- source ----------------------------------------------------------------------------------

    def source_lines(self, code_index: int):
        """(first line number, [lines]) of the source a code block came from, or None."""
        code = self.codes[code_index]
        text = self.sources.get(code.filename)
        if text is not None:
            return 1, text.split("\n")
        if code.source:
            return code.line, code.source.split("\n")
        return None
