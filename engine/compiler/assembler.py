"""Instruction buffer of one function: emission, labels, constants, positions."""
from __future__ import annotations

import math
from typing import List, Optional, Tuple

from glassjs.engine import bytecode as bc

from .errors import CompilerBug
from .stack_check import compute_max_stack

INT_MIN, INT_MAX = -(1 << 23), (1 << 23) - 1   # PUSH_INT's signed 24-bit operand
JUMP_OPS = {op.code for op in bc.OPS if op.operand == "jump"}


def is_small_int(value: float) -> bool:
    """Fits PUSH_INT: integral, in 24 bits, and not -0."""
    return (math.isfinite(value) and value == int(value) and INT_MIN <= value <= INT_MAX
            and not (value == 0 and math.copysign(1.0, value) < 0))


class Label:
    __slots__ = ("pc",)

    def __init__(self):
        self.pc: Optional[int] = None


class Assembler:
    def __init__(self, name: str = "?"):
        self.name = name
        self.code: List[int] = []
        self.consts: list = []
        self._const_index = {}
        self.positions: List[Tuple[int, int, int]] = []
        self._position: Tuple[int, int] = (1, 0)
        self._fixups: List[Tuple[int, Label]] = []
        self.ncaches = 0

    # ---- positions -------------------------------------------------------

    def set_position(self, line: int, column: int) -> None:
        self._position = (line, column)

    def _record_position(self) -> None:
        line, column = self._position
        if not self.positions or self.positions[-1][1:] != (line, column):
            pc = len(self.code)
            if self.positions and self.positions[-1][0] == pc:
                self.positions[-1] = (pc, line, column)   # nothing emitted at the old one
            else:
                self.positions.append((pc, line, column))

    # ---- emission --------------------------------------------------------

    @property
    def pc(self) -> int:
        return len(self.code)

    def emit(self, op: int, a: int = 0, *extras: int) -> int:
        info = bc.OPS[op]
        if len(extras) != len(info.extra):
            raise CompilerBug(f"{info.name} takes {len(info.extra)} extra words, got {len(extras)}")
        self._record_position()
        pc = len(self.code)
        self.code.append(bc.encode(op, a))
        self.code.extend(e & 0xFFFFFFFF for e in extras)
        return pc

    def emit_jump(self, op: int, label: Label) -> None:
        if op not in JUMP_OPS:
            raise CompilerBug(f"{bc.OPS[op].name} is not a jump")
        self._fixups.append((self.emit(op, 0), label))

    def bind(self, label: Label) -> None:
        if label.pc is not None:
            raise CompilerBug("label bound twice")
        label.pc = len(self.code)

    def push_number(self, value: float) -> None:
        if is_small_int(value):
            self.emit(bc.PUSH_INT, int(value))
        else:
            self.emit(bc.PUSH_CONST, self.const(float(value)))

    # ---- constants -------------------------------------------------------

    def const(self, value) -> int:
        """Index of a constant; numbers and strings are shared, objects by identity."""
        if isinstance(value, float):
            key = ("nan",) if value != value else ("num", value, math.copysign(1.0, value))
        elif isinstance(value, str):
            key = ("str", value)
        else:
            key = ("obj", id(value))
        index = self._const_index.get(key)
        if index is None:
            index = len(self.consts)
            self.consts.append(value)
            self._const_index[key] = index
        return index

    def new_cache(self) -> int:
        self.ncaches += 1
        return self.ncaches - 1

    # ---- finishing -------------------------------------------------------

    def finish(self) -> Tuple[List[int], int]:
        """Patch jumps, check stack discipline; returns (code, max_stack)."""
        for pc, label in self._fixups:
            if label.pc is None:
                raise CompilerBug(f"{self.name}: jump at pc {pc} to a label never bound")
            op = self.code[pc] & 0xFF
            self.code[pc] = bc.encode(op, label.pc - (pc + 1))
        if self.positions and self.positions[-1][0] >= len(self.code):
            self.positions.pop()
        return self.code, compute_max_stack(self.code, self.name)
