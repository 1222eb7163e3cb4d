"""Until the package is installed, map ``glassjs.engine`` onto the repo's engine/ folder."""
import importlib.util
import pathlib
import sys
import types

try:
    import glassjs.engine.compiler  # noqa: F401
except ImportError:
    _root = pathlib.Path(__file__).resolve().parents[2]
    for _name in [n for n in sys.modules if n == "glassjs" or n.startswith("glassjs.")]:
        del sys.modules[_name]
    _top = types.ModuleType("glassjs")
    _top.__path__ = [str(_root / "glassjs")]
    sys.modules["glassjs"] = _top
    _spec = importlib.util.spec_from_file_location(
        "glassjs.engine", _root / "engine" / "__init__.py",
        submodule_search_locations=[str(_root / "engine")])
    _engine = importlib.util.module_from_spec(_spec)
    sys.modules["glassjs.engine"] = _engine
    _spec.loader.exec_module(_engine)
    _top.engine = _engine
