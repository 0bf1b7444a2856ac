#!/usr/bin/env bash
# bench/scale-sweep.sh [options] [PACKAGE...]
#
# Runs every tightfit check over real code nobody here wrote, one process per
# translation unit, under a sanitized build (TIGHTFIT_SANITIZE=ON), and
# reports what a robustness sweep must show: zero crashes, zero sanitizer
# reports, zero hangs, with the time and peak memory of every TU.
#
# Packages (Debian source packages, fetched at run time by fetch-sources.sh):
#   zlib      C       its own configure + make (bench/realcode/prepare.sh)
#   libuv1    C       CMake, library only
#   leveldb   C++     CMake, library + tests + benchmarks (prepare.sh)
#   snappy    C++     CMake, library + tests + benchmarks (prepare.sh)
#   protobuf  C++     CMake, libprotobuf + libprotobuf-lite + libprotoc + protoc
#   llvm-headers C++  one TU including a large part of LLVM's and Clang's
#                     headers (llvm-19-dev, libclang-19-dev): the large TU
# Default: all of them.
#
# Each TU runs as
#   tightfit -p BUILD FILE --checks=-*,tightfit-* --header-filter=<package>
#            --format=json -o OUT/<package>/<n>.json
# so that records in the package's own headers are analysed too and the
# report is rendered; the JSON is parsed afterwards (a report that is not
# valid JSON counts as a failure). With --all-frontends the clang-tidy module
# and the compiler plugin run on each TU as well (through the build's
# sanitizer-bin/ wrappers, which preload the sanitizer runtime).
#
# Per TU it records the exit status, wall and CPU time and peak RSS (wait4),
# and classifies: ok (0/1), compile errors (3: the package does not parse
# with clang-19 here; reported, not a tightfit failure), input error (2), crash
# (signal, "Stack dump"), sanitizer report ("ERROR: AddressSanitizer",
# "runtime error:", "LeakSanitizer"), hang (the per-TU limit, default 900 s,
# reported with the TU, never silent).
#
# Findings are counted once per package (a record in a header is reported
# by every TU that includes it). Times: CPU seconds are the TU's own; wall
# seconds depend on what else the machine runs.
#
# Lines: "lines" are the lines of the TUs' main files; "lines compiled" are
# the lines each TU's preprocessed form has (clang-19 -E -P, blank lines
# left out), i.e. what the compiler and the checks went through, headers
# included, summed over TUs.
#
# Options:
#   --tightfit PATH   the tool (default: $TIGHTFIT, else build-asan/bin/tightfit)
#   --timeout S       per-TU limit in seconds (default 900)
#   --jobs N          TUs analysed at once (default 2)
#   --out DIR         reports and logs (default: <cache>/scale-sweep)
#   --all-frontends   also run the clang-tidy module and the compiler plugin
#   --limit N         analyse at most N TUs per package (a quick look)
#
# Exit status: 0 no crash, sanitizer report, hang or broken report; 1 any of
# those (each named with a command to reproduce it); 2 usage or setup error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
CACHE="${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}"

log() { printf 'scale-sweep: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

TIGHTFIT="${TIGHTFIT:-$ROOT/build-asan/bin/tightfit}"
TIMEOUT=900
JOBS=2
OUT="$CACHE/scale-sweep"
ALL_FRONTENDS=0
LIMIT=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tightfit) TIGHTFIT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --all-frontends) ALL_FRONTENDS=1; shift ;;
    --limit) LIMIT=$2; shift 2 ;;
    -h|--help) sed -n '2,50p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
