#!/usr/bin/env python3
"""Prints what a SARIF log says, one fact a line, in a fixed order, for
FileCheck (SARIF writers need not keep key order):

  tool NAME VERSION
  rule ID short=TEXT help=yes|no
  result RULE LEVEL FILE:LINE:COLUMN MESSAGE
    related FILE:LINE:COLUMN MESSAGE
    fix FILE byte OFFSET+LENGTH -> TEXT
    fingerprint KEY
    saving N                    (properties.tightfit.details.saving)
  invocation successful=true|false
    notification LEVEL MESSAGE

FILE is the file name of the artifact URI. With --apply, also applies each
result's fixes to the files the URIs name, as a code-scanning service would.

  sarif_summary.py LOG.sarif [--apply]
"""

import json
import os
import sys
from urllib.parse import unquote, urlparse


def path_of(location):
    return unquote(urlparse(location["artifactLocation"]["uri"]).path)


def place(location):
    physical = location["physicalLocation"]
    region = physical.get("region", {})
    return "%s:%s:%s" % (os.path.basename(path_of(physical)), region.get("startLine"),
                         region.get("startColumn"))


def main(argv):
    log = json.load(open(argv[0]))
    apply = "--apply" in argv[1:]
    edits = {}
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        print("tool %s %s" % (driver["name"], driver.get("version")))
        for rule in driver.get("rules", []):
            print("rule %s short=%s help=%s" % (
                rule["id"], rule.get("shortDescription", {}).get("text", ""),
                "yes" if rule.get("help", {}).get("markdown") else "no"))
        for result in run.get("results", []):
            locations = result.get("locations", [])
            print("result %s %s %s %s" % (
                result["ruleId"], result.get("level"),
                place(locations[0]) if locations else "(no location)",
                result["message"]["text"]))
            for related in result.get("relatedLocations", []):
                print("  related %s %s" % (place(related), related["message"]["text"]))
            for fix in result.get("fixes", []):
                for change in fix["artifactChanges"]:
                    path = path_of(change)
                    for r in change["replacements"]:
                        region = r["deletedRegion"]
                        text = r.get("insertedContent", {}).get("text", "")
                        print("  fix %s byte %d+%d -> %s" % (
                            os.path.basename(path), region["byteOffset"], region["byteLength"],
                            json.dumps(text)))
                        edits.setdefault(path, []).append(
                            (region["byteOffset"], region["byteLength"], text))
            for key in sorted(result.get("partialFingerprints", {})):
                print("  fingerprint %s" % key)
            details = result.get("properties", {}).get("tightfit", {}).get("details")
            if details is not None:
                print("  saving %s" % details.get("saving"))
        for invocation in run.get("invocations", []):
            print("invocation successful=%s" % str(invocation["executionSuccessful"]).lower())
            for n in invocation.get("toolExecutionNotifications", []):
                print("  notification %s %s" % (n.get("level"), n["message"]["text"]))
    if apply:
        for path, changes in edits.items():
            data = open(path, "rb").read()
            for offset, length, text in sorted(changes, reverse=True):
                data = data[:offset] + text.encode() + data[offset + length:]
            open(path, "wb").write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
