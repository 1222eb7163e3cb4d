"""Regenerate the screenshots under docs/screenshots/ with the browser-test driver
(tests/browser/labdriver.py): a private JupyterLab, headless Chromium.

    .venv/bin/python tools/screenshots.py               # writes docs/screenshots/*.png
    .venv/bin/python tools/screenshots.py --out DIR     # somewhere else

jupyterlab.png is the README's picture of JavaScript cells running on the
glassjs kernel; view-NAME.png is one cell per visualizer (tests/browser/views.py,
the same cells tests/browser/test_lab_views.py checks), shown in the README and
docs/visualizers.md.
"""
from __future__ import annotations

import argparse
import pathlib
import shutil
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from labdriver import Lab, Notebook, browser, chromium_missing, write_notebook  # noqa: E402
from views import SETUP, VIEWS, trace_step  # noqa: E402

SHOWCASE = [
    ("markdown", "## JavaScript on the glassjs kernel"),
    "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }\n"
    "console.log('fib(25) =', fib(25));\n"
    "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(fib)",
    "const engines = [\n"
    "  {name: 'glassjs', values: 'NaN-boxed', heap: 'arena offsets'},\n"
    "  {name: 'V8', values: 'Smi + HeapNumber', heap: 'compressed pointers'},\n"
    "];\nengines",
    "const bars = [3, 7, 4, 9, 6].map((h, i) =>\n"
    "  `<rect x=\"${i * 26}\" y=\"${54 - h * 6}\" width=\"22\" height=\"${h * 6}\" fill=\"teal\"/>`);\n"
    "display.svg(`<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"130\" height=\"54\">${bars.join('')}</svg>`)",
    "function area(r) {\n  return Math.PI * r * radius;\n}\narea(2)",
]


def lab_screenshot(lab: Lab, out: pathlib.Path) -> pathlib.Path:
    """The README's picture: the showcase notebook run in JupyterLab, file browser closed."""
    name = write_notebook(lab.root, "glassjs.ipynb", SHOWCASE)
    with browser(width=1200, height=1000) as (_, page):
        nb = Notebook(page, lab, name).open()
        nb.command("application:toggle-left-area")
        nb.run_all()
        page.locator(".jp-Notebook .jp-MarkdownCell").first.click()   # the title is the active cell
        page.mouse.move(5, page.viewport_size["height"] - 5)           # no hover effects in the picture
        page.locator(".jp-WindowedPanel-outer").evaluate("el => el.scrollTop = 0")
        path = out / "jupyterlab.png"
        page.screenshot(path=path)
    return path


TRACE_STEPS = 14   # into the loop: the operand stack holds values


def view_screenshots(lab: Lab, out: pathlib.Path) -> list[pathlib.Path]:
    """One picture per view: its cell (code and rendered widget), cropped to the cell."""
    name = write_notebook(lab.root, "views.ipynb", [SETUP] + [v.cell for v in VIEWS])
    paths = []
    # Tall enough for the tallest view: an element screenshot shows only what the
    # notebook's scroll area has on screen.
    with browser(width=1280, height=2400) as (_, page):
        nb = Notebook(page, lab, name).open()
        nb.run_all()
        for i, view in enumerate(VIEWS, start=1):
            cell = nb.code_cells.nth(i)
            cell.locator(view.selector).first.wait_for()
            if view.name == "trace":
                trace_step(cell, TRACE_STEPS)
            nb.code_cells.first.locator(".jp-InputPrompt").click()   # no cell-selection bar on the view
            page.mouse.move(5, 5)
            path = out / f"view-{view.name}.png"
            cell.screenshot(path=path)
            paths.append(path)
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=pathlib.Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    root = pathlib.Path(tempfile.mkdtemp(prefix="glassjs-screens-"))
    try:
        with Lab(root) as lab:
            for path in [lab_screenshot(lab, args.out)] + view_screenshots(lab, args.out):
                print(path)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
