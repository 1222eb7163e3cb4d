"""Built-in objects: one module per global (Lua's lbaselib/lstrlib split).

Each module registers its native functions at import time and declares what
it installs in a DEFS list; engine/builtins/realm.pyx builds the objects.
"""
