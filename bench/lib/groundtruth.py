#!/usr/bin/env python3
"""Layout ground truth on real code.

For each package: prepare its compile_commands.json, run

  tightfit -p BUILD --checks='-*,tightfit-padded-record' --format=json FILES

over every TU of the database, then let test/harness/verify_layout.py
rewrite each reported record into the suggested field order, append
static_assert(sizeof(R) == optimalSize) and compile it with the TU's own
command. Any mismatch means tightfit promised a size the compiler does not
produce.

The whole run is repeated for i686 (tightfit gets
--extra-arg=--target=i686-linux-gnu; verify_layout gets a copy of the
database whose commands pass --target=i686-linux-gnu) on the TUs that
compile for that target; when none do (no 32-bit headers: run
bench/fetch-sources.sh --i686), i686 is skipped and the report says so.

Exit status: 0 all verified, 1 any mismatch, 2 usage, 3 a tool crashed,
tightfit failed to parse a TU, or verify_layout could not run.
"""

import argparse
import json
import os
import re
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchcommon as bc  # noqa: E402
import compdb  # noqa: E402

PROG = "layout-groundtruth"
I686 = "i686-linux-gnu"
VERIFY_RE = re.compile(
    r"verify_layout:\s*(\d+)\s+records?\s+verified,\s*(\d+)\s+mismatch(?:es)?,\s*(\d+)\s+not\s+rewritable"
    r"(?:,\s*(\d+)\s+not\s+nameable)?(?:,\s*(\d+)\s+errors?)?")
RECORD_COUNT_KEYS = ("recordsAnalysed", "recordsAnalyzed", "records", "analysedRecords",
                     "analyzedRecords")


def finding_key(f):
    d = f.get("details") or {}
    return (f.get("check"), f.get("file"), f.get("line"), f.get("column"),
            d.get("record"), d.get("target"))


def load_json(text):
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) and isinstance(doc.get("findings"), list) else None


def run_tightfit(tightfit, build, files, extra, checks, timeout, logf):
    """One tightfit invocation over all files; on a crash or unreadable
    output, fall back to one invocation per TU to isolate the culprits.
    Returns (doc, problems) where problems lists (file, description)."""
    base = [tightfit, "-p", build, "--checks=" + checks, "--format=json"] + extra
    r = bc.measure(base + files, capture_stdout=True, timeout=timeout)
    logf.write("$ %s <%d files>\nexit %d, cpu %.2fs\n%s\n" % (
        " ".join(base), len(files), r.rc, r.cpu, r.stderr))
    doc = load_json(r.stdout)
    if doc is not None and r.rc in (0, 1, 3):
        doc.setdefault("summary", {})
        doc["_cpu"] = r.cpu
        return doc, []

    why = "exit %d" % r.rc if doc is None or r.rc not in (0, 1, 3) else "unreadable JSON"
    bc.log(PROG, "tightfit over all TUs: %s; re-running per TU to isolate it" % why)
    merged, seen, problems = [], set(), []
    tus = failed = 0
    cpu = 0.0
    for f in files:
        r = bc.measure(base + [f], capture_stdout=True, timeout=timeout)
        cpu += r.cpu
        logf.write("$ %s %s\nexit %d\n%s\n" % (" ".join(base), f, r.rc, r.stderr))
        d = load_json(r.stdout)
        tus += 1
        if d is None or r.rc not in (0, 1, 3):
            problems.append((f, "exit %d%s: %s\n      reproduce: %s" % (
                r.rc, " (crash)" if r.crashed else "", bc.first_error(r.stderr),
                shlex.join(base + [f]))))
            failed += 1
            continue
        if r.rc == 3:
            failed += 1
        for fd in d["findings"]:
            k = finding_key(fd)
            if k not in seen:
                seen.add(k)
                merged.append(fd)
    doc = {"version": 1, "tool": "tightfit", "findings": merged,
           "summary": {"translationUnits": tus, "failed": failed, "findings": len(merged)},
           "_cpu": cpu}
    return doc, problems


def probe_i686(entries):
    """TUs that compile with --target=i686-linux-gnu, and the first failure."""
    ok, first_fail = [], None
    for e in entries:
        argv = compdb.syntax_only_argv(e) + ["--target=" + I686]
        r = bc.measure(argv, cwd=e["directory"])
        if r.rc == 0:
            ok.append(e)
        elif first_fail is None:
            first_fail = (compdb.abs_file(e), bc.first_error(r.stderr))
    return ok, first_fail


