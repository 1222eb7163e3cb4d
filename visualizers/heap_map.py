"""View 2, the heap map: the address space (null guard, ROM, RAM) drawn as
rows of bytes with every block at its offset and size, coloured by type;
clicking a block opens its decoded header and raw bytes (a CSS radio/label
pair, no script, so it works in any HTML output).  Free blocks are hatched
and the allocator's size classes listed.

``map_html(model, highlight)`` is the reusable component (the GC view
colours marked/swept blocks with it).
"""
from __future__ import annotations

import os
from typing import NamedTuple, Optional

from glassjs.engine import introspect
from glassjs.engine.records import Block
from glassjs.visualizers.base import View, esc, page, refreshing_widget, register, size_text, table, Markup

MAX_ROWS = 64            # the map is at most this many rows of address space
MIN_ROW_BYTES = 512
MAX_DETAILED = 3000      # blocks beyond this are drawn merged into runs, without click-through detail
HEX_BYTES = 64           # raw bytes shown per block
_RUN = os.urandom(3).hex()  # ids differ between kernels whose outputs share one page

FUNCTION_CLASSES = ("Function", "NativeFunction", "BoundFunction", "HostFunction")


class HeapModel(NamedTuple):
    segments: dict            # address_map(): null_guard, rom, ram (start, end), limit, reserved
    blocks: list              # [Block] in address order, ROM first
    row_bytes: int            # bytes per drawn row
    by_type: dict             # colour key -> (count, bytes)
    free_classes: list        # [(size class label, count, bytes)]
    selected: Optional[int]   # offset of the block opened on display


def colour_key(b: Block) -> str:
    """The colour a block gets: its type, with objects split into function / array / object."""
    if b.type == "object":
        cls = b.detail.split(" ", 1)[0]
        if cls in FUNCTION_CLASSES:
            return "function"
        if cls == "Array":
            return "array"
    return b.type


def model(engine, selected: Optional[int] = None) -> HeapModel:
    segs = introspect.address_map(engine)
    blocks = introspect.heap_blocks(engine)
    start = segs["rom"][0] if segs["rom"][1] > segs["rom"][0] else segs["ram"][0]
    span = max(segs["ram"][1] - start, 1)
    row_bytes = MIN_ROW_BYTES
    while span / row_bytes > MAX_ROWS:
        row_bytes *= 2
    by_type = {}
    for b in blocks:
        n, s = by_type.get(colour_key(b), (0, 0))
        by_type[colour_key(b)] = (n + 1, s + b.size)
    sizes = {off: b.size for b in blocks for off in (b.offset,) if b.type == "free"}
    free_classes = []
    for cls, offsets in introspect.free_lists(engine).items():
        label = f"{cls} B" if isinstance(cls, int) else cls.replace("large>=", ">= ") + " B"
        free_classes.append((label, len(offsets), sum(sizes.get(o, 0) for o in offsets)))
    if selected is not None and not any(b.offset == selected for b in blocks):
        raise ValueError(f"no block starts at offset {selected}")
    return HeapModel(segs, blocks, row_bytes, by_type, free_classes, selected)


# --- one block's detail ------------------------------------------------------------------------

def block_detail(engine, b: Block) -> dict:
    """Header fields decoded and the first HEX_BYTES raw bytes."""
    h = introspect.header(engine, b.offset)
    raw = introspect.read_bytes(engine, b.offset, min(b.size, HEX_BYTES))
    return {"header": h, "raw": raw, "block": b}


def hex_dump(offset: int, raw: bytes) -> str:
    """Rows of 16 bytes, 'offset  hex'; the first row is the block header (marked)."""
    lines = []
    for i in range(0, len(raw), 16):
        cells = raw[i:i + 16].hex(" ")
        lines.append(f"{offset + i:08x}  " + (f'<span class="glass-hex-header">{cells}</span>' if i == 0 else cells))
    return "\n".join(lines)


def detail_html(d: dict) -> str:
    """Compact on purpose: one of these is embedded per block."""
    h, b = d["header"], d["block"]
    flags = ", ".join(h.flags) or "none"
    cls = f" class {b.detail.split(' ', 1)[0]}" if h.type == "object" else ""
    link = (" (next free block)" if h.type == "free" and h.link else
            " (next string in its bucket)" if h.type == "string" and h.link else "")
    more = f"\n... {b.size - len(d['raw'])} more bytes" if b.size > len(d["raw"]) else ""
    return (f'<b>{esc(h.type)} block at {h.offset} (0x{h.offset:x}), {b.segment.upper()}</b> {esc(b.detail)}<br/>'
            f'<code>type={esc(h.type)} flags={esc(flags)} aux={h.aux}{esc(cls)} refcount={h.refcount} '
            f'size={h.size} link={h.link}{link}</code>'
            + ('<br/>READONLY: a ROM block, never written, counted or swept' if "READONLY" in h.flags else "")
            + f'<div class="glass-hex">{hex_dump(h.offset, d["raw"])}{esc(more)}</div>')


