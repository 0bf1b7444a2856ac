#!/usr/bin/env python3
"""Self-tests of the test harness (check_frontends.py, verify_layout.py).

Run: /usr/bin/python3 -B test/harness/test_harness.py   (ctest: harness-selftest)
Needs no tightfit binary; the probe tests compile snippets with clang 19.
"""

import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check_frontends as cf  # noqa: E402
import harness_common as hc  # noqa: E402
import verify_layout as vl  # noqa: E402

HAVE_CLANG = os.path.exists(hc.tool("clangxx")) and os.path.exists(hc.tool("clang"))


def lines_of(text, cwd="/"):
    groups, _ = cf.normalise(text, cwd)
    return cf.Run("x", None, groups, []).lines


class NormaliseTest(unittest.TestCase):
    TIDY = (
        "/src/a.cpp:9:8: warning: 'B' is 24 bytes [tightfit-padded-record]\n"
        "    9 | struct B {\n"
        "      |        ^\n"
        "/src/a.cpp:10:3: note: 7 bytes of padding after 'x'\n"
        "/src/a.cpp:3:8: warning: 'A' is 16 bytes [tightfit-padded-record]\n"
        "/src/a.cpp:20:11: error: use of undeclared identifier 'q' [clang-diagnostic-error]\n"
    )
    PLUGIN = (
        "In file included from /src/a.cpp:1:\n"
        "/src/a.cpp:20:11: error: use of undeclared identifier 'q'\n"
        "/src/a.cpp:3:8: warning: 'A' is 16 bytes [-Wtightfit-padded-record]\n"
        "/src/a.cpp:5:1: warning: unused variable 'v' [-Wunused-variable]\n"
        "/src/a.cpp:5:1: note: belongs to the compiler warning\n"
        "/src/a.cpp:9:8: warning: 'B' is 24 bytes [tightfit-padded-record]\n"
        "/src/a.cpp:10:3: note: 7 bytes of padding after 'x'\n"
        "2 warnings and 1 error generated.\n"
    )

    def test_frontends_agree_after_normalisation(self):
        expected = [
            "/src/a.cpp:3:8: warning: 'A' is 16 bytes [tightfit-padded-record]",
            "/src/a.cpp:9:8: warning: 'B' is 24 bytes [tightfit-padded-record]",
            "/src/a.cpp:10:3: note: 7 bytes of padding after 'x'",
            "/src/a.cpp:20:11: error: use of undeclared identifier 'q'",
        ]
        self.assertEqual(lines_of(self.TIDY), expected)
        self.assertEqual(lines_of(self.PLUGIN), expected)

    def test_warnings_as_errors(self):
        tidy = "/a.c:1:8: error: 'S' wastes [tightfit-padded-record,-warnings-as-errors]\n"
        clang = "/a.c:1:8: error: 'S' wastes [-Werror,-Wtightfit-padded-record]\n"
        self.assertEqual(lines_of(tidy), ["/a.c:1:8: error: 'S' wastes [tightfit-padded-record]"])
        self.assertEqual(lines_of(clang), lines_of(tidy))

    def test_fatal_error_and_relative_paths(self):
        out = lines_of("a.cpp:1:10: fatal error: 'x.h' file not found\n", cwd="/w")
        self.assertEqual(out, ["/w/a.cpp:1:10: error: 'x.h' file not found"])

    def test_brackets_in_messages_are_kept(self):
        msg, items = cf.split_suffix("array 'a' of type 'int [4]'")
        self.assertIsNone(items)
        msg, items = cf.split_suffix("wasted [4]")
        self.assertIsNone(items)
        self.assertEqual(cf.split_suffix("x [tightfit-a,-Wb]"), ("x", ["tightfit-a", "-Wb"]))

    def test_colours_stripped(self):
        text = "\x1b[1m/a.cpp:1:2: \x1b[0;1;35mwarning: \x1b[0mm [tightfit-x]\x1b[0m\n"
        self.assertEqual(lines_of(text), ["/a.cpp:1:2: warning: m [tightfit-x]"])

    def test_exit_code_contract_of_the_cli(self):
        def run(rc, text):
            groups, bare = cf.normalise(text, "/")
            return cf.check_exit_code(cf.Run("cli", hc.Result(["t"], rc, text, ""), groups, bare))
        self.assertIsNone(run(0, ""))
        self.assertIsNone(run(1, "/a.c:1:1: warning: w [tightfit-p]\n"))
        self.assertIsNone(run(3, "/a.c:1:1: error: e [clang-diagnostic-error]\n"))
        self.assertIsNotNone(run(0, "/a.c:1:1: warning: w [tightfit-p]\n"))
        self.assertIsNotNone(run(2, ""))

    def test_check_lines_blanked_for_fix_mode(self):
        source = "int a; // CHECK-FIXES: int a;\n// CHECK-MESSAGES: :[[@LINE]]:1: x\nint b;\n"
        blanked = cf.check_prefix_regex(["CHECK-MESSAGES", "CHECK-FIXES"]).sub("", source)
        self.assertEqual(blanked, "int a;\n\nint b;\n")


