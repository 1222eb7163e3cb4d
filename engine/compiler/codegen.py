"""Code generation for one function (or script, or eval code).

``FunctionCompiler`` holds what is common to statements and expressions:
the prologue that sets up a function's bindings, variable access by
resolved location, nested functions, temporaries, and unwinding of the
control stack.  Statements and expressions are compiled by the mixins in
``statements.py`` and ``expressions.py``.
"""
from __future__ import annotations

from glassjs.engine import bytecode as bc

from .assembler import Assembler, Label
from .astutil import line_and_column
from .control import CompletionEntry, EnvEntry, IteratorEntry, TryEntry
from .errors import CompilerBug
from .expressions import ExpressionCompiler
from .function_code import KIND_FUNCTION, FunctionCode
from .scope import (ARG, CALLEE, DYNAMIC, ENV, GLOBAL, LOCAL, THIS_NAME, Binding, FunctionScope,
                    Ref, Scope)
from .statements import StatementCompiler

MAX_ENV_DEPTH = 0xFF       # GET_ENV's A: depth << 16 | index
MAX_ENV_INDEX = 0xFFFF
TYPE_ERROR = bc.ERROR_KINDS.index("TypeError")
CONST_ASSIGNMENT = "Assignment to constant variable."


class CompileUnit:
    """What all functions of one compilation share."""

    def __init__(self, source: str, filename: str, analysis, error_factory):
        self.source = source
        self.filename = filename
        self.analysis = analysis
        self.error = error_factory       # (message, node) -> JSSyntaxError
        self._descriptors = {}

    def descriptor(self, scope: Scope):
        """One ScopeDescriptor object per scope, so constant pools share it."""
        desc = self._descriptors.get(id(scope))
        if desc is None:
            desc = self._descriptors[id(scope)] = scope.descriptor()
        return desc