def detail_text(d: dict) -> str:
    h = d["header"]
    return (f"offset={h.offset} type={h.type} flags={h.flags} aux={h.aux} refcount={h.refcount} "
            f"size={h.size} link={h.link}\nraw: {d['raw'][:16].hex(' ')}")


# --- the map -----------------------------------------------------------------------------------

def _pieces(off: int, size: int, row_bytes: int):
    """(row start, left %, width %) for each row a block touches."""
    while size > 0:
        row = off - off % row_bytes
        n = min(size, row + row_bytes - off)
        yield row, 100.0 * (off - row) / row_bytes, 100.0 * n / row_bytes
        off, size = off + n, size - n


def _runs(blocks):
    """Merge consecutive blocks of one colour (for heaps too big to draw block by block)."""
    runs = []
    for b in blocks:
        if runs and runs[-1][0] == colour_key(b) and runs[-1][1] + runs[-1][2] == b.offset:
            runs[-1][2] += b.size
            runs[-1][3] += 1
        else:
            runs.append([colour_key(b), b.offset, b.size, 1])
    return runs


def map_html(m: HeapModel, engine=None, highlight: Optional[dict] = None) -> str:
    """The map component: segment bar, rows of blocks, click-through details (needs engine).

    highlight: {offset: css class} added to those blocks (e.g. the GC view's marked/swept).
    """
    highlight = highlight or {}
    group = f"glass-heap-{_RUN}-{id(m):x}"
    rows = {}                 # row start -> [html]
    details = []
    detailed = engine is not None and len(m.blocks) <= MAX_DETAILED
    if detailed:
        for b in m.blocks:
            bid = f"{group}-{b.offset}"
            checked = ' checked="checked"' if b.offset == m.selected else ""
            details.append(f'<input type="radio" class="glass-heap-pick" name="{group}" id="{bid}"{checked}/>'
                           f'<div class="glass-heap-detail">{detail_html(block_detail(engine, b))}</div>')
            cls = (f"glass-heap-block glass-t-{colour_key(b)}" + (" glass-rom" if b.segment == "rom" else "")
                   + (" glass-heap-selected" if b.offset == m.selected else "")
                   + (f" {highlight[b.offset]}" if b.offset in highlight else ""))
            title = f"{b.offset} {b.type} {b.size} B"
            for row, left, width in _pieces(b.offset, b.size, m.row_bytes):
                rows.setdefault(row, []).append(
                    f'<label for="{bid}" class="{cls}" data-offset="{b.offset}" title="{esc(title)}" '
                    f'style="left:{left:.2f}%;width:{width:.2f}%"></label>')
    else:
        for key, off, size, n in _runs(m.blocks):
            for row, left, width in _pieces(off, size, m.row_bytes):
                rows.setdefault(row, []).append(
                    f'<span class="glass-heap-block glass-t-{key}" title="{n} {key} blocks, {size} B at {off}" '
                    f'style="left:{left:.3f}%;width:{width:.3f}%"></span>')
    out = ['<div class="glass-heap-main">', _segments_html(m), '<div class="glass-heap-map">']
    prev = None
    for row in sorted(rows):
        if prev is not None and row - prev > m.row_bytes:
            out.append(f'<div class="glass-heap-gap">... {row - prev - m.row_bytes:,} bytes not in use ...</div>')
        out.append(f'<div class="glass-heap-row"><span class="glass-heap-addr">0x{row:06x}</span>'
                   f'<span class="glass-heap-track">{"".join(rows[row])}</span></div>')
        prev = row
    if detailed:
        out.append('<div class="glass-heap-detail-hint">click a block to see its header and bytes</div>')
    else:
        out.append(f'<div class="glass-heap-detail-hint">{len(m.blocks):,} blocks: drawn as runs of one type; '
                   f'glassjs.visualizers.heap(engine, offset=N) opens one block</div>')
    out.append("".join(details) + "</div></div>")
    return "".join(out)


