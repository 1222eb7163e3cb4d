"""The glassjs instruction set: the one place opcodes are defined.

The compiler (``engine/compiler``) emits these, the Cython VM
(``engine/core/vm.pyx``) executes them, and the disassembler below prints
them.  ``engine/core/opcodes.pxd`` is generated from this table by
``python -m glassjs.engine.bytecode`` (setup.py runs it too); a test checks
the two agree.

Encoding (Lua-like, one 32-bit word per instruction plus extra words):

    word 0:  bits 0..7 opcode, bits 8..31 operand A (24 bits)
    word 1+: extra operands, one 32-bit word each (see ``extra`` below)

Operand kinds:
    -      A unused (0)
    int    A is a signed 24-bit integer
    const  A is an index into the function's constant pool
    name   A is a constant-pool index of a string (an identifier)
    jump   A is a signed word offset relative to the *next* instruction
    slot   A is a local / argument index
    env    A = depth << 16 | index : walk ``depth`` parents up the
           environment chain, then slot ``index``
    count  A is an unsigned count (arguments, elements)

Stack effects are written ``[before] -> [after]`` with the top on the right.
Calls use one frame layout everywhere: ``[callee this arg0 .. argN-1]``.
"""
from __future__ import annotations

from collections import namedtuple

OpInfo = namedtuple("OpInfo", "code name operand extra stack doc")

