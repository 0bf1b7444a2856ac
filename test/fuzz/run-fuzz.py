#!/usr/bin/env python3
"""Runs tightfit's fuzz target (tightfit-fuzz, test/fuzz/TightfitFuzzer.cpp).

  run-fuzz.py --fuzzer BUILD/bin/tightfit-fuzz --work DIR --replay
      Runs every regression input (test/fuzz/regressions/) and every seed
      once. Works with the libFuzzer build and the standalone one.
  run-fuzz.py --fuzzer BUILD/bin/tightfit-fuzz --work DIR --runs=N [--seed=S] [--fresh]
  run-fuzz.py --fuzzer BUILD/bin/tightfit-fuzz --work DIR --time=SECONDS [--jobs=J]
      Fuzzes from the seed corpus for N executions or SECONDS (libFuzzer
      build only). New interesting inputs accumulate in DIR/corpus, so a
      later run continues where this one stopped (--fresh clears it first);
      crashes, timeouts and out-of-memory inputs land in DIR/artifacts/.

Seeds are the test inputs (test/checks, test/robustness, test/groundtruth),
each with its lit RUN line turned into the fuzz target's `//@` flag line and
the CHECK comments removed, plus the regression inputs. They are written to
DIR/seeds on every run, so new tests become seeds without further work.

Exit status: 0 clean; 1 the fuzz target crashed, hung or ran out of memory
(the input is named; add it to test/fuzz/regressions/ once fixed); 2 usage.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_ROOT = os.path.dirname(HERE)
REGRESSIONS = os.path.join(HERE, "regressions")
DICTIONARY = os.path.join(HERE, "tightfit.dict")
SEED_DIRS = ["checks", "robustness", "groundtruth"]

RUN_RE = re.compile(r"^\s*//\s*RUN:(.*)$")
CHECK_RE = re.compile(r"^\s*//\s*[A-Z][A-Z0-9-]*(-MESSAGES|-FIXES|-NOT|-NEXT|-SAME|-DAG)?[A-Z0-9-]*:")
# Seeds larger than this are left out: libFuzzer mutates small inputs best.
MAX_SEED = 32 * 1024


def seed_flags(lines, is_c):
    """The `//@` line for a test input: the compile flags of its first
    %check_fe or %tightfit RUN line that has any."""
    flags = []
    for line in lines:
        m = RUN_RE.match(line)
        if m and " -- " in m.group(1):
            after = m.group(1).split(" -- ", 1)[1]
            flags = [w for w in after.split() if w.startswith("-") and "%" not in w]
            break
    if is_c and "-xc" not in flags:
        flags.insert(0, "-xc")
    return "//@ " + " ".join(flags) + "\n" if flags else ""


def write_seeds(seed_dir):
    if os.path.isdir(seed_dir):
        shutil.rmtree(seed_dir)
    os.makedirs(seed_dir)
    count = 0
    for sub in SEED_DIRS:
        for path in sorted(glob.glob(os.path.join(TEST_ROOT, sub, "**", "*"), recursive=True)):
            if not path.endswith((".c", ".cpp", ".h")) or not os.path.isfile(path):
                continue
            with open(path, "rb") as f:
                data = f.read()
            if len(data) > MAX_SEED:
                continue
            lines = data.decode("utf-8", errors="surrogateescape").splitlines(True)
            head = seed_flags(lines, path.endswith(".c"))
            body = [l for l in lines if not RUN_RE.match(l) and not CHECK_RE.match(l)]
            text = head + "".join(body)
            name = os.path.relpath(path, TEST_ROOT).replace(os.sep, "__")
            with open(os.path.join(seed_dir, name), "wb") as f:
                f.write(text.encode("utf-8", errors="surrogateescape"))
            count += 1
    for path in sorted(glob.glob(os.path.join(REGRESSIONS, "*"))):
        if os.path.isfile(path) and not path.endswith(".md"):
            shutil.copy(path, os.path.join(seed_dir, "regression__" + os.path.basename(path)))
            count += 1
    return count


def is_libfuzzer(fuzzer):
    try:
        out = subprocess.run([fuzzer, "-help=1"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=120, text=True, errors="replace")
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "libFuzzer" in out.stdout or "Usage:" in out.stdout and "-runs" in out.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--fuzzer", required=True)
    p.add_argument("--work", required=True, help="directory for seeds, corpus and artifacts")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--replay", action="store_true")
    mode.add_argument("--runs", type=int)
    mode.add_argument("--time", type=int, help="seconds")
    p.add_argument("--seed", type=int, default=0, help="libFuzzer's -seed (0: random)")
    p.add_argument("--fresh", action="store_true",
                   help="start from the seeds alone: clear the corpus of earlier runs")
    p.add_argument("--jobs", type=int, default=1, help="parallel fuzzing processes (--time only)")
    p.add_argument("--timeout", type=int, default=60, help="seconds one input may take")
    p.add_argument("--max-len", type=int, default=MAX_SEED)
    p.add_argument("extra", nargs="*", help="more libFuzzer options, after --")
    opts = p.parse_args()

    if not os.access(opts.fuzzer, os.X_OK):
        sys.stderr.write("run-fuzz.py: no fuzz target at %s (build tightfit-fuzz)\n" % opts.fuzzer)
        return 2
    opts.fuzzer = os.path.abspath(opts.fuzzer)
    work = os.path.abspath(opts.work)
    seeds = os.path.join(work, "seeds")
    count = write_seeds(seeds)
    print("run-fuzz.py: %d seeds in %s" % (count, seeds))
    sys.stdout.flush()
    libfuzzer = is_libfuzzer(opts.fuzzer)
    started = time.time()

    if opts.replay:
        inputs = sorted(os.path.join(seeds, n) for n in os.listdir(seeds))
        cmd = [opts.fuzzer] + inputs
        if libfuzzer:
            cmd.insert(1, "-timeout=%d" % opts.timeout)
        r = subprocess.run(cmd)
        print("run-fuzz.py: replayed %d inputs in %.0f s: %s"
              % (len(inputs), time.time() - started, "ok" if r.returncode == 0 else "FAILED"))
        return 0 if r.returncode == 0 else 1

    if not libfuzzer:
        sys.stderr.write("run-fuzz.py: %s is not a libFuzzer build (configure with clang-19, "
                         "-DTIGHTFIT_SANITIZE=ON and libclang-rt-19-dev installed)\n" % opts.fuzzer)
        return 2
    corpus = os.path.join(work, "corpus")
    artifacts = os.path.join(work, "artifacts")
    if opts.fresh and os.path.isdir(corpus):
        shutil.rmtree(corpus)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    cmd = [opts.fuzzer, corpus, seeds,
           "-timeout=%d" % opts.timeout, "-max_len=%d" % opts.max_len,
           "-rss_limit_mb=4096", "-print_final_stats=1",
           "-artifact_prefix=" + artifacts + os.sep]
    if os.path.exists(DICTIONARY):
        cmd.append("-dict=" + DICTIONARY)
    if opts.seed:
        cmd.append("-seed=%d" % opts.seed)
    if opts.runs is not None:
        cmd.append("-runs=%d" % opts.runs)
    else:
        cmd.append("-max_total_time=%d" % opts.time)
        if opts.jobs > 1:
            cmd += ["-jobs=%d" % opts.jobs, "-workers=%d" % opts.jobs]
    cmd += opts.extra
    print("run-fuzz.py: " + " ".join(cmd))
    sys.stdout.flush()
    before = set(os.listdir(artifacts))
    r = subprocess.run(cmd, cwd=work)
    found = sorted(set(os.listdir(artifacts)) - before)
    print("run-fuzz.py: fuzzed for %.0f s, exit status %d" % (time.time() - started, r.returncode))
    if r.returncode != 0 or found:
        for name in found:
            print("run-fuzz.py: failing input: %s" % os.path.join(artifacts, name))
        print("run-fuzz.py: reproduce with: %s INPUT; once fixed, add INPUT to %s"
              % (opts.fuzzer, REGRESSIONS))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
