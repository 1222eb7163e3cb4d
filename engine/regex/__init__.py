"""The regular-expression engine: a compiler from ECMAScript patterns to a
small backtracking bytecode (compiler.py), its disassembler (disasm.py), and
the C matcher that runs it (engine/builtins/regexp.pyx).  See docs/regexp.md.
"""

from .compiler import compile_regex, RegexSyntaxError, escape_source  # noqa: F401
from .disasm import disassemble_program  # noqa: F401
