#!/usr/bin/env python3
"""Fault injection around `tightfit --fix`, for the robustness tests.

Every scenario checks the promise of --fix: each file it rewrites holds,
afterwards, either its old content or the complete new content (what an
undisturbed `tightfit --fix` writes), never a mix, a truncation or nothing.

  faults.py kill-loop --tightfit T --project DIR [--runs N] [--seed S]
      SIGKILLs `tightfit -p DIR --fix` N times: at a random moment of the
      run (half of the runs), or right after the k-th file was renamed into
      place (the other half; k random), seen through inotify.
  faults.py full-disk --tightfit T --project DIR --scratch DIR2 [--clang C]
                      [--way=auto|tmpfs|preload]
      Runs `tightfit --fix` with no space left for the new files: on a tmpfs
      of 512 KiB mounted at DIR2 and filled up (tmpfs; needs the right to
      mount), or with an LD_PRELOAD library, built with clang C, that fails
      every write to tightfit's temporary files with ENOSPC (preload). auto:
      tmpfs when it can be mounted, else preload. Then again with space: the
      fix must be applied.
  faults.py fail-writes --match TEXT --scratch DIR [--clang C] -- COMMAND...
      Runs COMMAND with the writes to tightfit's temporary file for each file
      whose path contains TEXT failing with ENOSPC (the LD_PRELOAD library
      above); prints COMMAND's standard error and exit status.
  faults.py change-during-run --tightfit T --file F --after-open H [--delete]
                      [--extra-arg A]...
      Appends a line to F (or, with --delete, deletes F) when the compiler
      opens the header H, which F includes after everything with a fix-it: F
      has been read and analysed, and the analysis is still running (H takes
      a while to parse). tightfit must leave F as it was left: changed, or
      gone.

DIR is a project made by `generate.py fix-project DIR N` (N files, one
record with a fix-it in each, and compile_commands.json). Exit status: 0 the
promise held; 1 it did not (the file and its content are printed); 2 the
scenario could not be set up (e.g. tightfit offered no fix-its).
"""

import argparse
import ctypes
import ctypes.util
import glob
import os
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

IN_OPEN = 0x00000020
IN_MOVED_TO = 0x00000080
EVENT_HEADER = struct.Struct("iIII")


def fail(message):
    sys.stdout.write("faults.py: FAIL: %s\n" % message)
    sys.exit(1)


def cannot(message):
    sys.stdout.write("faults.py: cannot set up: %s\n" % message)
    sys.exit(2)


