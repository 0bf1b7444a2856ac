#!/usr/bin/env bash
# bench/realcode/layout-fix.sh [options] [NAME...]      (default: zlib leveldb)
#
# Applies tightfit-padded-record's fix-its to real code and proves they are
# safe: for each Debian source package NAME (fetched by bench/fetch-sources.sh
# into the real-code cache, never committed),
#
#   1. "before": a pristine copy is built with clang and its own test suite
#      run; the compiler warnings of the build are recorded;
#   2. "after": a second copy gets the fix-its, applied the way users apply
#      them: `tightfit -p BUILD --checks=-*,tightfit-padded-record --fix`
#      over its whole compile_commands.json (records in the package's headers
#      included: the tool rewrites one only when every translation unit that
#      reads the header proposes the same edits), or with --apply=clang-tidy
#      `clang-tidy-19 -load libtightfit-tidy.so -checks=-*,tightfit-padded-record
#      -fix` over each translation unit (records in main files only);
#      repeated while a run still changes files (a fix-it that overlapped
#      another one waits for the next run); it is then rebuilt from scratch
#      and its test suite run;
#   3. the verdict: the fixed copy must build, pass every test the pristine
#      copy passes (a test failing in both is the package's own and is
#      listed), and produce no compiler warning the pristine build did not
#      (warnings are compared without line numbers, which the reordering
#      shifts).
#
# The report per package, from `tightfit --format=json` over the pristine
# copy (the package's own headers included): records reported, records
# fixed (a fix-it was offered and the record is no longer reported after the
# fix), the bytes those save per instance in total, and the refusals by
# reason: the check's (its `no fix-it:` note, by code) and the tool's (a
# fix-it the translation units do not agree on: `tool:` and its reason). The
# last lines sum all packages.
#
# Packages (the recipes are below; each builds with clang-19):
#   zlib     C, ./configure + make (-Wall -Wextra); tests: `make test`
#            (example and minigzip round trips, static, shared and 64-bit
#            offset builds)
#   lz4      C, make; tests: `make -C tests check` (its essential CLI
#            round trips) and a benchmark run of the lz4 CLI (`lz4 -b`),
#            which exercises the benchmark parameters the fix reorders
#   leveldb  C++, CMake; tests: ctest (leveldb_tests, c_test, env tests)
#   snappy   C++, CMake; tests: ctest (snappy_unittest)
# CMake test suites run with `ctest --repeat until-pass:3` in both copies
# (some leveldb tests depend on background compaction timing), each copy with
# its own TEST_TMPDIR. The logs say how many tries a test needed.
#
# Options:
#   --build DIR   tightfit build directory (default: build/, or $TIGHTFIT_BUILD_DIR)
#   --apply HOW   cli (default) or clang-tidy: which front-end applies the fix-its
#   --jobs N      parallel build jobs (default: 2)
#   --keep        keep the work trees (default: kept anyway, in the cache)
#   -h, --help
#
# Exit status: 0 every package built and passed its tests with no new
# warning; 1 a build break, a test failure or a new warning; 2 usage or
# setup errors (package fetch, tools missing).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(dirname "$HERE")"
ROOT="$(dirname "$BENCH")"
CACHE="${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}"
BUILD_DIR="${TIGHTFIT_BUILD_DIR:-$ROOT/build}"
JOBS=2
APPLY=cli
CC_BIN=clang-19
CXX_BIN=clang++-19
CLANG_TIDY=clang-tidy-19

log() { printf 'layout-fix: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

PACKAGES=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD_DIR=$(cd "$2" && pwd); shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --apply) APPLY=$2; shift 2 ;;
    --keep) shift ;;
    -h|--help) sed -n '2,40p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) PACKAGES+=("$1"); shift ;;
  esac
