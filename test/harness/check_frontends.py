#!/usr/bin/env python3
"""Runs one test input through every tightfit front-end and FileChecks the result.

Usage (lit: %check_fe):
  check_frontends.py INPUT [--frontends=tidy,plugin,cli] [--checks=GLOB]
      [--config=YAML] [--check-prefixes=CHECK-MESSAGES,...]
      [--expect-no-diagnostics] [--fix] [--fix-prefixes=CHECK-FIXES,...]
      -- <compile flags>

For each front-end
  tidy    clang-tidy -load libtightfit-tidy.so -checks=-*,GLOB INPUT -- FLAGS
  plugin  clang[++] -fplugin=tightfit-plugin.so [-fplugin-arg-tightfit-checks=GLOB]
          [-fplugin-arg-tightfit-config=YAML] FLAGS -c INPUT -o TMP
  cli     tightfit [--checks=GLOB] [--config=YAML] INPUT -- FLAGS
the diagnostics are normalised to

  <realpath>:<line>:<col>: <warning|error|note>: <message>[ [<tightfit-check>]]

(source and caret lines, "N warnings generated." and the like dropped; compiler
warnings that are not tightfit's dropped together with their notes; fatal
error -> error; each warning or error with its notes sorted by location, as
clang-tidy does). The normalised outputs must be identical across front-ends;
then FileCheck checks them against INPUT with --check-prefixes and
--implicit-check-not='{{warning|error}}:', so every warning must be asserted:

  struct Packet {  // CHECK-MESSAGES: :[[@LINE]]:8: warning: 'Packet' is 24 bytes ...

--fix additionally applies clang-tidy's fixes to a copy of INPUT (with the
CHECK lines blanked), FileChecks the fixed copy against the CHECK-FIXES prefixes
(or, when INPUT has no CHECK-FIXES line, asserts that nothing changed), and
compiles the fixed copy with -fsyntax-only.

The environment variable TIGHTFIT_FRONTENDS (lit --param frontends=...) limits
the front-ends run by every test.
"""

import argparse
import difflib
import os
import re
import shutil
import sys
import tempfile

import harness_common as hc

FRONTENDS = ("tidy", "plugin", "cli")

DIAG_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<kind>warning|error|fatal error|note|remark): (?P<msg>.*)$")
# A diagnostic without a location, e.g. "error: unable to load plugin ...".
BARE_DIAG_RE = re.compile(r"^(?:[\w.+-]+: )?(?P<kind>error|fatal error): (?P<msg>.*)$")
SUFFIX_RE = re.compile(r"^(?P<msg>.*?) \[(?P<items>[A-Za-z0-9_.=+#,-]+)\]$")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class Diag:
    def __init__(self, file, line, col, kind, msg, checks, foreign):
        self.file, self.line, self.col = file, line, col
        self.kind, self.msg = kind, msg
        self.checks = checks      # tightfit check names from the [..] suffix
        self.foreign = foreign    # the suffix names something other than tightfit

    def render(self):
        text = "%s:%d:%d: %s: %s" % (self.file, self.line, self.col, self.kind, self.msg)
        if self.kind in ("warning", "error") and self.checks:
            text += " [%s]" % ",".join(self.checks)
        return text


def normalise_path(path, cwd):
    if path.startswith("<") or not path:
        return path  # <stdin>, <built-in>, <command line>, <scratch space>
    full = path if os.path.isabs(path) else os.path.join(cwd, path)
    return os.path.realpath(full)


def split_suffix(msg):
    """Splits 'message [a,-Wb]' into ('message', names) when the brackets are a
    diagnostic-option suffix; otherwise returns (msg, None)."""
    m = SUFFIX_RE.match(msg)
    if not m:
        return msg, None
    items = m.group("items").split(",")
    if not any(i.startswith("-W") or "-" in i.strip("-") for i in items):
        return msg, None  # e.g. "... [4]": part of the message
    return m.group("msg"), items