class Inotify:
    """Just enough of inotify(7) through ctypes."""

    def __init__(self, path, mask):
        self.libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if self.libc.inotify_add_watch(self.fd, os.fsencode(path), mask) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")

    def events(self, timeout):
        """(mask, name) of the events within timeout seconds (may be none)."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return []
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return []
        out, offset = [], 0
        while offset + EVENT_HEADER.size <= len(data):
            _, mask, _, length = EVENT_HEADER.unpack_from(data, offset)
            offset += EVENT_HEADER.size
            name = data[offset:offset + length].rstrip(b"\0").decode(errors="replace")
            offset += length
            out.append((mask, name))
        return out

    def close(self):
        os.close(self.fd)


# --- the project ---------------------------------------------------------------
def project_sources(project):
    return sorted(p for p in glob.glob(os.path.join(project, "*.cpp")))


def read_all(paths):
    out = {}
    for p in paths:
        with open(p, "rb") as f:
            out[p] = f.read()
    return out


def restore(project, originals):
    for p in temporaries(project):
        os.remove(p)
    for p, data in originals.items():
        with open(p, "wb") as f:
            f.write(data)


def temporaries(directory):
    return sorted(glob.glob(os.path.join(directory, ".*.tightfit-*")))


def fix_command(opts, project):
    return [opts.tightfit, "-p", project, "--fix", "-j", "2"]


def run_fix(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          errors="replace", stdin=subprocess.DEVNULL, **kwargs)


def reference(opts, project, originals):
    """The content an undisturbed --fix gives every file, and its wall time."""
    started = time.time()
    r = run_fix(fix_command(opts, project))
    elapsed = time.time() - started
    fixed = read_all(originals)
    if r.returncode not in (0, 1):
        cannot("the undisturbed run failed (exit %d):\n%s" % (r.returncode, r.stderr))
    unchanged = [p for p in originals if fixed[p] == originals[p]]
    if unchanged:
        cannot("tightfit --fix left %d of %d files unchanged (no fix-its?), e.g. %s\n%s"
               % (len(unchanged), len(originals), unchanged[0], r.stderr))
    restore(project, originals)
    return fixed, elapsed


def classify(originals, fixed):
    """Counts of files holding old and new content; fails on anything else."""
    old = new = 0
    for p in originals:
        if not os.path.exists(p):
            fail("%s vanished" % p)
        with open(p, "rb") as f:
            data = f.read()
        if data == originals[p]:
            old += 1
        elif data == fixed[p]:
            new += 1
        else:
            fail("%s holds neither its old nor its new content (%d bytes):\n%s"
                 % (p, len(data), data.decode(errors="replace")))
    return old, new


# --- scenarios -------------------------------------------------------------------
def kill_loop(opts):
    project = os.path.abspath(opts.project)
    originals = read_all(project_sources(project))
    fixed, elapsed = reference(opts, project, originals)
    rng = random.Random(opts.seed)
    outcome = {"before any write": 0, "between writes": 0, "after all writes": 0}
    leftovers = 0
    for run in range(opts.runs):
        restore(project, originals)
        by_rename = run % 2 == 1
        watch = Inotify(project, IN_MOVED_TO) if by_rename else None
        proc = subprocess.Popen(fix_command(opts, project), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        if by_rename:
            wanted = rng.randint(1, max(1, len(originals) - 1))
            seen, deadline = 0, time.time() + 10 * elapsed + 30
            while seen < wanted and proc.poll() is None and time.time() < deadline:
                seen += sum(1 for mask, _ in watch.events(0.05) if mask & IN_MOVED_TO)
            watch.close()
        else:
            time.sleep(rng.uniform(0, 1.2 * elapsed))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        old, new = classify(originals, fixed)
        if new == 0:
            outcome["before any write"] += 1
        elif old == 0:
            outcome["after all writes"] += 1
        else:
            outcome["between writes"] += 1
        left = temporaries(project)
        for p in left:
            if not os.path.basename(p).startswith("."):
                fail("unexpected temporary file %s" % p)
        leftovers += len(left)
    restore(project, originals)
    # A run after all that still works, whatever the kills left behind.
    r = run_fix(fix_command(opts, project))
    old, new = classify(originals, fixed)
    if new != len(originals):
        fail("after the kills, an undisturbed run fixed %d of %d files:\n%s"
             % (new, len(originals), r.stderr))
    restore(project, originals)
    print("faults.py: %d runs killed (%s); every file old or new; %d temporary files left by "
          "the kills; %d files each, undisturbed run %.1f s"
          % (opts.runs, ", ".join("%s: %d" % kv for kv in outcome.items()), leftovers,
             len(originals), elapsed))


def can_mount_tmpfs(where):
    os.makedirs(where, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tightfit-test", where],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


ENOSPC_SHIM = r"""
/* Fails every write to a file whose name contains ".tightfit-" (and the
   text of TIGHTFIT_FAULT_MATCH, when set) with ENOSPC, as a full disk
   would. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int is_temporary(int fd) {
  char link[64], path[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0)
    return 0;
  path[n] = 0;
  const char *match = getenv("TIGHTFIT_FAULT_MATCH");
  return strstr(path, ".tightfit-") != NULL && (!match || strstr(path, match) != NULL);
}

ssize_t write(int fd, const void *buf, size_t count) {
  static ssize_t (*real)(int, const void *, size_t);
  if (!real)
    real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  if (fd > 2 && is_temporary(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, buf, count);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  static ssize_t (*real)(int, const struct iovec *, int);
  if (!real)
    real = (ssize_t(*)(int, const struct iovec *, int))dlsym(RTLD_NEXT, "writev");
  if (fd > 2 && is_temporary(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd, iov, iovcnt);
}
"""


def build_shim(clang, directory):
    shim_c = os.path.join(directory, "enospc.c")
    shim = os.path.join(directory, "enospc.so")
    with open(shim_c, "w") as f:
        f.write(ENOSPC_SHIM)
    r = subprocess.run([clang, "-shared", "-fPIC", "-O1", shim_c, "-o", shim, "-ldl"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        cannot("cannot build the ENOSPC library:\n" + r.stdout)
    return shim


def fail_writes(opts):
    """Runs COMMAND with the writes of the temporary file of each file whose
    path contains MATCH failing with ENOSPC; prints its exit status and
    standard error."""
    scratch = os.path.abspath(opts.scratch)
    os.makedirs(scratch, exist_ok=True)
    env = dict(os.environ)
    env["LD_PRELOAD"] = build_shim(opts.clang, scratch) + (
        ":" + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
    env["TIGHTFIT_FAULT_MATCH"] = opts.match
    r = subprocess.run(opts.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       errors="replace", stdin=subprocess.DEVNULL, env=env)
    sys.stdout.write(r.stderr)
    sys.stdout.write("faults.py: exit status %d\n" % r.returncode)


def fill(directory):
    """Writes a file in directory until the file system is full."""
    path = os.path.join(directory, "filler")
    chunk = b"\0" * 4096
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError:
            pass
    # Small writes may still fit in a partly used page: take those too.
    with open(path, "ab", buffering=0) as f:
        try:
            while True:
                f.write(b"\0")
        except OSError:
            pass
    return path


def full_disk(opts):
    scratch = os.path.abspath(opts.scratch)
    mounted = opts.way != "preload" and can_mount_tmpfs(scratch)
    if opts.way == "tmpfs" and not mounted:
        cannot("cannot mount a tmpfs at %s" % scratch)
    env = dict(os.environ)
    try:
        if mounted:
            way = "a full tmpfs"
            project = os.path.join(scratch, "project")
            shutil.copytree(os.path.abspath(opts.project), project)
            retarget_database(project, os.path.abspath(opts.project))
        else:
            way = "an LD_PRELOAD library failing writes with ENOSPC"
            project = os.path.abspath(opts.project)
            shim = build_shim(opts.clang, scratch)
        originals = read_all(project_sources(project))
        fixed, _ = reference(opts, project, originals)

        if mounted:
            filler = fill(scratch)
        else:
            env["LD_PRELOAD"] = shim + (":" + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
        r = run_fix(fix_command(opts, project), env=env)
        old, new = classify(originals, fixed)
        left = temporaries(project)
        if r.returncode != 2:
            fail("with no space left, tightfit --fix exited with %d (expected 2):\n%s"
                 % (r.returncode, r.stderr))
        if "No space left on device" not in r.stderr:
            fail("the error does not say the disk is full:\n%s" % r.stderr)
        if left:
            fail("temporary files left behind: %s" % ", ".join(left))
        error_lines = [l for l in r.stderr.splitlines() if "error:" in l]
        print("faults.py: no space (%s): exit 2, %d files old, %d new, no temporary files; %s"
              % (way, old, new, error_lines[0] if error_lines else "no error line"))

        if mounted:
            os.remove(filler)
        else:
            env.pop("LD_PRELOAD")
        restore(project, originals)
        r = run_fix(fix_command(opts, project), env=env)
        old, new = classify(originals, fixed)
        if new != len(originals):
            fail("with space again, %d of %d files were fixed:\n%s"
                 % (new, len(originals), r.stderr))
        print("faults.py: with space again: all %d files fixed" % new)
    finally:
        if mounted:
            subprocess.run(["umount", scratch])


def retarget_database(project, old_root):
    path = os.path.join(project, "compile_commands.json")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace(old_root, project))


def change_during_run(opts):
    target = os.path.abspath(opts.file)
    with open(target, "rb") as f:
        original = f.read()
    appended = b"// changed while tightfit was running\n"
    watch = Inotify(os.path.abspath(opts.after_open), IN_OPEN)
    cmd = [opts.tightfit, "--fix", target, "--"] + opts.extra_arg
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace", stdin=subprocess.DEVNULL)
    changed = False
    deadline = time.time() + 600
    while proc.poll() is None and time.time() < deadline:
        if any(mask & IN_OPEN for mask, _ in watch.events(0.05)):
            if opts.delete:
                os.remove(target)
            else:
                with open(target, "ab") as f:
                    f.write(appended)
            changed = True
            break
    watch.close()
    out, err = proc.communicate()
    if not changed:
        cannot("%s was not opened before tightfit finished:\n%s" % (opts.after_open, err))
    if opts.delete:
        if os.path.exists(target):
            fail("the file deleted during the run was written again")
    else:
        with open(target, "rb") as f:
            now = f.read()
        if now != original + appended:
            fail("the file changed during the run was overwritten:\n%s"
                 % now.decode(errors="replace"))
    sys.stdout.write(out)
    sys.stdout.write(err)
    sys.stdout.write("faults.py: exit status %d\n" % proc.returncode)


def main():
    p = argparse.ArgumentParser(description="fault injection around tightfit --fix")
    sub = p.add_subparsers(dest="scenario", required=True)
    k = sub.add_parser("kill-loop")
    k.add_argument("--tightfit", required=True)
    k.add_argument("--project", required=True)
    k.add_argument("--runs", type=int, default=20)
    k.add_argument("--seed", type=int, default=1)
    d = sub.add_parser("full-disk")
    d.add_argument("--tightfit", required=True)
    d.add_argument("--project", required=True)
    d.add_argument("--scratch", required=True)
    d.add_argument("--clang", default=os.environ.get("TIGHTFIT_CLANG", "clang"))
    d.add_argument("--way", choices=("auto", "tmpfs", "preload"), default="auto")
    w = sub.add_parser("fail-writes")
    w.add_argument("--match", required=True)
    w.add_argument("--scratch", required=True)
    w.add_argument("--clang", default=os.environ.get("TIGHTFIT_CLANG", "clang"))
    w.add_argument("command", nargs=argparse.REMAINDER)
    c = sub.add_parser("change-during-run")
    c.add_argument("--tightfit", required=True)
    c.add_argument("--file", required=True)
    c.add_argument("--after-open", required=True)
    c.add_argument("--delete", action="store_true")
    c.add_argument("--extra-arg", action="append", default=[])
    opts = p.parse_args()
    if opts.scenario == "fail-writes" and opts.command[:1] == ["--"]:
        opts.command = opts.command[1:]
    {"kill-loop": kill_loop, "full-disk": full_disk, "fail-writes": fail_writes,
     "change-during-run": change_during_run}[opts.scenario](opts)


if __name__ == "__main__":
    main()
