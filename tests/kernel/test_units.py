"""The kernel's pieces without a kernel process: cell splitting, is_complete,
token finding, tracebacks, limits, history, the install layout."""
import json
import re

import pytest

import glassjs
from glassjs.kernel import completion, errors, magics
from glassjs.kernel.config import Limits, parse_size
from glassjs.kernel.history import History
from glassjs.kernel.install import write_spec
from glassjs.kernel.shell import Shell


@pytest.fixture
def shell():
    out = []
    s = Shell(Limits(), stdout=lambda t: out.append(("stdout", t)), stderr=lambda t: out.append(("stderr", t)),
              publish=lambda *a: out.append(("display", a)), clear=lambda w: out.append(("clear", w)))
    s.out = out
    return s


def test_split_cell_keeps_line_numbers():
    line, cell, body = magics.split_cell("%gc\n%limits time=1\nvar a = 1;\n%not_a_magic_here")
    assert line == [("gc", ""), ("limits", "time=1")] and cell is None
    assert body.split("\n") == ["", "", "var a = 1;", "%not_a_magic_here"]
    line, cell, body = magics.split_cell("\n%%timeit -n 3\nx++")
    assert cell == ("timeit", "-n 3") and body.split("\n")[2] == "x++"
    assert magics.page_request("Math.max?") == "Math.max" and magics.page_request("a ? b : c") is None


@pytest.mark.parametrize("code,status", [
    ("1 + 1", "complete"), ("", "complete"), ("function f() {", "incomplete"), ("[1,\n2,", "incomplete"),
    ("`multi\nline", "incomplete"), ("/* open", "incomplete"), ("'x\\", "incomplete"),
    ("a b", "invalid"), ("'x", "invalid"), ("}", "invalid"),
])
def test_is_complete(code, status):
    assert completion.is_complete(code)["status"] == status


def test_is_complete_indent():
    assert completion.is_complete("if (x) {\n  while (y) {")["indent"] == "    "


def test_token_at():
    assert completion.token_at("foo.bar.baz(1)", 6) == [["foo", "bar"]]
    assert completion.token_at("foo.bar.baz(1)", 12) == [["foo", "bar", "baz"]]
    assert completion.token_at("Math.max(1, ", 12) == [["Math", "max"]]
    assert completion.token_at("[1].map(f", 9) == [["f"], ["Array", "prototype", "map"]]
    assert completion.token_at("g().h", 5) == []


def test_completion_and_inspection(shell):
    shell.run("var point = {x: 1, y: 2}; let later = [1]", "<cell 1>")
    names = completion.complete(shell, "point.", 6)["matches"]
    assert names[:2] == ["x", "y"] and "hasOwnProperty" in names
    assert completion.complete(shell, "lat", 3)["matches"] == ["later"]
    assert completion.complete(shell, "'abc'.toUpp", 11)["matches"] == ["toUpperCase"]
    assert completion.complete(shell, "// point.", 9)["matches"] == []
    info = completion.inspect_info(shell, "later.push", 10)
    assert "arr.push(...items)" in info["data"]["text/plain"]


def test_traceback_shows_the_line_of_an_earlier_cell(shell):
    shell.run("function f(o) {\n  return o.missing.deeper;\n}", "<cell 1>")
    with pytest.raises(glassjs.JSError) as exc:
        shell.run("\n\nf({})", "<cell 2>")
    report = shell.error_report(exc.value)
    tb = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in report.traceback]
    assert tb[0] == "<cell 1>:2" and tb[1] == "  return o.missing.deeper;"
    assert "at f (<cell 1>:2:" in "\n".join(tb) and "at <cell 2>:3:1" in "\n".join(tb)
    assert report.ename == "TypeError"


def test_non_error_throw(shell):
    with pytest.raises(glassjs.JSError) as exc:
        shell.run("throw {code: 1}", "<cell 1>")
    report = shell.error_report(exc.value)
    assert (report.ename, report.evalue) == ("Uncaught", "{ code: 1 }")


def test_collapse_stack():
    stack = "RangeError: x\n" + "    at r (<cell 1>:1:1)\n" * 500 + "    at <cell 1>:2:1"
    lines = errors.collapse_stack(stack)
    assert lines == ["RangeError: x", "    at r (<cell 1>:1:1)", "    ... previous frame repeated 499 more times",
                     "    at <cell 1>:2:1"]


def test_limits_and_sizes():
    assert parse_size("64M") == 64 << 20 and parse_size("1.5k") == 1536 and parse_size("100") == 100
    lim = Limits.from_env({"GLASSJS_MEMORY_LIMIT": "32M", "GLASSJS_STACK_SIZE": "128k",
                           "GLASSJS_PROFILE": "lowmem", "GLASSJS_TIME_LIMIT": "2.5"})
    assert lim.engine_kwargs() == {"profile": "lowmem", "memory_limit": 32 << 20, "max_stack_size": 128 << 10}
    assert lim.time == 2.5
    with pytest.raises(ValueError):
        Limits.from_env({"GLASSJS_MEMORY_LIMIT": "8G"})


def test_history():
    h = History()
    for i, src in enumerate(["a", "b", "a", "c"], 1):
        h.add(i, src, src.upper())
    assert h.request(hist_access_type="tail", n=2) == [(1, 3, "a"), (1, 4, "c")]
    assert h.request(hist_access_type="range", start=2, stop=4, output=True) == [(1, 2, ("b", "B")), (1, 3, ("a", "A"))]
    assert [r[1] for r in h.request(hist_access_type="search", pattern="a")] == [1, 3]
    assert [r[1] for r in h.request(hist_access_type="search", pattern="a", unique=True)] == [3]


def test_kernelspec_layout(tmp_path):
    folder = write_spec(tmp_path / "spec", env={"GLASSJS_MEMORY_LIMIT": "64M"})
    spec = json.loads((folder / "kernel.json").read_text())
    assert spec["argv"][1:] == ["-m", "glassjs.kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "JavaScript (glassjs)" and spec["language"] == "javascript"
    assert spec["env"] == {"GLASSJS_MEMORY_LIMIT": "64M"} and spec["interrupt_mode"] == "signal"
    for size in (32, 64):
        png = (folder / f"logo-{size}x{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == size