PACKAGES=("$@")
[[ ${#PACKAGES[@]} -gt 0 ]] || PACKAGES=(zlib libuv1 leveldb snappy protobuf llvm-headers)

[[ -x "$TIGHTFIT" ]] || die "no tightfit at $TIGHTFIT (build a sanitized tree: cmake -S . -B build-asan -G Ninja -DTIGHTFIT_SANITIZE=ON -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 && ninja -C build-asan)"
# Absolute: each TU runs in its own directory.
TIGHTFIT="$(cd "$(dirname "$TIGHTFIT")" && pwd)/$(basename "$TIGHTFIT")"
TOOL_BUILD="$(cd "$(dirname "$TIGHTFIT")/.." && pwd)"
if [[ -f "$TOOL_BUILD/sanitizer-bin/sanitizers.txt" ]]; then
  log "sanitized build: $TOOL_BUILD"
else
  log "warning: $TOOL_BUILD is not a sanitized build (TIGHTFIT_SANITIZE=ON): crashes and hangs are still found, memory errors may not be"
fi
mkdir -p "$OUT"

# --- packages -------------------------------------------------------------------
# Recipes for the packages bench/realcode/prepare.sh does not know. Each
# prints the build directory holding compile_commands.json.
prepare_cmake_package() {
  local name=$1; shift
  local src build
  src=$("$HERE/fetch-sources.sh" "$name" | tail -n 1)
  build="$CACHE/$name/build"
  log "$name: configuring $src -> $build"
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "$@" \
    >"$CACHE/$name/cmake.log" 2>&1 || { tail -n 30 "$CACHE/$name/cmake.log" >&2; die "$name: cmake failed"; }
  python3 "$HERE/lib/compdb.py" dedupe "$build" >/dev/null
  printf '%s\n' "$build"
}

# One TU that includes a large part of LLVM's and Clang's installed headers.
prepare_llvm_headers() {
  local dir="$OUT/llvm-headers" inc=/usr/lib/llvm-19/include
  [[ -d "$inc/clang/AST" ]] || die "llvm-headers: $inc has no Clang headers (apt-get install libclang-19-dev llvm-19-dev)"
  mkdir -p "$dir"
  python3 - "$dir" "$inc" <<'PY'
import json, os, sys
out, inc = sys.argv[1], sys.argv[2]
# Umbrella headers that pull in most of the AST, Sema, the matchers, the
# driver, tooling, LLVM IR and the ADT and Support libraries; each is a
# header real tools include, with the configuration they are built with.
headers = """
clang/AST/ASTContext.h clang/AST/RecursiveASTVisitor.h clang/AST/StmtVisitor.h
clang/AST/DeclVisitor.h clang/AST/TypeLoc.h clang/AST/ExprCXX.h clang/AST/StmtOpenMP.h
clang/AST/ASTImporter.h clang/AST/VTableBuilder.h clang/AST/RecordLayout.h
clang/ASTMatchers/ASTMatchers.h clang/ASTMatchers/ASTMatchFinder.h
clang/Sema/Sema.h clang/Sema/SemaConsumer.h clang/Sema/Template.h
clang/Lex/Preprocessor.h clang/Lex/HeaderSearch.h clang/Parse/Parser.h
clang/Frontend/CompilerInstance.h clang/Frontend/FrontendActions.h
clang/Driver/Driver.h clang/Driver/Compilation.h clang/Tooling/Tooling.h
clang/Tooling/Refactoring.h clang/Rewrite/Core/Rewriter.h clang/Analysis/CFG.h
clang/Analysis/Analyses/Dominators.h clang/CodeGen/CodeGenAction.h
clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h
llvm/IR/IRBuilder.h llvm/IR/PassManager.h llvm/IR/Verifier.h llvm/IR/IntrinsicInst.h
llvm/IR/DebugInfo.h llvm/Analysis/LoopInfo.h llvm/Analysis/ScalarEvolution.h
llvm/Analysis/TargetTransformInfo.h llvm/CodeGen/MachineFunction.h
llvm/CodeGen/SelectionDAG.h llvm/Transforms/Utils/Cloning.h
llvm/Passes/PassBuilder.h llvm/MC/MCContext.h llvm/Object/ObjectFile.h
llvm/ADT/DenseMap.h llvm/ADT/SmallVector.h llvm/ADT/StringMap.h llvm/ADT/APFloat.h
llvm/ADT/ImmutableMap.h llvm/ADT/IntervalMap.h llvm/ADT/SetVector.h llvm/ADT/MapVector.h
llvm/Support/JSON.h llvm/Support/YAMLTraits.h llvm/Support/CommandLine.h
llvm/Support/VirtualFileSystem.h llvm/Support/ThreadPool.h llvm/Support/Allocator.h
""".split()
headers = [h for h in headers if os.path.exists(os.path.join(inc, h))]
with open(os.path.join(out, "llvm-headers.cpp"), "w") as f:
    f.write("// Generated by bench/scale-sweep.sh: LLVM's and Clang's headers in one TU.\n")
    for h in headers:
        f.write("#include \"%s\"\n" % h)
    f.write("int main() { return 0; }\n")
args = ["clang++-19", "-std=c++17", "-fno-rtti", "-D_GNU_SOURCE", "-D__STDC_CONSTANT_MACROS",
        "-D__STDC_FORMAT_MACROS", "-D__STDC_LIMIT_MACROS", "-isystem", inc,
        "-c", "llvm-headers.cpp", "-o", "llvm-headers.o"]
with open(os.path.join(out, "compile_commands.json"), "w") as f:
    json.dump([{"directory": out, "file": os.path.join(out, "llvm-headers.cpp"),
                "arguments": args}], f, indent=1)
PY
  printf '%s\n' "$dir"
}

declare -A BUILDS
for name in "${PACKAGES[@]}"; do
  case "$name" in
    zlib|leveldb|snappy) BUILDS[$name]=$("$HERE/realcode/prepare.sh" "$name" | tail -n 1) ;;
    libuv1) BUILDS[$name]=$(prepare_cmake_package libuv1 -DLIBUV_BUILD_TESTS=OFF -DLIBUV_BUILD_BENCH=OFF) ;;
    protobuf) BUILDS[$name]=$(prepare_cmake_package protobuf -Dprotobuf_BUILD_TESTS=OFF -Dprotobuf_WITH_ZLIB=OFF) ;;
    llvm-headers) BUILDS[$name]=$(prepare_llvm_headers) ;;
    *) die "no recipe for '$name' (known: zlib libuv1 leveldb snappy protobuf llvm-headers)" ;;
  esac
