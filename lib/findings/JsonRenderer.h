//===- JsonRenderer.h - findings as a JSON document ---------------*- C++ -*-===//
//
// The machine-readable report of the standalone tool. Its shape is a public
// interface (version 1):
//   { "version": 1, "tool": "tightfit",
//     "findings": [ { "check", "severity", "file", "line", "column", "offset",
//                     "message", "notes": [ {"file", "line", "column",
//                     "message"} ], "details": {...},
//                     "fix": { "applicable", "reason", "edits": [ {"file",
//                     "offset", "length", "text"} ] } } ],
//     "summary": { "translationUnits", "failed", "findings", "baselined",
//                  "findingsByCheck": {check: count}, "layoutSavingBytes",
//                  "layoutFixSavingBytes", "fixesApplicable", "fixesRefused",
//                  "failedFiles": [file] } }
// "details" appears only for findings whose check attached some, verbatim;
// "fix" only for findings whose check proposed a fix-it ("reason" when it is
// not applicable). The schema is test/harness/findings.schema.json.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_JSONRENDERER_H
#define TIGHTFIT_FINDINGS_JSONRENDERER_H

#include "lib/findings/Finding.h"
#include "llvm/Support/raw_ostream.h"

namespace tightfit::findings {

/// Writes \p Report as one indented JSON document followed by a newline.
void renderJson(const FindingsReport &Report, llvm::raw_ostream &OS);

} // namespace tightfit::findings

#endif
