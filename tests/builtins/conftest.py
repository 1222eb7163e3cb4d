"""Helpers for the built-in tests (the `engine` and `run` fixtures come from
tests/conftest.py, which also checks the heap after every test)."""
import pytest

from glassjs.engine.errors import JSError


def to_list(handle):
    """A JS array (handle) as a Python list, without Array.prototype methods."""
    return [handle[i] for i in range(int(handle["length"]))]


@pytest.fixture
def js_list(engine):
    def convert(src):
        return to_list(engine.eval(src))
    return convert


@pytest.fixture
def js_throws(engine):
    """js_throws(src) -> the name of the error the script throws (or None)."""
    def check(src):
        try:
            engine.eval(src)
        except JSError as exc:
            return exc.name
        return None
    return check
