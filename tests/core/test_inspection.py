"""The inspection API reads the engine's real memory."""
import struct

import pytest

from glassjs.engine import introspect as I
from glassjs.engine.records import decode_bits
from glassjs.engine.profiles import PROFILES


def test_bits_of_a_double(engine):
    b = I.value_bits(engine, 1.5)
    assert b.hex == "0x3ff8000000000000"
    assert (b.kind, b.sign, b.exponent, b.mantissa) == ("number", 0, 1023, 1 << 51)
    assert b.v8["scheme"] == "HeapNumber"
    assert I.value_bits(engine, 42).v8 == {"scheme": "Smi", "word": "0x00000054",
                                             "explain": I.value_bits(engine, 42).v8["explain"]}


def test_bits_of_a_string_reference(engine):
    o = engine.eval("({s: 'hello'})")
    b = I.property_bits(engine, o, "s")
    assert b.kind == "string" and b.tag == 0xFFFD
    block = I.header(engine, b.offset)
    assert block.type == "string" and "INTERNED" in block.flags
    assert I.read_bytes(engine, b.offset + 32, 5) == b"hello"


def test_bits_of_a_lightfunc(engine):
    lf = I.lightfunc(engine, "Boolean.prototype.valueOf")
    b = I.value_bits(engine, lf)
    assert b.kind == "lightfunc" and b.tag == 0xFFFC
    assert b.lightfunc["index"] > 0
    engine.set_global("lf", lf)
    assert engine.eval("typeof lf") == "function"
    assert engine.eval("lf.call(true)") is True


def test_object_header(engine):
    o = engine.eval("var o = {a: 1}; o")
    h = I.header(engine, o.offset)
    assert (h.type, h.aux, h.size) == ("object", 0, 40)
    assert h.refcount == 2                     # the global `o` and the Python handle
    assert struct.unpack("<BBHIII", h.raw) == (2, 0, 0, 2, 40, h.link)


def test_heap_walk_covers_the_arena(engine):
    blocks = I.heap_blocks(engine)
    amap = I.address_map(engine)
    assert blocks[0].offset == amap["ram"][0]
    assert sum(b.size for b in blocks) == amap["ram"][1] - amap["ram"][0]
    usage = I.memory_usage(engine)
    assert usage["memory_used_size"] == sum(b.size for b in blocks if b.type != "free")


def test_string_table_interns(engine):
    engine.eval("var x = 'glassy'; var y = 'glas' + 'sy'; var o = {}; o[y] = 1")
    table = I.string_table(engine)
    entries = [e for _, chain in table["buckets"] for e in chain if e.text == "glassy"]
    assert len(entries) == 1                   # one entry for both equal strings


def test_disassembly_has_positions(engine, profile):
    f = engine.eval("(function add(a, b) {\n  return a + b;\n})")
    ins = I.disassemble(engine, f)
    names = [i.opname for i in ins]
    assert names == ["GET_ARG", "GET_ARG", "ADD", "RET", "RET_UNDEF"][:len(names)] or "ADD" in names
    add = next(i for i in ins if i.opname == "ADD")
    # without line tables (lowmem) every instruction reports the function's first line
    assert add.line == (2 if PROFILES[profile].pc2line else 1)


def test_frames_inside_a_host_call(engine):
    seen = []
    engine.set_global("probe", lambda: seen.append(I.frames(engine)))
    engine.eval("function outer(n) { var local = n * 2; probe(); return local } outer(21)")
    frames = seen[0]
    assert [f.function for f in frames] == ["<script>", "outer"]
    assert frames[1].locals["local"] == 42
    assert frames[1].arguments == [21]


def test_decode_bits_without_an_engine():
    assert decode_bits(0xFFF9000000000000).kind == "undefined"
    assert decode_bits(0xFFFB000000000001).kind == "boolean"
    assert decode_bits(0xFFF8000000000000).kind == "number"      # a hardware NaN stays a number


def test_references_name_the_edges(engine):
    a = engine.eval("var a = {x: {}, list: [1, 'two'], get g() { return 1 }}; a.x.back = a; a")
    refs = {r.label: r for r in I.references(engine, a.offset)}
    assert refs["[[Prototype]]"].kind == "proto" and refs["[[Prototype]]"].bits.kind == "object"
    assert refs["get g"].kind == "accessor"
    x = refs["x"].bits.offset
    back = {r.label: r for r in I.references(engine, x)}["back"]
    assert back.bits.offset == a.offset                      # the cycle a -> x -> a
    items = [r for r in I.references(engine, refs["list"].bits.offset) if r.kind == "element"]
    assert [r.label for r in items] == ["[0]", "[1]"] and items[1].bits.kind == "string"


def test_references_of_closures_and_roots(engine):
    fn = engine.eval("function mk(y) { return function () { return y } } let lexical = 7; mk(3)")
    refs = {r.label: r for r in I.references(engine, fn.offset)}
    assert refs["[[Code]]"].bits.kind == "internal"
    env = {r.label: r for r in I.references(engine, refs["[[Scope]]"].bits.offset)}
    assert env["y"].kind == "binding" and env["y"].bits.number == 3.0
    roots = I.global_roots(engine)
    assert roots["global"] == engine.eval("this").offset
    lex = {r.label: r for r in I.references(engine, roots["global_lex"])}
    assert lex["lexical"].bits.number == 7.0
    assert I.references(engine, I.string_table(engine)["buckets"][0][1][0].offset) == []
    with pytest.raises(ValueError):
        I.references(engine, 1)