def classify(items):
    """(tightfit check names, whether any item names something else)."""
    checks, foreign = [], False
    for item in items:
        name = item[2:] if item.startswith("-W") else item
        if name.startswith("-") or name == "error" or name.startswith("error="):
            continue  # -warnings-as-errors, -Werror, -Werror=...
        if name.startswith("tightfit-"):
            if name not in checks:
                checks.append(name)
        else:
            foreign = True  # clang-diagnostic-error, -Wparentheses, bugprone-...
    return checks, foreign


def parse_diagnostics(text, cwd):
    """Returns (groups, bare_errors). A group is a primary diagnostic with the
    notes that follow it."""
    groups, bare = [], []
    for raw in text.splitlines():
        line = ANSI_RE.sub("", raw).rstrip("\r")
        m = DIAG_RE.match(line)
        if not m:
            b = BARE_DIAG_RE.match(line)
            if b:
                bare.append(line)
            continue
        kind = "error" if m.group("kind") == "fatal error" else m.group("kind")
        msg, checks, foreign = m.group("msg"), [], False
        if kind in ("warning", "error"):
            msg, items = split_suffix(msg)
            if items is not None:
                checks, foreign = classify(items)
        d = Diag(normalise_path(m.group("file"), cwd), int(m.group("line")),
                 int(m.group("col")), kind, msg, checks, foreign)
        if kind == "note" and groups:
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups, bare


def keep_group(group):
    head = group[0]
    if head.kind == "remark":
        return False
    if head.kind == "warning":
        # A compiler warning ([-Wfoo]) or another tool's check: not ours.
        return not (head.foreign and not head.checks)
    return True  # errors and orphan notes


def normalise(text, cwd):
    """Returns (groups kept, sorted by location; bare error lines)."""
    groups, bare = parse_diagnostics(text, cwd)
    groups = [g for g in groups if keep_group(g)]
    groups.sort(key=lambda g: (g[0].file, g[0].line, g[0].col,
                               ",".join(g[0].checks), g[0].msg))
    return groups, bare


class Run:
    def __init__(self, name, result, groups, bare):
        self.name, self.result, self.groups, self.bare = name, result, groups, bare
        self.lines = [d.render() for g in groups for d in g]

    @property
    def text(self):
        return "".join(l + "\n" for l in self.lines)

    @property
    def has_error(self):
        return any(g[0].kind == "error" for g in self.groups)

    @property
    def has_compile_error(self):
        return any(g[0].kind == "error" and not g[0].checks for g in self.groups)

    @property
    def has_finding(self):
        return any(g[0].kind in ("warning", "error") and g[0].checks for g in self.groups)


def frontend_command(name, opts, input_path, flags, tmpdir):
    compiler = hc.compiler_for(input_path)
    if name == "tidy":
        cmd = [opts.clang_tidy, "-load", opts.tidy_module, "--allow-no-checks",
               "-checks=-*," + (opts.checks or "tightfit-*")]
        if opts.config is not None:
            cmd.append("-config=" + opts.config)
        cmd += opts.tidy_arg + [input_path, "--"] + flags
        return cmd
    if name == "plugin":
        cmd = [compiler, "-fplugin=" + opts.plugin]
        if opts.checks is not None:
            cmd.append("-fplugin-arg-tightfit-checks=" + opts.checks)
        if opts.config is not None:
            cmd.append("-fplugin-arg-tightfit-config=" + opts.config)
        cmd += ["-fno-color-diagnostics"] + flags + opts.plugin_arg
        if opts.plugin_mode == "syntax-only":
            cmd += ["-fsyntax-only", input_path]
        else:
            cmd += ["-c", input_path, "-o", os.path.join(tmpdir, "plugin-output.o")]
        return cmd
    cmd = [opts.cli]
    if opts.checks is not None:
        cmd.append("--checks=" + opts.checks)
    if opts.config is not None:
        cmd.append("--config=" + opts.config)
    cmd += opts.cli_arg + [input_path, "--"] + flags
    return cmd


def describe(run):
    r = run.result
    return ("[%s] %s\n  exit code %d\n--- stdout ---\n%s--- stderr ---\n%s"
            % (run.name, hc.quote(r.args), r.returncode, r.stdout, r.stderr))