SOURCE = b"""#ifndef H
#define H
namespace ns {
// a comment with a brace {
struct P {
  char a; // '}'
  long long b;
  char c = '}';
  int f() const { return "}"[0] + 1'000; }
};
struct Q { P p{1, 2, 3}; };
} // namespace ns
#endif
"""


def entry_for(content, decls, order, size=24, optimal=16, path="/x.h"):
    """decls: declaration texts; the field name is the word before ';' or '='."""
    import re
    fields = []
    for n in decls:
        text = n.encode()
        begin = content.index(text)
        name = re.match(r"^[^=;]*?(\w+)\s*(=|;)", n).group(1)
        fields.append({"name": name, "displayName": name, "decl": {
                           "file": path, "begin": begin, "end": begin + len(text),
                           "line": 1, "column": 1, "shared": False, "macro": False}})
    return {"record": "ns::P", "size": size, "optimalSize": optimal,
            "fields": fields, "suggestedOrder": order}


class SourceScanTest(unittest.TestCase):
    def test_rewrite_moves_declarations(self):
        e = entry_for(SOURCE, ["char a;", "long long b;", "char c = '}';"], [1, 0, 2])
        out = vl.rewrite_fields(SOURCE, e)
        self.assertIn(b"  long long b; // '}'\n  char a;\n  char c = '}';", out)
        self.assertEqual(len(out), len(SOURCE))

    def test_closing_brace_skips_comments_strings_and_members(self):
        start = SOURCE.index(b"char c = '}';") + len(b"char c = '}';")
        brace = vl.closing_brace(SOURCE, start)
        self.assertEqual(SOURCE[brace:brace + 3], b"};\n")
        self.assertEqual(SOURCE[brace - 2:brace], b"}\n")
        end = vl.declaration_end(SOURCE, brace)
        self.assertEqual(SOURCE[end - 2:end], b"};")

    def test_scope_closers(self):
        at = SOURCE.index(b"char a;")
        self.assertEqual(vl.scope_closers(SOURCE, at), [b"};", b"}"])
        self.assertEqual(vl.scope_closers(SOURCE, SOURCE.index(b"struct Q")), [b"}"])

    def test_names(self):
        self.assertEqual(vl.namespace_scope_name("a::(anonymous namespace)::B"), "a::B")
        self.assertIsNone(vl.namespace_scope_name("f()::Local"))
        self.assertIsNone(vl.namespace_scope_name("(unnamed struct at a.cpp:3:1)"))
        self.assertEqual(vl.local_name("f()::Local"), "Local")
        self.assertEqual(vl.local_name("ns::Box<ns::T>"), "ns::Box<ns::T>")
        self.assertEqual(vl.local_name("struct s"), "struct s")
        self.assertIsNone(vl.local_name("(unnamed struct at a.c:1:1)"))

    def test_consistency(self):
        e = entry_for(SOURCE, ["char a;", "long long b;", "char c = '}';"], [1, 0, 2])
        self.assertIsNone(vl.consistency_problems(e, SOURCE))
        bad = json.loads(json.dumps(e))
        bad["suggestedOrder"] = [1, 1, 2]
        self.assertIn("permutation", vl.consistency_problems(bad, SOURCE)[0])
        bad = json.loads(json.dumps(e))
        bad["fields"][1]["decl"]["end"] -= 1
        self.assertIn("does not end with ';'", "".join(vl.consistency_problems(bad, SOURCE)))
        bad = json.loads(json.dumps(e))
        bad["saving"] = 3
        self.assertIn("saving", "".join(vl.consistency_problems(bad, SOURCE)))

    def test_compile_command_translation(self):
        entry = {"directory": "/b", "file": "../s/a.cpp",
                 "command": "/usr/bin/g++ -DX=1 -I../inc -O2 -MD -MT a.o -MF a.o.d "
                            "-fplugin=/p.so -o a.o -c ../s/a.cpp"}
        directory, compiler, flags, source = vl.args_from_compile_command(entry)
        self.assertEqual((directory, source), ("/b", "../s/a.cpp"))
        self.assertEqual(flags, ["-DX=1", "-I../inc", "-O2"])
        self.assertEqual(compiler, hc.tool("clangxx"))
        c_entry = {"directory": "/b", "file": "m.c", "arguments": ["cc", "-c", "m.c"]}
        self.assertEqual(vl.args_from_compile_command(c_entry)[1], hc.tool("clang"))

    def test_make_dependencies(self):
        deps = vl.parse_make_dependencies("a.o: a.cpp inc/x.h \\\n  /usr/include/y.h\n", "/w")
        self.assertEqual(deps, {"/w/a.cpp", "/w/inc/x.h", "/usr/include/y.h"})


