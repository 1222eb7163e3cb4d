"""Engine profiles: named sets of memory options, chosen with Engine(profile=...).

Duktape picks the same trade-offs at compile time with DUK_USE_* options;
here one build carries them all and a profile switches them per engine.
What each option saves is measured by `python -m glassjs footprint`
(docs/profiles.md, docs/footprint.md).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    lightfunc_builtins: bool   # built-in methods are lightfunc values (DUK_USE_LIGHTFUNC_BUILTINS)
    pc2line: bool              # pc-to-line tables in code blocks and tracebacks in error.stack
    props_hash_min: int        # property tables with more entries than this get a hash index
    strtab_max_load: int       # the string table doubles when strings > buckets * this
    rom: bool                  # built-ins in the read-only ROM segment (the ROM image)
    summary: str


PROFILES = {
    "default": Profile("default", lightfunc_builtins=False, pc2line=True, props_hash_min=8,
                       strtab_max_load=1, rom=False,
                       summary="built-ins as ordinary objects in RAM; line tables and tracebacks"),
    "lowmem": Profile("lowmem", lightfunc_builtins=True, pc2line=False, props_hash_min=64,
                      strtab_max_load=2, rom=False,
                      summary="built-in methods as lightfuncs, no line tables or tracebacks, "
                              "linear property tables, a denser string table"),
    "rom": Profile("rom", lightfunc_builtins=True, pc2line=False, props_hash_min=64,
                   strtab_max_load=2, rom=True,
                   summary="lowmem with the built-ins and their strings in the ROM segment"),
}


def get(name: str) -> Profile:
    try:
        return PROFILES[name]
    except (KeyError, TypeError):
        raise ValueError("unknown profile %r (%s)" % (name, ", ".join(PROFILES))) from None
