"""Pass 3 of scope analysis: where each binding lives at run time.

Runs after every identifier has been resolved (``resolver.py``), so it knows
which bindings are captured by inner functions or visible to `with` and
direct `eval`.  Those get environment slots; the rest get frame slots, or a
fixed home (global, by-name, the callee) decided by the kind of code.
"""
from __future__ import annotations

from typing import Optional

from .scope import ARG, CALLEE, DYNAMIC, ENV, GLOBAL, LOCAL, FunctionScope, Ref, Scope


def allocate(fn: FunctionScope) -> None:
    """Choose each binding's location in ``fn`` and its blocks; size the frame."""
    mapped = fn.mapped_arguments
    for scope in [fn] + fn.block_scopes:
        if scope.kind == "with":
            continue
        if scope.sees_eval:
            for binding in scope.bindings.values():
                binding.captured = True
        env_slots = []
        if scope is fn:
            for position, param in enumerate(fn.params):
                visible = fn.bindings.get(param.name) is param
                if mapped or (visible and param.captured):
                    param.location = ENV
                    env_slots.append(param)
                else:
                    param.location = ARG
                    param.index = position
        for binding in scope.bindings.values():
            if binding.kind == "param":
                continue
            location = _static_location(fn, scope, binding)
            if location is not None:
                binding.location = location
            elif binding.captured:
                binding.location = ENV
                env_slots.append(binding)
            else:
                binding.location = LOCAL
                binding.index = fn.new_local(binding.name)
        for slot, binding in enumerate(env_slots):
            binding.index = slot
        scope.env_slots = env_slots
        scope.has_env = bool(env_slots) or (
            scope is fn and fn.has_direct_eval and not fn.strict and fn.code_kind == "function")


def _static_location(fn: FunctionScope, scope: Scope, binding) -> Optional[str]:
    """Locations fixed by the kind of code rather than by capture."""
    if scope is fn and binding.kind != "this":
        if fn.code_kind == "script":
            return GLOBAL
        if fn.code_kind == "eval" and not fn.strict and binding.kind in ("var", "function"):
            return DYNAMIC if fn.direct_eval else GLOBAL
    if binding.kind == "callee" and not binding.captured:
        return CALLEE
    return None


def mark_tdz_check(ref: Ref) -> None:
    """Does this read of a let/const need a ReferenceError check?

    Not when it is in the same function, textually after the declaration
    and outside a switch (whose case labels can jump past declarations).
    """
    binding = ref.binding
    if (binding is None or ref.is_init or ref.by_name or not binding.is_lexical
            or binding.location == GLOBAL):
        return
    if (ref.scope.function is binding.scope.function and not binding.scope.unordered
            and ref.pos >= binding.decl_end):
        return
    ref.check = True
    if binding.location == LOCAL:
        binding.needs_hole = True