done

ARGS=()
for name in "${PACKAGES[@]}"; do ARGS+=("$name=${BUILDS[$name]}"); done

# --- the sweep ---------------------------------------------------------------------
exec python3 - "$TIGHTFIT" "$TOOL_BUILD" "$OUT" "$TIMEOUT" "$JOBS" "$ALL_FRONTENDS" "$LIMIT" \
  "$HERE/lib" "${ARGS[@]}" <<'PY'
import json, os, signal, statistics, subprocess, sys, threading, time
from concurrent.futures import ThreadPoolExecutor

tightfit, tool_build, out_dir, timeout, jobs, all_frontends, limit, bench_lib = sys.argv[1:9]
timeout, jobs, all_frontends, limit = float(timeout), int(jobs), all_frontends == "1", int(limit)
sys.path.insert(0, bench_lib)
import benchcommon, compdb

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer",
                   "UndefinedBehaviorSanitizer", "AddressSanitizer:DEADLYSIGNAL")
CRASH_MARKS = ("Stack dump:", "PLEASE submit a bug report")
wrappers = os.path.join(tool_build, "sanitizer-bin")


def run_limited(argv, cwd, log_path):
    """(status, wall seconds, CPU seconds, peak RSS in MiB, hung) of argv,
    killed after timeout."""
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        hung = not timer.is_alive()
        timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    return (code, time.monotonic() - started, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024.0, hung)


def classify(code, hung, log_text, extra_ok=()):
    if hung:
        return "hang"
    if any(m in log_text for m in SANITIZER_MARKS):
        return "sanitizer"
    if code < 0 or any(m in log_text for m in CRASH_MARKS):
        return "crash"
    if code in (0, 1) or code in extra_ok:
        return "ok"
    if code == 3:
        return "compile errors"
    return "exit %d" % code


