"""Shared helpers of tightfit's test harness scripts.

The scripts find the tools they drive through environment variables, which
test/lit.cfg.py sets; outside lit they fall back to the default build tree
(<source>/build, or $TIGHTFIT_BUILD_DIR) and to LLVM 19 in /usr/lib/llvm-19.
"""

import os
import shutil
import subprocess
import sys

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HARNESS_DIR))
LLVM_BIN = os.environ.get("TIGHTFIT_LLVM_BIN", "/usr/lib/llvm-19/bin")


def build_dir():
    return os.environ.get("TIGHTFIT_BUILD_DIR", os.path.join(SOURCE_ROOT, "build"))


def _llvm_tool(name, versioned):
    candidate = os.path.join(LLVM_BIN, name)
    if os.path.exists(candidate):
        return candidate
    return shutil.which(versioned) or candidate


def tool(name):
    """Path of one of the tools the harness runs, by logical name."""
    env = {
        "cli": "TIGHTFIT_CLI",
        "tidy_module": "TIGHTFIT_TIDY_MODULE",
        "plugin": "TIGHTFIT_PLUGIN",
        "clang": "TIGHTFIT_CLANG",
        "clangxx": "TIGHTFIT_CLANGXX",
        "clang_tidy": "TIGHTFIT_CLANG_TIDY",
        "filecheck": "TIGHTFIT_FILECHECK",
    }[name]
    value = os.environ.get(env)
    if value:
        return value
    if name == "cli":
        return os.path.join(build_dir(), "bin", "tightfit")
    if name == "tidy_module":
        return os.path.join(build_dir(), "lib", "libtightfit-tidy.so")
    if name == "plugin":
        return os.path.join(build_dir(), "lib", "tightfit-plugin.so")
    if name == "clang":
        return _llvm_tool("clang", "clang-19")
    if name == "clangxx":
        return _llvm_tool("clang++", "clang++-19")
    if name == "clang_tidy":
        return _llvm_tool("clang-tidy", "clang-tidy-19")
    return _llvm_tool("FileCheck", "FileCheck-19")


def is_c_source(path):
    """C translation units are compiled by clang, everything else by clang++."""
    return path.endswith(".c") or path.endswith(".i")


def compiler_for(path):
    return tool("clang") if is_c_source(path) else tool("clangxx")


def split_dashdash(argv):
    """Splits argv at the first '--': (harness arguments, compile flags)."""
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, []


def quote(args):
    import shlex
    return " ".join(shlex.quote(a) for a in args)


class Result:
    def __init__(self, args, returncode, stdout, stderr):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    @property
    def crashed(self):
        text = self.stdout + self.stderr
        return (self.returncode < 0 or "PLEASE submit a bug report" in text
                or "Stack dump:" in text)


def run(args, cwd=None, timeout=600, input_text=None):
    """Runs a command; never raises for a failing command."""
    try:
        proc = subprocess.run(args, cwd=cwd, input=input_text,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, text=True, errors="replace")
        return Result(args, proc.returncode, proc.stdout, proc.stderr)
    except FileNotFoundError as e:
        return Result(args, 127, "", "cannot run %s: %s\n" % (args[0], e))
    except PermissionError as e:
        return Result(args, 126, "", "cannot run %s: %s\n" % (args[0], e))
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return Result(args, 124, out, err + "\ntimed out after %ss\n" % timeout)


def die(message, code=2):
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.exit(code)
