"""Python-side exceptions and the `undefined` singleton (docs/api.md)."""


class _Undefined:
    """JavaScript's undefined, as a Python singleton."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "undefined"

    def __bool__(self):
        return False


undefined = _Undefined()


class JSError(Exception):
    """An uncaught JavaScript exception (or a syntax error found before running)."""

    def __init__(self, name, message, stack="", phase="runtime", value=None,
                 filename=None, line=None, column=None):
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name
        self.message = message
        self.stack = stack or (f"{name}: {message}" if message else name)
        self.phase = phase
        self.value = value
        self.filename = filename
        self.line = line
        self.column = column


class JSInterrupted(Exception):
    """Running code was stopped by the interrupt handler."""


class StepBudgetExceeded(JSInterrupted):
    """A traced run executed its step budget of instructions and was stopped (docs/tracing.md)."""

    def __init__(self, message, budget):
        super().__init__(message)
        self.budget = budget
