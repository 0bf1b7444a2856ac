"""Shared plumbing for the bench scripts: locating tools, preparing packages,
running a command while measuring its CPU time."""

import os
import resource
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_DIR = os.path.dirname(BENCH_DIR)
PADDED_CHECKS = "-*,tightfit-padded-record"


def cache_dir():
    return os.environ.get("TIGHTFIT_REALCODE_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "tightfit", "realcode")


def log(prog, msg):
    print("%s: %s" % (prog, msg), file=sys.stderr, flush=True)


def tightfit_path(explicit=None):
    """The tightfit binary: --tightfit, $TIGHTFIT, or the repo's build/bin."""
    for cand in (explicit, os.environ.get("TIGHTFIT"),
                 os.path.join(REPO_DIR, "build", "bin", "tightfit")):
        if cand:
            return cand
    return None


def have_exe(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def prepare(name, prog):
    """Run bench/realcode/prepare.sh NAME; return the build directory."""
    script = os.path.join(BENCH_DIR, "realcode", "prepare.sh")
    r = subprocess.run([script, name], stdout=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit("%s: prepare.sh %s failed (exit %d)" % (prog, name, r.returncode))
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    if not lines:
        raise SystemExit("%s: prepare.sh %s printed no build directory" % (prog, name))
    return lines[-1]


def source_dir(name):
    """The unpacked source tree of NAME in the cache (as fetch-sources.sh
    leaves it), or None."""
    import glob
    for d in sorted(glob.glob(os.path.join(cache_dir(), name, name + "-*", ""))):
        if os.path.isdir(os.path.join(d, "debian")):
            return d.rstrip("/")
    return None


def ere_escape(text):
    """Escape text for a POSIX extended regular expression (llvm::Regex)."""
    return "".join("\\" + c if c in ".[]()*+?{}|^$\\" else c for c in text)


def package_header_filter(name, build):
    """--header-filter matching the package's own headers (its source tree,
    by absolute or relative path, and its build directory), not the system's."""
    parts = []
    src = source_dir(name)
    if src:
        parts.append("(^|/)" + ere_escape(os.path.basename(src)) + "/")
    parts.append("^" + ere_escape(build.rstrip("/")) + "/")
    return "|".join(parts)


class Run:
    """Outcome of one measured command."""

    def __init__(self, rc, cpu, wall, stdout, stderr):
        self.rc = rc
        self.cpu = cpu          # user + sys seconds of the child (and its waited children)
        self.wall = wall
        self.stdout = stdout
        self.stderr = stderr

    @property
    def crashed(self):
        return self.rc < 0 or self.rc >= 128


def measure(argv, cwd=None, capture_stdout=False, timeout=None):
    """Run argv to completion and return a Run with its CPU time (user+sys).

    Commands are run one at a time, so the RUSAGE_CHILDREN delta is exactly
    the CPU time of this command and of every process it waited for (clang's
    driver runs cc1 in-process; a tool forking helpers is still counted)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, cwd=cwd,
                           stdout=subprocess.PIPE if capture_stdout else subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = -9, e.stdout or b"", (e.stderr or b"") + b"\n[timed out]\n"
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    dec = lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")
    return Run(rc, cpu, wall, dec(out), dec(err))


def first_error(text, limit=200):
    """The first diagnostic-looking line of a compiler's stderr."""
    for line in text.splitlines():
        if "error:" in line or "fatal" in line.lower() or "Assertion" in line:
            return line.strip()[:limit]
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[0].strip()[:limit] if lines else ""
