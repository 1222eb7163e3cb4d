"""Code generation for expressions (mixed into FunctionCompiler).

``expr(node, need)`` leaves exactly one value on the stack when ``need`` is
true and none otherwise; handlers use ``need`` to skip a DUP/POP pair where
the value is unused (expression statements, for-loop updates).
"""
from __future__ import annotations

from glassjs.engine import bytecode as bc

from .assembler import Label
from .astutil import callee_text, has_effects
from .jsnumber import literal_number, number_to_string

BINARY_OPS = {
    "+": bc.ADD, "-": bc.SUB, "*": bc.MUL, "/": bc.DIV, "%": bc.MOD,
    "<<": bc.SHL, ">>": bc.SAR, ">>>": bc.SHR, "&": bc.BAND, "|": bc.BOR, "^": bc.BXOR,
    "==": bc.EQ, "!=": bc.NE, "===": bc.SEQ, "!==": bc.SNE,
    "<": bc.LT, "<=": bc.LE, ">": bc.GT, ">=": bc.GE,
    "in": bc.IN, "instanceof": bc.INSTANCEOF,
}
UNARY_OPS = {"-": bc.NEG, "+": bc.PLUS, "!": bc.NOT, "~": bc.BNOT, "typeof": bc.TYPEOF}


def property_key(key):
    """The string name of a non-computed object-literal key, or None."""
    if key.type == "Identifier":
        return key.name
    if key.type == "Literal":
        if isinstance(key.value, str):
            return key.value
        if isinstance(key.value, (int, float)) and not isinstance(key.value, bool) and key.bigint is None:
            return number_to_string(literal_number(key.value))
    return None