def preprocessed_lines(entry):
    args = [a for a in compdb.syntax_only_argv(entry) if a != "-fsyntax-only"]
    args[0] = "clang-19" if compdb.is_c(entry) else "clang++-19"
    try:
        r = subprocess.run(args + ["-E", "-P", "-w"], cwd=entry["directory"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=600)
    except subprocess.TimeoutExpired:
        return 0
    return sum(1 for l in r.stdout.splitlines() if l.strip())


def analyse(package, build, header_filter, index, entry):
    path = compdb.abs_file(entry)
    base = os.path.join(out_dir, package, "%04d" % index)
    report = base + ".json"
    argv = [tightfit, "-p", build, path, "--checks=-*,tightfit-*",
            "--header-filter=" + header_filter, "--format=json", "-o", report]
    code, seconds, cpu, rss, hung = run_limited(argv, entry["directory"], base + ".log")
    with open(base + ".log", errors="replace") as f:
        log_text = f.read()
    verdict = classify(code, hung, log_text)
    findings = []
    if verdict in ("ok", "compile errors"):
        try:
            with open(report, encoding="utf-8") as f:
                findings = [[x["check"], x["file"], x["offset"], x["message"]]
                            for x in json.load(f)["findings"]]
        except (OSError, ValueError, KeyError) as e:
            verdict = "broken report (%s)" % e
    result = {"package": package, "file": path, "verdict": verdict, "exit": code,
              "seconds": seconds, "cpu_seconds": cpu, "rss_mib": rss, "findings": findings,
              "command": " ".join(argv), "log": base + ".log",
              "lines": sum(1 for _ in open(path, "rb")),
              "lines_compiled": preprocessed_lines(entry)}
    if all_frontends:
        def is_main(a):
            return not a.startswith("-") and \
                os.path.normpath(os.path.join(entry["directory"], a)) == path
        flags = [a for a in compdb.syntax_only_argv(entry)[1:]
                 if a != "-fsyntax-only" and not is_main(a)]
        runs = {
            "tidy": [os.path.join(wrappers, "clang-tidy") if os.path.isdir(wrappers) else "clang-tidy-19",
                     "-load", os.path.join(tool_build, "lib", "libtightfit-tidy.so"),
                     "--checks=-*,tightfit-*", "--header-filter=" + header_filter, path, "--"] + flags,
            "plugin": [os.path.join(wrappers, "clang" if compdb.is_c(entry) else "clang++")
                       if os.path.isdir(wrappers) else ("clang-19" if compdb.is_c(entry) else "clang++-19"),
                       "-fplugin=" + os.path.join(tool_build, "lib", "tightfit-plugin.so"),
                       "-fplugin-arg-tightfit-header-filter=" + header_filter] + flags
                      + ["-fsyntax-only", path],
        }
        for name, cmd in runs.items():
            c, s, _, r, h = run_limited(cmd, entry["directory"], base + "." + name + ".log")
            with open(base + "." + name + ".log", errors="replace") as f:
                text = f.read()
            v = classify(c, h, text, extra_ok=(1,))
            if v == "exit 1":
                v = "compile errors"
            result[name] = {"verdict": v, "seconds": s, "rss_mib": r, "command": " ".join(cmd)}
            if v not in ("ok", "compile errors") and result["verdict"] in ("ok", "compile errors"):
                result["verdict"] = "%s (%s)" % (v, name)
    return result


packages = []
for spec in sys.argv[9:]:
    name, build = spec.split("=", 1)
    entries = compdb.dedupe(compdb.load(build))
    if limit:
        entries = entries[:limit]
    if name == "llvm-headers":
        header_filter = "^/usr/lib/llvm-19/include/"
    else:
        header_filter = benchcommon.package_header_filter(name, build)
    os.makedirs(os.path.join(out_dir, name), exist_ok=True)
    packages.append((name, build, header_filter, entries))

results = []
lock = threading.Lock()
total = sum(len(p[3]) for p in packages)
started = time.monotonic()


def job(args):
    r = analyse(*args)
    with lock:
        results.append(r)
        print("scale-sweep: [%d/%d] %-14s %5.1f s CPU %6.0f MiB %s %s"
              % (len(results), total, r["verdict"], r["cpu_seconds"], r["rss_mib"],
                 r["package"], os.path.basename(r["file"])), file=sys.stderr, flush=True)
    return r


work = [(name, build, hf, i, e) for name, build, hf, entries in packages
        for i, e in enumerate(entries)]
# The slowest TUs first, so that the pool does not end on one long TU.
work.sort(key=lambda w: w[0] != "llvm-headers")
with ThreadPoolExecutor(max_workers=jobs) as pool:
    list(pool.map(job, work))
elapsed = time.monotonic() - started

with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f, indent=1)

