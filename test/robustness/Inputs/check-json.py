#!/usr/bin/env python3
"""Checks that a report of `tightfit --format=json|sarif` is valid JSON in
valid UTF-8 (RFC 8259 allows nothing else), and prints one line per finding
for FileCheck:

  check-json.py FILE
  finding <file name> <line>:<column> <message>
"""

import json
import os
import sys


def main():
    path = sys.argv[1]
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        sys.exit("check-json.py: %s is not UTF-8 at byte %d: %r"
                 % (path, e.start, data[max(0, e.start - 20):e.start + 20]))
    try:
        doc = json.loads(text)
    except ValueError as e:
        sys.exit("check-json.py: %s is not JSON: %s" % (path, e))
    if "runs" in doc:  # SARIF
        for run in doc["runs"]:
            for result in run.get("results", []):
                loc = result["locations"][0]["physicalLocation"]
                uri = loc["artifactLocation"]["uri"]
                region = loc.get("region", {})
                print("finding %s %s:%s %s" % (os.path.basename(uri), region.get("startLine"),
                                               region.get("startColumn"),
                                               result["message"]["text"]))
    else:
        for finding in doc["findings"]:
            print("finding %s %s:%s %s" % (os.path.basename(finding["file"]), finding["line"],
                                           finding["column"], finding["message"]))


if __name__ == "__main__":
    main()
