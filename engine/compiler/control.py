"""What code generation must undo when control leaves a region early.

``FunctionCompiler.control`` is a stack of these, innermost last.  A jump
out of a region (break, continue, return through finally) emits the undo
step of every entry it crosses, innermost first: LEAVE_ENV for an
environment, POP for a for-in iterator on the operand stack, END_TRY plus
the inlined finally body for a try statement, a copy of a finally body's
completion value (``CompletionEntry``).
"""
from __future__ import annotations

from typing import Optional, Sequence

from .assembler import Label


class EnvEntry:
    """An environment record pushed by ENTER_ENV or ENTER_WITH."""

    def __init__(self, scope):
        self.scope = scope


class IteratorEntry:
    """A for-in iterator kept on the operand stack."""


class TryEntry:
    """A handler pushed by TRY; ``finalizer`` is the finally block or None."""

    def __init__(self, finalizer=None):
        self.finalizer = finalizer


class CompletionEntry:
    """A finally body of script/eval code keeping its own completion value.

    A break/continue out of the body completes the try statement with the
    body's value (ES2015 UpdateEmpty(F, undefined)); leaving the entry copies
    ``own`` into ``outer``.
    """

    def __init__(self, outer: int, own: int):
        self.outer = outer
        self.own = own


class JumpTarget:
    """Where break/continue go: a loop, a switch, or a labelled statement.

    ``break_level`` and ``continue_level`` are the lengths of the control
    stack at the two destinations; a for-in loop's continue keeps its
    iterator, its break pops it.
    """

    def __init__(self, kind: str, labels: Sequence[str], break_level: int):
        self.kind = kind                        # "loop" | "switch" | "label"
        self.labels = tuple(labels)
        self.break_label = Label()
        self.break_level = break_level
        self.continue_label: Optional[Label] = Label() if kind == "loop" else None
        self.continue_level = break_level
