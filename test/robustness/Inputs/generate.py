#!/usr/bin/env python3
"""Generates hostile inputs for the robustness tests.

  generate.py huge N                  N tight records, a padded one every 100
  generate.py wide-record N           one record of N char/double pairs
  generate.py long-line N             N padded records on one line
  generate.py nested-records N        N records nested in each other
  generate.py deep-parentheses N      an initialiser nested N parentheses deep
  generate.py crlf IN OUT             IN with every line ending made CRLF
  generate.py non-utf8 OUT [DIR]      a source with Latin-1 and broken UTF-8
                                      (and a copy named caf\xe9.cpp in DIR)
  generate.py bom OUT                 a padded record after a UTF-8 byte order mark
  generate.py fix-project DIR N       N files with one fixable record each,
                                      and DIR/compile_commands.json
  generate.py compile-commands DIR FILE...
                                      DIR/compile_commands.json compiling each
                                      FILE (relative to DIR) as C++17

Sizes and expected findings follow from N; each test says which.
"""

import json
import os
import sys


def huge(n):
    # Tight<i>: double, char, char: 16 bytes, nothing to gain.
    # Padded<i>: char, double, char: 24 bytes, 16 as {a, c, b}: one finding
    # each, for i = 0, 100, 200, ...
    out = []
    for i in range(n):
        out.append("struct Tight%d { double b; char a; char c; };\n" % i)
        if i % 100 == 0:
            out.append("struct Padded%d { char a; double b; char c; };\n" % i)
    return "".join(out)


def wide_record(n):
    fields = "".join("  char c%d;\n  double d%d;\n" % (i, i) for i in range(n))
    return "struct Wide {\n" + fields + "};\n"


def long_line(n):
    return "".join("struct Padded%d { char a; double b; char c; }; " % i for i in range(n)) + "\n"


def nested_records(n):
    opening = "".join("struct L%d {\n" % i for i in range(n))
    closing = "".join("};\n" for _ in range(n))
    return opening + "char a;\ndouble b;\nchar c;\n" + closing


def deep_parentheses(n):
    return "int deep = " + "(" * n + "1" + ")" * n + ";\n" \
        "struct After { char a; double b; char c; };\n"


def fix_project(directory, n):
    os.makedirs(directory, exist_ok=True)
    entries = []
    for i in range(n):
        name = "unit%03d.cpp" % i
        with open(os.path.join(directory, name), "w") as f:
            f.write("struct Record%d {\n  char a;\n  double b;\n  char c;\n};\n"
                    "int use%d() { Record%d r{}; return r.a + r.c; }\n" % (i, i, i))
        entries.append({"directory": directory, "file": os.path.join(directory, name),
                        "arguments": ["clang++", "-std=c++17", "--target=x86_64-linux-gnu",
                                      "-c", name]})
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    kind = argv[1]
    if kind == "crlf":
        data = open(argv[2], "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        open(argv[3], "wb").write(data)
        return
    if kind == "non-utf8":
        # Latin-1 in comments and a string literal, a lone continuation byte
        # and a truncated sequence, a UTF-8 BOM-less file otherwise.
        data = (b"// Gr\xf6\xdfe in Latin-1: \xe9t\xe9\n"
                b"const char *latin1 = \"caf\xe9\";\n"
                b"/* broken UTF-8: \x80 \xc3 \xe2\x82 */\n"
                b"struct Padded {\n  char a; // \xff\xfe\n  double b;\n  char c;\n};\n"
                b"struct Gr\xc3\xb6\xc3\x9fe {\n  char a;\n  double b;\n  char c;\n};\n")
        open(argv[2], "wb").write(data)
        if len(argv) > 3:  # the same file under a name that is not UTF-8
            os.makedirs(argv[3], exist_ok=True)
            open(os.path.join(os.fsencode(argv[3]), b"caf\xe9.cpp"), "wb").write(data)
        return
    if kind == "bom":
        open(argv[2], "wb").write(b"\xef\xbb\xbfstruct Padded { char a; double b; char c; };\n")
        return
    if kind == "compile-commands":
        directory = os.path.abspath(argv[2])
        entries = [{"directory": directory, "file": os.path.join(directory, f),
                    "arguments": ["clang++", "-std=c++17", "--target=x86_64-linux-gnu", "-c", f]}
                   for f in argv[3:]]
        with open(os.path.join(directory, "compile_commands.json"), "w") as f:
            json.dump(entries, f, indent=1)
        return
    if kind == "fix-project":
        fix_project(os.path.abspath(argv[2]), int(argv[3]))
        return
    generators = {"huge": huge, "wide-record": wide_record,
                  "long-line": long_line, "nested-records": nested_records,
                  "deep-parentheses": deep_parentheses}
    if kind not in generators:
        sys.exit(__doc__)
    sys.stdout.write(generators[kind](int(argv[2])))


if __name__ == "__main__":
    main(sys.argv)
