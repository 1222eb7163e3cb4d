"""Kernel tests: the kernelspec is installed into a temporary prefix that
JUPYTER_PATH points at, under test names, so nothing touches the user's
Jupyter set-up.

    glassjs-test        the kernelspec as `python -m glassjs.kernel install` writes it
    glassjs-test-small  the same with GLASSJS_MEMORY_LIMIT / GLASSJS_STACK_SIZE in its env block
"""
import os
import pathlib
import tempfile

import pytest

pytest.importorskip("ipykernel")
pytest.importorskip("jupyter_client")

KERNEL = "glassjs-test"
SMALL_KERNEL = "glassjs-test-small"
_prefix = None


def install_kernelspecs() -> str:
    """Install both test kernelspecs once per process; returns the prefix."""
    global _prefix
    if _prefix is None:
        from glassjs.kernel.install import install
        prefix = tempfile.mkdtemp(prefix="glassjs-kernelspec-")
        install(prefix=prefix, name=KERNEL)
        install(prefix=prefix, name=SMALL_KERNEL, display_name="JavaScript (glassjs, small)",
                env={"GLASSJS_MEMORY_LIMIT": "24M", "GLASSJS_STACK_SIZE": "256k"})
        data = str(pathlib.Path(prefix) / "share" / "jupyter")
        os.environ["JUPYTER_PATH"] = data + (os.pathsep + os.environ["JUPYTER_PATH"]
                                             if os.environ.get("JUPYTER_PATH") else "")
        _prefix = prefix
    return _prefix


@pytest.fixture(scope="session", autouse=True)
def kernelspecs():
    return install_kernelspecs()
