#!/usr/bin/env python3
"""Small helpers over a compile_commands.json, shared by the bench scripts.

Used as a module (import compdb) and as a command:

  compdb.py dedupe BUILD_DIR          keep one command per source file
  compdb.py absolutize BUILD_DIR      name the source files by absolute paths
  compdb.py retarget SRC_DIR DST_DIR TRIPLE
                                      copy the database with --target=TRIPLE
  compdb.py files BUILD_DIR           absolute source paths, one a line
  compdb.py count BUILD_DIR           number of entries
"""

import json
import os
import shlex
import sys

DB_NAME = "compile_commands.json"


def load(build_dir):
    with open(os.path.join(build_dir, DB_NAME)) as f:
        return json.load(f)


def save(build_dir, entries):
    os.makedirs(build_dir, exist_ok=True)
    path = os.path.join(build_dir, DB_NAME)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(entries, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def abs_file(entry):
    return os.path.normpath(os.path.join(entry["directory"], entry["file"]))


def argv(entry):
    """The entry's command as an argument vector."""
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def is_c(entry):
    """True when the TU is compiled as C (by driver name or extension)."""
    args = argv(entry)
    if "-x" in args:
        i = args.index("-x")
        if i + 1 < len(args):
            return args[i + 1] in ("c", "c-header")
    for a in args:
        if a.startswith("-x") and len(a) > 2:
            return a[2:] in ("c", "c-header")
    drv = os.path.basename(args[0]) if args else ""
    if drv.startswith("clang++") or drv.startswith("g++") or drv.endswith("c++"):
        return False
    return abs_file(entry).endswith(".c")


# Options that name an output or a dependency file, with a separate value.
_OUT_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ", "-dependency-file"}
# Options that only ask for outputs/dependency files.
_OUT_FLAGS = {"-c", "-S", "-E", "-MD", "-MMD", "-M", "-MM", "-MP", "-save-temps"}


def syntax_only_argv(entry):
    """The entry's command turned into `<compiler> ... -fsyntax-only FILE`.

    Output, dependency-file and compile-only options are dropped; everything
    that affects parsing (defines, includes, language, target) is kept.
    """
    args = argv(entry)
    out = [args[0]]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in _OUT_WITH_VALUE:
            skip = True
            continue
        if a in _OUT_FLAGS:
            continue
        if a.startswith("-o") and len(a) > 2 and not a.startswith("-objc"):
            continue
        if a.startswith("-MF") or a.startswith("-MT") or a.startswith("-MQ"):
            continue
        out.append(a)
    out.append("-fsyntax-only")
    return out


def dedupe(entries):
    """Keep the first command of each source file (CMake lists a file once
    per target that compiles it, e.g. zlib's shared and static libraries)."""
    seen = set()
    kept = []
    for e in entries:
        key = abs_file(e)
        if key in seen:
            continue
        seen.add(key)
        kept.append(e)
    return kept


def absolutize(entries):
    """Name each TU's source file by its absolute path in its command, so that
    the paths of the headers it includes with quotes are absolute too."""
    out = []
    for e in entries:
        f = abs_file(e)
        args = [f if (not a.startswith("-") and
                      os.path.normpath(os.path.join(e["directory"], a)) == f) else a
                for a in argv(e)]
        ne = {k: v for k, v in e.items() if k not in ("command", "arguments")}
        ne["arguments"] = args
        ne["file"] = f
        out.append(ne)
    return out


def retarget(entries, triple):
    """A copy of the database whose commands also pass --target=TRIPLE."""
    out = []
    for e in entries:
        args = argv(e)
        args = [a for a in args if not a.startswith("--target=")]
        args.append("--target=" + triple)
        ne = {k: v for k, v in e.items() if k not in ("command", "arguments")}
        ne["arguments"] = args
        # Absolute file so the copy works wherever it is placed.
        ne["file"] = abs_file(e)
        out.append(ne)
    return out


def main(argv_):
    if len(argv_) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv_[1]
    if cmd == "dedupe" and len(argv_) == 3:
        d = argv_[2]
        entries = load(d)
        kept = dedupe(entries)
        if len(kept) != len(entries):
            # Keep what the build system wrote, for reference.
            with open(os.path.join(d, "compile_commands.full.json"), "w") as f:
                json.dump(entries, f, indent=2)
            save(d, kept)
        print("%d %d" % (len(entries), len(kept)))
        return 0
    if cmd == "absolutize" and len(argv_) == 3:
        save(argv_[2], absolutize(load(argv_[2])))
        return 0
    if cmd == "retarget" and len(argv_) == 5:
        save(argv_[3], retarget(load(argv_[2]), argv_[4]))
        return 0
    if cmd == "files" and len(argv_) == 3:
        for e in load(argv_[2]):
            print(abs_file(e))
        return 0
    if cmd == "count" and len(argv_) == 3:
        print(len(load(argv_[2])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