print("scale-sweep: tightfit %s, per-TU limit %.0f s, %d at once, %.0f s in all"
      % (tightfit, timeout, jobs, elapsed))
header = "%-13s %5s %8s %10s %8s %6s %6s %6s %6s %8s %8s %9s %8s %8s" % (
    "package", "TUs", "lines", "compiled", "findings", "errors", "crash", "sanit.", "hang",
    "med. CPU", "max CPU", "max wall", "med. MiB", "max MiB")
print(header)
print("-" * len(header))
bad = []
sums = {"tus": 0, "lines": 0, "compiled": 0, "findings": 0, "errors": 0, "crash": 0,
        "sanitizer": 0, "hang": 0}
row_format = "%-13s %5d %8d %10d %8d %6d %6d %6d %6d %8.1f %8.1f %9.1f %8.0f %8.0f"
all_cpu, all_wall, all_rss = [], [], []
for name, _, _, _ in packages:
    rs = [r for r in results if r["package"] == name]
    if not rs:
        continue
    count = lambda v: sum(1 for r in rs if r["verdict"].startswith(v))
    cpu = [r["cpu_seconds"] for r in rs]
    wall = [r["seconds"] for r in rs]
    rss = [r["rss_mib"] for r in rs]
    all_cpu += cpu
    all_wall += wall
    all_rss += rss
    # A record in a header is reported by every TU that includes it: count
    # each finding once per package.
    distinct = {tuple(f) for r in rs for f in r["findings"]}
    row = {"tus": len(rs), "lines": sum(r["lines"] for r in rs),
           "compiled": sum(r["lines_compiled"] for r in rs),
           "findings": len(distinct), "errors": count("compile errors"),
           "crash": count("crash"), "sanitizer": count("sanitizer"), "hang": count("hang")}
    for k in sums:
        sums[k] += row[k]
    print(row_format % (name, row["tus"], row["lines"], row["compiled"], row["findings"],
                        row["errors"], row["crash"], row["sanitizer"], row["hang"],
                        statistics.median(cpu), max(cpu), max(wall), statistics.median(rss),
                        max(rss)))
    bad += [r for r in rs if r["verdict"] not in ("ok", "compile errors")]
if all_cpu:
    print(row_format % ("total", sums["tus"], sums["lines"], sums["compiled"], sums["findings"],
                        sums["errors"], sums["crash"], sums["sanitizer"], sums["hang"],
                        statistics.median(all_cpu), max(all_cpu), max(all_wall),
                        statistics.median(all_rss), max(all_rss)))
print("(CPU: user + system seconds of the TU's process; MiB: its peak resident memory; "
      "findings: distinct per package)")
print("\nslowest TUs:")
for r in sorted(results, key=lambda r: -r["cpu_seconds"])[:5]:
    print("  %7.1f s CPU %6.0f MiB  %s" % (r["cpu_seconds"], r["rss_mib"], r["file"]))
print("largest TUs by memory:")
for r in sorted(results, key=lambda r: -r["rss_mib"])[:5]:
    print("  %7.1f s CPU %6.0f MiB  %s" % (r["cpu_seconds"], r["rss_mib"], r["file"]))
errors = [r for r in results if r["verdict"] == "compile errors"]
if errors:
    print("TUs with compile errors (clang-19 does not parse them here; not a tightfit failure):")
    for r in errors[:20]:
        print("  %s (%s)" % (r["file"], benchcommon.first_error(open(r["log"], errors="replace").read())))
if bad:
    print("\nFAILURES:")
    for r in bad:
        print("  %s: %s\n    reproduce: %s\n    log: %s" % (r["verdict"], r["file"], r["command"], r["log"]))
    sys.exit(1)
print("\nscale-sweep: no crash, no sanitizer report, no hang in %d TUs" % sums["tus"])
PY
