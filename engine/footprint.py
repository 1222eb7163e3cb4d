"""`python -m glassjs footprint`: what a fresh engine and typical values cost, per profile.

Every figure is the engine's own accounting (Engine.memory_usage(),
docs/memory-api.md) plus the Runtime struct; tests/core/test_footprint.py
checks each against a walk of the heap's blocks.  docs/footprint.md holds a
dated copy of the table.

A fresh context's RAM is everything the engine holds from the system for
itself: the Runtime struct (as malloc holds it), the arena from its first
block to its top (live blocks with their headers and padding, and any free
blocks between them), and the committed pages of the value stack, frame and
handler arrays.  The Python Engine object around it is not counted (QuickJS's
figure does not count its embedder either).

A value's cost is the bytes of the blocks that creating one more of it
allocates, measured with an identical value already alive (so the interned
names it uses exist already) and the new one held in a slot that was
allocated beforehand.  The 8-byte word that refers to the value is not
included (every value, a number or a lightfunc too, is one word).
"""
from __future__ import annotations

import datetime
import struct
import sys
from dataclasses import dataclass, field

from glassjs.engine import introspect
from glassjs.engine.profiles import PROFILES

# Published or measured figures of the peers (docs/footprint.md says where from)
DUKTAPE_FRESH = {"default": "78 kB", "lowmem": "27 kB", "rom": "1.5 kB (+ptr compression)"}
QUICKJS_FRESH = 57811            # memory_used_size of a fresh QuickJS context, measured here

# name, the expression creating one (run in a fresh engine), Duktape's figure
ITEMS = [
    ("empty object {}", "({})", ""),
    ("{foo: 123}", "({foo: 123})", ""),
    ("ECMAScript function + prototype",
     "(function () { var f = function add(a, b) { return a + b }; f.prototype; return f })()", "300-500 B"),
    ("native function object", None, "70-80 B"),
    ("lightfunc", "lf", "8 B (the value itself)"),
    ("one-byte string, 10 chars", "'abcde'.concat('fghij')", ""),
    ("two-byte string, 10 chars", "'\\u03b1\\u03b2\\u03b3\\u03b4\\u03b5'.concat('\\u03b6\\u03b7\\u03b8\\u03b9\\u03ba')", ""),
    ("dense array, 1,000 elements", "(function () { var a = new Array(1000); for (var i = 0; i < 1000; i++) "
                                    "a[i] = i; return a })()", ""),
]

# a built-in native function object in every profile (a getter stays an object)
NATIVE_FUNCTION = "Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get"
PROPS_FIELD = 20        # JSObject.props: after the 16-byte header and `proto` (layout.pxd)


@dataclass
class Fresh:
    """What a fresh engine holds."""
    profile: str
    built: bool                 # False: the profile's ROM image is not built
    arena: int                  # RAM blocks from ram_start to top, free ones included
    runtime: int                # the Runtime struct as malloc holds it
    stacks: int                 # committed value stack, frames, handlers
    rom: int                    # bytes of the ROM segment
    used: int                   # live RAM blocks (memory_used_size)

    @property
    def ram(self) -> int:
        return self.arena + self.runtime + self.stacks


@dataclass
class Profile:
    fresh: Fresh
    items: dict = field(default_factory=dict)     # item name -> bytes


def fresh_context(profile: str) -> Fresh:
    from glassjs import Engine
    e = Engine(profile=profile)
    u = e.memory_usage()
    rom = u.get("rom_size", 0)
    built = not PROFILES[profile].rom or rom > 0
    return Fresh(profile, built, u["arena_bytes"], introspect.runtime_bytes(e), u["stack_bytes"], rom,
                 u["memory_used_size"])


def item_cost(engine, expr: str) -> int:
    """Bytes of the blocks one more value of `expr` allocates (see the module doc)."""
    engine.eval("var keep = new Array(4); keep[0] = %s; 0" % expr)     # the first one: its names exist now
    before = engine.memory_usage()["memory_used_size"]
    engine.eval("keep[1] = %s; 0" % expr)
    after = engine.memory_usage()["memory_used_size"]
    engine.eval("keep = undefined")
    return after - before


def native_function_cost(engine) -> int:
    """A built-in native function object: its block, and its property table if
    it has one (name and length stay virtual until first read)."""
    f = engine.eval(NATIVE_FUNCTION)
    size = introspect.header(engine, f.offset).size
    props = struct.unpack("<I", introspect.read_bytes(engine, f.offset + PROPS_FIELD, 4))[0]
    return size + (introspect.header(engine, props).size if props else 0)


def measure(profile: str) -> Profile:
    from glassjs import Engine
    result = Profile(fresh_context(profile))
    if not result.fresh.built:
        return result
    e = Engine(profile=profile)
    e.set_global("lf", introspect.lightfunc(e, "Math.max"))
    for name, expr, _ in ITEMS:
        result.items[name] = native_function_cost(e) if expr is None else item_cost(e, expr)
    return result


def _kb(n: int) -> str:
    return "{:,} B ({:.1f} kB)".format(n, n / 1000)


def table(results: dict) -> str:
    """The footprint table as Markdown (the command prints the same text)."""
    names = list(results)
    head = "| | " + " | ".join("`%s`" % n for n in names) + " | Duktape (x86, published) | QuickJS (measured here) |"
    rows = [head, "|---|" + "---:|" * len(names) + "---|---|"]

    def cells(fn):
        return " | ".join(fn(results[n]) if results[n].fresh.built else "not built" for n in names)

    duk = ", ".join("%s %s" % (k, v) for k, v in DUKTAPE_FRESH.items())
    rows.append("| **fresh context RAM** | %s | %s | {:,} B (memory_used_size) |".format(QUICKJS_FRESH)
                % (cells(lambda r: "**{:,} B**".format(r.fresh.ram)), duk))
    rows.append("| &nbsp; arena (live + free blocks) | %s | | |" % cells(lambda r: "{:,}".format(r.fresh.arena)))
    rows.append("| &nbsp; of which live blocks | %s | | |" % cells(lambda r: "{:,}".format(r.fresh.used)))
    rows.append("| &nbsp; Runtime struct | %s | | |" % cells(lambda r: "{:,}".format(r.fresh.runtime)))
    rows.append("| &nbsp; stacks (committed) | %s | | |" % cells(lambda r: "{:,}".format(r.fresh.stacks)))
    rows.append("| **ROM** | %s | | |" % cells(lambda r: "{:,} B".format(r.fresh.rom)))
    for name, _, duk_item in ITEMS:
        rows.append("| %s | %s | %s | |" % (name, cells(lambda r: "{:,} B".format(r.items[name])), duk_item))
    return "\n".join(rows)


def main(argv=None) -> int:
    results = {name: measure(name) for name in PROFILES}
    print("glassjs footprint, %s: bytes per profile (64-bit NaN-boxed values, 32-bit heap offsets)"
          % datetime.date.today().isoformat())
    print()
    print(table(results))
    print()
    print("RAM = Runtime struct + arena (blocks with headers, padding, free blocks) + committed stacks.")
    print("Value rows: blocks allocated for one more such value; the 8-byte word referring to it not counted.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
