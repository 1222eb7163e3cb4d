"""Small helpers over ESTree nodes and source text."""
from __future__ import annotations

import re

LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")    # JavaScript's line terminators


def line_and_column(source: str, offset: int):
    """1-based line and 0-based column of a source offset."""
    breaks = list(LINE_BREAK.finditer(source, 0, offset))
    return len(breaks) + 1, offset - (breaks[-1].end() if breaks else 0)


def has_use_strict(statements) -> bool:
    """Does this directive prologue contain an exact "use strict"?"""
    for statement in statements:
        directive = statement.directive if statement.type == "ExpressionStatement" else None
        if directive is None:
            return False
        if directive == "use strict":
            return True
    return False


def unlabel(statement):
    while statement.type == "LabeledStatement":
        statement = statement.body
    return statement


def is_function_node(node) -> bool:
    return node.type in ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")


def callee_text(node) -> str:
    """A short rendering of a callee for "x is not a function" messages (V8 style)."""
    kind = node.type
    if kind == "Identifier":
        return node.name
    if kind == "ThisExpression":
        return "this"
    if kind == "MemberExpression":
        base = callee_text(node.object)
        if not node.computed:
            return f"{base}.{node.property.name}"
        prop = node.property
        if prop.type == "Literal" and isinstance(prop.value, str) and len(prop.value) < 30:
            return f"{base}[{prop.raw}]"
        if prop.type in ("Identifier", "Literal"):
            return f"{base}[{prop.name if prop.type == 'Identifier' else prop.raw}]"
        return f"{base}[...]"
    if kind == "CallExpression":
        return callee_text(node.callee) + "(...)"
    return "(intermediate value)"


def has_effects(node) -> bool:
    """Could evaluating ``node`` run code (and so change what a name resolves to)?"""
    if node.type == "Literal":
        return node.regex is not None       # a RegExp literal calls the global RegExp
    return node.type not in ("FunctionExpression", "ArrowFunctionExpression", "ThisExpression")


FUNCTION_TYPES = ("FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression")


def contains_break_or_continue(root) -> bool:
    """Is there a break or continue in ``root``, outside nested functions?"""
    stack = [root]
    while stack:
        node = stack.pop()
        kind = getattr(node, "type", None)
        if kind in ("BreakStatement", "ContinueStatement"):
            return True
        if kind in FUNCTION_TYPES and node is not root:
            continue
        for value in vars(node).values():
            if isinstance(value, list):
                stack.extend(v for v in value if getattr(v, "type", None) is not None)
            elif getattr(value, "type", None) is not None and not isinstance(value, str):
                stack.append(value)
    return False
