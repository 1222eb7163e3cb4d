"""glassjs: a glass-box JavaScript engine for Jupyter.

    >>> import glassjs
    >>> glassjs.Engine().eval("1 + 2")
    3.0
"""
from glassjs.engine.api import Engine, ObjectHandle as JSObject
from glassjs.engine.errors import JSError, JSInterrupted, undefined
from glassjs.engine.allocators import TrackingAllocator

__all__ = ["Engine", "JSObject", "JSError", "JSInterrupted", "undefined", "TrackingAllocator"]
__version__ = "0.1.0"
