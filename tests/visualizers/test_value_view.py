"""View 1, the value inspector: the fields of a word are the engine's bits."""
import struct

import pytest

from glassjs import visualizers as viz
from glassjs.engine import introspect
from glassjs.visualizers import value_view


def fields(view):
    return {f.name: f for f in view.model.fields}


def test_double_1_5(engine):
    v = viz.value(engine, js="1.5")
    f = fields(v)
    assert v.model.bits.bits == struct.unpack("<Q", struct.pack("<d", 1.5))[0]
    assert [x.name for x in v.model.fields] == ["sign", "exponent", "mantissa"]
    assert (f["sign"].value, f["exponent"].value, f["mantissa"].value) == (0, 1023, 1 << 51)
    assert sum(x.width for x in v.model.fields) == 64
    assert v.model.v8["scheme"] == "HeapNumber"
    assert any("= 1.5" in line for line in v.model.decoding)


def test_small_integer_is_a_smi_in_v8(engine):
    m = viz.value(engine, 3).model
    assert m.bits.kind == "number" and fields(viz.value(engine, 3))["exponent"].value == 1024
    assert m.v8["scheme"] == "Smi" and m.v8["word_bits"] == 6        # 3 << 1, low bit 0


def test_object_reference_tag_and_offset(engine):
    obj = engine.eval("({x: 1})")
    v = viz.value(engine, obj)
    f = fields(v)
    assert f["tag"].value == 0xFFFE and f["tag"].width == 16
    assert f["offset"].value == obj.offset and f["unused"].value == 0
    assert v.model.bits.bits == (0xFFFE << 48) | obj.offset
    assert v.model.v8["word_bits"] == obj.offset | 1


def test_string_from_js_is_the_stored_word(engine):
    engine.eval("var holder = {s: 'glass-string'}")
    holder = engine.eval("holder")
    stored = introspect.property_bits(engine, holder, "s")
    v = viz.value(engine, js="holder.s")
    assert v.model.bits.bits == stored.bits and fields(v)["tag"].value == 0xFFFD


def test_lightfunc_fields(engine):
    lf = introspect.lightfunc(engine, "Math.max")
    v = viz.value(engine, lf)
    f = fields(v)
    assert f["tag"].value == 0xFFFC
    index = {name: i for i, name, *_ in introspect.natives()}["max"]
    assert f["index"].value == index and f["length"].value == 2
    assert [x.name for x in v.model.fields] == ["tag", "magic", "length", "nargs", "index"]
    assert sum(x.width for x in v.model.fields) == 64
    assert "no heap" in v.model.summary


@pytest.mark.parametrize("js,tag,payload", [("undefined", 0xFFF9, 0), ("null", 0xFFFA, 0),
                                            ("true", 0xFFFB, 1), ("false", 0xFFFB, 0)])
def test_oddballs(engine, js, tag, payload):
    f = fields(viz.value(engine, js=js))
    assert f["tag"].value == tag and f["payload"].value == payload
    assert viz.value(engine, js=js).model.v8["scheme"] == "Oddball"


def test_raw_bits(engine):
    m = viz.value(engine, bits=0xFFF8000000000000).model      # the hardware NaN is a double, not a tag
    assert m.bits.kind == "number" and fields(viz.value(engine, bits=0xFFF8000000000000))["exponent"].value == 2047


def test_html_structure(engine, xml):
    root = xml.parse(viz.value(engine, js="1.5").html)
    assert "glass-view" in root.get("class")
    bits = xml.by_class(root, "glass-value-bits")[0]
    cells = xml.by_class(bits, "glass-bit")
    assert len(cells) == 64 and "".join(c.text for c in cells) == format(0x3FF8000000000000, "064b")
    assert [el.get("class").split()[1] for el in xml.by_class(bits, "glass-field")] == \
        ["glass-f-sign", "glass-f-exponent", "glass-f-mantissa"]
    assert xml.by_class(root, "glass-v8") and xml.by_class(root, "glass-value-decoding")


def test_text_and_bundle(engine):
    v = viz.value(engine, js="null")
    title, word = v.text.split("\n")[:2]
    assert title == "null" and word.startswith("0xfffa000000000000  null")
    bundle = v._repr_mimebundle_()
    assert bundle["text/plain"] == v.text and bundle["text/html"] == v.html
    assert "model_id" in bundle["application/vnd.jupyter.widget-view+json"]


def test_renderer_is_reusable_without_the_page(engine):
    bits = introspect.value_bits(engine, 2.5)
    html = value_view.render_html(value_view.model(bits), "x")
    assert html.startswith('<div class="glass-value') and "<style>" not in html