# (name, operand kind, extra words, stack effect, what it does)
_TABLE = [
    ("NOP", "-", (), "[] -> []", "do nothing (debugger statement)"),
    # --- literals -------------------------------------------------------
    ("PUSH_UNDEF", "-", (), "[] -> [undefined]", ""),
    ("PUSH_NULL", "-", (), "[] -> [null]", ""),
    ("PUSH_TRUE", "-", (), "[] -> [true]", ""),
    ("PUSH_FALSE", "-", (), "[] -> [false]", ""),
    ("PUSH_INT", "int", (), "[] -> [n]", "small integer, stored as a double"),
    ("PUSH_CONST", "const", (), "[] -> [k]", "number or string constant"),
    ("PUSH_EMPTY", "-", (), "[] -> [<hole>]", "array-literal elision; consumed by NEW_ARRAY"),
    ("PUSH_THIS", "-", (), "[] -> [this]", "sloppy code: undefined/null -> global, primitives boxed"),
    ("PUSH_CALLEE", "-", (), "[] -> [f]", "the running function (named function expression self-binding)"),
    ("NEW_OBJECT", "-", (), "[] -> [obj]", ""),
    ("NEW_ARRAY", "count", (), "[v0 .. vA-1] -> [arr]", "<hole> values become missing elements"),
    ("INIT_PROP", "name", (), "[obj v] -> [obj]", "define own data property (object literal)"),
    ("INIT_ELEM", "-", (), "[obj key v] -> [obj]", "define own data property with computed key"),
    ("INIT_GET", "name", (), "[obj f] -> [obj]", "define getter (object literal)"),
    ("INIT_SET", "name", (), "[obj f] -> [obj]", "define setter (object literal)"),
    ("CLOSURE", "const", (), "[] -> [f]", "new function object from a function-code constant and the current environment"),
    ("REGEXP", "const", ("const",), "[] -> [re]", "RegExp literal: A = pattern, extra = flags"),
    # --- variables ------------------------------------------------------
    ("GET_LOC", "slot", (), "[] -> [v]", "frame local"),
    ("PUT_LOC", "slot", (), "[v] -> []", ""),
    ("GET_LOC_CHECK", "slot", ("name",), "[] -> [v]", "let/const local: ReferenceError before initialisation"),
    ("GET_ARG", "slot", (), "[] -> [v]", "argument (undefined when not passed)"),
    ("PUT_ARG", "slot", (), "[v] -> []", ""),
    ("GET_ENV", "env", (), "[] -> [v]", "captured variable in an environment record"),
    ("PUT_ENV", "env", (), "[v] -> []", ""),
    ("GET_ENV_CHECK", "env", ("name",), "[] -> [v]", "captured let/const: ReferenceError before initialisation"),
    ("GET_NAME", "name", (), "[] -> [v]", "dynamic lookup along the environment chain (with, eval), then globals; ReferenceError if absent"),
    ("GET_NAME_CALL", "name", (), "[] -> [f this]", "as GET_NAME, this = the with-object it was found in, else undefined"),
    ("PUT_NAME", "name", (), "[v] -> []", "dynamic store; strict: ReferenceError if unresolvable, sloppy: creates a global"),
    ("TYPEOF_NAME", "name", (), "[] -> [s]", "typeof of an identifier: no ReferenceError"),
    ("REF_NAME", "name", (), "[] -> [ref]", "resolve a dynamic name now (assignment evaluates its target first): ref = binding, or undefined if unresolvable"),
    ("GET_REF", "name", (), "[ref] -> [ref v]", "read through a resolved reference (ReferenceError if unresolvable)"),
    ("PUT_REF", "name", (), "[ref v] -> []", "store through a resolved reference (sloppy + unresolvable: creates a global)"),
    ("DELETE_NAME", "name", (), "[] -> [bool]", ""),
    ("GET_GLOBAL", "name", ("int",), "[] -> [v]", "global variable (lexical record, then global object); extra = inline-cache slot"),
    ("PUT_GLOBAL", "name", ("int",), "[v] -> []", "global store; extra = inline-cache slot"),
    ("DECL_VAR", "name", (), "[] -> []", "global/eval var declaration: create binding = undefined if absent"),
    ("DECL_FUNC", "name", (), "[f] -> []", "global/eval function declaration: create or overwrite binding"),
    ("DECL_LEX", "name", ("int",), "[] -> []", "top-level let/const/class: create in the global lexical record, uninitialised; extra = 1 for const"),
    ("INIT_LEX", "name", (), "[v] -> []", "initialise a top-level let/const/class binding"),
    ("ENTER_ENV", "const", (), "[] -> []", "push a declarative environment; A = scope-descriptor constant (slot names)"),
    ("ENTER_WITH", "-", (), "[obj] -> []", "push an object environment (with statement); TypeError on null/undefined"),
    ("LEAVE_ENV", "-", (), "[] -> []", "pop the innermost environment"),
    ("ARGUMENTS", "int", (), "[] -> [args]", "create the arguments object; A = 1 for mapped (sloppy, simple params in env slots 0..n-1)"),
    # --- properties -----------------------------------------------------
    ("GET_PROP", "name", (), "[obj] -> [v]", "obj.name"),
    ("PUT_PROP", "name", (), "[obj v] -> []", "obj.name = v"),
    ("GET_ELEM", "-", (), "[obj key] -> [v]", "obj[key]"),
    ("PUT_ELEM", "-", (), "[obj key v] -> []", "obj[key] = v"),
    ("GET_METHOD", "name", (), "[obj] -> [f obj]", "obj.name, keeping obj as the call's this"),
    ("GET_ELEM_METHOD", "-", (), "[obj key] -> [f obj]", "obj[key], keeping obj as the call's this"),
    ("DELETE_PROP", "name", (), "[obj] -> [bool]", ""),
    ("DELETE_ELEM", "-", (), "[obj key] -> [bool]", ""),
    ("IN", "-", (), "[key obj] -> [bool]", ""),
    ("INSTANCEOF", "-", (), "[v f] -> [bool]", ""),
    # --- operators ------------------------------------------------------
    ("ADD", "-", (), "[a b] -> [a+b]", ""),
    ("SUB", "-", (), "[a b] -> [a-b]", ""),
    ("MUL", "-", (), "[a b] -> [a*b]", ""),
    ("DIV", "-", (), "[a b] -> [a/b]", ""),
    ("MOD", "-", (), "[a b] -> [a%b]", ""),
    ("SHL", "-", (), "[a b] -> [a<<b]", ""),
    ("SAR", "-", (), "[a b] -> [a>>b]", ""),
    ("SHR", "-", (), "[a b] -> [a>>>b]", ""),
    ("BAND", "-", (), "[a b] -> [a&b]", ""),
    ("BOR", "-", (), "[a b] -> [a|b]", ""),
    ("BXOR", "-", (), "[a b] -> [a^b]", ""),
    ("EQ", "-", (), "[a b] -> [a==b]", ""),
    ("NE", "-", (), "[a b] -> [a!=b]", ""),
    ("SEQ", "-", (), "[a b] -> [a===b]", ""),
    ("SNE", "-", (), "[a b] -> [a!==b]", ""),
    ("LT", "-", (), "[a b] -> [a<b]", ""),
    ("LE", "-", (), "[a b] -> [a<=b]", ""),
    ("GT", "-", (), "[a b] -> [a>b]", ""),
    ("GE", "-", (), "[a b] -> [a>=b]", ""),
    ("NEG", "-", (), "[a] -> [-a]", ""),
    ("PLUS", "-", (), "[a] -> [ToNumber(a)]", "unary +, and the old value of postfix ++/--"),
    ("NOT", "-", (), "[a] -> [!a]", ""),
    ("BNOT", "-", (), "[a] -> [~a]", ""),
    ("TYPEOF", "-", (), "[a] -> [typeof a]", ""),
    ("INC", "-", (), "[a] -> [ToNumber(a)+1]", ""),
    ("DEC", "-", (), "[a] -> [ToNumber(a)-1]", ""),
    # --- stack shuffles -------------------------------------------------
    ("POP", "-", (), "[a] -> []", ""),
    ("DUP", "-", (), "[a] -> [a a]", ""),
    ("DUP2", "-", (), "[a b] -> [a b a b]", ""),
    ("SWAP", "-", (), "[a b] -> [b a]", ""),
    ("INSERT2", "-", (), "[a b] -> [b a b]", "copy top under the second item"),
    ("INSERT3", "-", (), "[a b c] -> [c a b c]", "copy top under the third item"),
    ("INSERT4", "-", (), "[a b c d] -> [d a b c d]", "copy top under the fourth item"),
    # --- control --------------------------------------------------------
    ("JMP", "jump", (), "[] -> []", ""),
    ("JMP_TRUE", "jump", (), "[a] -> []", "jump if ToBoolean(a)"),
    ("JMP_FALSE", "jump", (), "[a] -> []", "jump if not ToBoolean(a)"),
    ("JMP_TRUE_KEEP", "jump", (), "[a] -> [a] | []", "||: jump keeping a if truthy, else pop"),
    ("JMP_FALSE_KEEP", "jump", (), "[a] -> [a] | []", "&&: jump keeping a if falsy, else pop"),
    ("TRY", "jump", (), "[] -> []", "push a handler; on throw: stack cut back, environments restored, exception pushed, jump"),
    ("END_TRY", "-", (), "[] -> []", "pop the innermost handler"),
    ("THROW", "-", (), "[v] -> !", ""),
    ("THROW_ERROR", "int", ("const",), "[] -> !", "throw a new error; A = 0 TypeError, 1 ReferenceError, 2 SyntaxError, 3 RangeError; extra = message"),
    ("RET", "-", (), "[v] -> !", "return v"),
    ("RET_UNDEF", "-", (), "[] -> !", "return undefined"),
    ("CALL", "count", ("const",), "[f this a0 .. aA-1] -> [r]", "extra = constant index of the callee's source text (for 'x is not a function'), or 0xFFFFFFFF"),
    ("CALL_EVAL", "count", ("const",), "[f this a0 .. aA-1] -> [r]", "a call that is a direct eval if f is the original eval"),
    ("NEW", "count", ("const",), "[f _ a0 .. aA-1] -> [obj]", "new f(...); the slot under the arguments receives the new object"),
    ("FOR_IN", "-", (), "[obj] -> [iter]", "snapshot of enumerable keys, prototype chain included"),
    ("FOR_IN_NEXT", "jump", (), "[iter] -> [iter key] | [iter]", "next key still present, or jump when done"),
]

