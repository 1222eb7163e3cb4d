"""What the compiler hands to the VM: plain Python records.

The engine's loader (``engine/core/loader.pyx``) copies a ``FunctionCode``
into the arena as a CODE block (bytecode words, constant pool, pc-to-line
table), interning every string constant in the engine's string table.  After
loading, nothing on the Python side is consulted while code runs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple, Union

# Binding kinds recorded in scope descriptors (for dynamic lookup and for
# the frames view).  'const' and 'callee' bindings are immutable: a store to
# 'callee' is ignored in sloppy code and a TypeError in strict code; a store
# to 'const' is always a TypeError.  'this' is the hidden binding "%this"
# through which arrow functions see their enclosing function's `this`.
BINDING_KINDS = ("var", "let", "const", "function", "param", "callee", "arguments", "catch", "class",
                 "this")


@dataclass
class ScopeDescriptor:
    """The slot layout of one environment record (ENTER_ENV operand).

    ``names[i]`` is the variable in slot ``i``.  ``function_scope`` marks a
    function's top-level (variable) environment: sloppy direct eval adds its
    ``var`` declarations there.
    """

    names: List[str]
    kinds: List[str]
    function_scope: bool = False


@dataclass
class RegExpLiteral:
    pattern: str
    flags: str


Constant = Union[float, str, "FunctionCode", ScopeDescriptor]

# FunctionCode.kind
KIND_FUNCTION = "function"
KIND_SCRIPT = "script"      # global code: returns its completion value
KIND_EVAL = "eval"          # eval code: returns its completion value


@dataclass
class FunctionCode:
    name: str
    kind: str = KIND_FUNCTION
    filename: str = "<input>"
    strict: bool = False
    nparams: int = 0                 # formal parameter count (= .length)
    param_names: List[str] = field(default_factory=list)
    nlocals: int = 0                 # frame slots after the arguments
    local_names: List[str] = field(default_factory=list)   # for the frames view; '' for temporaries
    code: List[int] = field(default_factory=list)          # 32-bit words, see engine/bytecode.py
    consts: List[Constant] = field(default_factory=list)
    positions: List[Tuple[int, int, int]] = field(default_factory=list)  # (pc, line, column) when it changes; line 1-based, column 0-based
    max_stack: int = 0               # operand-stack depth the code can reach
    ncaches: int = 0                 # inline-cache slots (GET_GLOBAL/PUT_GLOBAL extra word)
    uses_this: bool = False
    uses_arguments: bool = False
    has_direct_eval: bool = False
    is_arrow: bool = False
    is_method: bool = False          # object-literal method, getter or setter: no prototype, not a constructor
    line: int = 1                    # where the function starts in the file
    column: int = 0
    source: str = ""                 # the function's source text (Function.prototype.toString)

    def disassemble(self) -> str:
        from glassjs.engine.bytecode import iter_instructions

        out = []
        for pc, op, a, extras in iter_instructions(self.code):
            arg = ""
            if op.operand in ("const", "name") and 0 <= a < len(self.consts):
                k = self.consts[a]
                arg = f"{a} ({k.name if isinstance(k, FunctionCode) else k!r})"
            elif op.operand != "-":
                arg = str(a)
            if extras:
                arg += " " + " ".join(str(e) for e in extras)
            out.append(f"{pc:5d} {op.name:<16} {arg}")
        return "\n".join(out)