class FunctionCompiler(StatementCompiler, ExpressionCompiler):
    def __init__(self, unit: CompileUnit, fn: FunctionScope, node, name: str, kind: str,
                 source_range=None, is_method: bool = False):
        self.unit = unit
        self.fn = fn
        self.node = node
        self.name = name
        self.kind = kind
        self.source_range = source_range or (node.range if node is not None else None)
        self.is_method = is_method
        self.asm = Assembler(name or "<anonymous>")
        self.control: list = []          # EnvEntry / IteratorEntry / TryEntry, innermost last
        self.targets: list = []          # JumpTarget, innermost last
        self._free_temps: list = []
        self._closures = {}              # function node id -> constant index
        self.completion = None           # local slot of the completion value (script, eval)
        self.track_completion = False

    # ---- entry points ------------------------------------------------

    def compile_function(self) -> FunctionCode:
        node = self.node
        self.at(node)
        self.function_prologue()
        body = node.body
        if body.type == "BlockStatement":
            self.statement_list(body.body)
            ends_abruptly = body.body and body.body[-1].type in ("ReturnStatement", "ThrowStatement")
            if not ends_abruptly:
                self.at_end(node)
                self.asm.emit(bc.RET_UNDEF)
        else:                            # arrow with an expression body
            self.expr(body)
            self.asm.emit(bc.RET)
        return self.build()

    def compile_toplevel(self, program) -> FunctionCode:
        """Script or eval code: returns its completion value."""
        self.at(program)
        self.completion = self.temp()
        self.track_completion = True
        self.toplevel_prologue()
        self.statement_list(program.body)
        self.at_end(program)
        self.asm.emit(bc.GET_LOC, self.completion)
        self.asm.emit(bc.RET)
        return self.build()

    def build(self) -> FunctionCode:
        fn = self.fn
        code, max_stack = self.asm.finish()
        start, end = self.source_range if self.source_range else (0, 0)
        line, column = self.start_position(start)
        return FunctionCode(
            name=self.name,
            kind=self.kind,
            filename=self.unit.filename,
            strict=fn.strict,
            nparams=len(fn.params),
            param_names=[p.name for p in fn.params],
            nlocals=len(fn.local_names),
            local_names=list(fn.local_names),
            code=code,
            consts=self.asm.consts,
            positions=self.asm.positions,
            max_stack=max_stack,
            ncaches=self.asm.ncaches,
            uses_this=fn.uses_this,
            uses_arguments=fn.arguments_binding is not None,
            has_direct_eval=fn.has_direct_eval,
            is_arrow=fn.is_arrow,
            is_method=self.is_method,
            line=line,
            column=column,
            source=self.unit.source[start:end],
        )

    # ---- positions -----------------------------------------------------

    def start_position(self, offset: int):
        """(line, column) where the function's text starts (a method: at its name)."""
        node = self.node
        if node is None:
            return 1, 0
        if offset == node.range[0]:
            return node.loc.start.line, node.loc.start.column
        return line_and_column(self.unit.source, offset)

    def at(self, node) -> None:
        start = node.loc.start
        self.asm.set_position(start.line, start.column)

    def at_end(self, node) -> None:
        end = node.loc.end
        self.asm.set_position(end.line, max(end.column - 1, 0))

    # ---- prologues -----------------------------------------------------

    def function_prologue(self) -> None:
        fn = self.fn
        self.enter_env_if_needed(fn)
        for position, param in enumerate(fn.params):
            if param.location == ENV:
                self.asm.emit(bc.GET_ARG, position)
                self.asm.emit(bc.PUT_ENV, param.index)
        if fn.callee_binding is not None and fn.callee_binding.location == ENV:
            self.asm.emit(bc.PUSH_CALLEE)
            self.init_binding(fn.callee_binding, fn)
        self.bind_this_and_arguments()
        self.init_holes(fn)
        if fn.late_params:
            self.late_params(fn)
        self.instantiate_functions(fn)

    def late_params(self, fn) -> None:
        """Defaults and rest (ES2015), in order, from an unmapped arguments
        object (a hidden one: the frame only holds the leading simple
        parameters, which are all .length counts).  Element reads are
        bounds-checked against its length, so a missing argument never
        reaches Object.prototype; the rest array is built with INIT_ELEM
        (defines, as CreateArrayFromList, no setters run)."""
        asm = self.asm
        args = self.temp()
        asm.emit(bc.ARGUMENTS, 0)
        asm.emit(bc.PUT_LOC, args)
        for binding, param, position in fn.late_params:
            self.at(param)
            if param.type == "RestElement":
                self.rest_array(args, position)
            else:
                missing, have = Label(), Label()
                asm.emit(bc.PUSH_INT, position)
                asm.emit(bc.GET_LOC, args)
                asm.emit(bc.GET_PROP, self.name_const("length"))
                asm.emit(bc.LT)
                asm.emit_jump(bc.JMP_FALSE, missing)
                asm.emit(bc.GET_LOC, args)
                asm.emit(bc.PUSH_INT, position)
                asm.emit(bc.GET_ELEM)
                asm.emit_jump(bc.JMP, have)
                asm.bind(missing)
                asm.emit(bc.PUSH_UNDEF)
                asm.bind(have)
                if param.type == "AssignmentPattern":
                    given = Label()
                    asm.emit(bc.DUP)
                    asm.emit(bc.PUSH_UNDEF)
                    asm.emit(bc.SEQ)
                    asm.emit_jump(bc.JMP_FALSE, given)
                    asm.emit(bc.POP)
                    self.expr_named(param.right, binding.name)
                    asm.bind(given)
            self.init_binding(binding, fn)
        self.free_temp(args)

    def rest_array(self, args: int, position: int) -> None:
        """[] -> [array of the arguments from ``position`` on]."""
        asm = self.asm
        index = self.temp()
        loop, done = Label(), Label()
        asm.emit(bc.PUSH_INT, position)
        asm.emit(bc.PUT_LOC, index)
        asm.emit(bc.NEW_ARRAY, 0)
        asm.bind(loop)
        asm.emit(bc.GET_LOC, index)
        asm.emit(bc.GET_LOC, args)
        asm.emit(bc.GET_PROP, self.name_const("length"))
        asm.emit(bc.LT)
        asm.emit_jump(bc.JMP_FALSE, done)
        asm.emit(bc.GET_LOC, index)             # [arr key]
        asm.emit(bc.PUSH_INT, position)
        asm.emit(bc.SUB)
        asm.emit(bc.GET_LOC, args)
        asm.emit(bc.GET_LOC, index)
        asm.emit(bc.GET_ELEM)                   # [arr key v]
        asm.emit(bc.INIT_ELEM)                  # [arr]
        asm.emit(bc.GET_LOC, index)
        asm.emit(bc.INC)
        asm.emit(bc.PUT_LOC, index)
        asm.emit_jump(bc.JMP, loop)
        asm.bind(done)
        self.free_temp(index)

    def toplevel_prologue(self) -> None:
        """Global or eval code: declare what it defines outside itself, then as a function."""
        fn = self.fn
        caller_this = fn.direct_eval and fn.this_binding is not None
        if caller_this:
            self.caller_this()              # before ENTER_ENV: that holds the eval's own %this
        self.enter_env_if_needed(fn)
        self.bind_this_and_arguments(this_on_stack=caller_this)
        for binding in fn.bindings.values():
            if binding.is_lexical and binding.location == GLOBAL:
                self.asm.emit(bc.DECL_LEX, self.asm.const(binding.name),
                              1 if binding.kind == "const" else 0)
        self.init_holes(fn)
        self.instantiate_functions(fn)
        for name in fn.var_names:
            binding = fn.bindings[name]
            if binding.location in (GLOBAL, DYNAMIC) and binding.kind != "function":
                self.asm.emit(bc.DECL_VAR, self.asm.const(name))

    def bind_this_and_arguments(self, this_on_stack: bool = False) -> None:
        fn = self.fn
        if fn.this_binding is not None:
            if not this_on_stack:
                self.asm.emit(bc.PUSH_THIS)
            self.init_binding(fn.this_binding, fn)
        if fn.arguments_binding is not None:
            self.asm.emit(bc.ARGUMENTS, 1 if fn.mapped_arguments else 0)
            self.init_binding(fn.arguments_binding, fn)

    def caller_this(self) -> None:
        """Direct eval code's `this`: the caller's "%this" if it has one, else the frame's.

        The VM gives eval code its caller frame's `this`, which for an arrow
        is the arrow call's own.  Every non-arrow function with a direct eval
        keeps its `this` in "%this" (as does any function an arrow takes it
        from), so a resolvable "%this" is the right one.  Only REF_NAME
        tells an unresolvable name from one holding undefined; its ref is
        undefined exactly when unresolvable (falsy; a binding is truthy).
        """
        asm = self.asm
        name = self.name_const(THIS_NAME)
        none, done = Label(), Label()
        asm.emit(bc.REF_NAME, name)
        asm.emit(bc.DUP)
        asm.emit_jump(bc.JMP_FALSE, none)
        asm.emit(bc.GET_REF, name)
        asm.emit(bc.SWAP)
        asm.emit(bc.POP)
        asm.emit_jump(bc.JMP, done)
        asm.bind(none)
        asm.emit(bc.POP)
        asm.emit(bc.PUSH_THIS)
        asm.bind(done)

    def enter_env_if_needed(self, scope: Scope) -> bool:
        if not scope.has_env:
            return False
        self.asm.emit(bc.ENTER_ENV, self.asm.const(self.unit.descriptor(scope)))
        return True

    def init_holes(self, scope: Scope) -> None:
        """let/const frame slots read with a TDZ check start out uninitialised."""
        for binding in scope.bindings.values():
            if binding.location == LOCAL and binding.needs_hole:
                self.asm.emit(bc.PUSH_EMPTY)
                self.asm.emit(bc.PUT_LOC, binding.index)

    def instantiate_functions(self, scope: Scope) -> None:
        """Function declarations exist from the start of their scope; later ones win."""
        for node in scope.function_decls:
            self.at(node)
            self.closure(node, node.id.name)
            binding = scope.bindings[node.id.name]
            if binding.location in (GLOBAL, DYNAMIC):
                self.asm.emit(bc.DECL_FUNC, self.asm.const(binding.name))
            else:
                self.init_binding(binding, scope)

    # ---- scopes --------------------------------------------------------

    def enter_scope(self, scope: Scope) -> None:
        if self.enter_env_if_needed(scope):
            self.control.append(EnvEntry(scope))
        self.init_holes(scope)
        self.instantiate_functions(scope)

    def leave_scope(self, scope: Scope) -> None:
        if scope.has_env:
            entry = self.control.pop()
            if not isinstance(entry, EnvEntry) or entry.scope is not scope:
                raise CompilerBug("control stack out of step with scopes")
            self.asm.emit(bc.LEAVE_ENV)

    def block_scope(self, key) -> Scope:
        return self.unit.analysis.blocks[key]

    # ---- variables -----------------------------------------------------

    def ref(self, node) -> Ref:
        return self.unit.analysis.refs[id(node)]

    def env_operand(self, ref: Ref) -> int:
        binding = ref.binding
        depth = 0
        for scope in ref.scope.chain():
            if scope is binding.scope:
                break
            if scope.has_env:
                depth += 1
        else:
            raise CompilerBug(f"binding {binding.name} is not on the scope chain")
        if depth > MAX_ENV_DEPTH or binding.index > MAX_ENV_INDEX:
            raise self.unit.error("too many nested scopes or variables", self.node)
        return depth << 16 | binding.index

    def name_const(self, name: str) -> int:
        return self.asm.const(name)

    def load(self, ref: Ref) -> None:
        asm = self.asm
        if ref.by_name:
            asm.emit(bc.GET_NAME, self.name_const(ref.name))
            return
        if ref.is_global:
            asm.emit(bc.GET_GLOBAL, self.name_const(ref.name), asm.new_cache())
            return
        binding = ref.binding
        location = binding.location
        if location == CALLEE:
            asm.emit(bc.PUSH_CALLEE)
        elif location == ARG:
            asm.emit(bc.GET_ARG, binding.index)
        elif location == LOCAL:
            if ref.check:
                asm.emit(bc.GET_LOC_CHECK, binding.index, self.name_const(ref.name))
            else:
                asm.emit(bc.GET_LOC, binding.index)
        elif location == ENV:
            if ref.check:
                asm.emit(bc.GET_ENV_CHECK, self.env_operand(ref), self.name_const(ref.name))
            else:
                asm.emit(bc.GET_ENV, self.env_operand(ref))
        else:
            raise CompilerBug(f"no location for {binding!r}")

    def store(self, ref: Ref, init: bool = False) -> None:
        """Store the value on top of the stack.  ``init``: a declaration's own store."""
        asm = self.asm
        binding = ref.binding
        if ref.by_name:
            asm.emit(bc.PUT_NAME, self.name_const(ref.name))
            return
        if ref.is_global:
            op = bc.INIT_LEX if init and binding is not None and binding.is_lexical else None
            if op is not None:
                asm.emit(op, self.name_const(ref.name))
            else:
                asm.emit(bc.PUT_GLOBAL, self.name_const(ref.name), asm.new_cache())
            return
        if not init:
            if binding.kind == "const" or (binding.kind == "callee" and ref.scope.function.strict):
                self.tdz_check(ref)
                asm.emit(bc.THROW_ERROR, TYPE_ERROR, self.name_const(CONST_ASSIGNMENT))
                return
            if binding.kind == "callee":
                asm.emit(bc.POP)        # sloppy: the assignment is silently ignored
                return
            self.tdz_check(ref)
        location = binding.location
        if location == ARG:
            asm.emit(bc.PUT_ARG, binding.index)
        elif location == LOCAL:
            asm.emit(bc.PUT_LOC, binding.index)
        elif location == ENV:
            asm.emit(bc.PUT_ENV, self.env_operand(ref))
        else:
            raise CompilerBug(f"cannot store to {binding!r}")

    def tdz_check(self, ref: Ref) -> None:
        """Throw the ReferenceError a let/const gives before its declaration ran."""
        if ref.check:
            self.load(ref)
            self.asm.emit(bc.POP)

    def init_binding(self, binding: Binding, scope: Scope) -> None:
        self.store(Ref(binding.name, scope, 0, binding), init=True)

    def binding_ref(self, binding: Binding, scope: Scope) -> Ref:
        return Ref(binding.name, scope, 0, binding)

    # ---- temporaries ---------------------------------------------------

    def temp(self) -> int:
        """A frame slot for the compiler's own use; release it with free_temp."""
        if self._free_temps:
            return self._free_temps.pop()
        return self.fn.new_local("")

    def free_temp(self, slot: int) -> None:
        self._free_temps.append(slot)

    # ---- nested functions ----------------------------------------------

    def closure(self, node, name: str, source_range=None, is_method: bool = False) -> None:
        """CLOSURE for a nested function (compiled once even if emitted twice)."""
        index = self._closures.get(id(node))
        if index is None:
            fn = self.unit.analysis.functions[id(node)]
            compiler = FunctionCompiler(self.unit, fn, node, name, KIND_FUNCTION,
                                        source_range, is_method)
            index = self._closures[id(node)] = self.asm.const(compiler.compile_function())
        self.asm.emit(bc.CLOSURE, index)

    # ---- leaving regions early -----------------------------------------

    def unwind_to(self, level: int) -> None:
        """Undo the control entries above ``level``, innermost first."""
        saved_control, saved_targets = self.control, self.targets
        for index in range(len(saved_control) - 1, level - 1, -1):
            entry = saved_control[index]
            if isinstance(entry, EnvEntry):
                self.asm.emit(bc.LEAVE_ENV)
            elif isinstance(entry, IteratorEntry):
                self.asm.emit(bc.POP)
            elif isinstance(entry, CompletionEntry):
                self.asm.emit(bc.GET_LOC, entry.own)
                self.asm.emit(bc.PUT_LOC, entry.outer)
            elif isinstance(entry, TryEntry):
                self.asm.emit(bc.END_TRY)
                if entry.finalizer is not None:
                    # the finally body runs outside its try: it sees only
                    # the control entries and jump targets around the try
                    self.control = saved_control[:index]
                    self.targets = [t for t in saved_targets if t.break_level <= index]
                    try:
                        self.inline_finally(entry.finalizer)
                    finally:
                        self.control, self.targets = saved_control, saved_targets
            else:
                raise CompilerBug(f"unknown control entry {entry!r}")

    def outermost_finally_level(self):
        for index, entry in enumerate(self.control):
            if isinstance(entry, TryEntry) and entry.finalizer is not None:
                return index
        return None
