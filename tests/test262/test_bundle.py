"""tests/test262/bundle.py: the per-directory section it writes into the doc."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle  # noqa: E402


def test_update_doc_appends_then_replaces_in_place(tmp_path):
    doc = tmp_path / "c.md"
    doc.write_text("# Conformance\n\nintro\n\n## later\n\ntext\n")
    bundle.update_doc(doc, "sample3000", "sample3000.txt per directory", "first\n")
    assert doc.read_text().endswith(
        "## sample3000.txt per directory\n\n<!-- test262:sample3000 begin -->\nfirst\n"
        "<!-- test262:sample3000 end -->\n")
    doc.write_text(doc.read_text() + "\n## after\n\nkept\n")
    bundle.update_doc(doc, "sample3000", "ignored", "second\n")
    text = doc.read_text()
    assert "first" not in text and "second\n<!-- test262:sample3000 end -->" in text
    assert text.count("test262:sample3000 begin") == 1 and text.endswith("kept\n")
    assert text.startswith("# Conformance\n\nintro\n\n## later\n\ntext\n")


def test_reference_rates_read_the_data_readme(tmp_path):
    (tmp_path / "README.md").write_text(
        "x\n\n| | QuickJS | Duktape |\n|---|---|---|\n| es5id.txt | 100% | 97.2% |\n"
        "| sample3000.txt | 87.8% | 40.0% |\n")
    assert bundle.reference_rates("sample3000.txt", tmp_path) == {
        "QuickJS": "87.8%", "Duktape": "40.0%"}
    assert bundle.reference_rates("other.txt", tmp_path) == {}


def test_section_rows_and_peer_columns():
    glass = {"test/built-ins/A/x.js": "pass", "test/built-ins/A/y.js": "fail",
             "test/language/b/z.js": "pass"}
    peer = {"test/built-ins/A/x.js": "pass", "test/built-ins/A/y.js": "pass",
            "test/language/b/z.js": "fail"}
    text = bundle.section("sample3000.txt", "2026-01-01 00:00", glass, {"quickjs": peer},
                          {"Node": "93.8%"}, 12.0, 10.0, 2)
    assert "| built-ins/A | 1 | 2 | 50.0% | 100.0% |" in text
    assert "| language/b | 1 | 1 | 100.0% | 0.0% |" in text
    assert "| **total** | **2** | **3** | **66.7%** | **66.7%** |" in text
    assert "Node 93.8%" in text and "bundle.py sample3000 -j 2" in text
