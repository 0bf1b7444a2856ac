#!/usr/bin/env bash
# bench/syntax-ratio.sh [options] [NAME...]   (default: leveldb)
# CPU time of tightfit's padded-record check vs clang++-19 -fsyntax-only on the
# same TUs; see bench/README.md and `bench/syntax-ratio.sh --help`.
set -euo pipefail
exec python3 "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/syntax_ratio.py" "$@"
