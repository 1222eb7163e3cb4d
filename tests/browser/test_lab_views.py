"""Issue 5 in a real browser: each view, opened from a JavaScript cell, renders
as an ipywidget in JupyterLab with its own DOM (not a fallback), and the
step-through player steps when its button is clicked."""
from labdriver import Notebook, write_notebook
from views import SETUP, VIEWS, trace_step


def test_every_view_renders_as_a_widget(lab, page, screenshots):
    name = write_notebook(lab.root, "views.ipynb", [SETUP] + [v.cell for v in VIEWS])
    nb = Notebook(page, lab, name).open()
    nb.run_all()
    assert nb.output_text(0) == ""                     # the definitions ran without an error
    for i, view in enumerate(VIEWS, start=1):
        assert nb.outputs(i).locator(view.selector).count() >= 1, f"{view.name}: {view.selector} not rendered"
        nb.code_cells.nth(i).screenshot(path=screenshots / f"view-{view.name}.png")
    assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()

    player = nb.code_cells.nth(1 + [v.name for v in VIEWS].index("trace"))
    step, total = trace_step(player, 3)
    assert step == 4 and total > 20                    # the loop runs dozens of instructions
