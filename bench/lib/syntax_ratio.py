#!/usr/bin/env python3
"""CPU cost of tightfit's padded-record check relative to parsing alone.

For every TU of each package's compile_commands.json, run (sequentially)

  clang:    the TU's own compile command, output options dropped, plus
            -fsyntax-only
  tightfit: tightfit -p BUILD --checks='-*,tightfit-padded-record'
            --format=json FILE

and sum their CPU times (user+sys). The ratio tightfit/clang is the number
to watch: 1.0 would mean the check is free on top of parsing.

With --repeat N each TU is measured N times per tool (alternating the tools)
and the minimum is kept, which filters out scheduling noise.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchcommon as bc  # noqa: E402
import compdb  # noqa: E402

PROG = "syntax-ratio"


def fmt_s(x):
    return "%.2fs" % x


def run_package(name, args, tightfit):
    build = bc.prepare(name, PROG)
    entries = compdb.load(build)
    hf = args.header_filter if args.header_filter is not None else \
        bc.package_header_filter(name, build)
    rows = []
    for i, e in enumerate(entries):
        f = compdb.abs_file(e)
        clang_argv = compdb.syntax_only_argv(e)
        tf_argv = None
        if tightfit:
            tf_argv = [tightfit, "-p", build, "--checks=" + args.checks, "--format=json"]
            if hf:
                tf_argv.append("--header-filter=" + hf)
            tf_argv.append(f)
        best_c = best_t = None
        c_run = t_run = None
        for _ in range(args.repeat):
            c_run = bc.measure(clang_argv, cwd=e["directory"])
            best_c = c_run.cpu if best_c is None else min(best_c, c_run.cpu)
            if tf_argv:
                t_run = bc.measure(tf_argv, cwd=e["directory"], capture_stdout=True,
                                   timeout=args.timeout)
                best_t = t_run.cpu if best_t is None else min(best_t, t_run.cpu)
        row = {"file": f, "clang_cpu": best_c, "clang_rc": c_run.rc}
        if c_run.rc != 0:
            row["clang_error"] = bc.first_error(c_run.stderr)
        if tf_argv:
            row["tightfit_cpu"] = best_t
            row["tightfit_rc"] = t_run.rc
            findings = None
            try:
                findings = len(json.loads(t_run.stdout).get("findings", []))
            except (ValueError, AttributeError):
                pass
            row["findings"] = findings
            if t_run.rc not in (0, 1):
                row["tightfit_error"] = bc.first_error(t_run.stderr)
        rows.append(row)
        if args.verbose:
            bc.log(PROG, "%s [%d/%d] %s clang %.3fs%s" % (
                name, i + 1, len(entries), os.path.relpath(f, os.path.dirname(build)),
                best_c, (" tightfit %.3fs" % best_t) if tf_argv else ""))
    return build, rows


def summarize(name, rows, have_tf):
    c = sum(r["clang_cpu"] for r in rows)
    s = {"package": name, "tus": len(rows), "clang_cpu": c,
         "clang_failed": sum(1 for r in rows if r["clang_rc"] != 0)}
    if have_tf:
        t = sum(r["tightfit_cpu"] for r in rows)
        s.update({
            "tightfit_cpu": t,
            "ratio": (t / c) if c > 0 else None,
            "tightfit_parse_failures": sum(1 for r in rows if r["tightfit_rc"] == 3),
            "tightfit_errors": sum(1 for r in rows if r["tightfit_rc"] not in (0, 1, 3)),
            "findings": sum(r["findings"] or 0 for r in rows),
        })
    return s


def main():
    ap = argparse.ArgumentParser(prog="syntax-ratio.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", default=["leveldb"], metavar="NAME",
                    help="packages (default: leveldb)")
    ap.add_argument("--tightfit", help="tightfit binary (default: $TIGHTFIT or build/bin/tightfit)")
    ap.add_argument("--checks", default=bc.PADDED_CHECKS, help="--checks passed to tightfit")
    ap.add_argument("--header-filter", metavar="REGEX",
                    help="tightfit --header-filter (default: the package's own source and "
                         "build trees; '' for main files only)")
    ap.add_argument("--repeat", type=int, default=1, help="measure each TU N times, keep the minimum")
    ap.add_argument("--clang-only", action="store_true",
                    help="only measure clang -fsyntax-only (no tightfit binary needed)")
    ap.add_argument("--timeout", type=float, default=600, help="per tightfit run, seconds")
    ap.add_argument("--json", metavar="FILE", help="also write per-TU numbers as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each TU as measured")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")

    tightfit = None
    if not args.clang_only:
        tightfit = bc.tightfit_path(args.tightfit)
        if not bc.have_exe(tightfit):
            bc.log(PROG, "error: no tightfit binary at %s (build it, pass --tightfit, "
                   "or use --clang-only)" % tightfit)
            return 2

    summaries, report = [], {}
    for name in args.names:
        bc.log(PROG, "%s: measuring (%d run%s per TU and tool)" % (
            name, args.repeat, "" if args.repeat == 1 else "s"))
        build, rows = run_package(name, args, tightfit)
        s = summarize(name, rows, tightfit is not None)
        summaries.append(s)
        report[name] = {"build": build, "summary": s, "tus": rows}

    have_tf = tightfit is not None
    hdr = "%-10s %5s %19s" % ("package", "TUs", "clang -fsyntax-only")
    if have_tf:
        hdr += " %12s %8s" % ("tightfit", "ratio")
    print(hdr)
    for s in summaries:
        line = "%-10s %5d %19s" % (s["package"], s["tus"], fmt_s(s["clang_cpu"]))
        if have_tf:
            line += " %12s %8s" % (fmt_s(s["tightfit_cpu"]),
                                   "%.3f" % s["ratio"] if s["ratio"] is not None else "n/a")
        print(line)
    if len(summaries) > 1:
        c = sum(s["clang_cpu"] for s in summaries)
        line = "%-10s %5d %19s" % ("total", sum(s["tus"] for s in summaries), fmt_s(c))
        if have_tf:
            t = sum(s["tightfit_cpu"] for s in summaries)
            line += " %12s %8s" % (fmt_s(t), "%.3f" % (t / c) if c > 0 else "n/a")
        print(line)

    rc = 0
    for name in args.names:
        for r in report[name]["tus"]:
            if r["clang_rc"] != 0:
                print("warning: %s: clang -fsyntax-only failed on %s: %s" % (
                    name, r["file"], r.get("clang_error", "")))
            if have_tf and r["tightfit_rc"] not in (0, 1):
                kind = "parse failure" if r["tightfit_rc"] == 3 else "exit %d" % r["tightfit_rc"]
                print("warning: %s: tightfit %s on %s: %s" % (
                    name, kind, r["file"], r.get("tightfit_error", "")))
                rc = 3
    if have_tf:
        tot_c = sum(s["clang_cpu"] for s in summaries)
        tot_t = sum(s["tightfit_cpu"] for s in summaries)
        print("syntax-ratio: clang %.2fs, tightfit %.2fs, ratio %s" % (
            tot_c, tot_t, "%.3f" % (tot_t / tot_c) if tot_c > 0 else "n/a"))
    else:
        print("syntax-ratio: clang %.2fs (tightfit not measured)" %
              sum(s["clang_cpu"] for s in summaries))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    return rc


if __name__ == "__main__":
    sys.exit(main())
