#!/usr/bin/env python3
"""Ground truth for tightfit's layout predictions: lets the compiler check them.

Usage:
  verify_layout.py INPUT [--target=TRIPLE ...] -- <compile flags>      (lit: %verify_layout)
  verify_layout.py --json FINDINGS.json [--json ...] --compile-commands compile_commands.json

For every tightfit-padded-record finding (and every entry of its
"instantiations"), on every target:

  1. the current size: `static_assert(sizeof(R) == size)` appended to the
     unmodified file holding R must compile;
  2. the promised size: R's field declarations are rewritten into the suggested
     order (slot i in declaration order receives the declaration text of field
     suggestedOrder[i], using the byte ranges of "decl"), and
     `static_assert(sizeof(R) == optimalSize)` must compile.

R is named at namespace scope when possible; otherwise (private nested types,
local classes, unnamed types) through a member function injected before R's
closing brace: `void tightfit_probe_() { static_assert(sizeof(*this) == N); }`.
Files are never modified: the compiler reads the probed copy through
-ivfsoverlay. Records whose fields share a declaration (`int a, b;`) or are
spelled by a macro are "not rewritable" (only their current size is checked);
records that cannot be named are "not nameable".

With --fix (first form), the check's fix-its are applied instead: per target,
clang-tidy -fix rewrites a copy of INPUT, the copy must compile, and each
reported record must have, in the copy, its optimalSize and the suggested
offset of every named field (fixIt.offered), or its old size (no fix-it).

In the first form tightfit runs once per target (default: x86_64-linux-gnu and
i686-linux-gnu) as `tightfit --format=json INPUT -- FLAGS --target=TRIPLE`.
In the second form the findings come from a previous run over a code base and
each record is compiled with the compile command of a translation unit that
includes it (its own file, or one found by a dependency scan).

Prints one line per record and the summary
  verify_layout: N records verified, M mismatches, K not rewritable, J not nameable, E errors
Exit status: 0 when nothing mismatched and nothing failed, 1 otherwise, 2 on usage errors.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import sys
import tempfile
import threading

import harness_common as hc

DEFAULT_TARGETS = ["x86_64-linux-gnu", "i686-linux-gnu"]
MARKER = "tightfit_verify_probe"
PROBE_FUNCTION = "tightfit_probe_"
ASSERT_FAILED_RE = re.compile(r"static assertion failed.*" + MARKER)
EVALUATES_RE = re.compile(r"expression evaluates to '(\d+) == (\d+)'")

VERIFIED, MISMATCH, NOT_REWRITABLE, NOT_NAMEABLE, ERROR = (
    "verified", "mismatch", "not rewritable", "not nameable", "error")


# --------------------------------------------------------------------------
# Translation units


class TranslationUnit:
    """How to compile one translation unit with -fsyntax-only."""

    def __init__(self, directory, compiler, args, source, target_label):
        self.directory = directory      # working directory of the compile
        self.compiler = compiler        # clang or clang++
        self.args = args                # flags, without the source file
        self.source = source            # the source file as passed
        self.target_label = target_label
        self._baseline = None
        self._lock = threading.Lock()

    def command(self, extra=()):
        return ([self.compiler, "-fsyntax-only", "-w"] + self.args + list(extra)
                + [self.source])

    def baseline(self, timeout):
        """The unmodified TU compiles: None, else the compiler's complaint."""
        with self._lock:
            if self._baseline is None:
                r = hc.run(self.command(), cwd=self.directory, timeout=timeout)
                self._baseline = ("" if r.returncode == 0 else
                                  "the unmodified translation unit does not compile:\n  $ %s\n%s"
                                  % (hc.quote(r.args), first_errors(r.stderr)))
            return self._baseline or None


def first_errors(stderr, limit=6):
    lines = [l for l in stderr.splitlines() if ": error: " in l or ": fatal error: " in l]
    if not lines:
        lines = stderr.strip().splitlines()[-limit:]
    return "".join("    %s\n" % l for l in lines[:limit])


OUTPUT_FLAGS_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ", "-MJ", "-Xclang-build-id"}
DROPPED_FLAGS = {"-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG",
                 "-fsyntax-only", "-save-temps", "--"}


def args_from_compile_command(entry):
    """(compiler, flags, source) of a compile_commands.json entry, with output,
    dependency-file and plugin flags removed."""
    if "arguments" in entry:
        argv = list(entry["arguments"])
    else:
        argv = shlex.split(entry["command"])
    directory = entry.get("directory", ".")
    source = entry["file"]
    source_abs = os.path.normpath(os.path.join(directory, source))
    flags = []
    skip = False
    for a in argv[1:]:
        if skip:
            skip = False
            continue
        if a in OUTPUT_FLAGS_WITH_VALUE:
            skip = True
            continue
        if a in DROPPED_FLAGS or a.startswith("-o") and len(a) > 2 and not a.startswith("-objc"):
            continue
        if a.startswith(("-MF", "-MT", "-MQ", "-MJ", "-fplugin", "-Wl,")):
            continue
        if a == source or os.path.normpath(os.path.join(directory, a)) == source_abs:
            continue
        flags.append(a)
    driver = os.path.basename(argv[0]) if argv else ""
    is_c = hc.is_c_source(source) or (driver in ("cc", "gcc", "clang")
                                      or re.match(r"^(clang|gcc)(-\d+)?$", driver))
    if source.endswith((".cpp", ".cc", ".cxx", ".C", ".c++", ".cp", ".mm")):
        is_c = False
    compiler = hc.tool("clang") if is_c else hc.tool("clangxx")
    return directory, compiler, flags, source