def check_exit_code(run):
    """Returns an error message when a front-end's exit status contradicts its
    diagnostics, or None."""
    r = run.result
    if r.crashed:
        return "%s crashed" % run.name
    if r.returncode in (126, 127) and not run.lines:
        return "%s could not be run" % run.name
    if run.name == "cli":
        if r.returncode == 2 and "no checks enabled" in r.stderr and not run.lines:
            return None  # the glob disables every check, as with clang-tidy
        expected = 3 if run.has_compile_error else 1 if run.has_finding else 0
        if r.returncode != expected:
            return ("tightfit exited with %d, expected %d (0: no findings, 1: findings, "
                    "3: parse failure)" % (r.returncode, expected))
        return None
    if run.name == "tidy" and "no checks enabled" in r.stdout + r.stderr and not run.lines:
        return None  # e.g. --checks=-tightfit-padded-record: nothing to run
    if r.returncode != 0 and not run.has_error:
        return "%s failed (exit code %d) without reporting an error" % (run.name, r.returncode)
    return None


def check_prefix_regex(prefixes):
    alt = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(r"[ \t]*//[ \t]*(?:%s)(?:-NOT|-NEXT|-SAME|-DAG|-LABEL|-EMPTY|-COUNT-\d+)?:.*$"
                      % alt, re.M)


def uses_prefixes(text, prefixes):
    return any(re.search(r"\b%s(?:-NOT|-NEXT|-SAME|-DAG|-LABEL|-EMPTY|-COUNT-\d+)?:"
                         % re.escape(p), text) for p in prefixes)


def filecheck(opts, check_file, input_text, prefixes, tmpdir, name, extra=()):
    path = os.path.join(tmpdir, name)
    with open(path, "w") as f:
        f.write(input_text)
    cmd = [opts.filecheck, check_file, "--input-file=" + path,
           "--check-prefixes=" + ",".join(prefixes), "--allow-unused-prefixes"] + list(extra)
    return hc.run(cmd, timeout=opts.timeout)


def run_fix_mode(opts, input_path, flags, tmpdir, message_prefixes, fix_prefixes):
    """Applies clang-tidy's fixes to a copy of the input; returns a failure text or None."""
    with open(input_path) as f:
        original = f.read()
    # Blank the CHECK lines so that patterns cannot match themselves in the
    # fixed file; line numbers stay the same.
    cleaned = check_prefix_regex(message_prefixes + fix_prefixes).sub("", original)
    workdir = os.path.join(tmpdir, "fix")
    os.makedirs(workdir)
    src_dir = os.path.dirname(input_path)
    if os.path.isdir(os.path.join(src_dir, "Inputs")):
        # Headers the test includes by relative path: copied, so that fixes in
        # them never touch the source tree.
        shutil.copytree(os.path.join(src_dir, "Inputs"), os.path.join(workdir, "Inputs"))
    fixed_path = os.path.join(workdir, os.path.basename(input_path))
    with open(fixed_path, "w") as f:
        f.write(cleaned)
    fix_flags = flags + ["-iquote", src_dir]

    cmd = [opts.clang_tidy, "-load", opts.tidy_module, "--allow-no-checks",
           "-checks=-*," + (opts.checks or "tightfit-*"), "-fix"]
    if opts.config is not None:
        cmd.append("-config=" + opts.config)
    cmd += opts.tidy_arg + [fixed_path, "--"] + fix_flags
    r = hc.run(cmd, cwd=workdir, timeout=opts.timeout)
    if r.crashed or (r.returncode != 0 and "error:" not in r.stdout + r.stderr):
        return "clang-tidy -fix failed:\n" + describe(Run("tidy -fix", r, [], []))
    with open(fixed_path) as f:
        fixed = f.read()

    if uses_prefixes(original, fix_prefixes):
        fc = filecheck(opts, input_path, fixed, fix_prefixes, tmpdir, "fixed-copy",
                       ["--strict-whitespace"])
        if fc.returncode != 0:
            return ("CHECK-FIXES did not match the fixed file (%s):\n%s%s"
                    % (hc.quote(fc.args), fc.stdout, fc.stderr))
    elif fixed != cleaned:
        diff = "".join(difflib.unified_diff(
            cleaned.splitlines(True), fixed.splitlines(True), "before-fix", "after-fix"))
        return ("the input has no %s line, but clang-tidy -fix changed it:\n%s"
                % ("/".join(fix_prefixes), diff))

    compile_cmd = [hc.compiler_for(input_path), "-fsyntax-only"] + fix_flags + [fixed_path]
    c = hc.run(compile_cmd, cwd=workdir, timeout=opts.timeout)
    if c.returncode != 0:
        return ("the fixed file does not compile (%s):\n%s%s"
                % (hc.quote(compile_cmd), c.stdout, c.stderr))
    if opts.verbose:
        print("--- fixed file ---")
        print(fixed, end="")
    return None


