"""Build glassjs: Python packages mapped from the top-level folders, plus the
Cython core.

The source tree keeps DESIGN.md's layout (engine/, kernel/, visualizers/), which
setuptools maps to glassjs.engine, glassjs.kernel, glassjs.visualizers.  Cython
resolves `cimport glassjs.engine.core.x` through a small include tree under
build/ whose glassjs/engine entry links back to engine/.
"""
import os
import pathlib
import sys

from setuptools import Extension, setup

ROOT = pathlib.Path(__file__).resolve().parent
PACKAGE_DIRS = {"glassjs": "glassjs", "glassjs.engine": "engine",
                "glassjs.kernel": "kernel", "glassjs.visualizers": "visualizers"}


def packages():
    found = []
    for pkg, folder in PACKAGE_DIRS.items():
        for init in sorted((ROOT / folder).rglob("__init__.py")):
            rel = init.parent.relative_to(ROOT / folder).parts
            found.append(".".join((pkg,) + rel))
    return found


def cython_include_tree():
    inc = ROOT / "build" / "pxd" / "glassjs"
    inc.mkdir(parents=True, exist_ok=True)
    (inc / "__init__.pxd").touch()
    link = inc / "engine"
    if not link.exists():
        os.symlink(ROOT / "engine", link)
    return str(ROOT / "build" / "pxd")


def extensions():
    sys.path.insert(0, str(ROOT))
    from Cython.Build import cythonize

    # opcodes.pxd is generated from the instruction table
    import importlib.util
    spec = importlib.util.spec_from_file_location("_bytecode", ROOT / "engine" / "bytecode.py")
    bytecode = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bytecode)
    pxd = ROOT / "engine" / "core" / "opcodes.pxd"
    text = bytecode.generate_pxd()
    if not pxd.exists() or pxd.read_text() != text:
        pxd.write_text(text)

    exts = []
    only = set(os.environ.get("GLASSJS_ONLY", "").split())
    for pyx in sorted(ROOT.glob("engine/**/*.pyx")):
        if only and str(pyx.relative_to(ROOT)) not in only:
            continue
        rel = pyx.relative_to(ROOT / "engine").with_suffix("")
        name = "glassjs.engine." + ".".join(rel.parts)
        exts.append(Extension(name, [str(pyx.relative_to(ROOT))],
                              extra_compile_args=["-O2", "-fno-strict-aliasing",
                                                  "-Wno-unused-function", "-Wno-unreachable-code"]))
    return cythonize(
        exts,
        include_path=[cython_include_tree()],
        language_level=3,
        compiler_directives={"boundscheck": True, "wraparound": True,   # only affect Python objects; C pointer indexing is unchecked either way
                             "cdivision": True, "initializedcheck": False,
                             "embedsignature": True},
        nthreads=os.cpu_count() or 1,
        annotate=bool(os.environ.get("GLASSJS_ANNOTATE")),
    )


setup(
    packages=packages(),
    package_dir=PACKAGE_DIRS,
    package_data={"glassjs.kernel": ["resources/*"], "glassjs.engine": ["core/*.pxd", "**/*.pxd"]},
    ext_modules=extensions(),
)
