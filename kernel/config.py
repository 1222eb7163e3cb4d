"""Per-kernel engine settings: memory limit, value-stack size, profile, time limit.

They come from the environment (the kernelspec's ``env`` block, so a
JupyterHub can bound each student) and can be changed from a cell with
``%limits`` / ``%profile``.

    GLASSJS_MEMORY_LIMIT   arena budget, bytes ("64M", "1G" and "512k" work too)
    GLASSJS_STACK_SIZE     value-stack size, bytes (deep recursion -> RangeError)
    GLASSJS_PROFILE        default | lowmem | rom
    GLASSJS_TIME_LIMIT     seconds a cell may run before it is stopped (0: none)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

PROFILES = ("default", "lowmem", "rom")
MAX_MEMORY = 0xF0000000          # arena offsets are 32-bit: the engine caps its arena at 3.75 GiB
MIN_MEMORY = 64 * 1024
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgKMG]?)(i?[bB])?\s*$")
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def parse_size(text: str) -> int:
    """'65536', '64M', '64MiB', '1.5g' -> bytes."""
    m = _SIZE_RE.match(str(text))
    if not m:
        raise ValueError(f"not a size: {text!r} (try 64M, 1G or a number of bytes)")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def check_memory(n: int) -> int:
    if not MIN_MEMORY <= n <= MAX_MEMORY:
        raise ValueError(f"memory limit {n} bytes: it must lie between 64 KiB and 3.75 GiB "
                         f"(arena offsets are 32-bit)")
    return n


def format_size(n: int | None) -> str:
    if n is None:
        return "engine default"
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


@dataclass(frozen=True)
class Limits:
    memory: int | None = None        # None: the engine's default
    stack: int | None = None
    profile: str = "default"
    time: float = 0.0                # seconds per cell; 0 = no limit

    def engine_kwargs(self) -> dict:
        kw = {"profile": self.profile}
        if self.memory is not None:
            kw["memory_limit"] = self.memory
        if self.stack is not None:
            kw["max_stack_size"] = self.stack
        return kw

    def with_changes(self, **changes) -> "Limits":
        return replace(self, **changes)

    @classmethod
    def from_env(cls, env=None) -> "Limits":
        env = os.environ if env is None else env
        limits = cls()
        if env.get("GLASSJS_MEMORY_LIMIT"):
            limits = limits.with_changes(memory=check_memory(parse_size(env["GLASSJS_MEMORY_LIMIT"])))
        if env.get("GLASSJS_STACK_SIZE"):
            limits = limits.with_changes(stack=parse_size(env["GLASSJS_STACK_SIZE"]))
        if env.get("GLASSJS_PROFILE"):
            profile = env["GLASSJS_PROFILE"].strip()
            if profile not in PROFILES:
                raise ValueError(f"GLASSJS_PROFILE={profile!r}: expected one of {', '.join(PROFILES)}")
            limits = limits.with_changes(profile=profile)
        if env.get("GLASSJS_TIME_LIMIT"):
            limits = limits.with_changes(time=float(env["GLASSJS_TIME_LIMIT"]))
        return limits
