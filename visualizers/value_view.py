"""View 1, the value inspector: one 64-bit value word split into its fields
(sign / exponent / mantissa for a double; tag / payload for everything in
the NaN space), each field decoded in words, and V8's 32-bit reading of
the same value beside it.  The stack view renders values with
``render_html(model(bits))`` too.
"""
from __future__ import annotations

from typing import NamedTuple, Optional

from glassjs.engine.records import ValueBits, decode_bits
from glassjs.visualizers.base import View, esc, page, register, subject


class Field(NamedTuple):
    name: str        # css suffix: sign, exponent, mantissa, tag, unused, offset, magic, length, nargs, index, payload
    high: int        # highest bit number (63 = leftmost)
    width: int
    value: int
    meaning: str


class ValueModel(NamedTuple):
    bits: ValueBits
    fields: list            # [Field], left to right, covering all 64 bits
    summary: str            # "double 1.5", "object at arena offset 50688"...
    decoding: list          # [str] the decoding spelled out, line by line
    v8: dict                # scheme, word, explain, and word_bits when the 32-bit word is known


def _bits_of(word: int, high: int, width: int) -> int:
    return (word >> (high - width + 1)) & ((1 << width) - 1)


def model(bits: ValueBits) -> ValueModel:
    w = bits.bits
    if bits.kind == "number":
        fields = [Field("sign", 63, 1, bits.sign, "+" if bits.sign == 0 else "-"),
                  Field("exponent", 62, 11, bits.exponent, _exponent_meaning(bits.exponent)),
                  Field("mantissa", 51, 52, bits.mantissa, f"fraction 0x{bits.mantissa:013x}")]
        summary = f"double {bits.number!r}"
        decoding = _double_decoding(bits)
    else:
        fields = [Field("tag", 63, 16, bits.tag, f"0x{bits.tag:04x} = {bits.kind}")]
        if bits.lightfunc is not None:
            lf = bits.lightfunc
            fields += [Field("magic", 47, 8, lf["magic"], f"magic {lf['magic']}"),
                       Field("length", 39, 4, lf["length"], f"length {lf['length']}"),
                       Field("nargs", 35, 4, lf["nargs"], f"nargs {lf['nargs']}" + (" (varargs)" if lf["nargs"] == 15 else "")),
                       Field("index", 31, 32, lf["index"], f"native index {lf['index']}")]
            summary = f"lightfunc: native #{lf['index']}, no heap block at all"
        elif bits.offset is not None:
            fields += [Field("unused", 47, 16, _bits_of(w, 47, 16), "unused (offsets are 32-bit)"),
                       Field("offset", 31, 32, bits.offset, f"arena offset {bits.offset}")]
            summary = f"{bits.kind} reference to arena offset {bits.offset} (0x{bits.offset:x})"
        else:
            fields += [Field("payload", 47, 48, bits.payload, _payload_meaning(bits))]
            summary = _payload_meaning(bits)
        decoding = _tagged_decoding(bits)
    v8 = dict(bits.v8)
    word = v8.get("word", "")
    v8["word_bits"] = int(word, 16) if word.startswith("0x") else None
    return ValueModel(bits, fields, summary, decoding, v8)


def _exponent_meaning(e: int) -> str:
    if e == 0:
        return "0: zero or subnormal"
    if e == 0x7FF:
        return "2047: Infinity or NaN"
    return f"{e} - 1023 = {e - 1023}"


def _payload_meaning(bits: ValueBits) -> str:
    return {"undefined": "undefined (payload 0)", "hole": "array hole (payload 1, internal)",
            "null": "null (payload 0)",
            "boolean": f"{'true' if bits.payload else 'false'} (payload {bits.payload})"}.get(bits.kind,
                                                                                        f"payload {bits.payload}")


def _double_decoding(b: ValueBits) -> list:
    lines = [f"top 16 bits 0x{b.bits >> 48:04x} < 0xfff9: an IEEE-754 double, stored as itself (no tag, no box)",
             f"sign = {b.sign} ({'+' if b.sign == 0 else '-'})"]
    if b.exponent == 0x7FF:
        lines.append("exponent = 2047 (all ones): " + ("Infinity" if b.mantissa == 0 else "NaN (mantissa not zero)"))
    elif b.exponent == 0:
        lines.append("exponent = 0: " + ("zero" if b.mantissa == 0 else
                                          f"subnormal: 0.{b.mantissa:013x} (hex) x 2^-1022"))
    else:
        frac = 1 + b.mantissa / 2 ** 52
        lines.append(f"exponent = {b.exponent}: 2^({b.exponent} - 1023) = 2^{b.exponent - 1023}")
        lines.append(f"mantissa = 0x{b.mantissa:013x}: 1 + 0x{b.mantissa:013x} / 2^52 = {frac!r}")
        lines.append(f"value = {'-' if b.sign else '+'}{frac!r} x 2^{b.exponent - 1023} = {b.number!r}")
    return lines


