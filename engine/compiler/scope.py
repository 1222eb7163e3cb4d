"""Scopes, bindings and references: what the resolver finds, what codegen reads.

A ``Scope`` is a region with its own bindings: a function's top level
(``FunctionScope``: also scripts and eval code), a block (incl. loop heads,
switch bodies, catch clauses) or a ``with`` body.  Every identifier
occurrence in an expression gets a ``Ref`` saying which ``Binding`` it means
and whether only a by-name lookup at run time can find it (``dynamic``).
"""
from __future__ import annotations

from typing import Dict, List, Optional

from .function_code import ScopeDescriptor

# Where a binding's value lives at run time (Binding.location).
ARG = "arg"          # argument slot of the frame: GET_ARG / PUT_ARG
LOCAL = "local"      # local slot of the frame: GET_LOC / PUT_LOC
ENV = "env"          # slot of an environment record: GET_ENV / PUT_ENV
CALLEE = "callee"    # a named function expression's own name: PUSH_CALLEE
GLOBAL = "global"    # global var/function/let: GET_GLOBAL / PUT_GLOBAL
DYNAMIC = "dynamic"  # var of sloppy direct eval code, kept in the caller: GET_NAME / PUT_NAME

LEXICAL_KINDS = ("let", "const", "class")
THIS_NAME = "%this"  # hidden variable through which arrow functions see `this`
# hidden variable of every function with a direct eval: eval code finds it
# by name exactly when its variable environment is a function's, not global
FUNCTION_MARK = "%fn"


class Binding:
    __slots__ = ("name", "kind", "scope", "captured", "location", "index",
                 "decl_end", "needs_hole")

    def __init__(self, name: str, kind: str, scope: "Scope", decl_end: int = 0):
        self.name = name
        self.kind = kind            # one of function_code.BINDING_KINDS
        self.scope = scope
        self.captured = False       # must live in an environment record
        self.location: Optional[str] = None
        self.index = -1             # slot number for ARG / LOCAL / ENV
        self.decl_end = decl_end    # source offset where a let/const is initialised
        self.needs_hole = False     # LOCAL let/const read with a TDZ check: store <hole> on entry

    @property
    def is_lexical(self) -> bool:
        return self.kind in LEXICAL_KINDS

    def __repr__(self):
        return f"<{self.kind} {self.name} {self.location}:{self.index}>"


class Ref:
    """One identifier occurrence (or an arrow's `this`) after resolution."""
    __slots__ = ("name", "scope", "pos", "binding", "dynamic", "check", "is_init")

    def __init__(self, name: str, scope: "Scope", pos: int,
                 binding: Optional[Binding] = None, dynamic: bool = False,
                 is_init: bool = False):
        self.name = name
        self.scope = scope
        self.pos = pos
        self.binding = binding      # None: a global or unresolvable name
        self.dynamic = dynamic      # with / sloppy eval may intervene: look up by name
        self.check = False          # let/const read that may hit the TDZ
        self.is_init = is_init      # the declaration's own initialising store

    @property
    def by_name(self) -> bool:
        return self.dynamic or (self.binding is not None and self.binding.location == DYNAMIC)

    @property
    def is_global(self) -> bool:
        return not self.by_name and (self.binding is None or self.binding.location == GLOBAL)


class Scope:
    def __init__(self, kind: str, parent: Optional["Scope"], node):
        self.kind = kind                     # "function" | "block" | "with"
        self.parent = parent
        self.node = node
        self.function: FunctionScope = self if kind == "function" else parent.function
        self.bindings: Dict[str, Binding] = {}
        self.function_decls: list = []       # FunctionDeclarations instantiated on entry
        self.sees_eval = False               # a direct eval inside can name any binding
        # source order does not prove a let/const initialised: switch cases
        # jump past declarations; a for-in head's TDZ copy is never initialised
        self.unordered = False
        self.has_env = kind == "with"        # materialised as an environment record
        self.env_slots: List[Binding] = []
        if kind != "function":
            self.function.block_scopes.append(self)

    def declare(self, name: str, kind: str, decl_end: int = 0) -> Binding:
        """Create the binding, or re-declare it (``var f; function f(){}``)."""
        binding = self.bindings.get(name)
        if binding is None:
            binding = self.bindings[name] = Binding(name, kind, self, decl_end)
        else:
            binding.kind = kind
        return binding

    def chain(self):
        scope = self
        while scope is not None:
            yield scope
            scope = scope.parent

    def descriptor(self) -> ScopeDescriptor:
        fn = self.function
        function_scope = self is fn and (fn.code_kind == "function"
                                         or (fn.code_kind == "eval" and fn.strict))
        names = [b.name if self.bindings.get(b.name) is b else "" for b in self.env_slots]
        return ScopeDescriptor(names, [b.kind for b in self.env_slots], function_scope)

    def __repr__(self):
        return f"<{self.kind} scope {sorted(self.bindings)}>"


class FunctionScope(Scope):
    """A function's top level; also the top level of a script or of eval code."""

    def __init__(self, parent: Optional[Scope], node, code_kind: str, strict: bool,
                 is_arrow: bool = False, direct_eval: bool = False):
        self.block_scopes: List[Scope] = []
        super().__init__("function", parent, node)
        self.code_kind = code_kind           # "function" | "script" | "eval"
        self.strict = strict
        self.is_arrow = is_arrow
        self.direct_eval = direct_eval       # eval code run by a direct eval
        self.params: List[Binding] = []      # by position; a duplicate name shadows earlier ones
        # non-simple parameter lists (ES2015 defaults, rest): the parameters
        # from the first default or rest on are not frame arguments but
        # let-like bindings the prologue initialises in order from the
        # arguments; .length counts only ``params``
        self.simple_params = True
        self.late_params: list = []          # (Binding, param node, position)
        self.var_names: List[str] = []       # `var` names in declaration order (DECL_VAR)
        self.has_direct_eval = False         # contains a direct eval call in its own code
        self.uses_this = False
        self.arguments_binding: Optional[Binding] = None
        self.this_binding: Optional[Binding] = None
        self.callee_binding: Optional[Binding] = None
        self.local_names: List[str] = []     # frame slots for LOCAL bindings

    @property
    def is_global_code(self) -> bool:
        return self.code_kind == "script"

    @property
    def mapped_arguments(self) -> bool:
        return self.arguments_binding is not None and not self.strict and self.simple_params

    @property
    def has_arguments_object(self) -> bool:
        return self.code_kind == "function" and not self.is_arrow

    def arguments_for(self, binding: Optional[Binding]) -> Optional[Binding]:
        """The binding `arguments` means at this function's top level.

        A parameter, function or lexical declaration named `arguments` hides
        the arguments object; a `var arguments` does not (it shares it).
        """
        if binding is not None and binding.kind not in ("var", "callee", "arguments"):
            return binding
        if binding is None:
            binding = self.declare("arguments", "arguments")
        elif binding.kind == "callee":      # the function's own name is hidden by it
            self.callee_binding = None
        binding.kind = "arguments"
        self.arguments_binding = binding
        return binding

    def new_local(self, name: str) -> int:
        self.local_names.append(name)
        return len(self.local_names) - 1