done
[[ ${#PACKAGES[@]} -gt 0 ]] || PACKAGES=(zlib leveldb)
[[ $APPLY == cli || $APPLY == clang-tidy ]] || die "--apply takes cli or clang-tidy, not '$APPLY'"

MODULE="$BUILD_DIR/lib/libtightfit-tidy.so"
TIGHTFIT="$BUILD_DIR/bin/tightfit"
[[ -f "$MODULE" ]] || die "no clang-tidy module at $MODULE (build tightfit-tidy)"
[[ -x "$TIGHTFIT" ]] || die "no tightfit at $TIGHTFIT (build tightfit)"
command -v "$CLANG_TIDY" >/dev/null || die "$CLANG_TIDY not found"
command -v "$CC_BIN" >/dev/null || die "$CC_BIN not found"

# --- recipes ------------------------------------------------------------------
# Each recipe defines, for a copy of the sources in $1 (build in $1/.lf-build):
#   configure_NAME DIR   write DIR/.lf-build/compile_commands.json
#   build_NAME DIR LOG   build everything the tests need, output to LOG
#   test_NAME DIR LOG    run the package's tests, output to LOG

# make-based packages: the compile commands are those of a real build of
# DIR, recorded by bear (`make ARGS...`).
record_make() {
  local dir=$1; shift
  mkdir -p "$dir/.lf-build"
  (cd "$dir" && bear --output .lf-build/compile_commands.json -- \
     make -j"$JOBS" "$@" >/dev/null 2>&1) || return 1
  # bear also records clang's internal -cc1 jobs: keep the driver commands.
  python3 - "$dir/.lf-build/compile_commands.json" <<'PY'
import json, sys
path = sys.argv[1]
entries = [e for e in json.load(open(path)) if "-cc1" not in e.get("arguments", [])[1:2]]
json.dump(entries, open(path, "w"), indent=1)
PY
  python3 "$BENCH/lib/compdb.py" absolutize "$dir/.lf-build" >/dev/null
}

configure_zlib() {
  local dir=$1
  (cd "$dir" && make distclean >/dev/null 2>&1 || true)
  (cd "$dir" && CC="$CC_BIN" CFLAGS="-O2 -Wall -Wextra" ./configure >"$dir/.lf-configure.log" 2>&1) ||
    return 1
  record_make "$dir" all
}
build_zlib() {
  local dir=$1 out=$2
  (cd "$dir" && make clean >/dev/null 2>&1 || true)
  (cd "$dir" && make -j"$JOBS" all) >"$out" 2>&1
}
test_zlib() {
  local dir=$1 out=$2
  (cd "$dir" && make test) >"$out" 2>&1
}

configure_lz4() {
  local dir=$1
  (cd "$dir" && make clean >/dev/null 2>&1 || true)
  record_make "$dir" CC="$CC_BIN" lz4
}
build_lz4() {
  local dir=$1 out=$2
  (cd "$dir" && make clean >/dev/null 2>&1 || true)
  (cd "$dir" && make -j"$JOBS" CC="$CC_BIN" lz4 && make -C tests -j"$JOBS" CC="$CC_BIN" datagen) >"$out" 2>&1
}
test_lz4() {
  local dir=$1 out=$2
  {
    make -C "$dir/tests" CC="$CC_BIN" check &&
    "$dir/tests/datagen" -g8M -P50 >"$dir/tests/tmp-lf-bench" &&
    "$dir/lz4" -b1e3 -i1 "$dir/tests/tmp-lf-bench" &&
    "$dir/lz4" -b9 -i1 -B4D "$dir/tests/tmp-lf-bench" &&
    rm -f "$dir/tests/tmp-lf-bench"
  } >"$out" 2>&1
}

# The package's own warning flags (leveldb builds with -Werror under clang,
# so any new warning breaks it), plus -Wreorder: mem-initializer lists must
# follow the new declaration order.
cmake_configure() {
  local dir=$1; shift
  cmake -S "$dir" -B "$dir/.lf-build" -G Ninja \
    -DCMAKE_C_COMPILER="$CC_BIN" -DCMAKE_CXX_COMPILER="$CXX_BIN" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_CXX_FLAGS="-Wreorder" \
    "$@" >"$dir/.lf-cmake.log" 2>&1
}
cmake_build() {
  local dir=$1 out=$2
  ninja -C "$dir/.lf-build" -t clean >/dev/null 2>&1 || true
  ninja -C "$dir/.lf-build" -j"$JOBS" >"$out" 2>&1
}
cmake_test() {
  local dir=$1 out=$2
  # Each copy gets its own scratch directory: leveldb's tests otherwise share
  # /tmp/leveldbtest-UID with any other leveldb test run on the machine.
  # Timing-dependent tests (compaction on a loaded machine) get three tries,
  # before and after the fix alike.
  mkdir -p "$dir/.lf-tmp"
  TEST_TMPDIR="$dir/.lf-tmp" ctest --test-dir "$dir/.lf-build" -j"$JOBS" --output-on-failure \
    --repeat until-pass:3 >"$out" 2>&1
}

configure_leveldb() {
  cmake_configure "$1" -DLEVELDB_BUILD_TESTS=ON -DLEVELDB_BUILD_BENCHMARKS=ON -DLEVELDB_INSTALL=OFF
}
build_leveldb() { cmake_build "$@"; }
test_leveldb() { cmake_test "$@"; }

configure_snappy() {
  cmake_configure "$1" -DSNAPPY_BUILD_TESTS=ON -DSNAPPY_BUILD_BENCHMARKS=OFF -DSNAPPY_INSTALL=OFF
}
build_snappy() { cmake_build "$@"; }
test_snappy() { cmake_test "$@"; }

# --- helpers ----------------------------------------------------------------------

# The translation units of a compile database, one per line, deduplicated.
tus_of() {
  python3 - "$1" <<'PY'
import json, os, sys
seen = []
for e in json.load(open(sys.argv[1])):
    f = os.path.normpath(os.path.join(e.get("directory", "."), e["file"]))
    if f not in seen:
        seen.append(f)
print("\n".join(seen))
PY
}

# Compiler warnings of a build log as "file|message [flag]" lines (paths
# relative to the tree, line numbers dropped), sorted.
warnings_of() {
  python3 - "$1" "$2" <<'PY'
import os, re, sys
log, tree = sys.argv[1], os.path.realpath(sys.argv[2])
pat = re.compile(r"^(?P<file>[^:\s][^:]*):\d+:\d+: warning: (?P<msg>.*)$")
out = []
for line in open(log, errors="replace"):
    # Parallel builds interleave output: a warning line may come indented.
    m = pat.match(line.strip())
    if not m:
        continue
    path = os.path.realpath(m.group("file"))
    rel = os.path.relpath(path, tree) if path.startswith(tree) else os.path.basename(path)
    out.append("%s|%s" % (rel, m.group("msg")))
print("\n".join(sorted(out)))
PY
}

# The padded-record findings of a tree, as JSON, by the standalone tool.
findings_of() {
  local dir=$1 out=$2
  mapfile -t files < <(tus_of "$dir/.lf-build/compile_commands.json")
  "$TIGHTFIT" -p "$dir/.lf-build" --checks='-*,tightfit-padded-record' --format=json \
    --header-filter="^$(realpath "$dir")/" "${files[@]}" >"$out" 2>"$out.log" || true
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$out" 2>/dev/null ||
    die "tightfit printed no JSON for $dir (see $out.log)"
}

# The failing GoogleTest cases of a test log ("Suite.Test"), sorted: a test
# that fails in the pristine copy too is the package's, not the fix's.
failures_of() {
  grep -oE '^\[  FAILED  \] [A-Za-z0-9_/]+\.[A-Za-z0-9_/]+ \(' "$1" 2>/dev/null |
    sed -E 's/^\[  FAILED  \] //; s/ \($//' | sort -u || true
}

# --- one package -------------------------------------------------------------------

TOTAL_STATUS=0
SUMMARY=()

run_package() {
  local name=$1
  declare -F "configure_$name" >/dev/null || die "no recipe for '$name' (known: zlib lz4 leveldb snappy)"
  local src
  src=$("$BENCH/fetch-sources.sh" "$name" | tail -n 1) || die "cannot fetch $name"
  local work="$CACHE/$name/layout-fix"
  rm -rf "$work"
  mkdir -p "$work"
  local before="$work/before" after="$work/after"
  cp -a "$src" "$before"
  cp -a "$src" "$after"

  log "$name: before: configure, build, test"
  "configure_$name" "$before" || die "$name: configure failed (before)"
  local broken=0 failed=0
  "build_$name" "$before" "$work/build-before.log" || die "$name: the pristine copy does not build ($work/build-before.log)"
  local pristine_ok=1
  "test_$name" "$before" "$work/test-before.log" || pristine_ok=0
  failures_of "$work/test-before.log" >"$work/failures-before.txt"
  if [[ $pristine_ok -eq 0 && ! -s "$work/failures-before.txt" ]]; then
    die "$name: the pristine copy fails its tests ($work/test-before.log)"
  fi
  findings_of "$before" "$work/findings-before.json"

  log "$name: after: apply the fix-its"
  "configure_$name" "$after" || die "$name: configure failed (after)"
  mapfile -t files < <(tus_of "$after/.lf-build/compile_commands.json")
  local pass
  for pass in 1 2 3; do
    local snapshot="$work/snapshot-$pass"
    (cd "$after" && find . -path ./.lf-build -prune -o -type f -print0 | sort -z | xargs -0 md5sum) >"$snapshot"
    if [[ $APPLY == cli ]]; then
      "$TIGHTFIT" -p "$after/.lf-build" --checks='-*,tightfit-padded-record' \
        --header-filter="^$(realpath "$after")/" --fix >"$work/fix-$pass.log" 2>&1 || true
    else
      "$CLANG_TIDY" -load "$MODULE" --allow-no-checks -checks='-*,tightfit-padded-record' -fix \
        -p "$after/.lf-build" "${files[@]}" >"$work/fix-$pass.log" 2>&1 || true
    fi
    if grep -q "Stack dump\|PLEASE submit" "$work/fix-$pass.log"; then
      die "$name: clang-tidy crashed (see $work/fix-$pass.log)"
    fi
    (cd "$after" && find . -path ./.lf-build -prune -o -type f -print0 | sort -z | xargs -0 md5sum) \
      >"$snapshot.after"
    if cmp -s "$snapshot.after" "$snapshot"; then
      break
    fi
  done
  # The source changes (in-tree builds leave objects around: not compared;
  # zlib's ./configure writes configure.log into the tree).
  (cd "$work" && diff -ru --exclude=.lf-build --exclude='.lf-*' --exclude=configure.log before after |
     grep -v '^Binary files \|^Only in ' >"$work/fix.diff" || true)
  findings_of "$after" "$work/findings-after.json"

  log "$name: after: build, test"
  if ! "build_$name" "$after" "$work/build-after.log"; then
    broken=1
    log "$name: BUILD BREAK (see $work/build-after.log)"
  elif ! "test_$name" "$after" "$work/test-after.log"; then
    # Only failures the pristine copy did not have count.
    failures_of "$work/test-after.log" >"$work/failures-after.txt"
    if [[ ! -s "$work/failures-after.txt" ]] ||
       comm -13 "$work/failures-before.txt" "$work/failures-after.txt" | grep -q .; then
      failed=1
      log "$name: TEST FAILURE (see $work/test-after.log)"
    fi
  fi
  warnings_of "$work/build-before.log" "$before" >"$work/warnings-before.txt"
  warnings_of "$work/build-after.log" "$after" >"$work/warnings-after.txt"
  # New warnings: in after, not in before (as multisets).
  local new_warnings
  new_warnings=$(python3 - "$work/warnings-before.txt" "$work/warnings-after.txt" <<'PY'
import collections, sys
b = collections.Counter(l for l in open(sys.argv[1]).read().splitlines() if l)
a = collections.Counter(l for l in open(sys.argv[2]).read().splitlines() if l)
for w, n in sorted((a - b).items()):
    print("%d x %s" % (n, w))
PY
)

  local report
  report=$(python3 - "$name" "$work/findings-before.json" "$work/findings-after.json" "$work/fix.diff" <<'PY'
import collections, json, sys
name, before, after, diff = sys.argv[1:5]
def records(path):
    out = {}
    for f in json.load(open(path))["findings"]:
        if f.get("check") != "tightfit-padded-record":
            continue
        d = f.get("details") or {}
        out.setdefault((f["file"].split("/layout-fix/", 1)[-1].split("/", 1)[-1], d.get("record")), d)
    return out
b, a = records(before), records(after)
fixed = [(k, d) for k, d in b.items()
         if (d.get("fixIt") or {}).get("offered") and k not in a]
offered_still = [k for k, d in b.items() if (d.get("fixIt") or {}).get("offered") and k in a]
reasons = collections.Counter()
def tool_reason(text):
    # The standalone tool's reasons (lib/findings/FixPlan.cpp), by kind.
    for key, words in (("units-disagree", "do not all propose"),
                       ("read-by-units-not-reporting", "that do not report"),
                       ("overlaps-other-fix", "conflicts with the fix-it"),
                       ("outside-run", "outside this run")):
        if words in text:
            return "tool:" + key
    return "tool:" + text
for f in json.load(open(before))["findings"]:
    if f.get("check") != "tightfit-padded-record":
        continue
    r = ((f.get("details") or {}).get("fixIt") or {}).get("refusal")
    fix = f.get("fix") or {}
    if r:
        reasons[r.get("code", "?")] += 1
    elif fix and not fix.get("applicable", True):
        reasons[tool_reason(fix.get("reason", ""))] += 1
changed = sum(1 for l in open(diff, errors="replace") if l.startswith("+++ "))
print("records reported: %d" % len(b))
print("records fixed: %d (%s)" % (len(fixed), ", ".join("%s -%d" % (k[1], d["saving"]) for k, d in fixed) or "none"))
print("bytes saved per instance: %d" % sum(d["saving"] for k, d in fixed))
print("files changed: %d" % changed)
if offered_still:
    print("fix-its offered but still reported after the fix: %s" % ", ".join(k[1] for k in offered_still))
print("refusals: %s" % (", ".join("%s %d" % kv for kv in sorted(reasons.items())) or "none"))
print("SUM %d %d %d %s" % (len(b), len(fixed), sum(d["saving"] for k, d in fixed),
                            json.dumps(dict(reasons))))
PY
)
  local status=ok
  [[ $broken -eq 0 ]] || status="BUILD BREAK"
  [[ $failed -eq 0 ]] || status="TEST FAILURE"
  [[ -z "$new_warnings" ]] || { [[ $status == ok ]] && status="NEW WARNINGS"; }
  [[ $status == ok ]] || TOTAL_STATUS=1
  local tests_before
  tests_before=$(grep -cE '^(PASS|  *[0-9]+/[0-9]+ Test .*Passed)' "$work/test-before.log" || true)
  printf '== %s (%s)\n' "$name" "$(basename "$src")"
  printf '%s\n' "$report" | grep -v '^SUM '
  printf 'build after fix: %s\n' "$([[ $broken -eq 0 ]] && echo ok || echo BROKEN)"
  if [[ -s "$work/failures-before.txt" ]]; then
    printf 'tests after fix: %s; failing in the pristine copy too: %s\n' \
      "$([[ $broken -eq 0 && $failed -eq 0 ]] && echo "no new failure" || echo FAILED)" \
      "$(tr '\n' ' ' <"$work/failures-before.txt")"
  else
    printf 'tests after fix: %s\n' "$([[ $broken -eq 0 && $failed -eq 0 ]] && echo "all passed" || echo FAILED)"
  fi
  printf 'new compiler warnings: %s\n' "$([[ -z "$new_warnings" ]] && echo 0 || echo "$new_warnings" | wc -l)"
  [[ -z "$new_warnings" ]] || printf '%s\n' "$new_warnings" | sed 's/^/  /'
  printf 'verdict: %s  (logs, diff and findings in %s)\n' "$status" "$work"
  SUMMARY+=("$(printf '%s\n' "$report" | grep '^SUM ')")
}

for p in "${PACKAGES[@]}"; do
  run_package "$p"
done

python3 - "${SUMMARY[@]}" <<'PY'
import collections, json, sys
reported = fixed = saved = 0
reasons = collections.Counter()
for line in sys.argv[1:]:
    _, r, f, s, js = line.split(" ", 4)
    reported += int(r); fixed += int(f); saved += int(s)
    reasons.update(json.loads(js))
print("== total: %d records reported, %d fixed, %d bytes saved per instance in total; refusals: %s"
      % (reported, fixed, saved, ", ".join("%s %d" % kv for kv in sorted(reasons.items())) or "none"))
PY
if [[ $TOTAL_STATUS -eq 0 ]]; then
  echo "layout-fix: every package built and passed its tests after the fix, with no new warning"
else
  echo "layout-fix: FAILED (see above)"
fi
exit $TOTAL_STATUS