def run_verify(verify, json_path, db_dir, logf):
    argv = [sys.executable, verify, "--json", json_path,
            "--compile-commands", os.path.join(db_dir, "compile_commands.json")]
    r = bc.measure(argv, capture_stdout=True)
    logf.write("$ %s\nexit %d\n%s\n%s\n" % (" ".join(argv), r.rc, r.stdout, r.stderr))
    m = VERIFY_RE.search(r.stdout) or VERIFY_RE.search(r.stderr)
    if not m:
        return None, r
    return {"verified": int(m.group(1)), "mismatches": int(m.group(2)),
            "not_rewritable": int(m.group(3)),
            "not_nameable": int(m.group(4)) if m.group(4) else None,
            "verify_errors": int(m.group(5)) if m.group(5) else None, "rc": r.rc}, r


def flagged_table(findings, limit):
    rows = []
    for f in findings:
        d = f.get("details") or {}
        rows.append("  %-40s %s:%s  %s -> %s bytes (-%s)%s" % (
            d.get("record", "?"), os.path.basename(str(f.get("file"))), f.get("line"),
            d.get("size"), d.get("optimalSize"), d.get("saving"),
            "" if d.get("proven", True) else "  [not proven optimal]"))
    rows.sort()
    out = rows[:limit]
    if len(rows) > limit:
        out.append("  ... %d more" % (len(rows) - limit))
    return out


def leg(name, target, build, db_dir, files, extra, args, tightfit, verify, outdir):
    """One target of one package. Returns a result dict."""
    res = {"package": name, "target": target, "tus": len(files)}
    hf = args.header_filter if args.header_filter is not None else \
        bc.package_header_filter(name, build)
    if hf:
        extra = ["--header-filter=" + hf] + extra
    json_path = os.path.join(outdir, "findings-%s.json" % target)
    with open(os.path.join(outdir, "log-%s.txt" % target), "w") as logf:
        bc.log(PROG, "%s %s: tightfit over %d TUs" % (name, target, len(files)))
        doc, problems = run_tightfit(tightfit, build, files, extra, args.checks,
                                     args.timeout, logf)
        cpu = doc.pop("_cpu", None)
        with open(json_path, "w") as f:
            json.dump(doc, f, indent=2)
        summ = doc.get("summary", {})
        findings = doc["findings"]
        res.update({
            "json": json_path, "tightfit_cpu": cpu, "problems": problems,
            "failed": summ.get("failed", 0),
            "findings": len(findings),
            "records_flagged": len({(f.get("file"), f.get("line"), f.get("column"),
                                     (f.get("details") or {}).get("record")) for f in findings}),
            "records_analysed": next((summ[k] for k in RECORD_COUNT_KEYS if k in summ), None),
            "table": flagged_table(findings, args.max_list),
        })
        if not bc.have_exe(verify) and not os.path.isfile(verify):
            res["verify_error"] = "no %s" % verify
            return res
        bc.log(PROG, "%s %s: verify_layout on %d findings" % (name, target, len(findings)))
        v, r = run_verify(verify, json_path, db_dir, logf)
        if v is None:
            res["verify_error"] = "exit %d, no summary line: %s" % (
                r.rc, bc.first_error(r.stderr or r.stdout))
        else:
            res.update(v)
            # Keep verify_layout's lines about mismatches and errors for the report.
            res["verify_notes"] = [l for l in (r.stdout + r.stderr).splitlines()
                                   if re.match(r"verify_layout: (MISMATCH|ERROR)", l)][:args.max_list]
    return res