def parse_make_dependencies(text, directory):
    text = text.replace("\\\n", " ")
    deps = set()
    for line in text.splitlines():
        if ":" not in line:
            continue
        _, _, rest = line.partition(": ")
        for token in re.split(r"(?<!\\) +", rest.strip()):
            token = token.replace("\\ ", " ")
            if token:
                deps.add(os.path.realpath(os.path.join(directory, token)))
    return deps


# --------------------------------------------------------------------------
# Records


class Record:
    """One padded-record entry to verify, with where it came from."""

    def __init__(self, entry, finding, tu):
        self.entry = entry
        self.finding = finding
        self.tu = tu
        self.name = entry.get("record", "?")
        self.is_template = False
        self.status = None
        self.detail = ""

    @property
    def label(self):
        return "[%s] %s" % (self.tu.target_label if self.tu else "?", self.name)

    def key(self):
        e = self.entry
        return (self.tu.target_label if self.tu else "", self.name,
                self.record_file() or "", tuple(e.get("suggestedOrder", [])),
                e.get("size"), e.get("optimalSize"))

    def record_file(self):
        fields = self.entry.get("fields") or []
        for f in fields:
            decl = f.get("decl") or {}
            if decl.get("file"):
                return decl["file"]
        return self.finding.get("file")


def consistency_problems(entry, content):
    """Contradictions inside one details object (None if it is coherent).
    `content` is the bytes of the file holding the field declarations."""
    out = []
    for key in ("record", "size", "optimalSize", "fields", "suggestedOrder"):
        if key not in entry:
            out.append("missing '%s'" % key)
    if out:
        return out
    fields = entry["fields"]
    order = entry["suggestedOrder"]
    size, optimal = entry["size"], entry["optimalSize"]
    if sorted(order) != list(range(len(fields))):
        out.append("suggestedOrder %s is not a permutation of the %d fields" % (order, len(fields)))
        return out
    names = entry.get("suggestedOrderNames")
    if names is not None:
        expected = [fields[i].get("name") for i in order]
        shown = [fields[i].get("displayName") for i in order]
        if names != expected and names != shown:
            out.append("suggestedOrderNames %s do not follow suggestedOrder (fields %s)"
                       % (names, expected))
    if not optimal < size:
        out.append("optimalSize %s is not below size %s" % (optimal, size))
    if "saving" in entry and entry["saving"] != size - optimal:
        out.append("saving %s != size - optimalSize = %s" % (entry["saving"], size - optimal))
    if "savingPercent" in entry and size:
        exact = (size - optimal) * 100.0 / size
        if entry["savingPercent"] not in (int(exact), int(round(exact))):
            out.append("savingPercent %s does not match %.1f%%" % (entry["savingPercent"], exact))
    previous = None
    for f in fields:
        decl = f.get("decl")
        if not decl:
            out.append("field '%s' has no decl" % f.get("name"))
            continue
        if decl.get("macro"):
            continue
        begin, end = decl.get("begin"), decl.get("end")
        if not (isinstance(begin, int) and isinstance(end, int) and 0 <= begin < end):
            out.append("field '%s': bad decl range %s..%s" % (f.get("name"), begin, end))
            continue
        if content is not None:
            if end > len(content):
                out.append("field '%s': decl range %d..%d beyond the end of %s (%d bytes)"
                           % (f.get("name"), begin, end, decl.get("file"), len(content)))
                continue
            text = content[begin:end].decode("utf-8", "replace")
            if not text.rstrip().endswith(";"):
                out.append("field '%s': decl range %d..%d is %r, which does not end with ';'"
                           % (f.get("name"), begin, end, text))
            if f.get("name") and not re.search(r"\b%s\b" % re.escape(f["name"]), text):
                out.append("field '%s': decl range %d..%d is %r, which does not name it"
                           % (f.get("name"), begin, end, text))
        if previous is not None:
            pb, pe, pshared = previous
            same = (pb, pe) == (begin, end)
            if same and not (decl.get("shared") and pshared):
                out.append("fields share the decl range %d..%d but are not marked shared"
                           % (begin, end))
            elif not same and begin < pe:
                out.append("decl ranges overlap or are out of declaration order near %d..%d"
                           % (begin, end))
        previous = (begin, end, decl.get("shared"))
    return out or None


