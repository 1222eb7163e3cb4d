"""JavaScript's Number::toString(10), for numeric property keys in literals."""
from __future__ import annotations

import math


def number_to_string(x: float) -> str:
    """The ECMAScript ToString of a number: ``1.0 -> "1"``, ``1e21 -> "1e+21"``."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + number_to_string(-x)
    if math.isinf(x):
        return "Infinity"
    # repr() gives the shortest digits that round-trip, as the spec asks;
    # only the layout differs from JavaScript's.
    mantissa, _, exp = repr(float(x)).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    n = len(whole) + (int(exp) if exp else 0)      # decimal point position
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    sign = "+" if e >= 0 else "-"
    head = digits[0] if k == 1 else digits[0] + "." + digits[1:]
    return f"{head}e{sign}{abs(e)}"


def literal_number(value) -> float:
    """An esprima numeric literal value (int or float, maybe huge) as a double."""
    try:
        return float(value)
    except OverflowError:
        return math.inf
