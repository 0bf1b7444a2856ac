#!/usr/bin/env python3
"""Runs a command and checks its exit status, for RUN lines (lit's shell has
no $?).

  expect-exit.py STATUS [--stdout FILE] [--stderr FILE] [--timeout SECONDS] -- COMMAND...

Passes (exit 0) when COMMAND exits with STATUS within SECONDS (default 300);
fails with a one-line reason otherwise: another status, a signal, a timeout.
"""

import argparse
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit(__doc__)
    split = argv.index("--")
    p = argparse.ArgumentParser()
    p.add_argument("status", type=int)
    p.add_argument("--stdout")
    p.add_argument("--stderr")
    p.add_argument("--timeout", type=float, default=300)
    opts = p.parse_args(argv[:split])
    command = argv[split + 1:]
    out = open(opts.stdout, "wb") if opts.stdout else None
    err = open(opts.stderr, "wb") if opts.stderr else None
    try:
        status = subprocess.run(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                timeout=opts.timeout).returncode
    except subprocess.TimeoutExpired:
        sys.exit("expect-exit.py: %s did not finish within %g s" % (command[0], opts.timeout))
    if status < 0:
        sys.exit("expect-exit.py: %s was killed by signal %d" % (command[0], -status))
    if status != opts.status:
        sys.exit("expect-exit.py: %s exited with %d, expected %d"
                 % (command[0], status, opts.status))


if __name__ == "__main__":
    main()
