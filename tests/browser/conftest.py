"""Browser fixtures: one private JupyterLab per test process (tests/browser/labdriver.py),
a fresh Chromium page per test, screenshots into build/screenshots/.

Without Chromium the tests skip and say how to install it, except where
GLASSJS_REQUIRE_BROWSER=1 (.ci/run sets it): there a missing browser fails.
"""
import os
import pathlib

import pytest

from labdriver import Lab, browser, chromium_missing

REPO = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    missing = chromium_missing()
    if missing:
        if os.environ.get("GLASSJS_REQUIRE_BROWSER") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    with Lab(tmp_path_factory.mktemp("lab-root")) as server:
        yield server


@pytest.fixture
def page(lab):
    with browser() as (_, page):
        yield page


@pytest.fixture
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
