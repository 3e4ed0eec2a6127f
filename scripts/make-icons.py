#!/usr/bin/env python3
"""Draw the extension's icons (a blue stamp with a white check) as PNGs, with the stdlib only."""
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extension" / "icons"


def png(size):
    blue, white, red = (29, 78, 137, 255), (255, 255, 255, 255), (200, 30, 45, 255)
    rows = []
    r = size * 0.18  # corner radius
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # rounded square
            cx = min(max(x + 0.5, r), size - r)
            cy = min(max(y + 0.5, r), size - r)
            inside = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r
            px = (0, 0, 0, 0)
            if inside:
                px = blue
                u, v = (x + 0.5) / size, (y + 0.5) / size
                # check mark: two thick strokes
                d1 = abs((v - 0.55) - (u - 0.28)) / 1.414 if 0.22 <= u <= 0.45 else 9
                d2 = abs((v - 0.72) + (u - 0.45) * 1.3) / 1.64 if 0.42 <= u <= 0.78 else 9
                if min(d1, d2) < 0.075:
                    px = white
                # red seal dot (the meterai)
                if (u - 0.78) ** 2 + (v - 0.22) ** 2 < 0.018:
                    px = red
            row += bytes(px)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + \
        chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for s in (16, 32, 48, 128):
        (OUT / f"icon{s}.png").write_bytes(png(s))
    print("icons written to", OUT)
