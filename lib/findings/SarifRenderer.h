//===- SarifRenderer.h - findings as a SARIF 2.1.0 log -----------*- C++ -*-===//
//
// SARIF is what code-scanning services read. The log has one run whose
// driver lists the checks that ran as rules (with their documentation as
// help) and one result per finding:
//   - "locations": the finding's place; "relatedLocations": its notes;
//   - "fixes": its fix-it, when one is applicable (byte offsets);
//   - "partialFingerprints": {"tightfit/v1": ...}, stable while the check,
//     the message and the text of the finding's line stay the same;
//   - "properties": {"tightfit": {"details": ...}}: the numbers behind it;
// and an invocation whose "executionSuccessful" is false when a translation
// unit failed to compile (each named in "toolExecutionNotifications").
// Locations are built by clang's SarifDocumentWriter from the files on disk.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_SARIFRENDERER_H
#define TIGHTFIT_FINDINGS_SARIFRENDERER_H

#include "lib/findings/Finding.h"
#include "lib/findings/RuleInfo.h"
#include "llvm/Support/raw_ostream.h"

namespace tightfit::findings {

void renderSarif(const FindingsReport &Report, const RunInfo &Run, llvm::raw_ostream &OS);

} // namespace tightfit::findings

#endif
