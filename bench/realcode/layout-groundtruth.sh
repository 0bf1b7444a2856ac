#!/usr/bin/env bash
# bench/realcode/layout-groundtruth.sh [options] [NAME...]   (default: leveldb)
# Run tightfit's padded-record check over a real package and check every
# suggested reordering with test/harness/verify_layout.py, for x86_64 and
# (when the TUs compile for it) i686. Exits non-zero on any mismatch.
# See bench/README.md and `layout-groundtruth.sh --help`.
set -euo pipefail
exec python3 "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib/groundtruth.py" "$@"
