#!/usr/bin/env python3
"""Counts the pixels of given colours in a PNG screenshot and checks them.

  png_colors.py IMAGE EXPECTATION...

An EXPECTATION is NAME=#RRGGBB[@X0-X1]OPN: the number of pixels within 12
of the colour on every channel (in columns X0 to X1, when given) compared
with N by OP, one of >=, <=, ==. Prints one line per expectation with the
count, and exits 1 if any fails (2 on bad input).

The decoder reads what headless Chromium writes: 8-bit greyscale, RGB or
RGBA, not interlaced. Standard library only.
"""

import collections
import re
import struct
import sys
import zlib

TOLERANCE = 12


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, color_type, _, _, interlace = header
    channels = {0: 1, 2: 3, 6: 4}.get(color_type)
    if depth != 8 or channels is None or interlace:
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)"
                         % (depth, color_type, interlace))
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        if kind == 0:
            rows.append(line)
            previous = line
            continue
        if kind == 2:  # Most rows of a screenshot; no dependency along the row.
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
            rows.append(line)
            previous = line
            continue
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        previous = line

    return width, height, channels, rows


def colour_counts(rows, channels, x0, x1):
    """How many pixels of each colour columns x0..x1 hold."""
    counts = collections.Counter()
    for line in rows:
        part = line[x0 * channels:(x1 + 1) * channels]
        if channels == 1:
            counts.update((v, v, v) for v in part)
        else:
            counts.update(zip(part[0::channels], part[1::channels], part[2::channels]))
    return counts


EXPECTATION = re.compile(
    r"^(?P<name>[\w-]+)=#(?P<rgb>[0-9a-fA-F]{6})(?:@(?P<x0>\d+)-(?P<x1>\d+))?"
    r"(?P<op>>=|<=|==)(?P<n>\d+)$")


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    try:
        width, height, channels, rows = read_png(argv[0])
    except (OSError, ValueError, TypeError, zlib.error) as e:
        print("png_colors.py: cannot read %s: %s" % (argv[0], e))
        return 2
    counts_by_columns = {}
    failed = False
    for text in argv[1:]:
        m = EXPECTATION.match(text)
        if not m:
            print("png_colors.py: bad expectation %r" % text)
            return 2
        rgb = tuple(int(m.group("rgb")[i:i + 2], 16) for i in (0, 2, 4))
        x0 = int(m.group("x0")) if m.group("x0") else 0
        x1 = min(int(m.group("x1")) if m.group("x1") else width - 1, width - 1)
        if (x0, x1) not in counts_by_columns:
            counts_by_columns[(x0, x1)] = colour_counts(rows, channels, x0, x1)
        count = sum(n for colour, n in counts_by_columns[(x0, x1)].items()
                    if all(abs(a - b) <= TOLERANCE for a, b in zip(colour, rgb)))
        n, op = int(m.group("n")), m.group("op")
        ok = count >= n if op == ">=" else count <= n if op == "<=" else count == n
        failed |= not ok
        print("%s %s: %d pixels, expected %s %d" % ("ok" if ok else "FAILED", m.group("name"),
                                                   count, op, n))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
