#!/usr/bin/env python3
"""Runs a command that reads a named pipe (the gate), acts while the command
is held at the gate, then opens it and reports how the command ended.

  gated_run.py GATE ACTION -- COMMAND...

GATE is created as a FIFO (replacing any file there); the command under test
includes it from a translation unit, so the compiler blocks reading it. Once
the command has opened the gate, which it does only after reading everything
the translation unit includes before it, ACTION runs:

  interrupt          send SIGINT to the command (Ctrl-C), leave the gate shut
  touch:FILE         append a comment line to FILE, then open the gate

The script prints "exit=N" (or "signal=NAME") and passes the command's
standard output and error through. It exits 0 unless the command never
reached the gate within the timeout (exit 2).
"""

import os
import signal
import subprocess
import sys
import time

TIMEOUT = 60


def open_writer(gate, proc):
    """Opens the FIFO for writing once a reader has it open, or None."""
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        if proc.poll() is not None:
            return None
        try:
            return os.open(gate, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: no reader yet
            time.sleep(0.02)
    return None


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    gate, action, command = argv[0], argv[1], argv[3:]
    if os.path.lexists(gate):
        os.remove(gate)
    os.mkfifo(gate)
    # As in a shell's foreground job: Ctrl-C is not ignored, even when this
    # script runs where it is (a background job of a non-interactive shell).
    proc = subprocess.Popen(command,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    fd = open_writer(gate, proc)
    if fd is None:
        proc.kill()
        proc.wait()
        sys.stderr.write("gated_run.py: the command never opened %s\n" % gate)
        return 2
    if action == "interrupt":
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=TIMEOUT)
        finally:
            os.close(fd)
    elif action.startswith("touch:"):
        with open(action[len("touch:"):], "a") as f:
            f.write("// changed while tightfit ran\n")
        os.close(fd)  # The reader sees an empty header and goes on.
        proc.wait(timeout=TIMEOUT)
    else:
        proc.kill()
        sys.stderr.write("gated_run.py: unknown action %s\n" % action)
        return 2
    if proc.returncode < 0:
        print("signal=%s" % signal.Signals(-proc.returncode).name)
    else:
        print("exit=%d" % proc.returncode)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
