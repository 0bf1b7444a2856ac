#!/usr/bin/env python3
"""Counts the line endings of each FILE, for FileCheck:

  line-endings.py FILE...
  FILE: crlf=N lf=N cr=N     (lf and cr: bare "\\n" and bare "\\r")
"""

import os
import sys

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    crlf = data.count(b"\r\n")
    print("%s: crlf=%d lf=%d cr=%d" % (os.path.basename(path), crlf,
                                       data.count(b"\n") - crlf, data.count(b"\r") - crlf))