OPS = [OpInfo(i, *row) for i, row in enumerate(_TABLE)]
BY_NAME = {op.name: op for op in OPS}
assert len(OPS) < 256

# module-level constants: bytecode.ADD, bytecode.CALL, ...
globals().update({op.name: op.code for op in OPS})

ERROR_KINDS = ("TypeError", "ReferenceError", "SyntaxError", "RangeError")
NO_CONST = 0xFFFFFFFF


def encode(op: int, a: int = 0) -> int:
    """One instruction word: opcode in the low byte, operand A above it."""
    if not -(1 << 23) <= a < (1 << 24):
        raise OverflowError(f"operand {a} does not fit in 24 bits")
    return (op & 0xFF) | ((a & 0xFFFFFF) << 8)


def decode_a(word: int, kind: str) -> int:
    a = (word >> 8) & 0xFFFFFF
    if kind in ("int", "jump") and a & 0x800000:
        a -= 1 << 24
    return a


def instruction_length(op: int) -> int:
    return 1 + len(OPS[op].extra)


def iter_instructions(code):
    """Yield (pc, OpInfo, a, extras) over a list of words."""
    pc = 0
    while pc < len(code):
        op = OPS[code[pc] & 0xFF]
        a = decode_a(code[pc], op.operand)
        extras = tuple(code[pc + 1: pc + 1 + len(op.extra)])
        yield pc, op, a, extras
        pc += 1 + len(op.extra)


def generate_pxd() -> str:
    lines = [
        "# Generated from engine/bytecode.py by `python -m glassjs.engine.bytecode`.",
        "# Do not edit: change the table in bytecode.py instead.",
        "",
        "cdef enum Opcode:",
    ]
    lines += [f"    OP_{op.name} = {op.code}" for op in OPS]
    lines += ["", f"cdef enum:\n    OP_COUNT = {len(OPS)}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    import pathlib

    target = pathlib.Path(__file__).with_name("core") / "opcodes.pxd"
    target.write_text(generate_pxd())
    print(f"wrote {target}")
