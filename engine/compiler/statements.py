"""Code generation for statements (mixed into FunctionCompiler).

Completion values: script and eval code keep the value of the last
expression statement in a local (``self.completion``).  Following ES2015,
if/loop/switch/try/with statements first reset it to undefined, so
``1; if (true) {}`` completes with undefined and ``1; var x = 2;`` with 1.
A finally body never changes it.
"""
from __future__ import annotations

from glassjs.engine import bytecode as bc

from .assembler import Label
from .astutil import contains_break_or_continue, has_effects
from .control import CompletionEntry, EnvEntry, IteratorEntry, JumpTarget, TryEntry
from .errors import CompilerBug
from .scope import DYNAMIC, FUNCTION_MARK, LEXICAL_KINDS


class StatementCompiler:
    # ---- dispatch ------------------------------------------------------

    def statement_list(self, statements) -> None:
        for statement in statements:
            self.statement(statement)

    def statement(self, node, labels=()) -> None:
        self.at(node)
        method = getattr(self, "s_" + node.type, None)
        if method is None:
            raise self.unit.error(f"{node.type} is not supported", node)
        if labels:
            method(node, labels)
        else:
            method(node)

    def sub_statement(self, node, labels=()) -> None:
        """Body of if/loop/label/with; a lone function declaration gets a block."""
        if node.type == "FunctionDeclaration":
            scope = self.block_scope(("wrap", id(node)))
            self.enter_scope(scope)
            self.s_FunctionDeclaration(node)
            self.leave_scope(scope)
        else:
            self.statement(node, labels)

    def reset_completion(self) -> None:
        if self.track_completion:
            self.asm.emit(bc.PUSH_UNDEF)
            self.asm.emit(bc.PUT_LOC, self.completion)

    # ---- simple statements ---------------------------------------------

    def s_ExpressionStatement(self, node) -> None:
        if self.track_completion:
            self.expr(node.expression)
            self.asm.emit(bc.PUT_LOC, self.completion)
        else:
            self.expr(node.expression, need=False)

    def s_EmptyStatement(self, node) -> None:
        pass

    def s_DebuggerStatement(self, node) -> None:
        self.asm.emit(bc.NOP)

    def s_VariableDeclaration(self, node) -> None:
        lexical = node.kind in LEXICAL_KINDS
        for declarator in node.declarations:
            ref = self.ref(declarator.id)
            if declarator.init is not None and ref.by_name and has_effects(declarator.init):
                # `var x = e` in a with body or sloppy eval code: x is resolved first
                name = self.name_const(ref.name)
                self.asm.emit(bc.REF_NAME, name)
                self.expr_named(declarator.init, declarator.id.name)
                self.at(declarator)
                self.asm.emit(bc.PUT_REF, name)
                continue
            if declarator.init is not None:
                self.expr_named(declarator.init, declarator.id.name)
            elif lexical:
                self.asm.emit(bc.PUSH_UNDEF)
            else:
                continue            # `var x;` does nothing at run time
            self.at(declarator)
            self.store(ref, init=lexical)

    def s_FunctionDeclaration(self, node) -> None:
        # hoisted: the closure was made on entry to the scope; a sloppy block
        # function also copies itself to its `var` here (Annex B.3.3)
        annexb = self.unit.analysis.annexb.get(id(node))
        if annexb is not None:
            block_binding, var_binding = annexb
            scope = block_binding.scope
            self.load(self.binding_ref(block_binding, scope))
            if var_binding.location == DYNAMIC:
                # sloppy direct eval code: a store by name would find the
                # block's own binding.  In a function's variable environment
                # DECL_FUNC sets the var; the global one is the global object
                # (PUT_GLOBAL: DECL_FUNC would redefine the property)
                asm = self.asm
                name = self.name_const(var_binding.name)
                global_env, done = Label(), Label()
                asm.emit(bc.REF_NAME, self.name_const(FUNCTION_MARK))
                asm.emit_jump(bc.JMP_FALSE, global_env)
                asm.emit(bc.DECL_FUNC, name)
                asm.emit_jump(bc.JMP, done)
                asm.bind(global_env)
                asm.emit(bc.PUT_GLOBAL, name, asm.new_cache())
                asm.bind(done)
            else:
                self.store(self.binding_ref(var_binding, scope), init=True)

    def s_BlockStatement(self, node) -> None:
        scope = self.block_scope(id(node))
        self.enter_scope(scope)
        self.statement_list(node.body)
        self.leave_scope(scope)

    def s_ThrowStatement(self, node) -> None:
        self.expr(node.argument)
        self.at(node)
        self.asm.emit(bc.THROW)

    def s_ReturnStatement(self, node) -> None:
        asm = self.asm
        level = self.outermost_finally_level()
        if level is None:
            if node.argument is None:
                asm.emit(bc.RET_UNDEF)
            else:
                self.expr(node.argument)
                self.at(node)
                asm.emit(bc.RET)
            return
        # run the finally bodies between here and the function first
        if node.argument is None:
            asm.emit(bc.PUSH_UNDEF)
        else:
            self.expr(node.argument)
        slot = self.temp()
        asm.emit(bc.PUT_LOC, slot)
        self.unwind_to(level)
        self.at(node)
        asm.emit(bc.GET_LOC, slot)
        asm.emit(bc.RET)
        self.free_temp(slot)

    def s_IfStatement(self, node) -> None:
        asm = self.asm
        self.reset_completion()
        otherwise, done = Label(), Label()
        self.jump_if_false(node.test, otherwise)
        self.sub_statement(node.consequent)
        if node.alternate is not None:
            asm.emit_jump(bc.JMP, done)
            asm.bind(otherwise)
            self.sub_statement(node.alternate)
        else:
            asm.bind(otherwise)
        asm.bind(done)

    def s_WithStatement(self, node) -> None:
        self.reset_completion()
        self.expr(node.object)
        self.at(node)
        self.asm.emit(bc.ENTER_WITH)
        scope = self.block_scope(id(node))
        self.control.append(EnvEntry(scope))
        self.sub_statement(node.body)
        self.control.pop()
        self.asm.emit(bc.LEAVE_ENV)

    # ---- labels, break, continue ---------------------------------------

    def push_target(self, kind: str, labels) -> JumpTarget:
        target = JumpTarget(kind, labels, len(self.control))
        self.targets.append(target)
        return target

    def pop_target(self, target: JumpTarget) -> None:
        if self.targets.pop() is not target:
            raise CompilerBug("jump targets out of step")
        self.asm.bind(target.break_label)

    def s_LabeledStatement(self, node, labels=()) -> None:
        labels = labels + (node.label.name,)
        body = node.body
        if body.type in ("ForStatement", "ForInStatement", "WhileStatement",
                         "DoWhileStatement", "SwitchStatement", "LabeledStatement"):
            self.at(body)
            getattr(self, "s_" + body.type)(body, labels)
            return
        target = self.push_target("label", labels)
        if body.type == "FunctionDeclaration":
            self.s_FunctionDeclaration(body)     # declared by the enclosing block
        else:
            self.sub_statement(body)
        self.pop_target(target)

    def find_target(self, node, want_continue: bool) -> JumpTarget:
        for target in reversed(self.targets):
            if node.label is not None:
                if node.label.name in target.labels:
                    if want_continue and target.kind != "loop":
                        break
                    return target
            elif target.kind == "loop" or (target.kind == "switch" and not want_continue):
                return target
        raise self.unit.error("Illegal " + ("continue" if want_continue else "break")
                              + " statement", node)

    def s_BreakStatement(self, node) -> None:
        target = self.find_target(node, want_continue=False)
        self.unwind_to(target.break_level)
        self.at(node)
        self.asm.emit_jump(bc.JMP, target.break_label)

    def s_ContinueStatement(self, node) -> None:
        target = self.find_target(node, want_continue=True)
        self.unwind_to(target.continue_level)
        self.at(node)
        self.asm.emit_jump(bc.JMP, target.continue_label)

    # ---- loops ---------------------------------------------------------

    def jump_if_false(self, test, label: Label) -> None:
        if test.type == "UnaryExpression" and test.operator == "!":
            self.expr(test.argument)
            self.at(test)
            self.asm.emit_jump(bc.JMP_TRUE, label)
        else:
            self.expr(test)
            self.at(test)
            self.asm.emit_jump(bc.JMP_FALSE, label)

    def s_WhileStatement(self, node, labels=()) -> None:
        asm = self.asm
        self.reset_completion()
        target = self.push_target("loop", labels)
        asm.bind(target.continue_label)
        self.jump_if_false(node.test, target.break_label)
        self.sub_statement(node.body)
        asm.emit_jump(bc.JMP, target.continue_label)
        self.pop_target(target)

    def s_DoWhileStatement(self, node, labels=()) -> None:
        asm = self.asm
        self.reset_completion()
        target = self.push_target("loop", labels)
        top = Label()
        asm.bind(top)
        self.sub_statement(node.body)
        asm.bind(target.continue_label)
        self.expr(node.test)
        self.at(node.test)
        asm.emit_jump(bc.JMP_TRUE, top)
        self.pop_target(target)

    def s_ForStatement(self, node, labels=()) -> None:
        asm = self.asm
        self.reset_completion()
        target = self.push_target("loop", labels)
        scope = self.unit.analysis.blocks.get(id(node))
        fresh_copies = False
        if scope is not None:                   # for (let/const ...)
            self.enter_scope(scope)
            target.continue_level = len(self.control)
            fresh_copies = scope.has_env and node.init.kind == "let"
        init = node.init
        if init is not None:
            if init.type == "VariableDeclaration":
                self.s_VariableDeclaration(init)
            else:
                self.expr(init, need=False)
        if fresh_copies:
            self.copy_env(scope)
        top, leave = Label(), Label()
        asm.bind(top)
        if node.test is not None:
            self.jump_if_false(node.test, leave)
        self.sub_statement(node.body)
        asm.bind(target.continue_label)
        if fresh_copies:
            self.copy_env(scope)
        if node.update is not None:
            self.expr(node.update, need=False)
        asm.emit_jump(bc.JMP, top)
        asm.bind(leave)
        if scope is not None:
            self.leave_scope(scope)
        self.pop_target(target)

    def copy_env(self, scope) -> None:
        """ES2015 per-iteration bindings: continue in a fresh copy of the loop's environment."""
        asm = self.asm
        slots = range(len(scope.env_slots))
        for slot in slots:
            asm.emit(bc.GET_ENV, slot)
        asm.emit(bc.LEAVE_ENV)
        asm.emit(bc.ENTER_ENV, asm.const(self.unit.descriptor(scope)))
        for slot in reversed(slots):
            asm.emit(bc.PUT_ENV, slot)

    def s_ForInStatement(self, node, labels=()) -> None:
        asm = self.asm
        self.reset_completion()
        left = node.left
        declaration = left if left.type == "VariableDeclaration" else None
        if declaration is not None and declaration.declarations[0].init is not None:
            # Annex B: for (var x = init in obj) assigns init first
            self.s_VariableDeclaration(declaration)
        tdz = self.unit.analysis.blocks.get(("tdz", id(node)))
        if tdz is not None:
            self.enter_scope(tdz)
        self.expr(node.right)
        if tdz is not None:
            self.leave_scope(tdz)
        self.at(node)
        asm.emit(bc.FOR_IN)
        target = self.push_target("loop", labels)
        self.control.append(IteratorEntry())
        scope = self.unit.analysis.blocks.get(id(node))    # for (let/const k in ...)
        top, done = Label(), Label()
        asm.bind(top)
        asm.emit_jump(bc.FOR_IN_NEXT, done)
        if scope is not None:
            self.enter_scope(scope)                          # a fresh binding per iteration
        target.continue_level = len(self.control)
        self.assign_for_in_key(left, declaration)
        self.sub_statement(node.body)
        asm.bind(target.continue_label)
        if scope is not None:
            self.leave_scope(scope)
        asm.emit_jump(bc.JMP, top)
        asm.bind(done)
        self.control.pop()
        asm.emit(bc.POP)
        self.pop_target(target)

    def assign_for_in_key(self, left, declaration) -> None:
        """Store the key on top of the stack into the loop's target."""
        if declaration is not None:
            ident = declaration.declarations[0].id
            self.store(self.ref(ident), init=declaration.kind in LEXICAL_KINDS)
        elif left.type == "Identifier":
            self.store(self.ref(left))
        else:
            slot = self.temp()
            self.asm.emit(bc.PUT_LOC, slot)
            self.member_store(left, lambda: self.asm.emit(bc.GET_LOC, slot), need=False)
            self.free_temp(slot)

    # ---- switch --------------------------------------------------------

    def s_SwitchStatement(self, node, labels=()) -> None:
        asm = self.asm
        self.reset_completion()
        self.expr(node.discriminant)
        slot = self.temp()
        asm.emit(bc.PUT_LOC, slot)
        target = self.push_target("switch", labels)
        scope = self.block_scope(id(node))
        self.enter_scope(scope)
        case_labels = [Label() for _ in node.cases]
        default = None
        for case, label in zip(node.cases, case_labels):
            if case.test is None:
                default = label
                continue
            asm.emit(bc.GET_LOC, slot)
            self.expr(case.test)
            self.at(case)
            asm.emit(bc.SEQ)
            asm.emit_jump(bc.JMP_TRUE, label)
        end_of_cases = Label()
        asm.emit_jump(bc.JMP, default or end_of_cases)
        for case, label in zip(node.cases, case_labels):
            asm.bind(label)
            self.statement_list(case.consequent)
        asm.bind(end_of_cases)
        self.leave_scope(scope)
        self.pop_target(target)
        self.free_temp(slot)

    # ---- try -----------------------------------------------------------

    def s_TryStatement(self, node) -> None:
        asm = self.asm
        self.reset_completion()
        if node.finalizer is None:
            self.try_catch(node)
            return
        on_throw, done = Label(), Label()
        asm.emit_jump(bc.TRY, on_throw)
        self.control.append(TryEntry(node.finalizer))
        self.try_catch(node)
        self.control.pop()
        asm.emit(bc.END_TRY)
        self.inline_finally(node.finalizer)
        asm.emit_jump(bc.JMP, done)
        # any exception: run the finally body, then rethrow
        asm.bind(on_throw)
        slot = self.temp()
        asm.emit(bc.PUT_LOC, slot)
        self.inline_finally(node.finalizer)
        asm.emit(bc.GET_LOC, slot)
        asm.emit(bc.THROW)
        self.free_temp(slot)
        asm.bind(done)

    def try_catch(self, node) -> None:
        asm = self.asm
        handler = node.handler
        if handler is None:
            self.s_BlockStatement(node.block)
            return
        on_throw, done = Label(), Label()
        asm.emit_jump(bc.TRY, on_throw)
        self.control.append(TryEntry())
        self.s_BlockStatement(node.block)
        self.control.pop()
        asm.emit(bc.END_TRY)
        asm.emit_jump(bc.JMP, done)
        asm.bind(on_throw)                     # the exception is on the stack
        self.at(handler)
        self.reset_completion()                # the try block's value is dropped
        scope = self.block_scope(id(handler))
        self.enter_scope(scope)
        if handler.param is not None:
            self.store(self.ref(handler.param), init=True)
        else:
            asm.emit(bc.POP)
        self.statement_list(handler.body.body)
        self.leave_scope(scope)
        asm.bind(done)

    def inline_finally(self, finalizer) -> None:
        """A copy of the finally block; it leaves the completion value alone
        unless a break/continue leaves the block itself (then its own value)."""
        saved_track, saved_completion = self.track_completion, self.completion
        own = None
        if saved_track and contains_break_or_continue(finalizer):
            own = self.temp()
            self.asm.emit(bc.PUSH_UNDEF)
            self.asm.emit(bc.PUT_LOC, own)
            self.completion = own
            self.control.append(CompletionEntry(saved_completion, own))
        else:
            self.track_completion = False
        try:
            self.s_BlockStatement(finalizer)
        finally:
            self.track_completion, self.completion = saved_track, saved_completion
            if own is not None:
                self.control.pop()
                self.free_temp(own)

    # ---- unsupported ---------------------------------------------------

    def s_ClassDeclaration(self, node) -> None:
        raise self.unit.error("class is not supported", node)