def parse_args(argv):
    harness_args, flags = hc.split_dashdash(argv)
    p = argparse.ArgumentParser(
        prog="check_frontends.py",
        description="Runs tightfit's front-ends on INPUT, compares them, FileChecks the result.",
        epilog="Compile flags follow '--'.")
    p.add_argument("input")
    p.add_argument("--frontends", default=",".join(FRONTENDS),
                   help="comma-separated subset of tidy,plugin,cli (default: all)")
    p.add_argument("--checks", default=None,
                   help="check glob; clang-tidy gets '-*,GLOB' (default: tightfit-*)")
    p.add_argument("--config", default=None, help="YAML/JSON configuration for all front-ends")
    p.add_argument("--check-prefixes", "--check-prefix", dest="check_prefixes",
                   default="CHECK-MESSAGES")
    p.add_argument("--expect-no-diagnostics", action="store_true")
    p.add_argument("--fix", action="store_true", help="also check clang-tidy's fixes")
    p.add_argument("--fix-prefixes", default=None,
                   help="default: the message prefixes with MESSAGES replaced by FIXES")
    p.add_argument("--plugin-mode", choices=("compile", "syntax-only"), default="compile",
                   help="compile with -c -o TMP (default) or -fsyntax-only")
    p.add_argument("--tidy-arg", action="append", default=[], help="extra clang-tidy argument")
    p.add_argument("--plugin-arg", action="append", default=[], help="extra compiler argument")
    p.add_argument("--cli-arg", action="append", default=[], help="extra tightfit argument")
    p.add_argument("--timeout", type=int, default=600, help="seconds per command")
    p.add_argument("--keep-tmp", action="store_true", help="keep the temporary directory")
    p.add_argument("-v", "--verbose", action="store_true", help="print raw front-end output")
    for name, help_text in (("cli", "tightfit"), ("tidy-module", "libtightfit-tidy.so"),
                            ("plugin", "tightfit-plugin.so"), ("clang", "clang"),
                            ("clangxx", "clang++"), ("clang-tidy", "clang-tidy"),
                            ("filecheck", "FileCheck")):
        p.add_argument("--" + name, default=None, help="path of " + help_text)
    opts = p.parse_args(harness_args)
    for attr, tool in (("cli", "cli"), ("tidy_module", "tidy_module"), ("plugin", "plugin"),
                       ("clang", "clang"), ("clangxx", "clangxx"),
                       ("clang_tidy", "clang_tidy"), ("filecheck", "filecheck")):
        if getattr(opts, attr) is None:
            setattr(opts, attr, hc.tool(tool))
    # hc.compiler_for() reads the environment.
    os.environ["TIGHTFIT_CLANG"] = opts.clang
    os.environ["TIGHTFIT_CLANGXX"] = opts.clangxx
    return opts, flags


