"""The kernel's logo: "JS" under a lens, drawn here and written as PNG with zlib.

    python -m glassjs.kernel.logo      # rewrites kernel/resources/logo-{32x32,64x64}.png

The PNGs are committed; this module documents how they were made.
"""
from __future__ import annotations

import math
import pathlib
import struct
import zlib

BACKGROUND = (30, 41, 59)        # slate
GLASS = (125, 211, 252)          # light blue lens rim
TINT = (56, 100, 140)            # the lens's inside
YELLOW = (247, 223, 30)          # the JavaScript yellow

GLYPHS = {
    "J": ["..###", "...#.", "...#.", "...#.", "#..#.", "#..#.", ".##.."],
    "S": [".###.", "#...#", "#....", ".###.", "....#", "#...#", ".###."],
}


def _color(x: float, y: float):
    """Colour (with alpha) at a point of the unit square, or None (transparent)."""
    # rounded square
    r = 0.16
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    # lens: centre (0.44, 0.44), rim between 0.31 and 0.37; handle to the lower right
    d = math.hypot(x - 0.44, y - 0.44)
    along = (x - 0.44) * 0.7071 + (y - 0.44) * 0.7071
    across = abs((x - 0.44) * 0.7071 - (y - 0.44) * 0.7071)
    if 0.36 < along < 0.62 and across < 0.06:
        return GLASS
    if 0.30 <= d <= 0.37:
        return GLASS
    colour = TINT if d < 0.30 else BACKGROUND
    # "JS" inside the lens: two 5x7 glyphs
    cell = 0.036
    left, top = 0.44 - 5.5 * cell, 0.44 - 3.5 * cell
    gx = int((x - left) // cell)
    gy = int((y - top) // cell)
    if 0 <= gy < 7:
        if 0 <= gx < 5 and GLYPHS["J"][gy][gx] == "#":
            return YELLOW
        if 6 <= gx < 11 and GLYPHS["S"][gy][gx - 6] == "#":
            return YELLOW
    return colour


def render(size: int, samples: int = 4) -> bytes:
    """RGBA PNG bytes of the logo at size x size (supersampled)."""
    rows = []
    for py in range(size):
        row = bytearray([0])                      # filter type 0 for each scanline
        for px in range(size):
            acc = [0, 0, 0]
            hits = 0
            for sy in range(samples):
                for sx in range(samples):
                    c = _color((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    if c is not None:
                        hits += 1
                        for i in range(3):
                            acc[i] += c[i]
            if hits:
                row += bytes([acc[0] // hits, acc[1] // hits, acc[2] // hits,
                              255 * hits // (samples * samples)])
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return _png(size, size, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)   # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def main() -> None:
    folder = pathlib.Path(__file__).resolve().parent / "resources"
    folder.mkdir(exist_ok=True)
    for size in (32, 64):
        (folder / f"logo-{size}x{size}.png").write_bytes(render(size))


if __name__ == "__main__":
    main()
