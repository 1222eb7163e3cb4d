"""Scope analysis: three passes over the tree before any code is emitted.

1. ``declare``: build the scope tree, declare every binding (hoisting `var`
   to the function, `let`/`const` and block functions to their block), and
   record each identifier occurrence with the scope it appears in.  Direct
   ``eval(...)`` calls and ``with`` bodies are noted.
2. ``resolve``: find the binding of each occurrence, marking bindings that
   another function uses (``captured``) and occurrences that a `with`
   object or a sloppy direct eval may shadow (``dynamic``).
3. ``allocate`` (allocation.py): give every binding its run-time home
   (argument, frame local, environment slot, global, or by-name), decide
   which scopes need an environment record, and find the let/const reads
   that need a TDZ check.
"""
from __future__ import annotations

from typing import Dict, List, Optional

from .allocation import allocate, mark_tdz_check
from .astutil import has_use_strict, unlabel
from .scope import FUNCTION_MARK, LEXICAL_KINDS, THIS_NAME, Binding, FunctionScope, Ref, Scope

UNSUPPORTED_OPERATORS = {"**", "**=", "&&=", "||=", "??="}


class Analysis:
    """The resolver's results, keyed by ``id()`` of the AST nodes."""

    def __init__(self):
        self.top: Optional[FunctionScope] = None
        self.functions: Dict[int, FunctionScope] = {}   # function node -> its scope
        self.blocks: Dict[int, Scope] = {}              # block/loop/switch/catch/with node -> scope
        self.refs: Dict[int, Ref] = {}                  # Identifier / arrow ThisExpression -> Ref
        self.annexb: Dict[int, tuple] = {}              # block FunctionDeclaration -> (block binding, var binding)
        self.all_functions: List[FunctionScope] = []


