"""Operand-stack depth analysis of finished bytecode.

Every reachable instruction must be entered with one depth whatever path
leads there; the largest depth is the function's ``max_stack``.  The effects
come from the stack column of ``bytecode.py`` (``[a b] -> [c]``), so the
table there stays the one contract; only the branching instructions whose
two exits differ are spelt out here.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

from glassjs.engine import bytecode as bc

from .errors import CompilerBug

# instructions after which execution does not fall through
TERMINAL = {bc.JMP, bc.THROW, bc.THROW_ERROR, bc.RET, bc.RET_UNDEF}

# (effect when falling through, effect when jumping); the handler of TRY is
# entered with the depth at TRY plus the exception
BRANCH_EFFECTS = {
    bc.JMP: (None, 0),
    bc.JMP_TRUE: (-1, -1),
    bc.JMP_FALSE: (-1, -1),
    bc.JMP_TRUE_KEEP: (-1, 0),
    bc.JMP_FALSE_KEEP: (-1, 0),
    bc.FOR_IN_NEXT: (+1, 0),
    bc.TRY: (0, +1),
}


# stack columns whose item text contains a space
TEXT_OVERRIDES = {bc.TYPEOF: (1, 1)}


def _count(items: str, a: int) -> int:
    words = items.strip("[] ").split()
    if ".." in words:            # "a0 .. aA-1": A items
        return len(words) - 3 + a
    return len(words)


def _parse_effect(op: int, a: int) -> Tuple[int, int]:
    if op in TEXT_OVERRIDES:
        return TEXT_OVERRIDES[op]
    before, _, after = bc.OPS[op].stack.partition("->")
    after = after.strip()
    pushed = 0 if after == "!" else _count(after, a)
    return _count(before, a), pushed


def _effect_table():
    """Per opcode (pops, pushes, also A more of each?), parsed once from the table."""
    table = []
    for op in bc.OPS:
        pops0, pushes0 = _parse_effect(op.code, 0)
        pops1, pushes1 = _parse_effect(op.code, 1)
        table.append((pops0, pushes0, pops1 - pops0, pushes1 - pushes0))
    return table


_EFFECTS = _effect_table()


def stack_effect(op: int, a: int) -> Tuple[int, int]:
    """(values popped, values pushed) by a non-branching instruction."""
    pops, pushes, pops_a, pushes_a = _EFFECTS[op]
    return pops + pops_a * a, pushes + pushes_a * a


_LENGTHS = [bc.instruction_length(op.code) for op in bc.OPS]


def compute_max_stack(code: List[int], name: str = "?") -> int:
    """Walk every path from pc 0; raise CompilerBug on inconsistent depths."""
    depth_at: Dict[int, int] = {0: 0}
    work = [0]
    max_depth = 0
    instructions = {pc: (op, a) for pc, op, a in _decode(code)}
    if not any(op in BRANCH_EFFECTS for op, _ in instructions.values()):
        return _straight_line(code, instructions, name)
    while work:
        pc = work.pop()
        depth = depth_at[pc]
        if pc not in instructions:
            raise CompilerBug(f"{name}: control reaches pc {pc}, which is not an instruction")
        op, a = instructions[pc]
        next_pc = pc + _LENGTHS[op]
        exits = []
        if op in BRANCH_EFFECTS:
            fall, jump = BRANCH_EFFECTS[op]
            if fall is not None:
                exits.append((next_pc, depth + fall))
            exits.append((next_pc + a, depth + jump))
            if op != bc.TRY:
                max_depth = max(max_depth, depth)
        else:
            pops, pushes = stack_effect(op, a)
            if depth < pops:
                raise CompilerBug(f"{name}: stack underflow at pc {pc} ({bc.OPS[op].name})")
            if op not in TERMINAL:
                exits.append((next_pc, depth - pops + pushes))
        for target, target_depth in exits:
            if target_depth < 0:
                raise CompilerBug(f"{name}: negative stack depth after pc {pc}")
            max_depth = max(max_depth, target_depth)
            known = depth_at.get(target)
            if known is None:
                depth_at[target] = target_depth
                work.append(target)
            elif known != target_depth:
                raise CompilerBug(f"{name}: stack depth {target_depth} != {known} at pc {target} "
                                  f"(from pc {pc}, {bc.OPS[op].name})")
    return max_depth


def _straight_line(code, instructions, name: str) -> int:
    """compute_max_stack for code without branches (most eval code, small functions)."""
    depth = max_depth = 0
    for pc, (op, a) in instructions.items():         # in pc order
        pops, pushes, pops_a, pushes_a = _EFFECTS[op]
        pops += pops_a * a
        if depth < pops:
            raise CompilerBug(f"{name}: stack underflow at pc {pc} ({bc.OPS[op].name})")
        depth += pushes + pushes_a * a - pops
        if depth > max_depth:
            max_depth = depth
        if op in TERMINAL:
            return max_depth        # nothing jumps, so what follows is never reached
    raise CompilerBug(f"{name}: control reaches pc {len(code)}, which is not an instruction")


def _decode(code):
    pc, n = 0, len(code)
    while pc < n:
        word = code[pc]
        op = word & 0xFF
        a = (word >> 8) & 0xFFFFFF
        if _SIGNED[op] and a & 0x800000:
            a -= 1 << 24
        yield pc, op, a
        pc += _LENGTHS[op]


_SIGNED = [op.operand in ("int", "jump") for op in bc.OPS]
