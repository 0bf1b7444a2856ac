#!/usr/bin/env python3
"""Runtime cross-check of tightfit-heap-erasure against the real libraries.

For each library configuration, compiles test/erasure/Inputs/corpus.cpp (or
--corpus) with that library, runs it (every case prints how many times the
global operator new ran during its `// site` statement), runs tightfit on the
same file with the same flags and ReportInPlace (so every site gets a
verdict), and compares the verdict's `allocations` with the observed count.

Any disagreement, any site without a verdict, or fewer than --min-cases cases
fails. The table (case x configuration: predicted/observed) is printed, and
written as Markdown with --table-out.

    cross_check.py --config=libstdc++ --config=libc++ [--min-cases=40]

Tools: $TIGHTFIT_CLI (default <source>/build/bin/tightfit), $TIGHTFIT_CLANGXX
(default /usr/lib/llvm-19/bin/clang++); lit sets both.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
CHECK = "tightfit-heap-erasure"

# name -> (flags for both the compiler and tightfit, needs libc++ at run time)
CONFIGS = {
    "libstdc++": (["-std=c++23", "--target=x86_64-linux-gnu"], False),
    "libstdc++-i686": (["-std=c++23", "--target=i686-linux-gnu"], False),
    "libc++": (["-std=c++23", "--target=x86_64-linux-gnu", "-stdlib=libc++"], True),
    "libc++-optimized-function": (
        ["-std=c++23", "--target=x86_64-linux-gnu", "-stdlib=libc++",
         "-D_LIBCPP_ABI_OPTIMIZED_FUNCTION"], True),
}


def tool(env, default):
    return os.environ.get(env) or default


def parse_corpus(path):
    """{case name: site line} from CASE(...) blocks and `// site` markers."""
    sites = {}
    current = None
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = re.match(r"\s*CASE\((\w+)\)", line)
            if m:
                current = m.group(1)
            if re.search(r"//\s*site\b", line):
                if current is None:
                    raise SystemExit("%s:%d: site outside a CASE" % (path, number))
                if current in sites:
                    raise SystemExit("%s:%d: second site in %s" % (path, number, current))
                sites[current] = number
    return sites


def run(cmd, env=None, expect=(0,)):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, universal_newlines=True)
    if proc.returncode not in expect:
        sys.stderr.write("command failed (%d): %s\n%s\n" % (
            proc.returncode, " ".join(cmd), proc.stderr[-4000:]))
        raise SystemExit(2)
    return proc.stdout


def libcxx_library_dir(clangxx):
    # /usr/lib/llvm-19/bin/clang++ -> /usr/lib/llvm-19/lib
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(clangxx))), "lib")


def observe(config, corpus, work, clangxx):
    flags, libcxx = CONFIGS[config]
    binary = os.path.join(work, "corpus-" + config)
    run([clangxx, "-O0", "-w"] + flags + [corpus, "-o", binary])
    env = dict(os.environ)
    if libcxx:
        lib = libcxx_library_dir(clangxx)
        env["LD_LIBRARY_PATH"] = lib + (":" + env["LD_LIBRARY_PATH"]
                                        if env.get("LD_LIBRARY_PATH") else "")
    observed = {}
    for line in run([binary], env=env).splitlines():
        name, count = line.split()
        observed[name] = int(count)
    return observed


def predict(config, corpus, tightfit):
    flags, _ = CONFIGS[config]
    out = run([tightfit, "--checks=-*," + CHECK, "--format=json",
               "--config={CheckOptions: {%s.ReportInPlace: true}}" % CHECK,
               corpus, "--"] + flags, expect=(0, 1))
    report = json.loads(out)
    by_line = {}
    corpus_real = os.path.realpath(corpus)
    for f in report["findings"]:
        if f["check"] != CHECK or os.path.realpath(f["file"]) != corpus_real:
            continue
        by_line.setdefault(f["line"], []).append(f)
    return by_line


def cross_check(config, corpus, sites, work, tightfit, clangxx):
    observed = observe(config, corpus, work, clangxx)
    findings = predict(config, corpus, tightfit)
    rows = []
    for name, count in observed.items():
        line = sites.get(name)
        if line is None:
            rows.append((name, None, count, "no site in the corpus"))
            continue
        at = findings.get(line, [])
        if len(at) != 1:
            rows.append((name, None, count,
                         "no verdict" if not at else "%d verdicts" % len(at)))
            continue
        details = at[0].get("details") or {}
        predicted = details.get("allocations")
        rows.append((name, predicted, count,
                     "ok" if predicted == count else "MISMATCH: " + at[0]["message"]))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", action="append", choices=sorted(CONFIGS), required=True)
    parser.add_argument("--corpus", default=os.path.join(HERE, "Inputs", "corpus.cpp"))
    parser.add_argument("--min-cases", type=int, default=40)
    parser.add_argument("--work-dir")
    parser.add_argument("--table-out")
    args = parser.parse_args()

    tightfit = tool("TIGHTFIT_CLI", os.path.join(SOURCE_ROOT, "build", "bin", "tightfit"))
    clangxx = tool("TIGHTFIT_CLANGXX", "/usr/lib/llvm-19/bin/clang++")
    corpus = os.path.abspath(args.corpus)
    sites = parse_corpus(corpus)
    work = args.work_dir or tempfile.mkdtemp(prefix="tightfit-erasure-")
    os.makedirs(work, exist_ok=True)

    failed = False
    table = {}
    for config in args.config:
        rows = cross_check(config, corpus, sites, work, tightfit, clangxx)
        bad = [r for r in rows if r[3] != "ok"]
        for name, predicted, count, verdict in rows:
            shown = "-" if predicted is None else str(predicted)
            print("%-26s %-32s predicted %-2s observed %-2s %s" % (
                config, name, shown, count, verdict))
            table.setdefault(name, {})[config] = (shown, count)
        print("cross_check: %s: %d cases, %d agree, %d disagree or without verdict" % (
            config, len(rows), len(rows) - len(bad), len(bad)))
        if bad or len(rows) < args.min_cases:
            if len(rows) < args.min_cases:
                print("cross_check: %s: fewer than %d cases" % (config, args.min_cases))
            failed = True

    if args.table_out:
        with open(args.table_out, "w") as out:
            out.write("| case | " + " | ".join(args.config) + " |\n")
            out.write("|---|" + "---|" * len(args.config) + "\n")
            for name, cells in table.items():
                out.write("| %s | %s |\n" % (name, " | ".join(
                    "%s/%s" % cells[c] if c in cells else "n/a" for c in args.config)))
    if not args.work_dir:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