class Resolver:
    def __init__(self, error_factory):
        self.error = error_factory          # (message, node) -> JSSyntaxError
        self.out = Analysis()
        self.pending: List[Ref] = []

    # ---- entry points ---------------------------------------------------

    def analyse_program(self, program, code_kind: str, strict: bool = False,
                        direct_eval: bool = False) -> Analysis:
        strict = strict or has_use_strict(program.body)
        top = FunctionScope(None, program, code_kind, strict, direct_eval=direct_eval)
        self._register_function(top, program)
        self.statements(program.body, top)
        return self._finish(top)

    def analyse_function_constructor(self, function_node) -> Analysis:
        """A function made by ``Function(...)``: its parent is the global scope."""
        top = FunctionScope(None, None, "script", False)
        self._register_function(top, None)
        self.function(function_node, top, declares_name=False)
        return self._finish(top)

    def _finish(self, top: FunctionScope) -> Analysis:
        self.out.top = top
        for fn in self.out.all_functions:
            if fn.has_direct_eval:
                self._expose_to_eval(fn)
        for ref in self.pending:
            self.resolve(ref)
        for fn in self.out.all_functions:
            allocate(fn)
        for ref in self.pending:
            mark_tdz_check(ref)
        return self.out

    def _expose_to_eval(self, fn: FunctionScope) -> None:
        """Eval code can name `arguments` and `this`.

        Both live in the nearest non-arrow function, created eagerly.  Direct
        eval code reads `this` by the hidden name "%this" (see
        ``FunctionCompiler.caller_this``), so every non-arrow function with a
        direct eval has its own "%this", hiding any of enclosing functions.
        At script level there is none to hide: the eval code's frame `this`
        is the script's.
        """
        owner = fn
        while owner.is_arrow:
            owner = owner.parent.function
        if owner.has_arguments_object:
            owner.arguments_for(owner.bindings.get("arguments"))
        if owner.code_kind != "script":
            self._resolve_this(Ref(THIS_NAME, fn, 0))
        if fn.code_kind == "function" and not fn.strict:
            fn.declare(FUNCTION_MARK, "var").captured = True

    def _register_function(self, scope: FunctionScope, node) -> None:
        self.out.all_functions.append(scope)
        if node is not None:
            self.out.functions[id(node)] = scope

    # ---- pass 1: declarations ------------------------------------------

    def unsupported(self, node, what: str = None):
        raise self.error(f"{what or node.type} is not supported", node)

    def reference(self, node, scope: Scope, is_init: bool = False) -> None:
        ref = Ref(node.name, scope, node.range[0], is_init=is_init)
        self.out.refs[id(node)] = ref
        self.pending.append(ref)

    def declare_var(self, name: str, fn: FunctionScope) -> None:
        if name not in fn.bindings:
            fn.declare(name, "var")
        if name not in fn.var_names:
            fn.var_names.append(name)

    def hoist_lexical(self, statements, scope: Scope) -> None:
        """Declare a statement list's let/const and function declarations in ``scope``."""
        for statement in statements:
            statement = unlabel(statement)
            kind = statement.type
            if kind == "VariableDeclaration" and statement.kind in LEXICAL_KINDS:
                for declarator in statement.declarations:
                    if declarator.id.type != "Identifier":
                        self.unsupported(declarator.id, "destructuring")
                    scope.declare(declarator.id.name, statement.kind, declarator.range[1])
            elif kind == "FunctionDeclaration":
                self.declare_function(statement, scope)
            elif kind == "ClassDeclaration":
                self.unsupported(statement, "class")

    def declare_function(self, node, scope: Scope) -> None:
        name = node.id.name
        scope.function_decls.append(node)
        if scope.kind == "function":
            existing = scope.bindings.get(name)
            if existing is None or existing.kind != "param":
                scope.declare(name, "function")
            return
        block_binding = scope.declare(name, "function")
        fn = scope.function
        if fn.strict or not self._annexb_applies(name, scope):
            return
        # Annex B.3.3: a sloppy block function also sets a `var` of its name
        # when its declaration is evaluated.
        self.declare_var(name, fn)
        self.out.annexb[id(node)] = (block_binding, fn.bindings[name])

    @staticmethod
    def _annexb_applies(name: str, block: Scope) -> bool:
        fn = block.function
        if any(p.name == name for p in fn.params):
            return False
        # replacing the declaration by `var name` must not clash with a
        # let/const/class, or with a function declared in an enclosing block
        scope = block.parent
        while scope is not None and scope.function is fn:
            binding = scope.bindings.get(name)
            if binding is not None and (binding.is_lexical
                                        or (binding.kind == "function" and scope is not fn)):
                return False
            scope = scope.parent
        return True

    def block_scope(self, node, parent: Scope, key=None) -> Scope:
        scope = Scope("block", parent, node)
        self.out.blocks[key if key is not None else id(node)] = scope
        return scope

    def statements(self, statements, scope: Scope) -> None:
        self.hoist_lexical(statements, scope)
        for statement in statements:
            self.statement(statement, scope)

    def statement(self, node, scope: Scope) -> None:
        method = getattr(self, "s_" + node.type, None)
        if method is None:
            self.unsupported(node)
        method(node, scope)

    def sub_statement(self, node, scope: Scope) -> None:
        """The body of if/loop/label: a lone function declaration gets its own block."""
        if node.type == "FunctionDeclaration":
            block = self.block_scope(node, scope, key=("wrap", id(node)))
            self.declare_function(node, block)
            self.function(node, block)
        else:
            self.statement(node, scope)

    def s_ExpressionStatement(self, node, scope):
        self.expr(node.expression, scope)

    def s_VariableDeclaration(self, node, scope):
        for declarator in node.declarations:
            target = declarator.id
            if target.type != "Identifier":
                self.unsupported(target, "destructuring")
            if node.kind == "var":
                self.declare_var(target.name, scope.function)
            self.reference(target, scope, is_init=node.kind != "var")
            if declarator.init is not None:
                self.expr(declarator.init, scope)

    def s_FunctionDeclaration(self, node, scope):
        self.function(node, scope)

    def s_ClassDeclaration(self, node, scope):
        self.unsupported(node, "class")

    def s_BlockStatement(self, node, scope):
        self.statements(node.body, self.block_scope(node, scope))

    def s_EmptyStatement(self, node, scope):
        pass

    s_DebuggerStatement = s_EmptyStatement
    s_BreakStatement = s_EmptyStatement
    s_ContinueStatement = s_EmptyStatement

    def s_IfStatement(self, node, scope):
        self.expr(node.test, scope)
        self.sub_statement(node.consequent, scope)
        if node.alternate is not None:
            self.sub_statement(node.alternate, scope)

    def s_LabeledStatement(self, node, scope):
        if node.body.type == "FunctionDeclaration":
            self.function(node.body, scope)      # declared by the enclosing block
        else:
            self.sub_statement(node.body, scope)

    def s_WhileStatement(self, node, scope):
        self.expr(node.test, scope)
        self.sub_statement(node.body, scope)

    def s_DoWhileStatement(self, node, scope):
        self.sub_statement(node.body, scope)
        self.expr(node.test, scope)

    def s_ForStatement(self, node, scope):
        init = node.init
        if init is not None and init.type == "VariableDeclaration" and init.kind in LEXICAL_KINDS:
            scope = self.block_scope(node, scope)
            self.hoist_lexical([init], scope)
        for part in (init, node.test, node.update):
            if part is None:
                continue
            if part.type == "VariableDeclaration":
                self.s_VariableDeclaration(part, scope)
            else:
                self.expr(part, scope)
        self.sub_statement(node.body, scope)

    def s_ForInStatement(self, node, scope):
        left = node.left
        lexical = left.type == "VariableDeclaration" and left.kind in LEXICAL_KINDS
        if lexical:
            # `for (let x in f(x))`: the object is evaluated where x exists
            # but is uninitialised, so reading it throws
            tdz = self.block_scope(node, scope, key=("tdz", id(node)))
            tdz.unordered = True
            self.hoist_lexical([left], tdz)
            self.expr(node.right, tdz)
        else:
            self.expr(node.right, scope)
        if left.type == "VariableDeclaration":
            if lexical:
                scope = self.block_scope(node, scope)
                self.hoist_lexical([left], scope)
            self.s_VariableDeclaration(left, scope)
        else:
            self.assignment_target(left, scope)
        self.sub_statement(node.body, scope)

    def s_ForOfStatement(self, node, scope):
        self.unsupported(node, "for-of")

    def s_SwitchStatement(self, node, scope):
        self.expr(node.discriminant, scope)
        body = self.block_scope(node, scope)
        body.unordered = True
        statements = [s for case in node.cases for s in case.consequent]
        self.hoist_lexical(statements, body)
        for case in node.cases:
            if case.test is not None:
                self.expr(case.test, body)
            for statement in case.consequent:
                self.statement(statement, body)

    def s_TryStatement(self, node, scope):
        self.s_BlockStatement(node.block, scope)
        handler = node.handler
        if handler is not None:
            # the catch parameter and the catch body share one scope
            catch = self.block_scope(handler, scope)
            if handler.param is not None:
                if handler.param.type != "Identifier":
                    self.unsupported(handler.param, "destructuring")
                catch.declare(handler.param.name, "catch")
                self.reference(handler.param, catch, is_init=True)
            self.statements(handler.body.body, catch)
        if node.finalizer is not None:
            self.s_BlockStatement(node.finalizer, scope)

    def s_ThrowStatement(self, node, scope):
        self.expr(node.argument, scope)

    def s_ReturnStatement(self, node, scope):
        if node.argument is not None:
            self.expr(node.argument, scope)

    def s_WithStatement(self, node, scope):
        self.expr(node.object, scope)
        body = Scope("with", scope, node)
        self.out.blocks[id(node)] = body
        self.sub_statement(node.body, body)

    # ---- functions -----------------------------------------------------

    def function(self, node, scope: Scope, declares_name: bool = True) -> None:
        if node.generator or node.isAsync:
            self.unsupported(node, "generator" if node.generator else "async function")
        is_arrow = node.type == "ArrowFunctionExpression"
        body = node.body
        block_body = body.type == "BlockStatement"
        strict = scope.function.strict or (block_body and has_use_strict(body.body))
        fn = FunctionScope(scope, node, "function", strict, is_arrow=is_arrow)
        self._register_function(fn, node)
        fn.simple_params = all(p.type == "Identifier" for p in node.params)
        for position, param in enumerate(node.params):
            if param.type == "Identifier" and not fn.late_params:
                # a repeated name (sloppy) makes a new binding that hides the earlier one
                binding = fn.bindings[param.name] = Binding(param.name, "param", fn)
                binding.index = len(fn.params)
                fn.params.append(binding)
                continue
            # from the first default or rest parameter on: let-like, so that
            # a default reading itself or a later parameter is a ReferenceError
            target = (param.left if param.type == "AssignmentPattern"
                      else param.argument if param.type == "RestElement" else param)
            if target.type != "Identifier":
                self.unsupported(param, "destructuring parameter")
            fn.late_params.append((fn.declare(target.name, "let", param.range[1]), param, position))
            if param.type == "AssignmentPattern":
                self.expr(param.right, fn)
        if block_body:
            self.statements(body.body, fn)
        else:
            self.expr(body, fn)
        if node.type == "FunctionExpression" and node.id is not None and declares_name:
            name = node.id.name
            if name not in fn.bindings:
                fn.callee_binding = fn.declare(name, "callee")

    # ---- expressions ---------------------------------------------------

    def expr(self, node, scope: Scope) -> None:
        method = getattr(self, "e_" + node.type, None)
        if method is None:
            self.unsupported(node)
        method(node, scope)

    def assignment_target(self, node, scope):
        if node.type == "Identifier":
            self.reference(node, scope)
        elif node.type == "MemberExpression":
            self.e_MemberExpression(node, scope)
        else:
            self.unsupported(node, "destructuring assignment")

    def e_Identifier(self, node, scope):
        self.reference(node, scope)

    def e_Literal(self, node, scope):
        pass

    def e_ThisExpression(self, node, scope):
        fn = scope.function
        if not fn.is_arrow and not fn.direct_eval:
            fn.uses_this = True
            return
        # an arrow's `this` is its enclosing function's; direct eval code's is
        # its caller's, which is an arrow's lexical `this` when called from one
        ref = Ref(THIS_NAME, scope, node.range[0])
        self.out.refs[id(node)] = ref
        self.pending.append(ref)

    def e_TemplateLiteral(self, node, scope):
        for expression in node.expressions:
            self.expr(expression, scope)

    def e_ArrayExpression(self, node, scope):
        for element in node.elements:
            if element is not None:
                if element.type == "SpreadElement":
                    self.unsupported(element, "spread")
                self.expr(element, scope)

    def e_ObjectExpression(self, node, scope):
        for prop in node.properties:
            if prop.type != "Property":
                self.unsupported(prop, "object spread")
            if prop.computed:
                if prop.kind != "init":
                    self.unsupported(prop, "computed accessor name")
                self.expr(prop.key, scope)
            if prop.kind in ("get", "set") or prop.method:
                self.function(prop.value, scope)
            else:
                self.expr(prop.value, scope)

    def e_FunctionExpression(self, node, scope):
        self.function(node, scope)

    e_ArrowFunctionExpression = e_FunctionExpression

    def e_ClassExpression(self, node, scope):
        self.unsupported(node, "class")

    def e_UnaryExpression(self, node, scope):
        self.expr(node.argument, scope)

    def e_UpdateExpression(self, node, scope):
        self.assignment_target(node.argument, scope)

    def e_BinaryExpression(self, node, scope):
        spine = []                      # iterative over left-nested chains, as in codegen
        while node.type == "BinaryExpression":
            if node.operator in UNSUPPORTED_OPERATORS:
                self.unsupported(node, f"operator {node.operator}")
            spine.append(node)
            node = node.left
        if node.type == "PrivateIdentifier":
            self.unsupported(node, "private name")
        self.expr(node, scope)
        for binary in reversed(spine):
            self.expr(binary.right, scope)

    def e_LogicalExpression(self, node, scope):
        self.expr(node.left, scope)
        self.expr(node.right, scope)

    def e_AssignmentExpression(self, node, scope):
        if node.operator in UNSUPPORTED_OPERATORS:
            self.unsupported(node, f"operator {node.operator}")
        self.assignment_target(node.left, scope)
        self.expr(node.right, scope)

    def e_ConditionalExpression(self, node, scope):
        self.expr(node.test, scope)
        self.expr(node.consequent, scope)
        self.expr(node.alternate, scope)

    def e_CallExpression(self, node, scope):
        if node.optional:
            self.unsupported(node, "optional chaining")
        callee = node.callee
        if callee.type == "Super":
            self.unsupported(callee, "super")
        self.expr(callee, scope)
        for arg in node.arguments:
            if arg.type == "SpreadElement":
                self.unsupported(arg, "spread")
            self.expr(arg, scope)
        if callee.type == "Identifier" and callee.name == "eval":
            self.note_direct_eval(scope)

    def note_direct_eval(self, scope: Scope) -> None:
        fn = scope.function
        fn.has_direct_eval = True
        fn.uses_this = True            # the eval code sees the caller's `this`
        for s in scope.chain():
            s.sees_eval = True

    def e_NewExpression(self, node, scope):
        self.e_CallExpression(node, scope)

    def e_MemberExpression(self, node, scope):
        if node.optional:
            self.unsupported(node, "optional chaining")
        if node.object.type == "Super":
            self.unsupported(node.object, "super")
        self.expr(node.object, scope)
        if node.computed:
            self.expr(node.property, scope)
        elif node.property.type != "Identifier":
            self.unsupported(node.property, "private name")

    def e_SequenceExpression(self, node, scope):
        for expression in node.expressions:
            self.expr(expression, scope)

    # ---- pass 2: resolution --------------------------------------------

    def resolve(self, ref: Ref) -> None:
        if ref.name == THIS_NAME:
            return self._resolve_this(ref)
        name = ref.name
        dynamic = False
        crossed_function = False
        for scope in ref.scope.chain():
            if scope.kind == "with":
                dynamic = True
            binding = scope.bindings.get(name)
            if name == "arguments" and scope.kind == "function" and scope.has_arguments_object:
                binding = scope.arguments_for(binding)
            if binding is not None:
                if crossed_function or dynamic:
                    binding.captured = True
                ref.binding = binding
                ref.dynamic = dynamic
                return
            if scope.kind == "function":
                # sloppy direct eval may declare new vars here; names found
                # further out could be shadowed at run time
                if scope.has_direct_eval and not scope.strict:
                    dynamic = True
                if scope.code_kind == "eval" and scope.direct_eval:
                    dynamic = True      # the caller's scopes are only known at run time
                crossed_function = True
        ref.dynamic = dynamic

    @staticmethod
    def _resolve_this(ref: Ref) -> None:
        fn = ref.scope.function
        while fn.is_arrow:
            fn = fn.parent.function
        if fn.this_binding is None:
            fn.this_binding = fn.declare(THIS_NAME, "this")
            fn.uses_this = True
        if ref.scope.function is not fn or fn.has_direct_eval:
            fn.this_binding.captured = True     # an arrow or eval code reads it
        ref.binding = fn.this_binding