def _tagged_decoding(b: ValueBits) -> list:
    lines = [f"top 16 bits 0x{b.tag:04x} >= 0xfff9: a NaN no arithmetic produces, so the word is a tag "
             f"({b.kind}) and a 48-bit payload"]
    if b.lightfunc is not None:
        lf = b.lightfunc
        lines += [f"bits 47-40: magic = {lf['magic']} (a per-native constant)",
                  f"bits 39-36: length = {lf['length']} (the function's .length)",
                  f"bits 35-32: nargs = {lf['nargs']} (" + ("varargs" if lf["nargs"] == 15 else "value-stack slots") + ")",
                  f"bits 31-0: native index = {lf['index']} (the C-level function table)",
                  "a lightfunc is the whole function: 8 bytes, no heap allocation, no own properties"]
    elif b.offset is not None:
        lines += [f"bits 31-0: arena offset {b.offset} = 0x{b.offset:x} (a 32-bit offset, not a pointer: "
                  f"pointer compression for free)",
                  f"the block's 16-byte header starts at offset {b.offset}"]
    else:
        lines.append(_payload_meaning(b))
    return lines


# --- rendering ---------------------------------------------------------------------------------

def render_bits_html(m: ValueModel) -> str:
    """The 64 bits as coloured cells grouped by field, each group captioned."""
    out = ['<div class="glass-value-bits">']
    for f in m.fields:
        cells = "".join(f'<span class="glass-bit">{(m.bits.bits >> (f.high - i)) & 1}</span>'
                        for i in range(f.width))
        out.append(f'<span class="glass-field glass-f-{f.name}" title="bits {f.high}-{f.high - f.width + 1}">'
                   f'<span class="glass-field-bits">{cells}</span>'
                   f'<span class="glass-field-name">{esc(f.name)}</span>'
                   f'<span class="glass-field-value">{esc(f.meaning)}</span></span>')
    out.append("</div>")
    return "".join(out)


def render_v8_html(m: ValueModel) -> str:
    v8 = m.v8
    if v8["word_bits"] is not None:
        word = v8["word_bits"]
        tag_name = "Smi tag 0" if v8["scheme"] == "Smi" else "heap tag 1"
        cells = "".join(f'<span class="glass-bit">{(word >> (31 - i)) & 1}</span>' for i in range(31))
        bits = (f'<div class="glass-value-bits glass-v8-bits">'
                f'<span class="glass-field glass-f-v8payload"><span class="glass-field-bits">{cells}</span>'
                f'<span class="glass-field-name">{"31-bit integer" if v8["scheme"] == "Smi" else "compressed pointer"}</span></span>'
                f'<span class="glass-field glass-f-v8tag"><span class="glass-field-bits"><span class="glass-bit">{word & 1}</span></span>'
                f'<span class="glass-field-name">{tag_name}</span></span></div>')
    else:
        bits = '<div class="glass-v8-box">pointer | 1 (tagged pointer to a heap object)</div>'
        if v8["scheme"] == "HeapNumber":
            bits += ('<div class="glass-v8-box glass-v8-heapnumber">HeapNumber: map (4 bytes) + '
                     f'float64 {esc(repr(m.bits.number))} (8 bytes) = 12 bytes on the heap</div>')
    return (f'<div class="glass-v8"><div class="glass-v8-title">V8 (pointer compression, 32-bit words): '
            f'<b>{esc(v8["scheme"])}</b> {esc(v8["word"])}</div>{bits}'
            f'<div class="glass-v8-explain">{esc(v8["explain"])}</div></div>')


def render_html(m: ValueModel, title: Optional[str] = None) -> str:
    """The inspector body (without the stylesheet wrapper): reused by the stack view."""
    dec = "".join(f"<li>{esc(line)}</li>" for line in m.decoding)
    head = f'<div class="glass-value-title">{esc(title)}</div>' if title else ""
    return (f'<div class="glass-value glass-kind-{esc(m.bits.kind)}">{head}'
            f'<div class="glass-value-hex"><code>{esc(m.bits.hex)}</code> {esc(m.summary)}</div>'
            f'<div class="glass-value-schemes"><div class="glass-value-glassjs">'
            f'<div class="glass-v8-title">glassjs (NaN-boxing, 64-bit words)</div>'
            f'{render_bits_html(m)}<ol class="glass-value-decoding">{dec}</ol></div>'
            f'{render_v8_html(m)}</div></div>')


def render_text(m: ValueModel, title: Optional[str] = None) -> str:
    fields = "  ".join(f"{f.name}={f.meaning}" for f in m.fields)
    lines = ([title] if title else []) + [f"{m.bits.hex}  {m.summary}", f"  {fields}"]
    lines += [f"  - {line}" for line in m.decoding]
    lines.append(f"  V8: {m.v8['scheme']} {m.v8['word']} -- {m.v8['explain']}")
    return "\n".join(lines)


def view_of_bits(bits: ValueBits, title: Optional[str] = None) -> View:
    m = model(bits)
    return View("value", m, render_text(m, title), page("glass-value-view", render_html(m, title)))


@register("value", "value", "%value EXPR: the 64 bits of a value, decoded (NaN-boxing vs V8)")
def build(engine, subj, options):
    title = options.get("title")
    return view_of_bits(subj.bits, title)


def value(engine, v=None, *, js: Optional[str] = None, bits: Optional[int] = None, title: Optional[str] = None) -> View:
    """The value inspector for a Python value / JSObject, JavaScript source ``js``, or a raw word ``bits``."""
    if bits is not None:
        return view_of_bits(decode_bits(bits), title)
    return build(engine, subject(engine, v, js), {"title": title or js})
