"""Issue 4's real-browser test: JupyterLab in headless Chromium runs JavaScript
cells on the glassjs kernel, shows their output, and renders an ipywidget
whose value travels back to the kernel when the slider is moved."""
from labdriver import Notebook, write_notebook

CELLS = [
    "console.log('hello from ' + 'glassjs');\nconst squares = [1, 2, 3].map(x => x * x);\nsquares",
    "%_widget_selftest",           # the kernel shows an ipywidgets IntSlider (value 3)
    "%_widget_selftest value",     # prints the slider's value as the kernel sees it
    "",                            # the test types into this one
]


def test_javascript_cells_and_a_widget(lab, page, screenshots):
    nb = Notebook(page, lab, write_notebook(lab.root, "kernel.ipynb", CELLS)).open()
    assert nb.kernel_display_name() == "JavaScript (glassjs)"

    nb.run_cell(0)
    assert nb.prompt(0) == "[1]:"
    assert nb.output_text(0) == "hello from glassjs\n[ 1, 4, 9 ]"

    nb.run_cell(1)
    slider = nb.outputs(1).locator(".jupyter-widgets.widget-slider")
    slider.wait_for()                               # the widget manager rendered the comm's model
    readout = slider.locator(".widget-readout")
    assert readout.inner_text() == "3"
    slider.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.textContent.trim() === '5'", arg=readout.element_handle())
    nb.run_cell(2)                                  # the kernel received the browser's update
    assert nb.output_text(2) == "5"

    nb.type_and_run(3, "squares.reduce((a, b) => a + b)")
    assert nb.output_text(3) == "14"
    assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
    page.screenshot(path=screenshots / "kernel-lab.png")
