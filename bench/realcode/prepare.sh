#!/usr/bin/env bash
# bench/realcode/prepare.sh [--build] NAME
#
# Produce a compile_commands.json for the Debian source package NAME, compiled
# with clang-19/clang++-19, and print the directory that holds it.
#
#   leveldb  CMake, C++ (+ one C test), tests and benchmarks included
#   snappy   CMake, C++, tests and benchmarks included
#   zlib     C, its own ./configure + make, recorded with bear (Debian's zlib
#            source drops win32/, which its CMakeLists.txt needs)
#
# The sources are fetched into the real-code cache by bench/fetch-sources.sh;
# the build directory is ${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}/NAME/build.
# Each package's generated headers are produced at configure time; they are
# checked to exist. For CMake packages --build additionally compiles the
# whole package (slow; only useful to prove the database compiles). zlib is
# always built (libz.a, example, minigzip: a few seconds), since bear records
# the commands that actually run.
#
# The database keeps one command per source file (CMake lists zlib's sources
# once per library); what CMake wrote is kept as compile_commands.full.json.
#
# Idempotent: re-running reconfigures the existing build directory.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(dirname "$HERE")"
CACHE="${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}"
CC_BIN="${TIGHTFIT_BENCH_CC:-clang-19}"
CXX_BIN="${TIGHTFIT_BENCH_CXX:-clang++-19}"

log() { printf 'prepare: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

BUILD_ALL=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) BUILD_ALL=1; shift ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || die "usage: prepare.sh [--build] NAME"
NAME=$1

KIND=cmake
case "$NAME" in
  leveldb)
    # Optional dependencies are pinned so that every machine gets the same
    # TUs and macros: snappy and sqlite3 on (fetch-sources.sh installs them),
    # the rest off.
    CMAKE_ARGS=(-DLEVELDB_BUILD_TESTS=ON -DLEVELDB_BUILD_BENCHMARKS=ON -DLEVELDB_INSTALL=OFF
                -DHAVE_CRC32C=OFF -DHAVE_TCMALLOC=OFF -DHAVE_KYOTOCABINET=OFF)
    GENERATED=(include/port/port_config.h)
    ;;
  snappy)
    # zlib on (fetch-sources.sh installs it), lzo2 and lz4 off.
    CMAKE_ARGS=(-DSNAPPY_BUILD_TESTS=ON -DSNAPPY_BUILD_BENCHMARKS=ON -DSNAPPY_INSTALL=OFF
                -DHAVE_LIBLZO2=OFF -DHAVE_LIBLZ4=OFF)
    GENERATED=(config.h snappy-stubs-public.h)
    ;;
  zlib)
    KIND=bear
    GENERATED=(zconf.h)
    ;;
  *) die "no recipe for '$NAME' (known: leveldb snappy zlib)" ;;
esac

SRC=$("$BENCH/fetch-sources.sh" "$NAME" | tail -n 1)
BUILD="$CACHE/$NAME/build"

configure_cmake() {
  [[ -f "$SRC/CMakeLists.txt" ]] || die "$SRC has no CMakeLists.txt"
  log "$NAME: configuring $SRC -> $BUILD"
  local cmake_log="$CACHE/$NAME/cmake.log"
  if ! cmake -S "$SRC" -B "$BUILD" -G Ninja \
        -DCMAKE_C_COMPILER="$CC_BIN" -DCMAKE_CXX_COMPILER="$CXX_BIN" \
        -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        "${CMAKE_ARGS[@]}" >"$cmake_log" 2>&1; then
    tail -n 40 "$cmake_log" >&2
    die "$NAME: cmake failed (full log: $cmake_log)"
  fi
  if [[ $BUILD_ALL -eq 1 ]]; then
    log "$NAME: building (ninja)"
    ninja -C "$BUILD" >"$CACHE/$NAME/ninja.log" 2>&1 ||
      { tail -n 40 "$CACHE/$NAME/ninja.log" >&2; die "$NAME: build failed"; }
  fi
}

# zlib: out-of-tree ./configure, then record a real (small) build with bear.
configure_bear_zlib() {
  command -v bear >/dev/null 2>&1 || die "bear is not installed (apt-get install bear)"
  mkdir -p "$BUILD"
  log "$NAME: configuring $SRC -> $BUILD (./configure, CC=$CC_BIN)"
  (cd "$BUILD" && CC="$CC_BIN" CFLAGS="-O2" "$SRC/configure" --static) \
    >"$CACHE/$NAME/configure.log" 2>&1 ||
    { tail -n 40 "$CACHE/$NAME/configure.log" >&2; die "$NAME: configure failed"; }
  log "$NAME: building libz.a example minigzip under bear"
  # bear only sees compilations that run: always start from a clean tree.
  (cd "$BUILD" && { make clean >/dev/null 2>&1 || true; })
  rm -f "$BUILD/compile_commands.json"
  (cd "$BUILD" && bear --output compile_commands.json -- make -j2 libz.a example minigzip) \
    >"$CACHE/$NAME/make.log" 2>&1 ||
    { tail -n 40 "$CACHE/$NAME/make.log" >&2; die "$NAME: build failed"; }
  # make passes ../zlib-*/x.c: use absolute paths, as CMake does.
  python3 "$BENCH/lib/compdb.py" absolutize "$BUILD"
}

case "$KIND" in
  cmake) configure_cmake ;;
  bear) configure_bear_zlib ;;
esac

for g in "${GENERATED[@]}"; do
  [[ -f "$BUILD/$g" ]] || die "$NAME: generated header $g is missing from $BUILD"
done

[[ -f "$BUILD/compile_commands.json" ]] || die "$NAME: cmake wrote no compile_commands.json"
read -r total kept < <(python3 "$BENCH/lib/compdb.py" dedupe "$BUILD")
if [[ "$total" != "$kept" ]]; then
  log "$NAME: $kept TUs ($total commands; kept one per source file)"
else
  log "$NAME: $kept TUs"
fi
printf '%s\n' "$BUILD"
