"""Shared fixtures.  Every test that uses `engine` gets a heap consistency
check afterwards: each block's refcount must equal the references found."""
import gc as python_gc

import pytest

import glassjs
from glassjs.engine import introspect


@pytest.fixture
def engine():
    e = glassjs.Engine()
    yield e
    python_gc.collect()           # drop handles the test no longer holds
    problems = introspect.check_heap(e)
    assert problems == [], "heap inconsistent after test:\n" + "\n".join(problems[:20])


@pytest.fixture
def run(engine):
    """run(js) -> value of the script's last expression."""
    return engine.eval
