"""Shared fixtures.  Every test that uses `engine` gets a heap consistency
check afterwards: each block's refcount must equal the references found."""
import gc as python_gc
import os

import pytest

import glassjs
from glassjs.engine import introspect


@pytest.fixture
def profile():
    """The engine profile of the `engine` fixture: "default", or the one named by
    GLASSJS_TEST_PROFILE (run any suite under lowmem/rom); modules may
    parametrize it (test_language.py runs every case in every profile)."""
    return os.environ.get("GLASSJS_TEST_PROFILE", "default")


@pytest.fixture
def engine(profile):
    e = glassjs.Engine(profile=profile)
    yield e
    python_gc.collect()           # drop handles the test no longer holds
    problems = introspect.check_heap(e)
    assert problems == [], "heap inconsistent after test:\n" + "\n".join(problems[:20])


@pytest.fixture
def run(engine):
    """run(js) -> value of the script's last expression."""
    return engine.eval