class ExpressionCompiler:
    def expr(self, node, need: bool = True) -> None:
        self.at(node)
        method = getattr(self, "e_" + node.type, None)
        if method is None:
            raise self.unit.error(f"{node.type} is not supported", node)
        method(node, need)

    def drop_unless(self, need: bool) -> None:
        if not need:
            self.asm.emit(bc.POP)

    # ---- primary -------------------------------------------------------

    def e_Literal(self, node, need) -> None:
        if not need:
            return                  # literals have no effects (regexps were checked by the parser)
        asm = self.asm
        value = node.value
        if node.regex is not None:
            asm.emit(bc.REGEXP, asm.const(node.regex.pattern), asm.const(node.regex.flags))
        elif node.bigint is not None:
            raise self.unit.error("BigInt is not supported", node)
        elif value is None:
            asm.emit(bc.PUSH_NULL)
        elif value is True:
            asm.emit(bc.PUSH_TRUE)
        elif value is False:
            asm.emit(bc.PUSH_FALSE)
        elif isinstance(value, str):
            asm.emit(bc.PUSH_CONST, asm.const(value))
        else:
            asm.push_number(literal_number(value))

    def e_Identifier(self, node, need) -> None:
        ref = self.ref(node)
        if not need and not (ref.by_name or ref.is_global or ref.check):
            return                  # reading a declared, initialised variable cannot throw
        self.load(ref)
        self.drop_unless(need)

    def e_ThisExpression(self, node, need) -> None:
        if not need:
            return
        ref = self.unit.analysis.refs.get(id(node))
        if ref is None:
            self.asm.emit(bc.PUSH_THIS)
        else:                        # an arrow function: the enclosing function's `this`
            self.load(ref)

    def e_TemplateLiteral(self, node, need) -> None:
        # "" + a + "b" ...: ADD of a string converts like ToString except
        # for objects whose valueOf differs from toString
        asm = self.asm
        asm.emit(bc.PUSH_CONST, asm.const(node.quasis[0].value.cooked))
        for expression, quasi in zip(node.expressions, node.quasis[1:]):
            self.expr(expression)
            asm.emit(bc.ADD)
            if quasi.value.cooked:
                asm.emit(bc.PUSH_CONST, asm.const(quasi.value.cooked))
                asm.emit(bc.ADD)
        self.drop_unless(need)

    def e_ArrayExpression(self, node, need) -> None:
        for element in node.elements:
            if element is None:
                self.asm.emit(bc.PUSH_EMPTY)
            else:
                self.expr(element)
        self.at(node)
        self.asm.emit(bc.NEW_ARRAY, len(node.elements))
        self.drop_unless(need)

    def e_ObjectExpression(self, node, need) -> None:
        asm = self.asm
        asm.emit(bc.NEW_OBJECT)
        for prop in node.properties:
            self.at(prop)
            key = None if prop.computed else property_key(prop.key)
            if prop.kind in ("get", "set"):
                self.closure(prop.value, f"{prop.kind} {key}", prop.range, is_method=True)
                asm.emit(bc.INIT_GET if prop.kind == "get" else bc.INIT_SET, asm.const(key))
                continue
            if key is None:
                self.expr(prop.key)
                literal = prop.key.type == "Literal" and prop.key.regex is None
                self.property_value(prop, property_key(prop.key) if literal else None)
                asm.emit(bc.INIT_ELEM)
            elif key == "__proto__" and not prop.shorthand and not prop.method:
                # `__proto__: v` sets the prototype (Annex B): a store through
                # Object.prototype.__proto__ rather than an own property
                asm.emit(bc.DUP)
                self.expr(prop.value)          # not a named evaluation
                asm.emit(bc.PUT_PROP, asm.const(key))
            else:
                self.property_value(prop, key)
                asm.emit(bc.INIT_PROP, asm.const(key))
        self.drop_unless(need)

    def property_value(self, prop, key) -> None:
        """key: the property's name, None if computed (the name is known only at run time)."""
        if prop.method:
            self.closure(prop.value, key or "", prop.range, is_method=True)
        elif key is not None:
            self.expr_named(prop.value, key)
        else:
            self.expr(prop.value)

    def expr_named(self, node, name: str, need: bool = True) -> None:
        """``node`` as the value bound to ``name``: an anonymous function gets that name (ES2015)."""
        if node.type in ("FunctionExpression", "ArrowFunctionExpression") and node.id is None:
            self.at(node)
            if need:
                self.closure(node, name)
        else:
            self.expr(node, need)

    def e_FunctionExpression(self, node, need) -> None:
        if need:
            self.closure(node, node.id.name if node.id is not None else "")

    e_ArrowFunctionExpression = e_FunctionExpression

    def e_SequenceExpression(self, node, need) -> None:
        last = len(node.expressions) - 1
        for i, expression in enumerate(node.expressions):
            self.expr(expression, need=need and i == last)

    # ---- operators -----------------------------------------------------

    def e_UnaryExpression(self, node, need) -> None:
        asm = self.asm
        op, argument = node.operator, node.argument
        if op == "typeof" and argument.type == "Identifier":
            ref = self.ref(argument)
            if ref.by_name or ref.is_global:
                asm.emit(bc.TYPEOF_NAME, self.name_const(ref.name))   # no ReferenceError
            else:
                self.load(ref)
                asm.emit(bc.TYPEOF)
        elif op == "delete":
            self.delete(argument)
        elif op == "void":
            self.expr(argument, need=False)
            asm.emit(bc.PUSH_UNDEF)
        elif op == "-" and argument.type == "Literal" and isinstance(argument.value, (int, float)) \
                and not isinstance(argument.value, bool) and argument.bigint is None:
            asm.push_number(-literal_number(argument.value))
        else:
            self.expr(argument)
            self.at(node)
            asm.emit(UNARY_OPS[op])
        self.drop_unless(need)

    def delete(self, argument) -> None:
        asm = self.asm
        if argument.type == "Identifier":
            ref = self.ref(argument)
            if ref.by_name or ref.is_global:
                asm.emit(bc.DELETE_NAME, self.name_const(ref.name))
            else:
                asm.emit(bc.PUSH_FALSE)          # declared bindings cannot be deleted
        elif argument.type == "MemberExpression":
            self.expr(argument.object)
            if argument.computed:
                self.expr(argument.property)
                self.at(argument)
                asm.emit(bc.DELETE_ELEM)
            else:
                self.at(argument)
                asm.emit(bc.DELETE_PROP, self.name_const(argument.property.name))
        else:
            self.expr(argument, need=False)
            asm.emit(bc.PUSH_TRUE)

    def e_BinaryExpression(self, node, need) -> None:
        # a + b + c + ... nests to the left: walk the spine iteratively so
        # long chains do not exhaust Python's stack
        spine = []
        while node.type == "BinaryExpression":
            spine.append(node)
            node = node.left
        self.expr(node)
        for binary in reversed(spine):
            self.expr(binary.right)
            self.at(binary)
            self.asm.emit(BINARY_OPS[binary.operator])
        self.drop_unless(need)

    def e_LogicalExpression(self, node, need) -> None:
        asm = self.asm
        done = Label()
        op = node.operator
        self.expr(node.left)
        self.at(node)
        if op == "??":
            # keep the left value unless it is null or undefined
            asm.emit(bc.DUP)
            asm.emit(bc.PUSH_NULL)
            asm.emit(bc.NE)
            asm.emit_jump(bc.JMP_TRUE, done)
            asm.emit(bc.POP)
            self.expr(node.right)
            asm.bind(done)
            self.drop_unless(need)
        elif need:
            asm.emit_jump(bc.JMP_FALSE_KEEP if op == "&&" else bc.JMP_TRUE_KEEP, done)
            self.expr(node.right)
            asm.bind(done)
        else:
            asm.emit_jump(bc.JMP_FALSE if op == "&&" else bc.JMP_TRUE, done)
            self.expr(node.right, need=False)
            asm.bind(done)

    def e_ConditionalExpression(self, node, need) -> None:
        asm = self.asm
        otherwise, done = Label(), Label()
        self.jump_if_false(node.test, otherwise)
        self.expr(node.consequent, need)
        asm.emit_jump(bc.JMP, done)
        asm.bind(otherwise)
        self.expr(node.alternate, need)
        asm.bind(done)

    # ---- assignment ----------------------------------------------------

    def e_AssignmentExpression(self, node, need) -> None:
        target, op = node.left, node.operator
        binary = None if op == "=" else BINARY_OPS[op[:-1]]

        def value():
            if binary is None and target.type == "Identifier" and target.range[0] == node.range[0]:
                self.expr_named(node.right, target.name)     # not `(x) = function () {}`
            else:
                self.expr(node.right)
            if binary is not None:
                self.at(node)
                self.asm.emit(binary)

        if target.type == "Identifier":
            ref = self.ref(target)
            # strict `x = e` with x undeclared: if e creates x, still a
            # ReferenceError (x was unresolvable), which PUT_GLOBAL cannot tell
            undeclared_strict = (binary is None and ref.binding is None and ref.is_global
                                 and ref.scope.function.strict)
            if (ref.by_name or undeclared_strict) and (binary is not None or has_effects(node.right)):
                # resolve the name before the right side runs: it may add or
                # delete the binding (a with-object's property, an eval var)
                name = self.name_const(ref.name)
                self.asm.emit(bc.REF_NAME, name)
                if binary is not None:
                    self.asm.emit(bc.GET_REF, name)
                value()
                self.at(node)
                if need:
                    self.asm.emit(bc.INSERT2)
                self.asm.emit(bc.PUT_REF, name)
                return
            if binary is not None:
                self.load(ref)
            value()
            self.at(node)
            if need:
                self.asm.emit(bc.DUP)
            self.store(ref)
        else:
            self.member_store(target, value, need, compound=binary is not None)

    def member_store(self, target, value, need: bool, compound: bool = False) -> None:
        """obj.p = value() / obj[k] = value(); with ``compound`` the old value is pushed first."""
        asm = self.asm
        self.expr(target.object)
        if target.computed:
            self.expr(target.property)
            if compound:
                self.at(target)
                asm.emit(bc.DUP2)
                asm.emit(bc.GET_ELEM)
            value()
            self.at(target)
            if need:
                asm.emit(bc.INSERT3)
            asm.emit(bc.PUT_ELEM)
        else:
            name = self.name_const(target.property.name)
            if compound:
                self.at(target)
                asm.emit(bc.DUP)
                asm.emit(bc.GET_PROP, name)
            value()
            self.at(target)
            if need:
                asm.emit(bc.INSERT2)
            asm.emit(bc.PUT_PROP, name)

    def e_UpdateExpression(self, node, need) -> None:
        asm = self.asm
        step = bc.INC if node.operator == "++" else bc.DEC
        postfix = need and not node.prefix
        target = node.argument
        if target.type == "Identifier":
            ref = self.ref(target)
            if ref.by_name:
                # [ref old]: the reference is resolved once, before the read
                # (a getter or valueOf may delete the binding)
                name = self.name_const(ref.name)
                asm.emit(bc.REF_NAME, name)
                asm.emit(bc.GET_REF, name)
                if postfix:
                    asm.emit(bc.PLUS)
                    asm.emit(bc.INSERT2)
                    asm.emit(step)
                else:
                    asm.emit(step)
                    if need:
                        asm.emit(bc.INSERT2)
                asm.emit(bc.PUT_REF, name)
                return
            self.load(ref)
            self.at(node)
            if postfix:
                asm.emit(bc.PLUS)                # the old value, as a number
                asm.emit(bc.DUP)
                asm.emit(step)
            else:
                asm.emit(step)
                if need:
                    asm.emit(bc.DUP)
            self.store(ref)
            return
        # member: [obj (key)] old -> keep a copy under the reference when postfix
        self.expr(target.object)
        if target.computed:
            self.expr(target.property)
            self.at(node)
            asm.emit(bc.DUP2)
            asm.emit(bc.GET_ELEM)
            insert, put = bc.INSERT3, (bc.PUT_ELEM, 0)
        else:
            name = self.name_const(target.property.name)
            self.at(node)
            asm.emit(bc.DUP)
            asm.emit(bc.GET_PROP, name)
            insert, put = bc.INSERT2, (bc.PUT_PROP, name)
        if postfix:
            asm.emit(bc.PLUS)
            asm.emit(insert)
            asm.emit(step)
        else:
            asm.emit(step)
            if need:
                asm.emit(insert)
        asm.emit(*put)

    # ---- member access and calls ---------------------------------------

    def e_MemberExpression(self, node, need) -> None:
        self.expr(node.object)
        if node.computed:
            self.expr(node.property)
            self.at(node)
            self.asm.emit(bc.GET_ELEM)
        else:
            self.at(node)
            self.asm.emit(bc.GET_PROP, self.name_const(node.property.name))
        self.drop_unless(need)

    def e_CallExpression(self, node, need) -> None:
        asm = self.asm
        callee = node.callee
        if callee.type == "MemberExpression":
            self.expr(callee.object)
            if callee.computed:
                self.expr(callee.property)
                self.at(callee)
                asm.emit(bc.GET_ELEM_METHOD)
            else:
                self.at(callee)
                asm.emit(bc.GET_METHOD, self.name_const(callee.property.name))
        elif callee.type == "Identifier":
            ref = self.ref(callee)
            if ref.by_name:
                asm.emit(bc.GET_NAME_CALL, self.name_const(ref.name))   # this = a with object
            else:
                self.load(ref)
                asm.emit(bc.PUSH_UNDEF)
        else:
            self.expr(callee)
            asm.emit(bc.PUSH_UNDEF)
        for arg in node.arguments:
            self.expr(arg)
        self.at(node)
        direct_eval = callee.type == "Identifier" and callee.name == "eval"
        asm.emit(bc.CALL_EVAL if direct_eval else bc.CALL, len(node.arguments),
                 asm.const(callee_text(callee)))
        self.drop_unless(need)

    def e_NewExpression(self, node, need) -> None:
        asm = self.asm
        self.expr(node.callee)
        asm.emit(bc.PUSH_UNDEF)
        for arg in node.arguments:
            self.expr(arg)
        self.at(node)
        asm.emit(bc.NEW, len(node.arguments), asm.const(callee_text(node.callee)))
        self.drop_unless(need)