@unittest.skipUnless(HAVE_CLANG, "clang 19 not found")
class ProbeTest(unittest.TestCase):
    """The probes compile where they should and fail where they should."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="tightfit-harness-selftest-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def verifier(self):
        class Opts:
            timeout, verbose, keep_tmp = 120, False, False
        return vl.Verifier(Opts(), self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text)
        return path

    def run_probe(self, path, main, probe, content, expected, truncate, is_c=False):
        tu = vl.TranslationUnit(self.dir, hc.tool("clang" if is_c else "clangxx"),
                                ["--target=x86_64-linux-gnu"], main, "x86_64")
        start = content.index(b"char c") + 1
        probed = probe.apply(content, is_c, expected, start, truncate)
        verifier = self.verifier()
        if truncate or probe.kind == "inplace":
            return verifier.compile_truncated(tu, path, probed)[:2]
        return verifier.compile_with(tu, path, probed)[:2]

    def test_probes_on_a_guarded_header(self):
        header = self.write("h.h", SOURCE)
        main = self.write("m.cpp", b'#include "h.h"\nint main() { ns::Q q; return q.p.a; }\n')
        for kind, name in (("namespace", "ns::P"), ("member", None), ("inplace", "P")):
            for truncate in (False, True):
                with self.subTest(kind=kind, truncate=truncate):
                    probe = vl.Probe(kind, name)
                    self.assertEqual(self.run_probe(header, main, probe, SOURCE, 24, truncate),
                                     ("ok", None))
                    self.assertEqual(self.run_probe(header, main, probe, SOURCE, 16, truncate),
                                     ("assert", 24))
        with open(header, "rb") as f:
            self.assertEqual(f.read(), SOURCE)  # never modified

    def test_truncation_hides_later_uses(self):
        src = (b"namespace n { namespace {\nstruct R {\n  char a;\n  double b;\n  char c;\n};\n"
               b"R r{1, 2.0, 3};\n} }\nint use() { return n::r.a; }\n")
        main = self.write("t.cpp", src)
        e = entry_for(src, ["char a;", "double b;", "char c;"], [1, 0, 2], path=main)
        moved = vl.rewrite_fields(src, e)
        probe = vl.Probe("namespace", "n::R")
        self.assertEqual(self.run_probe(main, main, probe, moved, 16, False)[0], "error")
        self.assertEqual(self.run_probe(main, main, probe, moved, 16, True), ("ok", None))

    def test_c_local_struct_in_place(self):
        src = b"void f(void) {\n  struct L {\n    char a;\n    double b;\n    char c;\n  } l;\n  (void)l;\n}\n"
        main = self.write("l.c", src)
        probe = vl.Probe("inplace", "struct L")
        self.assertEqual(self.run_probe(main, main, probe, src, 24, True, is_c=True), ("ok", None))
        self.assertEqual(self.run_probe(main, main, vl.Probe("namespace", "struct L"), src, 24,
                                        False, is_c=True)[0], "error")


if __name__ == "__main__":
    unittest.main(verbosity=2)