def rewrite_fields(content, entry):
    """The file content with field declarations moved into the suggested order."""
    fields = entry["fields"]
    order = entry["suggestedOrder"]
    ranges = [(f["decl"]["begin"], f["decl"]["end"]) for f in fields]
    texts = [content[b:e] for b, e in ranges]
    out, pos = [], 0
    for slot, (begin, end) in enumerate(ranges):
        out.append(content[pos:begin])
        out.append(texts[order[slot]])
        pos = end
    out.append(content[pos:])
    return b"".join(out)


def code_bytes(content, start=0, end=None):
    """Yields (offset, byte) of the code in content[start:end], skipping
    comments, string and character literals and preprocessor directives."""
    n = len(content) if end is None else min(end, len(content))
    i = start
    line_start = True  # only whitespace since the last newline
    while i < n:
        c = content[i:i + 1]
        if c == b"\n":
            line_start = True
            i += 1
            continue
        if c in (b" ", b"\t", b"\r", b"\f", b"\v"):
            i += 1
            continue
        if line_start and c == b"#":
            # A directive runs to the end of the line, backslash continuations included.
            while i < n:
                j = content.find(b"\n", i)
                if j < 0:
                    i = n
                    break
                if content[i:j].rstrip(b"\r").endswith(b"\\"):
                    i = j + 1
                    continue
                i = j
                break
            continue
        line_start = False
        two = content[i:i + 2]
        if two == b"//":
            j = content.find(b"\n", i)
            i = n if j < 0 else j
            continue
        if two == b"/*":
            j = content.find(b"*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if c == b"'" and is_digit_separator(content, i):
            i += 1
            continue
        if c in (b'"', b"'"):
            j = i + 1
            while j < n and content[j:j + 1] not in (c, b"\n"):
                j += 2 if content[j:j + 1] == b"\\" else 1
            i = j + 1
            continue
        yield i, c
        i += 1


def is_digit_separator(content, i):
    """A ' inside a pp-number (C++14 1'000'000), not a character literal."""
    j = i
    while j > 0 and (content[j - 1:j].isalnum() or content[j - 1:j] in (b"_", b"'", b".")):
        j -= 1
    return j < i and content[j:j + 1].isdigit()


def closing_brace(content, start):
    """Offset of the '}' that closes the braces enclosing `start`, or None."""
    depth = 0
    for i, c in code_bytes(content, start):
        if c == b"{":
            depth += 1
        elif c == b"}":
            if depth == 0:
                return i
            depth -= 1
    return None


def declaration_end(content, brace):
    """Offset just past the ';' ending the declaration whose body closes at
    `brace` (`} x, y[2] = {...};`), or None."""
    depth = 0
    for i, c in code_bytes(content, brace + 1):
        if c in (b"{", b"(", b"["):
            depth += 1
        elif c in (b"}", b")", b"]"):
            if depth == 0:
                return None
            depth -= 1
        elif c == b";" and depth == 0:
            return i + 1
    return None


CLASS_HEAD_RE = re.compile(rb"\b(struct|class|union)\b[^()]*$")


def scope_closers(content, upto):
    """What closes the scopes still open at `upto`, innermost first: '};' for
    class bodies, '}' for namespaces, linkage specifications and functions."""
    stack = []
    last_boundary = 0
    for i, c in code_bytes(content, 0, upto):
        if c == b"{":
            head = content[last_boundary:i]
            stack.append(b"};" if CLASS_HEAD_RE.search(head) else b"}")
            last_boundary = i + 1
        elif c == b"}":
            if stack:
                stack.pop()
            last_boundary = i + 1
        elif c == b";":
            last_boundary = i + 1
    return list(reversed(stack))


ANON_SCOPE_RE = re.compile(r"\(anonymous namespace\)::")


def namespace_scope_name(record_name):
    """The record's name usable at the end of its file, or None."""
    name = ANON_SCOPE_RE.sub("", record_name)
    if "(" in name or "<lambda" in name:
        return None  # (unnamed struct at ...), f()::Local, ...
    return name


def local_name(record_name):
    """The record's name right after its definition, in its own scope."""
    name = ANON_SCOPE_RE.sub("", record_name)
    if "(unnamed" in name or "(anonymous" in name or "<lambda" in name:
        return None
    depth, cut = 0, 0
    for i, ch in enumerate(name):  # the last '::' outside template arguments
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif depth == 0 and name.startswith("::", i):
            cut = i + 2
    if "(" in name[:cut]:  # f()::Local -> Local
        return name[cut:]
    return name


def assertion(is_c, name, expected):
    keyword = "_Static_assert" if is_c else "static_assert"
    return ('%s(sizeof(%s) == %d, "%s");' % (keyword, name, expected, MARKER)).encode()


class Probe:
    """One way of asserting sizeof(record):
       namespace  static_assert(sizeof(NAME) == N) appended to the file
       member     void tightfit_probe_() { static_assert(sizeof(*this) == N); }
                  injected before the record's closing brace (C++ only)
       inplace    static_assert(sizeof(NAME) == N) right after the record's
                  definition, in its own scope, and the rest of the file
                  compiled out (#if 0)
    Any of them can be truncated: the file is cut after the record's
    definition, open scopes are closed and the rest is compiled out, so that
    later uses of the record (e.g. positional aggregate initialisation, which
    a reordering breaks) do not hide the answer."""

    def __init__(self, kind, name):
        self.kind, self.name = kind, name

    def apply(self, content, is_c, expected, body_start, truncate=False):
        if self.kind == "member":
            brace = closing_brace(content, body_start)
            if brace is None:
                return None
            text = ("\n  void %s() { static_assert(sizeof(*this) == %d, \"%s\"); }\n"
                    % (PROBE_FUNCTION, expected, MARKER)).encode()
            content = content[:brace] + text + content[brace:]
        elif self.kind == "namespace" and not truncate:
            if not content.endswith(b"\n"):
                content += b"\n"
            return content + b"\n" + assertion(is_c, self.name, expected) + b"\n"
        if not truncate and self.kind == "member":
            return content
        brace = closing_brace(content, body_start)
        end = declaration_end(content, brace) if brace is not None else None
        if end is None:
            return None
        out = content[:end]
        if self.kind != "member":
            out += b"\n" + assertion(is_c, self.name, expected)
        closers = scope_closers(content, end)
        if closers:
            out += b"\n" + b" ".join(closers)
        # The preprocessor skips the rest. When the cut is inside conditionals
        # (an include guard), the first #endif that closes one of them ends
        # the skipping instead, and the final #endif closes the outermost:
        # the conditionals stay balanced either way.
        out += b"\n#if 0\n" + content[end:] + b"\n#endif\n"
        return out


class Verifier:
    def __init__(self, opts, tmpdir):
        self.opts = opts
        self.tmpdir = tmpdir
        self.counter = 0
        self.lock = threading.Lock()

    def scratch(self):
        with self.lock:
            self.counter += 1
            d = os.path.join(self.tmpdir, "probe-%d" % self.counter)
        os.makedirs(d)
        return d

    def compile_with(self, tu, path, content, standalone=False):
        """Compiles tu with `path` reading as `content` (standalone: compiles
        `path` itself as the main file, with the TU's flags). Returns
        (status, actual size or None, text), status 'ok', 'assert' or 'error'."""
        if content is None:
            return ("error", None, "  (no place for the probe found)\n")
        d = self.scratch()
        copy = os.path.join(d, os.path.basename(path))
        with open(copy, "wb") as f:
            f.write(content)
        names = {os.path.abspath(path), os.path.realpath(path)}
        overlay = {
            "version": 0,
            "case-sensitive": "true",
            "use-external-names": False,
            "roots": [{"name": n, "type": "file", "external-contents": copy}
                      for n in sorted(names)],
        }
        yaml = os.path.join(d, "overlay.yaml")
        with open(yaml, "w") as f:
            json.dump(overlay, f)
        if standalone:
            language = "c" if tu.compiler == hc.tool("clang") else "c++"
            command = ([tu.compiler, "-fsyntax-only", "-w"] + tu.args
                       + ["-ivfsoverlay", yaml, "-x", language, os.path.abspath(path)])
        else:
            command = tu.command(["-ivfsoverlay", yaml])
        r = hc.run(command, cwd=tu.directory, timeout=self.opts.timeout)
        if self.opts.verbose:
            sys.stderr.write("$ %s  # exit %d\n" % (hc.quote(r.args), r.returncode))
        if not self.opts.keep_tmp:
            shutil.rmtree(d, ignore_errors=True)
        if r.returncode == 0:
            return ("ok", None, "")
        if ASSERT_FAILED_RE.search(r.stderr):
            m = EVALUATES_RE.search(r.stderr)
            return ("assert", int(m.group(1)) if m else None, first_errors(r.stderr))
        return ("error", None, "  $ %s\n%s" % (hc.quote(r.args), first_errors(r.stderr)))

    def probes(self, record, is_c):
        out = []
        name = namespace_scope_name(record.name)
        if name:
            out.append(Probe("namespace", name))
        # sizeof(*this) in a template is dependent and never evaluated unless
        # the probe is instantiated: only non-template records use the member.
        if not is_c and not record.is_template and "<" not in record.name:
            out.append(Probe("member", None))
        local = local_name(record.name)
        if local:
            out.append(Probe("inplace", local))
        return out

    def compile_truncated(self, tu, path, content):
        """A file cut after the record: a header is compiled on its own first
        (what follows the cut may be needed by the rest of the TU)."""
        main = os.path.realpath(os.path.join(tu.directory, tu.source))
        result = None
        if os.path.realpath(path) != main:
            result = self.compile_with(tu, path, content, standalone=True)
            if result[0] != "error":
                return result
        within = self.compile_with(tu, path, content)
        return within if within[0] != "error" or result is None else result

    def check_size(self, tu, path, content, probe, is_c, expected, body_start):
        """Compiles the whole file with the probe, then, if something else
        does not compile, the file cut after the record."""
        if probe.kind == "inplace":
            return self.compile_truncated(
                tu, path, probe.apply(content, is_c, expected, body_start, truncate=True))
        full = self.compile_with(tu, path, probe.apply(content, is_c, expected, body_start))
        if full[0] != "error":
            return full
        cut = self.compile_truncated(
            tu, path, probe.apply(content, is_c, expected, body_start, truncate=True))
        return cut if cut[0] != "error" else full

    def verify_targets(self, record, tu, path, content, rewritten, probe, is_c, body_start,
                       order):
        """--check-targets: the details' "targets" (the Targets option) are
        predictions for other targets; compiled for each judged one, the
        record must have the predicted size, and in the suggested order the
        predicted suggestedSize."""
        e = record.entry
        done = []
        for t in e["targets"]:
            if not t.get("judged"):
                done.append("%s not judged" % t.get("target"))
                continue
            other = TranslationUnit(tu.directory, tu.compiler,
                                    [a for a in tu.args if not a.startswith("--target=")]
                                    + ["--target=" + t["target"]], tu.source, t["target"])
            for text, expected, what in ((content, t["size"], "its size"),
                                         (rewritten, t["suggestedSize"],
                                          "its size in the suggested order")):
                status, actual, out = self.check_size(other, path, text, probe, is_c, expected,
                                                      body_start)
                if status == "assert":
                    return MISMATCH, ("on %s, tightfit predicts %s %d, the compiler says %s\n%s"
                                      % (t["target"], what, expected,
                                         actual if actual is not None else "otherwise", out))
                if status != "ok":
                    return ERROR, "cannot compile %s for %s:\n%s" % (record.name, t["target"], out)
            done.append("%s %d -> %d" % (t["target"], t["size"], t["suggestedSize"]))
        return VERIFIED, "%d -> %d bytes with {%s}; %s" % (e["size"], e["optimalSize"], order,
                                                         ", ".join(done))

    def verify(self, record):
        e = record.entry
        tu = record.tu
        path = record.record_file()
        if tu is None:
            return ERROR, "no compile command for a translation unit including %s" % path
        if not path or not os.path.isfile(path):
            return ERROR, "the file holding the record (%s) does not exist" % path
        with open(path, "rb") as f:
            content = f.read()
        problems = consistency_problems(e, content)
        if problems:
            return MISMATCH, "inconsistent details: " + "; ".join(problems)
        baseline = tu.baseline(self.opts.timeout)
        if baseline:
            return ERROR, baseline
        fields = e["fields"]
        is_c = tu.compiler == hc.tool("clang")
        decl_files = {f["decl"].get("file") for f in fields}
        body_start = max(f["decl"]["end"] for f in fields)

        # 1. The current size, which also finds a way to name the record.
        chosen, failures = None, []
        for probe in self.probes(record, is_c):
            if probe.kind == "inplace":
                status, actual, text = self.check_size(tu, path, content, probe, is_c,
                                                       e["size"], body_start)
            else:
                status, actual, text = self.compile_with(
                    tu, path, probe.apply(content, is_c, e["size"], body_start))
            if status == "ok":
                chosen = probe
                break
            if status == "assert":
                return MISMATCH, ("tightfit says sizeof(%s) == %d, the compiler says %s\n%s"
                                  % (record.name, e["size"],
                                     actual if actual is not None else "otherwise", text))
            failures.append("%s probe:\n%s" % (probe.kind, text))
        if chosen is None:
            return NOT_NAMEABLE, ("cannot name %s in a static_assert:\n%s"
                                  % (record.name, "".join(failures) or "  no probe applies\n"))

        # 2. The promised size after moving the field declarations.
        reasons = []
        if len(decl_files) != 1:
            reasons.append("fields declared in several files")
        reasons += ["field '%s' shares its declaration" % (f.get("displayName") or f.get("name"))
                    for f in fields if f["decl"].get("shared")][:1]
        reasons += ["field '%s' is spelled by a macro" % (f.get("displayName") or f.get("name"))
                    for f in fields if f["decl"].get("macro")][:1]
        if reasons:
            return NOT_REWRITABLE, "current size %d verified; %s" % (e["size"], "; ".join(reasons))
        rewritten = rewrite_fields(content, e)
        status, actual, text = self.check_size(tu, path, rewritten, chosen, is_c,
                                               e["optimalSize"], body_start)
        order = ", ".join(e.get("suggestedOrderNames") or
                          [fields[i].get("name") for i in e["suggestedOrder"]])
        if status == "ok":
            if self.opts.check_targets and e.get("targets"):
                return self.verify_targets(record, tu, path, content, rewritten, chosen, is_c,
                                           body_start, order)
            return VERIFIED, "%d -> %d bytes with {%s}" % (e["size"], e["optimalSize"], order)
        if status == "assert":
            return MISMATCH, ("tightfit promises sizeof(%s) == %d with {%s}, the compiler says %s\n%s"
                              % (record.name, e["optimalSize"], order,
                                 actual if actual is not None else "otherwise", text))
        return ERROR, "the record with its fields reordered does not compile:\n" + text


# --------------------------------------------------------------------------
# Collecting records


def records_of(findings, tu_for):
    """Records to verify from a findings list; tu_for(finding, entry) -> TU."""
    records = []
    for finding in findings:
        if finding.get("check") != "tightfit-padded-record":
            continue
        details = finding.get("details")
        if not isinstance(details, dict):
            records.append(Record({"record": "(finding at %s:%s)" % (
                finding.get("file"), finding.get("line"))}, finding, None))
            records[-1].status = (MISMATCH, "finding without details")
            continue
        entries = [details]
        insts = details.get("instantiations")
        if insts:
            entries = [details] + list(insts)
        for entry in entries:
            rec = Record(entry, finding, None)
            rec.is_template = bool(insts)
            rec.tu = tu_for(finding, rec)
            records.append(rec)
    unique, seen = [], set()
    for r in records:
        k = r.key() if r.status is None else id(r)
        if k not in seen:
            seen.add(k)
            unique.append(r)
    return unique


def validate_document(document, where):
    try:
        import validate_findings
        problems = validate_findings.violations(document)
    except ImportError:
        return []
    return ["%s: schema: %s" % (where, p) for p in problems]


def run_tightfit(opts, input_path, flags, target):
    cmd = [hc.tool("cli"), "--format=json"] + opts.tightfit_arg + [input_path, "--"] + flags + [
        "--target=" + target]
    r = hc.run(cmd, timeout=opts.timeout)
    if r.crashed or r.returncode not in (0, 1):
        return None, ("tightfit failed (exit code %d):\n  $ %s\n%s%s"
                      % (r.returncode, hc.quote(cmd), r.stdout[-2000:], r.stderr[-4000:]))
    try:
        return json.loads(r.stdout), None
    except ValueError as e:
        return None, "tightfit printed no valid JSON (%s):\n  $ %s\n%s" % (e, hc.quote(cmd),
                                                                          r.stdout[:2000])


def collect_from_input(opts, flags):
    input_path = os.path.abspath(opts.input)
    if not os.path.isfile(input_path):
        hc.die("verify_layout.py: no such input: %s" % opts.input)
    errors, records = [], []
    compiler = hc.compiler_for(input_path)
    for target in opts.target or DEFAULT_TARGETS:
        document, error = run_tightfit(opts, input_path, flags, target)
        if error:
            errors.append("[%s] %s" % (target, error))
            continue
        errors += validate_document(document, "[%s] tightfit output" % target)
        tu = TranslationUnit(os.getcwd(), compiler, flags + ["--target=" + target],
                             input_path, target)
        records += records_of(document.get("findings", []), lambda f, r: tu)
    return records, errors


def collect_from_json(opts):
    try:
        with open(opts.compile_commands) as f:
            database = json.load(f)
    except (OSError, ValueError) as e:
        hc.die("verify_layout.py: cannot read %s: %s" % (opts.compile_commands, e))
    units = []
    by_file = {}
    for entry in database:
        directory, compiler, flags, source = args_from_compile_command(entry)
        tu = TranslationUnit(directory, compiler, flags, source, "")
        tu.entry = entry
        units.append(tu)
        by_file.setdefault(os.path.realpath(os.path.join(directory, source)), tu)
    dependency_cache = {}
    lock = threading.Lock()

    def dependencies(tu):
        with lock:
            if id(tu) not in dependency_cache:
                r = hc.run([tu.compiler, "-M", "-w"] + tu.args + [tu.source],
                           cwd=tu.directory, timeout=opts.timeout)
                dependency_cache[id(tu)] = (parse_make_dependencies(r.stdout, tu.directory)
                                            if r.returncode == 0 else set())
            return dependency_cache[id(tu)]

    def tu_for(finding, record):
        path = os.path.realpath(record.record_file() or finding.get("file", ""))
        tu = by_file.get(path) or by_file.get(os.path.realpath(finding.get("file", "")))
        if tu is None:
            tu = next((u for u in units if path in dependencies(u)), None)
        if tu is None:
            return None
        target = record.entry.get("target") or "default"
        labelled = TranslationUnit(tu.directory, tu.compiler, tu.args, tu.source, target)
        return labelled

    errors, records = [], []
    for path in opts.json:
        try:
            with open(path) as f:
                document = json.load(f)
        except (OSError, ValueError) as e:
            errors.append("cannot read %s: %s" % (path, e))
            continue
        errors += validate_document(document, path)
        records += records_of(document.get("findings", []), tu_for)
    # One baseline compile per translation unit and target.
    shared = {}
    for r in records:
        if r.tu is not None:
            key = (r.tu.directory, r.tu.source, tuple(r.tu.args), r.tu.target_label)
            r.tu = shared.setdefault(key, r.tu)
    return records, errors


# --------------------------------------------------------------------------
# --fix: the check's own fix-its, applied and compiled


FIX_CHECK = "tightfit-padded-record"


def fix_assertions(record, is_c, with_offsets=True):
    """static_asserts for a record in the fixed file: a record the check fixed
    has its optimalSize and the suggested offset of every named field; one it
    did not fix keeps its fields in declaration order (its size may change
    when a record it holds was fixed). (None, why) when nothing can be said."""
    name = namespace_scope_name(record.name)
    if not name:
        return None, "cannot name %s at namespace scope" % record.name
    e = record.entry
    keyword = "_Static_assert" if is_c else "static_assert"

    def offset_of(field):
        return "__builtin_offsetof(%s, %s)" % (name, field)

    named = [(f, bits) for f, bits in zip(e["fields"], e.get("suggestedOffsetBits") or
                                         [None] * len(e["fields"]))
             if f.get("name") and not f.get("bitField") and f.get("sizeBits")]
    if not (e.get("fixIt") or {}).get("offered"):
        out = []
        for (a, _), (b, _) in zip(named, named[1:]):
            out.append(('%s(%s < %s, "%s");' % (keyword, offset_of(a["name"]),
                                                 offset_of(b["name"]), MARKER)).encode())
        if not out:
            return None, "no fix-it, and fewer than two named fields to compare"
        return out, "no fix-it: %d fields still in declaration order" % len(named)
    out = [assertion(is_c, name, e["optimalSize"])]
    checked = 0
    for field, bits in named if with_offsets else []:
        if bits is None or bits % 8:
            continue
        out.append(('%s(%s == %d, "%s");' % (keyword, offset_of(field["name"]), bits // 8,
                                             MARKER)).encode())
        checked += 1
    return out, "fixed: %d -> %d bytes, %d field offsets as suggested" % (
        e["size"], e["optimalSize"], checked)


def verify_fixes(opts, flags, records, verifier, tmpdir):
    """For each target: applies the check's fix-its with clang-tidy -fix to a
    copy of INPUT (with Inputs/ copied beside it, so that fixes never touch the
    source tree), checks that the copy compiles, and that each finding's record
    has, in the fixed copy, the size and offsets fix_assertions() expects.
    Sets each record's status; returns errors that belong to no record."""
    input_path = os.path.abspath(opts.input)
    src_dir = os.path.dirname(input_path)
    errors = []
    by_target = {}
    for r in records:
        if r.status is None and r.tu is not None:
            by_target.setdefault(r.tu.target_label, []).append(r)
    for index, (target, recs) in enumerate(sorted(by_target.items())):
        work = os.path.join(tmpdir, "fix-%d" % index)
        os.makedirs(work)
        if os.path.isdir(os.path.join(src_dir, "Inputs")):
            shutil.copytree(os.path.join(src_dir, "Inputs"), os.path.join(work, "Inputs"))
        fixed_path = os.path.join(work, os.path.basename(input_path))
        shutil.copyfile(input_path, fixed_path)
        tflags = flags + ["--target=" + target, "-iquote", src_dir]
        cmd = [hc.tool("clang_tidy"), "-load", hc.tool("tidy_module"), "--allow-no-checks",
               "-checks=-*," + FIX_CHECK, "-fix"]
        if opts.config is not None:
            cmd.append("-config=" + opts.config)
        r = hc.run(cmd + [fixed_path, "--"] + tflags, cwd=work, timeout=opts.timeout)
        if r.crashed:
            errors.append("[%s] clang-tidy -fix crashed:\n  $ %s\n%s" % (
                target, hc.quote(r.args), r.stderr[-3000:]))
            for rec in recs:
                rec.status = (ERROR, "clang-tidy -fix crashed")
            continue
        compiler = hc.compiler_for(input_path)
        is_c = compiler == hc.tool("clang")
        tu = TranslationUnit(work, compiler, tflags, fixed_path, target)
        problem = tu.baseline(opts.timeout)
        if problem:
            for rec in recs:
                rec.status = (ERROR, "the fixed file does not compile: " + problem)
            continue
        with open(fixed_path, "rb") as f:
            fixed = f.read()
        # All the probes in one compile first; one by one only if that fails.
        probes = [(rec,) + fix_assertions(rec, is_c) for rec in recs]
        together = [b"\n".join(a) for _, a, _ in probes if a is not None]
        if together:
            content = (fixed + (b"" if fixed.endswith(b"\n") else b"\n") +
                       b"\n".join(together) + b"\n")
            if verifier.compile_with(tu, fixed_path, content)[0] == "ok":
                for rec, asserts, what in probes:
                    rec.status = (VERIFIED, what) if asserts is not None else (NOT_NAMEABLE, what)
                continue
        for rec in recs:
            asserts, what = fix_assertions(rec, is_c)
            if asserts is None:
                rec.status = (NOT_NAMEABLE, what)
                continue
            content = fixed + (b"" if fixed.endswith(b"\n") else b"\n") + b"\n".join(asserts) + b"\n"
            status, actual, text = verifier.compile_with(tu, fixed_path, content)
            if status == "error" and (rec.entry.get("fixIt") or {}).get("offered"):
                # offsetof cannot name private fields from outside: the size alone.
                asserts, what = fix_assertions(rec, is_c, with_offsets=False)
                what += " (offsets not accessible)"
                content = (fixed + (b"" if fixed.endswith(b"\n") else b"\n") +
                           b"\n".join(asserts) + b"\n")
                status, actual, text = verifier.compile_with(tu, fixed_path, content)
            if status == "ok":
                rec.status = (VERIFIED, what)
            elif status == "assert":
                rec.status = (MISMATCH, "after the fix-its, %s does not hold for %s:\n%s"
                              % (what, rec.name, text))
            else:
                # The fixed file compiled on its own: the probe cannot name
                # the record or its fields from the end of the file (a local
                # or private type, private fields).
                rec.status = (NOT_NAMEABLE, "cannot probe %s from the end of the file:\n%s"
                              % (rec.name, text))
    return errors


# --------------------------------------------------------------------------


def parse_args(argv):
    harness_args, flags = hc.split_dashdash(argv)
    p = argparse.ArgumentParser(
        prog="verify_layout.py",
        description="Compiles tightfit's padded-record suggestions to check their sizes.",
        epilog="Compile flags follow '--' (first form only).")
    p.add_argument("input", nargs="?", help="source file to run tightfit on")
    p.add_argument("--target", action="append",
                   help="target triple (repeatable; default: %s)" % ", ".join(DEFAULT_TARGETS))
    p.add_argument("--json", action="append", help="findings of an earlier tightfit run")
    p.add_argument("--compile-commands", help="compile_commands.json for --json")
    p.add_argument("--tightfit-arg", action="append", default=[],
                   help="extra argument for tightfit (first form)")
    p.add_argument("--fix", action="store_true",
                   help="apply the check's fix-its (clang-tidy -fix) to a copy of INPUT and "
                        "static_assert the fixed records' sizes and field offsets (first form)")
    p.add_argument("--check-targets", action="store_true",
                   help="also compile each finding's per-target predictions (details "
                        "'targets', from the Targets option) for those targets")
    p.add_argument("--config", default=None,
                   help="configuration (YAML) for tightfit and, with --fix, clang-tidy")
    p.add_argument("--min-verified", type=int, default=0,
                   help="fail unless at least this many records were verified")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--timeout", type=int, default=600, help="seconds per command")
    p.add_argument("--keep-tmp", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true", help="print every compile command")
    opts = p.parse_args(harness_args)
    if opts.config is not None:
        opts.tightfit_arg.append("--config=" + opts.config)
    if opts.json:
        if opts.input or flags or opts.fix:
            p.error("--json takes no input file, compile flags or --fix")
        if not opts.compile_commands:
            p.error("--json needs --compile-commands")
    elif not opts.input:
        p.error("an input file (or --json with --compile-commands) is required")
    return opts, flags


def main(argv):
    opts, flags = parse_args(argv)
    if opts.json:
        records, errors = collect_from_json(opts)
    else:
        records, errors = collect_from_input(opts, flags)

    tmpdir = tempfile.mkdtemp(prefix="tightfit-verify-layout-")
    try:
        verifier = Verifier(opts, tmpdir)
        pending = [r for r in records if r.status is None]
        if opts.fix:
            errors += verify_fixes(opts, flags, pending, verifier, tmpdir)
            for r in pending:
                if r.status is None:
                    r.status = (ERROR, "no compile command for its translation unit")
            pending = []
        with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
            for r, result in zip(pending, pool.map(verifier.verify, pending)):
                r.status = result
    finally:
        if opts.keep_tmp:
            sys.stderr.write("verify_layout.py: kept %s\n" % tmpdir)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)

    counts = {k: 0 for k in (VERIFIED, MISMATCH, NOT_REWRITABLE, NOT_NAMEABLE, ERROR)}
    for r in records:
        status, detail = r.status
        counts[status] += 1
        tag = {VERIFIED: "ok", MISMATCH: "MISMATCH", ERROR: "ERROR"}.get(status, status)
        print("verify_layout: %s %s: %s" % (tag, r.label, detail.rstrip("\n")))
    for e in errors:
        counts[ERROR] += 1
        print("verify_layout: ERROR %s" % e.rstrip("\n"))
    print("verify_layout: %d records verified, %d mismatches, %d not rewritable, "
          "%d not nameable, %d errors"
          % (counts[VERIFIED], counts[MISMATCH], counts[NOT_REWRITABLE],
             counts[NOT_NAMEABLE], counts[ERROR]))
    if counts[VERIFIED] < opts.min_verified:
        print("verify_layout: error: expected at least %d verified records"
              % opts.min_verified)
        return 1
    return 1 if counts[MISMATCH] or counts[ERROR] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
