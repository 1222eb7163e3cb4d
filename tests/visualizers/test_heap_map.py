"""View 2, the heap map: blocks at their offsets cover the arena exactly."""
import pytest

from glassjs import visualizers as viz
from glassjs.engine import introspect
from glassjs.visualizers import heap_map


def test_blocks_add_up_to_the_arena_in_use(engine):
    engine.eval("var keep = []; for (var i = 0; i < 50; i++) keep.push({i: i, s: 'k' + i}); keep.length = 10")
    m = viz.heap(engine).model
    ram = [b for b in m.blocks if b.segment == "ram"]
    start, end = m.segments["ram"]
    assert ram[0].offset == start
    for a, b in zip(ram, ram[1:]):
        assert a.offset + a.size == b.offset
    assert sum(b.size for b in ram) == end - start
    assert sum(s for _, s in m.by_type.values()) == sum(b.size for b in m.blocks)
    assert all(b.segment == "rom" for b in m.blocks if b.offset < m.segments["rom"][1])


def test_free_lists_and_types(engine):
    engine.eval("var tmp = []; for (var i = 0; i < 30; i++) tmp.push({a: i}); tmp = null")
    m = viz.heap(engine).model
    lists = introspect.free_lists(engine)
    assert sum(n for _, n, _ in m.free_classes) == sum(len(v) for v in lists.values())
    free = {b.offset: b.size for b in m.blocks if b.type == "free"}
    assert sum(s for _, _, s in m.free_classes) == sum(free[o] for v in lists.values() for o in v)
    assert m.by_type["function"][0] > 100       # the built-in natives


def test_selected_block_and_detail(engine, xml):
    obj = engine.eval("({answer: 42})")
    v = viz.heap(engine, obj)
    assert v.model.selected == obj.offset
    root = xml.parse(v.html)
    picks = xml.by_class(root, "glass-heap-pick")
    assert len(picks) == len(v.model.blocks)
    checked = [p for p in picks if p.get("checked")]
    assert len(checked) == 1 and checked[0].get("id").endswith(f"-{obj.offset}")
    labels = [el for el in xml.by_class(root, "glass-heap-block") if el.get("for") == checked[0].get("id")]
    assert labels and "glass-t-object" in labels[0].get("class") and "glass-heap-selected" in labels[0].get("class")
    ids = {p.get("id") for p in picks}
    assert all(el.get("for") in ids for el in xml.by_class(root, "glass-heap-block"))
    h = introspect.header(engine, obj.offset)
    detail = heap_map.detail_html(heap_map.block_detail(engine, v.model.blocks[[b.offset for b in v.model.blocks].index(obj.offset)]))
    assert f"refcount={h.refcount}" in detail and h.raw.hex(" ") in detail


def test_hex_dump_rows():
    text = heap_map.hex_dump(0x1000, bytes(range(40)))
    rows = text.split("\n")
    assert len(rows) == 3 and rows[0].startswith("00001000  ") and "glass-hex-header" in rows[0]
    assert rows[2] == "00001020  20 21 22 23 24 25 26 27"


def test_rows_scale_and_pieces():
    pieces = list(heap_map._pieces(1000, 100, 512))
    assert [(r) for r, _, _ in pieces] == [512, 1024]
    assert abs(sum(w for _, _, w in pieces) / 100 * 512 - 100) < 1e-9


def test_string_and_bad_subjects(engine):
    s = engine.eval("({s: 'a heap string'})")
    v = viz.heap(engine, js="({s: 'x'}).s")
    assert v.model.selected is not None and v.model.blocks
    with pytest.raises(ValueError, match="no heap block"):
        viz.heap(engine, 1.5)
    with pytest.raises(ValueError, match="no block starts"):
        viz.heap(engine, offset=3)
    del s


def test_big_heaps_are_drawn_as_runs(engine, xml, monkeypatch):
    monkeypatch.setattr(heap_map, "MAX_DETAILED", 10)
    root = xml.parse(viz.heap(engine).html)
    assert not xml.by_class(root, "glass-heap-pick")
    assert xml.by_class(root, "glass-heap-block")


def test_text_and_widget(engine):
    v = viz.heap(engine)
    assert v.text.startswith("Heap map:") and "blocks by type" in v.text
    w = v.widget()
    assert "glass-heap-widget" in w._dom_classes
    w.refresh()
    assert "glass-heap-map" in w.html.value
