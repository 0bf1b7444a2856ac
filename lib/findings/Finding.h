//===- Finding.h - the findings model shared by every renderer ---*- C++ -*-===//
//
// A finding is one warning of one check at one place, independent of how it
// was produced (clang-tidy's library, a compiler plugin) and of how it is shown
// (text, JSON). Front-ends that print findings themselves turn their results
// into these and hand them to a renderer, so every output format reports the
// same set of findings.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_FINDING_H
#define TIGHTFIT_FINDINGS_FINDING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace tightfit::findings {

enum class Severity { Warning, Error };

/// "warning" or "error", as printed in every format.
llvm::StringRef severityName(Severity Level);

/// A note attached to a finding, e.g. pointing at a field.
struct FindingNote {
  std::string File; ///< Canonical absolute path; empty when the note has no location.
  unsigned Line = 0;
  unsigned Column = 0; ///< 1-based, in bytes, as clang counts columns.
  std::string Message;
};

struct Finding {
  std::string Check; ///< e.g. "tightfit-padded-record".
  Severity Level = Severity::Warning;
  std::string File; ///< Canonical absolute path; empty when the finding has no location.
  unsigned Line = 0;
  unsigned Column = 0; ///< 1-based, in bytes, as clang counts columns.
  unsigned Offset = 0; ///< Byte offset of the location in File.
  std::string Message;
  std::vector<FindingNote> Notes;
  /// Structured data the check attached to its warning, passed on verbatim.
  std::optional<llvm::json::Object> Details;
};

/// Orders findings by file, offset and check, and keeps one of each group of
/// findings with the same check, file, offset and message: a record in a
/// header seen from several translation units is reported once.
void sortAndDeduplicate(std::vector<Finding> &Findings);

/// Everything a run of a front-end over some translation units reports.
struct FindingsReport {
  std::vector<Finding> Findings;
  unsigned TranslationUnits = 0;
  unsigned FailedTranslationUnits = 0; ///< Those that did not compile.
};

/// The form in which findings name files: absolute (relative paths are taken
/// relative to \p BaseDirectory, or to the current directory when it is empty),
/// without "." and ".." components, and with symbolic links resolved when the
/// file exists. Two spellings of one file give the same string.
std::string canonicalPath(llvm::StringRef Path, llvm::StringRef BaseDirectory = "");

} // namespace tightfit::findings

#endif