def main(argv):
    opts, flags = parse_args(argv)
    input_path = os.path.realpath(opts.input)
    if not os.path.isfile(input_path):
        hc.die("check_frontends.py: no such input: %s" % opts.input)

    requested = [f.strip() for f in opts.frontends.split(",") if f.strip()]
    for f in requested:
        if f not in FRONTENDS:
            hc.die("check_frontends.py: unknown front-end '%s' (tidy, plugin, cli)" % f)
    allowed = os.environ.get("TIGHTFIT_FRONTENDS")
    frontends = [f for f in FRONTENDS if f in requested
                 and (not allowed or f in allowed.split(","))]
    if not frontends:
        print("check_frontends.py: no requested front-end is enabled "
              "(TIGHTFIT_FRONTENDS=%s); nothing checked" % allowed)
        return 0

    artefact = {"tidy": opts.tidy_module, "plugin": opts.plugin, "cli": opts.cli}
    missing = [f for f in frontends if not os.path.exists(artefact[f])]
    if missing:
        hc.die("check_frontends.py: front-end not built: %s\n(build with "
               "`ninja -C build`, or limit front-ends with --frontends / "
               "lit --param frontends=...)"
               % ", ".join("%s (%s)" % (f, artefact[f]) for f in missing), 1)

    message_prefixes = [p for p in opts.check_prefixes.split(",") if p]
    if opts.fix_prefixes:
        fix_prefixes = [p for p in opts.fix_prefixes.split(",") if p]
    else:
        fix_prefixes = [p.replace("MESSAGES", "FIXES") if "MESSAGES" in p else p + "-FIXES"
                        for p in message_prefixes]

    tmpdir = tempfile.mkdtemp(prefix="tightfit-check-fe-")
    try:
        return check(opts, input_path, flags, frontends, message_prefixes,
                     fix_prefixes, tmpdir)
    finally:
        if opts.keep_tmp:
            sys.stderr.write("check_frontends.py: kept %s\n" % tmpdir)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)


def check(opts, input_path, flags, frontends, message_prefixes, fix_prefixes, tmpdir):
    cwd = os.getcwd()
    runs = []
    for name in frontends:
        cmd = frontend_command(name, opts, input_path, flags, tmpdir)
        r = hc.run(cmd, timeout=opts.timeout)
        groups, bare = normalise(r.stdout + "\n" + r.stderr, cwd)
        run = Run(name, r, groups, bare)
        runs.append(run)
        if opts.verbose:
            print(describe(run))

    failed = False
    for run in runs:
        problem = check_exit_code(run)
        if problem:
            print("check_frontends.py: error: %s\n%s" % (problem, describe(run)))
            failed = True
    if failed:
        return 1

    reference = runs[0]
    for other in runs[1:]:
        if other.lines != reference.lines:
            diff = "".join(difflib.unified_diff(
                reference.text.splitlines(True), other.text.splitlines(True),
                reference.name, other.name))
            print("check_frontends.py: error: front-ends disagree (%s vs %s):\n%s"
                  % (reference.name, other.name, diff))
            print("commands:")
            for run in runs:
                print("  [%s] %s" % (run.name, hc.quote(run.result.args)))
            failed = True
    if failed:
        return 1

    output = reference.text
    print("--- normalised diagnostics (%s agree) ---" % ", ".join(r.name for r in runs))
    print(output, end="")
    print("--- end ---")

    if opts.expect_no_diagnostics:
        if output:
            print("check_frontends.py: error: expected no diagnostics")
            return 1
    else:
        with open(input_path) as f:
            source = f.read()
        if not uses_prefixes(source, message_prefixes):
            print("check_frontends.py: error: %s has no %s line; use "
                  "--expect-no-diagnostics for inputs without findings"
                  % (input_path, "/".join(p + ":" for p in message_prefixes)))
            return 1
        fc = filecheck(opts, input_path, output, message_prefixes, tmpdir,
                       "normalised-diagnostics",
                       ["--implicit-check-not={{warning|error}}:"])
        if fc.returncode != 0:
            print("check_frontends.py: error: FileCheck failed (%s)" % hc.quote(fc.args))
            sys.stdout.flush()
            sys.stderr.write(fc.stdout + fc.stderr)
            return 1

    if opts.fix:
        problem = run_fix_mode(opts, input_path, flags, tmpdir, message_prefixes, fix_prefixes)
        if problem:
            print("check_frontends.py: error: " + problem)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
