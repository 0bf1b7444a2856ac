#!/usr/bin/env python3
"""Validates tightfit --format=json output against findings.schema.json.

Usage (lit: %validate_findings):
  tightfit --format=json f.cpp -- ... | validate_findings.py -
  validate_findings.py FINDINGS.json [--schema=PATH]

Exit 0 when valid, 1 when not (each violation printed), 2 on usage errors.
Needs python3-jsonschema.
"""

import argparse
import json
import os
import sys

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "findings.schema.json")


def load_schema(path=SCHEMA):
    with open(path) as f:
        return json.load(f)


def violations(document, schema=None):
    """Human-readable schema violations of a parsed document (empty: valid)."""
    import jsonschema
    validator = jsonschema.Draft7Validator(schema or load_schema())
    out = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "(document)"
        out.append("%s: %s" % (where, error.message))
    return out


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input", help="findings JSON file, or - for stdin")
    p.add_argument("--schema", default=SCHEMA)
    opts = p.parse_args(argv)
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        sys.stderr.write("validate_findings.py: python3-jsonschema is not installed\n")
        return 2
    try:
        text = sys.stdin.read() if opts.input == "-" else open(opts.input).read()
        document = json.loads(text)
    except (OSError, ValueError) as e:
        print("validate_findings.py: not valid JSON: %s" % e)
        return 1
    problems = violations(document, load_schema(opts.schema))
    for problem in problems:
        print("validate_findings.py: " + problem)
    if problems:
        return 1
    print("validate_findings.py: valid (%d findings)" % len(document.get("findings", [])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