def _segments_html(m: HeapModel) -> str:
    s = m.segments
    rom = s["rom"][1] - s["rom"][0]
    return ('<div class="glass-heap-segments">'
            f'<span class="glass-heap-segment glass-seg-null">null guard 0-{s["null_guard"][1]}</span>'
            f'<span class="glass-heap-segment glass-seg-rom">ROM {s["rom"][0]}-{s["rom"][1]} '
            f'({size_text(rom) if rom else "empty in this profile"})</span>'
            f'<span class="glass-heap-segment glass-seg-ram">RAM {s["ram"][0]}-{s["ram"][1]} '
            f'({size_text(s["ram"][1] - s["ram"][0])})</span>'
            f'<span class="glass-heap-segment glass-seg-room">room to the limit: '
            f'{size_text(s["limit"] - s["ram"][1])}</span></div>')


def side_html(m: HeapModel) -> str:
    legend = "".join(f'<span class="glass-t-{k}">{esc(k)}</span>' for k in sorted(m.by_type))
    types = table(("type", "blocks", "bytes"),
                  [(Markup(f'<span class="glass-t-{esc(k)}">&#160;&#160;&#160;</span> {esc(k)}'), n, f"{s:,}")
                   for k, (n, s) in sorted(m.by_type.items(), key=lambda kv: -kv[1][1])], "glass-table glass-heap-types")
    free = (table(("size class", "free blocks", "bytes"), m.free_classes, "glass-table glass-heap-free")
            if m.free_classes else '<p class="glass-note">no free blocks</p>')
    return (f'<div class="glass-heap-side"><div class="glass-legend">{legend}</div><h4>By type</h4>{types}'
            f'<h4>Allocator free lists</h4>{free}<p class="glass-note">up to 1024 B: one exact list per 8 bytes; '
            f'larger: power-of-two bins</p></div>')


def render_html(m: HeapModel, engine) -> str:
    used = sum(b.size for b in m.blocks if b.type != "free")
    head = (f'<div class="glass-heap-title"><b>Heap map</b>: {len(m.blocks):,} blocks, {size_text(used)} in use, '
            f'{m.row_bytes:,} bytes per row</div>')
    return page("glass-heap-view", head + f'<div class="glass-heap-body">{map_html(m, engine)}{side_html(m)}</div>')


def render_text(m: HeapModel) -> str:
    s = m.segments
    lines = [f"Heap map: null guard 0-{s['null_guard'][1]}, ROM {s['rom'][0]}-{s['rom'][1]}, "
             f"RAM {s['ram'][0]}-{s['ram'][1]}, limit {s['limit']}",
             f"{len(m.blocks)} blocks by type:"]
    lines += [f"  {k:<10} {n:>6} blocks {sz:>10,} bytes" for k, (n, sz) in sorted(m.by_type.items())]
    if m.free_classes:
        lines.append("free lists: " + ", ".join(f"{label} x{n}" for label, n, _ in m.free_classes))
    return "\n".join(lines)


def _widget(engine, selected):
    import ipywidgets
    offset_box = ipywidgets.Text(placeholder="block offset", description="Offset", continuous_update=False,
                                 layout=ipywidgets.Layout(width="220px"))
    offset_box.add_class("glass-heap-offset")
    detail = ipywidgets.HTML()

    def show(_=None):
        if not offset_box.value.strip():
            return
        try:
            off = int(offset_box.value.strip(), 0)
            b = next((b for b in introspect.heap_blocks(engine) if b.offset == off), None)
            if b is None:
                raise ValueError(f"no block starts at offset {off}")
            detail.value = page("glass-heap-view", detail_html(block_detail(engine, b)))
        except ValueError as exc:
            detail.value = f'<div class="glass-view"><p class="glass-error">{esc(exc)}</p></div>'
    offset_box.observe(show, "value")
    box = refreshing_widget(lambda: render_html(model(engine, selected), engine), [offset_box])
    box.children = (*box.children, detail)
    return box


@register("heap", "optional", "%heap [EXPR]: the heap map (ROM, RAM, every block); EXPR's block opened")
def build(engine, subj, options):
    selected = options.get("offset")
    if subj is not None:
        if subj.bits.offset is None:
            raise ValueError(f"a {subj.bits.kind} has no heap block (only strings and objects do)")
        selected = subj.bits.offset
    m = model(engine, selected)
    return View("heap", m, render_text(m), render_html(m, engine), lambda: _widget(engine, selected))
