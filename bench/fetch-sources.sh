#!/usr/bin/env bash
# bench/fetch-sources.sh NAME...
#
# Fetch the Debian source packages NAME... into the real-code cache
# (${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}) and install the
# few binary packages needed to *configure* them (not a full build-dep).
# Idempotent: a package already unpacked in the cache is not fetched again,
# and the deb-src entry is only added when apt has none.
#
# stdout: one line per NAME, the unpacked source directory.
# stderr: progress.
#
# Real code is fetched at run time and never committed to the repository.
set -euo pipefail

CACHE="${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}"
SRC_LIST=/etc/apt/sources.list.d/tightfit-src.sources

log() { printf 'fetch-sources: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

usage() {
  cat >&2 <<'EOF'
usage: bench/fetch-sources.sh [--i686] NAME...
  NAME is a Debian source package (known to the benches: leveldb snappy zlib).
  Sources land in ${TIGHTFIT_REALCODE_DIR:-$HOME/.cache/tightfit/realcode}/NAME/.
  --i686  also install the 32-bit x86 C/C++ headers and libraries
          (g++-multilib) so that TUs can be parsed with --target=i686-linux-gnu.
EOF
  exit 2
}

WANT_I686=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage ;;
    --i686) WANT_I686=1; shift ;;
    --) shift; break ;;
    -*) log "unknown option $1"; usage ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || usage

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root for: $*"; fi
}

# Binary packages needed to configure (and build the generated headers of)
# each source package with CMake + clang-19. Deliberately minimal.
config_deps() {
  case "$1" in
    # Tests and benchmarks are part of the compilation database, so their
    # headers (gtest/gmock/benchmark) must be present for the TUs to parse.
    # Optional libraries the CMake files probe for are installed (or pinned
    # off by prepare.sh) so that every machine analyses the same TUs.
    leveldb) echo "cmake ninja-build clang-19 libsnappy-dev libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev" ;;
    snappy)  echo "cmake ninja-build clang-19 zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev" ;;
    zlib)    echo "make clang-19 bear" ;;
    *)       echo "cmake ninja-build clang-19" ;;
  esac
}

# --- apt source entries -------------------------------------------------------
have_deb_src() {
  # deb822 files with a deb-src type, or one-line "deb-src" entries.
  grep -rqsE '^[[:space:]]*(Types:.*\bdeb-src\b|deb-src[[:space:]])' \
    /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}

add_deb_src() {
  local tmp
  tmp=$(mktemp)
  # Mirror every enabled "Types: deb" stanza of the existing deb822 lists,
  # turning it into a deb-src stanza (same URIs/Suites/Components/Signed-By).
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -e "$f" && "$f" != "$SRC_LIST" ]] || continue
    awk '
      BEGIN { RS = ""; ORS = "\n\n" }
      {
        n = split($0, lines, "\n"); out = ""; isdeb = 0; enabled = 1
        for (i = 1; i <= n; i++) {
          l = lines[i]
          if (l ~ /^#/) continue
          if (l ~ /^Types:/) { if (l ~ /[[:space:]]deb([[:space:]]|$)/) isdeb = 1; l = "Types: deb-src" }
          if (l ~ /^Enabled:[[:space:]]*no/) enabled = 0
          out = out l "\n"
        }
        if (isdeb && enabled) printf "%s\n", out
      }' "$f" >>"$tmp"
  done
  # One-line style lists (sources.list), if that is all the machine has.
  if [[ ! -s "$tmp" ]]; then
    grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' >"$tmp.list" || true
    if [[ -s "$tmp.list" ]]; then
      as_root install -m 0644 "$tmp.list" /etc/apt/sources.list.d/tightfit-src.list
      rm -f "$tmp" "$tmp.list"
      return
    fi
    rm -f "$tmp" "$tmp.list"
    die "found no 'deb' apt source to mirror as deb-src"
  fi
  log "adding $SRC_LIST"
  as_root install -m 0644 "$tmp" "$SRC_LIST"
  rm -f "$tmp"
}

APT_UPDATED=0
apt_update() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq >&2
    APT_UPDATED=1
  fi
}

if ! have_deb_src; then
  add_deb_src
  apt_update
fi

# --- tools needed by the fetch itself -------------------------------------------
need_pkgs=()
command -v dpkg-source >/dev/null 2>&1 || need_pkgs+=(dpkg-dev)
wanted=()
for n in "$@"; do
  read -r -a deps <<<"$(config_deps "$n")"
  wanted+=("${deps[@]}")
done
[[ $WANT_I686 -eq 1 ]] && wanted+=(g++-multilib)
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [[ ${#need_pkgs[@]} -gt 0 ]]; then
  # de-duplicate
  mapfile -t need_pkgs < <(printf '%s\n' "${need_pkgs[@]}" | sort -u)
  log "installing: ${need_pkgs[*]}"
  apt_update
  aptlog=$(mktemp)
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${need_pkgs[@]}" >"$aptlog" 2>&1; then
    cat "$aptlog" >&2; rm -f "$aptlog"
    die "apt-get install failed"
  fi
  rm -f "$aptlog"
fi

# --- fetch and unpack ----------------------------------------------------------
mkdir -p "$CACHE"

# The unpacked tree of NAME in $1 (the directory containing the .dsc).
find_unpacked() {
  local dir=$1 name=$2 d
  for d in "$dir/$name"-*/; do
    [[ -d "$d" && -d "$d/debian" ]] && { printf '%s\n' "${d%/}"; return 0; }
  done
  return 1
}

# As root, the cache under $HOME is not readable by apt's sandbox user; download
# as root directly instead of letting apt warn about it.
SRC_OPTS=()
[[ $(id -u) -eq 0 ]] && SRC_OPTS=(-o APT::Sandbox::User=root)

for name in "$@"; do
  dir="$CACHE/$name"
  mkdir -p "$dir"
  if src=$(find_unpacked "$dir" "$name"); then
    log "$name: already in cache"
    printf '%s\n' "$src"
    continue
  fi
  log "$name: apt-get source"
  # apt-get source refuses to run without source indexes; retry once after
  # an update in case the lists are stale.
  if ! (cd "$dir" && apt-get "${SRC_OPTS[@]}" source -qq --only-source "$name" >&2); then
    APT_UPDATED=0
    apt_update
    (cd "$dir" && apt-get "${SRC_OPTS[@]}" source -qq --only-source "$name" >&2) ||
      die "apt-get source $name failed"
  fi
  src=$(find_unpacked "$dir" "$name") || die "$name: no unpacked tree under $dir"
  printf '%s\n' "$src"
done
