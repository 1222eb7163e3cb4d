"""notebooks/smoke.ipynb executed headless with nbclient on the installed kernel."""
import pathlib
import re

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "smoke.ipynb"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text(output):
    if output["output_type"] == "stream":
        return output["text"]
    if output["output_type"] == "error":
        return ANSI.sub("", "\n".join(output["traceback"]))
    return output["data"].get("text/plain", "")


def test_smoke_notebook():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="glassjs-test", timeout=30, startup_timeout=30)
    client.execute()
    cells = [c for c in nb.cells if c.cell_type == "code"]
    outs = [[text(o) for o in c.outputs] for c in cells]
    assert outs[0] == ["hello from glassjs\n", "'HI'"]
    assert outs[1] == ["2"] and outs[2] == ["15"]
    assert outs[3] == ["[\n  0, 1, 1, 2,\n  3, 5, 8\n]"]
    table = cells[4].outputs[0]["data"]["text/html"]
    assert "<th>name</th>" in table and "grace" in table
    assert [sorted(o["data"]) for o in cells[5].outputs] == [["text/html"], ["text/markdown"], ["image/svg+xml"]]
    err = cells[6].outputs[0]
    assert err["ename"] == "ReferenceError"
    assert "  return undefinedVariable + 1;" in text(err) and f"<cell {cells[6].execution_count}>:2" in text(err)
    assert "memory_used_size" in outs[7][0]
    assert outs[8] == ["'hi, still here: 10'"]
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