def main():
    ap = argparse.ArgumentParser(prog="layout-groundtruth.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", default=["leveldb"], metavar="NAME",
                    help="packages (default: leveldb)")
    ap.add_argument("--tightfit", help="tightfit binary (default: $TIGHTFIT or build/bin/tightfit)")
    ap.add_argument("--verify", default=os.path.join(bc.REPO_DIR, "test", "harness", "verify_layout.py"),
                    help="verify_layout.py to use")
    ap.add_argument("--checks", default=bc.PADDED_CHECKS, help="--checks passed to tightfit")
    ap.add_argument("--header-filter", metavar="REGEX",
                    help="tightfit --header-filter (default: the package's own source and "
                         "build trees; '' for main files only)")
    ap.add_argument("--no-i686", action="store_true", help="only the host target (x86_64)")
    ap.add_argument("--out", help="directory for findings/logs (default: CACHE/NAME/groundtruth)")
    ap.add_argument("--timeout", type=float, default=1800, help="per tightfit invocation, seconds")
    ap.add_argument("--max-list", type=int, default=40, help="flagged records listed per leg")
    args = ap.parse_args()

    tightfit = bc.tightfit_path(args.tightfit)
    if not bc.have_exe(tightfit):
        bc.log(PROG, "error: no tightfit binary at %s (build it or pass --tightfit)" % tightfit)
        return 2
    if not os.path.isfile(args.verify):
        bc.log(PROG, "error: no verify_layout.py at %s" % args.verify)
        return 2

    results, notes = [], []
    for name in args.names:
        build = bc.prepare(name, PROG)
        outdir = args.out and os.path.join(args.out, name) or os.path.join(
            bc.cache_dir(), name, "groundtruth")
        os.makedirs(outdir, exist_ok=True)
        entries = compdb.load(build)
        files = [compdb.abs_file(e) for e in entries]

        results.append(leg(name, "x86_64", build, build, files, [], args,
                           tightfit, args.verify, outdir))

        if args.no_i686:
            notes.append("%s: i686 skipped (--no-i686)" % name)
            continue
        bc.log(PROG, "%s i686: probing which TUs compile for %s" % (name, I686))
        ok, first_fail = probe_i686(entries)
        if not ok:
            notes.append("%s: i686 skipped: no TU compiles for %s (%s: %s); "
                         "bench/fetch-sources.sh --i686 installs the 32-bit headers"
                         % (name, I686, first_fail[0], first_fail[1]))
            continue
        if len(ok) < len(entries):
            notes.append("%s: i686: %d of %d TUs compile for %s; the others are skipped "
                         "(first: %s: %s)" % (name, len(ok), len(entries), I686,
                                              first_fail[0], first_fail[1]))
        db_dir = os.path.join(outdir, "db-i686")
        compdb.save(db_dir, compdb.retarget(ok, I686))
        results.append(leg(name, "i686", build, db_dir, [compdb.abs_file(e) for e in ok],
                           ["--extra-arg=--target=" + I686], args, tightfit, args.verify, outdir))

    mismatch = trouble = False
    fmt = lambda v: "n/a" if v is None else str(v)
    for r in results:
        print("== %s %s" % (r["package"], r["target"]))
        print("  TUs:                 %d (tightfit failed on %s)" % (r["tus"], fmt(r["failed"])))
        print("  records analysed:    %s" % (fmt(r["records_analysed"]) if r["records_analysed"] is not None
                                          else "n/a (findings: %d)" % r["findings"]))
        print("  records flagged:     %d (%d findings)" % (r["records_flagged"], r["findings"]))
        if "verify_error" in r:
            print("  verify_layout:       could not run: %s" % r["verify_error"])
            trouble = True
        else:
            print("  verified:            %d" % r["verified"])
            print("  mismatches:          %d" % r["mismatches"])
            print("  not rewritable:      %d" % r["not_rewritable"])
            if r.get("not_nameable") is not None:
                print("  not nameable:        %d" % r["not_nameable"])
            if r.get("verify_errors") is not None:
                print("  verify errors:       %d" % r["verify_errors"])
            if r["mismatches"]:
                mismatch = True
            elif r.get("verify_errors") or r["rc"] not in (0, 1):
                trouble = True
            for l in r.get("verify_notes", []):
                print("    " + l)
        if r["tightfit_cpu"] is not None:
            print("  tightfit CPU:        %.2fs" % r["tightfit_cpu"])
        for f, why in r["problems"]:
            print("  tightfit problem:    %s: %s" % (f, why))
        if r["problems"] or r["failed"]:
            trouble = True
        if r["table"]:
            print("  flagged:")
            for l in r["table"]:
                print("  " + l)
        print("  findings JSON:       %s" % r["json"])
    for n in notes:
        print("note: " + n)
    rc = 1 if mismatch else 3 if trouble else 0
    tot = lambda k: sum(r.get(k) or 0 for r in results)
    print("layout-groundtruth: %d legs, %d TUs, %d records flagged, %d verified, "
          "%d mismatches, %d not rewritable, %d not nameable, %d verify errors%s" % (
              len(results), tot("tus"), tot("records_flagged"), tot("verified"),
              tot("mismatches"), tot("not_rewritable"), tot("not_nameable"),
              tot("verify_errors"),
              "" if rc == 0 else " (exit %d)" % rc))
    return rc


if __name__ == "__main__":
    sys.exit(main())
