"""The visualizers through the kernel: %magics and the JS `glass` object
produce display_data with a widget view and text/html + text/plain fallbacks."""
import pytest

from test_protocol import Session, KERNEL

pytest.importorskip("ipywidgets")
WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def k():
    s = Session(KERNEL)
    yield s
    s.close()


def displays(msgs):
    return [m["content"] for m in msgs if m["msg_type"] == "display_data"]


def widget_models(msgs):
    return {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in msgs if m["msg_type"] == "comm_open"}


def assert_view(msgs, css_class):
    shown = displays(msgs)
    assert len(shown) == 1, msgs
    data = shown[0]["data"]
    assert {WIDGET, "text/html", "text/plain"} <= set(data)
    assert css_class in data["text/html"]
    models = widget_models(msgs)
    assert data[WIDGET]["model_id"] in models
    return data


def test_heap_magic_and_js_call(k):
    reply, msgs = k.run("var o = {x: 1.5};")
    reply, msgs = k.run("%heap o")
    assert reply["status"] == "ok"
    data = assert_view(msgs, "glass-heap-map")
    assert data["text/plain"].startswith("Heap map:")
    reply, msgs = k.run("glass.heap(o)")
    assert reply["status"] == "ok" and not [m for m in msgs if m["msg_type"] == "execute_result"]
    assert_view(msgs, "glass-heap-map")


def test_value_magic_and_js_call(k):
    reply, msgs = k.run("%value 1.5")
    data = assert_view(msgs, "glass-value-bits")
    assert "0x3ff8000000000000" in data["text/plain"]
    reply, msgs = k.run("glass.value(null)")
    assert "0xfffa000000000000" in assert_view(msgs, "glass-value-bits")["text/plain"]


def test_bad_input_is_an_error_in_the_cell(k):
    reply, _ = k.run("glass.heap(2)")
    assert reply["status"] == "error" and reply["ename"] == "TypeError" and "no heap block" in reply["evalue"]
    reply, _ = k.run("%value")
    assert reply["ename"] == "UsageError"
    reply, _ = k.run("%value nosuchvariable")
    assert reply["ename"] == "ReferenceError"
    assert k.value("1 + 1") == "2"
