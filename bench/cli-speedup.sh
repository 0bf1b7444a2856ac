#!/usr/bin/env bash
# bench/cli-speedup.sh [options] [NAME]   (default: leveldb)
#
# The speedup of `tightfit -j2` over `tightfit -j1` on a real code base: a
# Debian source package fetched and configured at run time by
# bench/realcode/prepare.sh (through bench/fetch-sources.sh), analysed whole
# (`tightfit -p BUILD`, every translation unit of its database, the default
# checks, the package's own headers) once per setting and round, the two
# settings alternating. Prints the wall time of each run, the best of each
# setting and
#
#     speedup = best wall time with -j1 / best wall time with -j2
#
# (2.0 would be perfect on two cores), with the CPU time of both (close to
# each other when the parallel run does no extra work), the CPUs each setting
# got (CPU time / wall time), the load average, and how much more work two
# CPU-bound processes get done than one on the machine before and after (the
# most -j2 can gain there): other work lowers the speedup, so measure on an
# otherwise idle machine. On a machine that others share, Linux gives each
# session (autogroup) an equal part of the CPUs, whatever its threads; root
# can give the measurement's own session more weight:
#   setsid sh -c 'echo -15 > /proc/self/autogroup; exec nice -n -15 bench/cli-speedup.sh' It also checks that both
# settings report exactly the same findings.
#
# Options:
#   --repeat N       rounds (default 3); the best of each setting is kept
#   --tightfit PATH  the tool (default: $TIGHTFIT, else build/bin/tightfit)
#   --jobs A,B       the two settings compared (default 1,2)
#   --out DIR        where the reports go (default CACHE/NAME/cli-speedup)
#
# Exit status: 0 measured; 1 the settings disagree on the findings; 2 usage;
# 3 tightfit failed (crash, or translation units that do not compile).
set -euo pipefail
exec python3 - "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" "$@" <<'PY'
import argparse
import filecmp
import os
import sys

sys.path.insert(0, os.path.join(sys.argv[1], "lib"))
import benchcommon as bc  # noqa: E402

PROG = "cli-speedup"

BUSY = "import time\nend = time.monotonic() + 2\nn = 0\nwhile time.monotonic() < end:\n    n += 1\nprint(n)\n"


def parallel_capacity(jobs):
    """How much more work `jobs` CPU-bound processes get done together than
    one alone, in the same time: about `jobs` on an idle machine with that
    many cores, less when other work takes them."""
    import subprocess
    def together(n):
        procs = [subprocess.Popen([sys.executable, "-c", BUSY], stdout=subprocess.PIPE, text=True)
                 for _ in range(n)]
        return sum(int(p.communicate()[0]) for p in procs)
    return together(jobs) / together(1)


def main(argv):
    p = argparse.ArgumentParser(prog="bench/cli-speedup.sh")
    p.add_argument("name", nargs="?", default="leveldb")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--tightfit")
    p.add_argument("--jobs", default="1,2")
    p.add_argument("--out")
    args = p.parse_args(argv)
    try:
        slow, fast = (int(j) for j in args.jobs.split(","))
    except ValueError:
        p.error("--jobs takes two numbers, e.g. 1,2")
    tightfit = bc.tightfit_path(args.tightfit)
    if not bc.have_exe(tightfit):
        bc.log(PROG, "no tightfit binary at %s (build it, or pass --tightfit)" % tightfit)
        return 2

    build = bc.prepare(args.name, PROG)
    out = args.out or os.path.join(bc.cache_dir(), args.name, "cli-speedup")
    os.makedirs(out, exist_ok=True)
    header_filter = bc.package_header_filter(args.name, build)

    def command(jobs, report):
        return [tightfit, "-p", build, "-j", str(jobs), "--format=json",
                "--header-filter=" + header_filter, "-o", report]

    def run(jobs, label):
        report = os.path.join(out, "findings-j%d.json" % jobs)
        r = bc.measure(command(jobs, report))
        summary = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        bc.log(PROG, "%s -j%d: %.1f s wall, %.1f s CPU (%s)" % (label, jobs, r.wall, r.cpu, summary))
        if r.crashed or r.rc not in (0, 1):
            bc.log(PROG, "tightfit -j%d exited with %d:\n%s" % (jobs, r.rc, r.stderr[-2000:]))
            raise SystemExit(3)
        return r, report

    load_before = os.getloadavg()
    capacity_before = parallel_capacity(fast)
    bc.log(PROG, "%s: warming the file cache" % args.name)
    run(fast, "warm-up")
    walls = {slow: [], fast: []}
    cpus = {slow: [], fast: []}
    reports = {}
    for round_ in range(args.repeat):
        order = (slow, fast) if round_ % 2 == 0 else (fast, slow)
        for jobs in order:
            r, reports[jobs] = run(jobs, "round %d" % (round_ + 1))
            walls[jobs].append(r.wall)
            cpus[jobs].append(r.cpu)
    load_after = os.getloadavg()
    capacity_after = parallel_capacity(fast)

    same = filecmp.cmp(reports[slow], reports[fast], shallow=False)
    import json
    doc = json.load(open(reports[fast]))
    units = doc["summary"]["translationUnits"]
    best_slow, best_fast = min(walls[slow]), min(walls[fast])
    print("package:          %s (%d translation units)" % (args.name, units))
    print("findings:         %d (%s for -j%d and -j%d)"
          % (len(doc["findings"]), "identical" if same else "DIFFERENT", slow, fast))
    for jobs in (slow, fast):
        print("-j%-2d wall time:    %s s (best %.1f s); CPU %s s"
              % (jobs, " ".join("%.1f" % w for w in walls[jobs]), min(walls[jobs]),
                 " ".join("%.1f" % c for c in cpus[jobs])))
    print("speedup:          %.2f (-j%d over -j%d, best wall times)" % (best_slow / best_fast, fast, slow))
    # CPU seconds per wall second of the best runs: about 1 and 2 on an idle
    # two-core machine; less when other work takes the cores.
    print("CPUs used:        %s"
          % ", ".join("-j%d %.2f" % (jobs, cpus[jobs][walls[jobs].index(min(walls[jobs]))]
                                      / min(walls[jobs])) for jobs in (slow, fast)))
    print("load average:     %.2f before, %.2f after (1 min; other work lowers the speedup)"
          % (load_before[0], load_after[0]))
    print("machine:          %d busy loops do %.2f, then %.2f, times the work of one "
          "(the most -j%d can gain)" % (fast, capacity_before, capacity_after, fast))
    print("reports:          %s" % out)
    return 0 if same else 1


sys.exit(main(sys.argv[2:]))
PY
