"""python -m glassjs: run, -e, -p, dis, REPL."""
import subprocess
import sys

import pytest


def glassjs(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "glassjs", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_run_prints_console_output(tmp_path):
    f = tmp_path / "ok.js"
    f.write_text("console.log('hi', 1 + 2, [1, 2], {a: 'b'})\n")
    r = glassjs("run", str(f))
    assert r.returncode == 0
    assert r.stdout == "hi 3 [ 1, 2 ] { a: 'b' }\n"


def test_uncaught_error_reports_location_and_exits_1(tmp_path):
    f = tmp_path / "bad.js"
    f.write_text("var x;\nfunction f() {\n  return x.y;\n}\nf();\n")
    r = glassjs("run", str(f))
    assert r.returncode == 1
    assert f"{f}:3:" in r.stderr
    assert "  return x.y;" in r.stderr
    assert "TypeError: Cannot read properties of undefined (reading 'y')" in r.stderr
    assert "at f (" in r.stderr


def test_syntax_error_points_at_the_column(tmp_path):
    f = tmp_path / "syn.js"
    f.write_text("var ok = 1;\nvar = 2;\n")
    r = glassjs("run", str(f))
    assert r.returncode == 1
    assert f"{f}:2:5" in r.stderr
    assert "    ^" in r.stderr
    assert "SyntaxError" in r.stderr
    assert "Traceback" not in r.stderr


def test_eval_and_print():
    assert glassjs("-e", "console.log(6 * 7)").stdout == "42\n"
    assert glassjs("-p", "[1, 'a']").stdout == "[ 1, 'a' ]\n"


def test_dis(tmp_path):
    f = tmp_path / "d.js"
    f.write_text("function sq(x) { return x * x }\n")
    r = glassjs("dis", str(f))
    assert r.returncode == 0 and "MUL" in r.stdout


def test_repl_multiline_and_errors():
    r = glassjs(stdin="function f() {\n  return 5\n}\nf() + 1\nnope\n")
    assert "6" in r.stdout
    assert "ReferenceError: nope is not defined" in r.stderr
