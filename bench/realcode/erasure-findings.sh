#!/usr/bin/env bash
# bench/realcode/erasure-findings.sh [options] [NAME...]
#
# Runs tightfit-heap-erasure over every TU of Debian source packages that use
# type-erasing wrappers, and summarises what it reports: how many sites, per
# wrapper, library and kind (construction, assignment, copy), and each finding.
#
#   fish    C++ (CMake), callbacks in std::function throughout   (default)
#   spdlog  C++ (CMake), std::function error handlers and workers
#   leveldb snappy    through bench/realcode/prepare.sh
#
# Sources come from bench/fetch-sources.sh (fetched at run time, never
# committed); packages prepare.sh has no recipe for are configured here with
# clang-19 into ${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}/NAME/build,
# after installing the few packages their configuration needs.
#
# Output: per package, the TU count, tightfit's failures, the findings by
# wrapper/library/event, then the findings themselves (paths relative to the
# source tree); the JSON report is kept in CACHE/NAME/erasure/findings.json.
#
# Options:
#   --tightfit PATH     the tool (default: $TIGHTFIT, else build/bin/tightfit)
#   --libraries LIST    judge for these libraries (the check's Libraries
#                       option, e.g. 'libstdc++;libc++'); default: the TU's
#   --in-place          also report values stored in place (ReportInPlace)
#
# Exit status: 0 done; 2 usage or setup error; 3 tightfit failed on a TU.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(dirname "$HERE")"
ROOT="$(dirname "$BENCH")"
CACHE="${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}"
TIGHTFIT="${TIGHTFIT:-$ROOT/build/bin/tightfit}"
LIBRARIES=""
IN_PLACE=false

log() { printf 'erasure-findings: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --tightfit) TIGHTFIT=$2; shift 2 ;;
    --libraries) LIBRARIES=$2; shift 2 ;;
    --in-place) IN_PLACE=true; shift ;;
    -h|--help) sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -gt 0 ]] || set -- fish
[[ -x "$TIGHTFIT" ]] || die "no tightfit binary at $TIGHTFIT (build it, or pass --tightfit)"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root for: $*"; fi
}

install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
}

# Recipes for the packages prepare.sh does not know: the packages their
# configuration needs, CMake arguments, and the targets that generate headers
# the TUs include.
recipe() {
  DEPS=() CMAKE_ARGS=() GENERATE=()
  case "$1" in
    fish)
      DEPS=(libncurses-dev libpcre2-dev gettext)
      CMAKE_ARGS=(-DBUILD_DOCS=OFF -DFISH_USE_SYSTEM_PCRE2=ON -DWITH_GETTEXT=OFF)
      GENERATE=(CHECK-FISH-BUILD-VERSION-FILE)
      ;;
    spdlog)
      DEPS=(libfmt-dev)
      CMAKE_ARGS=(-DSPDLOG_FMT_EXTERNAL=ON -DSPDLOG_BUILD_EXAMPLE=ON -DSPDLOG_BUILD_TESTS=OFF
                  -DSPDLOG_BUILD_BENCH=OFF)
      ;;
    *) return 1 ;;
  esac
}

# Prints the build directory holding compile_commands.json for NAME.
prepare() {
  local name=$1
  case "$name" in
    leveldb|snappy|zlib) "$HERE/prepare.sh" "$name" | tail -n 1; return ;;
  esac
  recipe "$name" || die "no recipe for '$name' (known: fish spdlog leveldb snappy zlib)"
  install_missing cmake ninja-build clang-19 "${DEPS[@]}"
  local src build
  src=$("$BENCH/fetch-sources.sh" "$name" | tail -n 1)
  build="$CACHE/$name/build"
  log "$name: configuring $src -> $build"
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang-19 \
    -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${CMAKE_ARGS[@]}" >"$CACHE/$name/cmake.log" 2>&1 ||
    { tail -n 30 "$CACHE/$name/cmake.log" >&2; die "$name: cmake failed"; }
  if [[ ${#GENERATE[@]} -gt 0 ]]; then
    ninja -C "$build" "${GENERATE[@]}" >"$CACHE/$name/generate.log" 2>&1 ||
      { tail -n 30 "$CACHE/$name/generate.log" >&2; die "$name: generating headers failed"; }
  fi
  python3 "$BENCH/lib/compdb.py" dedupe "$build" >/dev/null
  printf '%s\n' "$build"
}

status=0
for name in "$@"; do
  build=$(prepare "$name")
  src=$(python3 - "$build/compile_commands.json" <<'EOF'
import json, os, sys
entries = json.load(open(sys.argv[1]))
files = [os.path.join(e["directory"], e["file"]) for e in entries]
print(os.path.commonpath([os.path.realpath(f) for f in files]))
EOF
)
  out="$CACHE/$name/erasure"
  mkdir -p "$out"
  mapfile -t files < <(python3 -c '
import json, sys
for e in json.load(open(sys.argv[1])):
    if not e["file"].endswith(".c"):
        print(e["file"])' "$build/compile_commands.json")
  config="{CheckOptions: {tightfit-heap-erasure.ReportInPlace: $IN_PLACE"
  [[ -n "$LIBRARIES" ]] && config+=", tightfit-heap-erasure.Libraries: '$LIBRARIES'"
  config+="}}"
  log "$name: tightfit over ${#files[@]} TUs"
  rc=0
  "$TIGHTFIT" -p "$build" --checks='-*,tightfit-heap-erasure' --config="$config" \
    --header-filter="^$src/.*" --format=json "${files[@]}" \
    >"$out/findings.json" 2>"$out/tightfit.log" || rc=$?
  if [[ $rc -ne 0 && $rc -ne 1 ]]; then
    log "$name: tightfit exited $rc (see $out/tightfit.log)"
    status=3
  fi
  python3 - "$out/findings.json" "$src" "$name" "${#files[@]}" <<'EOF'
import collections, json, os, sys
report_path, src, name, tus = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
report = json.load(open(report_path))
findings = [f for f in report["findings"] if f["check"] == "tightfit-heap-erasure"]
summary = report["summary"]
print("== %s: %s TUs, %d failed, %d heap-erasure findings" % (
    name, tus, summary.get("failed", 0), len(findings)))
by = collections.Counter()
for f in findings:
    d = f.get("details", {})
    by[(d.get("wrapper"), d.get("library"), d.get("event"), d.get("storage"))] += 1
for (wrapper, library, event, storage), n in sorted(by.items()):
    print("   %4d  %-24s %-12s %-13s %s" % (n, wrapper, library, event, storage))
for f in findings:
    print("   %s:%d:%d: %s" % (os.path.relpath(f["file"], src), f["line"], f["column"],
                              f["message"]))
    for n in f["notes"]:
        print("       note: %s:%d:%d: %s" % (os.path.relpath(n["file"], src), n["line"],
                                             n["column"], n["message"]))
print("   report: %s" % report_path)
EOF
done
exit $status
