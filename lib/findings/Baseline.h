//===- Baseline.h - findings a project has accepted --------------*- C++ -*-===//
//
// A baseline lists the findings a project had when it adopted tightfit, so
// that CI fails only on new ones. It is a JSON file, written by the tool
// (--write-baseline) and committed with the project:
//   { "version": 1, "tool": "tightfit",
//     "baseline": [ { "check", "file", "line", "message", "context" } ] }
// "file" is relative to the baseline's own directory when the file lies below
// it (so the baseline works in every checkout), absolute otherwise; "context"
// is the text of the finding's line, trimmed, with runs of blanks made one.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_BASELINE_H
#define TIGHTFIT_FINDINGS_BASELINE_H

#include "lib/findings/Finding.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace tightfit::findings {

struct BaselineEntry {
  std::string Check;
  std::string File; ///< As stored: relative to the baseline's directory, or absolute.
  unsigned Line = 0;
  std::string Message;
  std::string Context;
};

struct Baseline {
  std::vector<BaselineEntry> Entries;
};

/// The baseline in \p Text; \p Name names it in errors.
llvm::Expected<Baseline> parseBaseline(llvm::StringRef Text, llvm::StringRef Name);

/// How a baseline in \p BaselineDirectory names \p File.
std::string baselinePath(llvm::StringRef File, llvm::StringRef BaselineDirectory);

/// The "context" of the line \p Line of \p File (read from disk; empty when
/// it cannot be read).
std::string lineContext(llvm::StringRef File, unsigned Line);

/// The baseline entries of \p Findings, for a baseline in \p BaselineDirectory.
Baseline makeBaseline(llvm::ArrayRef<Finding> Findings, llvm::StringRef BaselineDirectory);

/// Writes \p B as the documented JSON document.
void renderBaseline(const Baseline &B, llvm::raw_ostream &OS);

/// Removes from \p Findings those that \p B lists and returns how many. Each
/// entry matches at most one finding. Matching is robust to code moving
/// around: lines are never compared, only used to choose the nearest of
/// several candidates.
///  1. Same check, file, message and context.
///  2. Then, for what is left: same check, file and message (the line itself
///     was edited, e.g. a comment added).
/// A finding whose message changed (the record grew, its saving changed) is
/// new.
unsigned applyBaseline(std::vector<Finding> &Findings, const Baseline &B,
                       llvm::StringRef BaselineDirectory);

} // namespace tightfit::findings

#endif
