//===- Finding.h - the findings model shared by every renderer ---*- C++ -*-===//
//
// A finding is one warning of one check at one place, independent of how it
// was produced (clang-tidy's library, a compiler plugin) and of how it is shown
// (text, JSON, SARIF, HTML). Front-ends that print findings themselves turn
// their results into these and hand them to a renderer, so every output format
// reports the same set of findings.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_FINDING_H
#define TIGHTFIT_FINDINGS_FINDING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <map>
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
  unsigned Offset = 0; ///< Byte offset of the location in File.
  std::string Message;
};

/// One edit of a fix-it: the bytes [Offset, Offset + Length) of File become
/// Text. Offsets are those of the file's content when it was analysed.
struct FixEdit {
  std::string File; ///< Canonical absolute path.
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;

  friend bool operator==(const FixEdit &A, const FixEdit &B) {
    return A.File == B.File && A.Offset == B.Offset && A.Length == B.Length && A.Text == B.Text;
  }
  friend bool operator<(const FixEdit &A, const FixEdit &B);
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
  /// The fix-it the check attached to its warning, sorted; empty when none.
  std::vector<FixEdit> Fix;
  /// Why the fix-it will not be applied although the check proposed one
  /// (see FixPlan.h); empty while nothing stands against it.
  std::string FixRefusal;
  /// The translation units (numbered by the front-end) that reported it.
  std::vector<unsigned> ReportedBy;
};

/// Orders findings by file, offset and check, and keeps one of each group of
/// findings of the same check at the same place: a record in a header seen
/// from several translation units is reported once. When the copies' messages
/// differ (a check mentioned what only one unit sees), the message most units
/// gave is kept (the first in order among equals) and the others become notes
/// ("in other translation units: ..."). The kept finding offers a fix-it only
/// when every copy proposed the same one: copies that disagree (one
/// translation unit would rewrite the record, another would not or
/// differently) leave the fix-it refused. ReportedBy becomes the union of the
/// copies'.
void sortAndDeduplicate(std::vector<Finding> &Findings);

/// Everything a run of a front-end over some translation units reports.
struct FindingsReport {
  std::vector<Finding> Findings;
  unsigned TranslationUnits = 0;
  unsigned FailedTranslationUnits = 0; ///< Those that did not compile.
  std::vector<std::string> FailedFiles; ///< Their main files, sorted.
  /// Findings left out of Findings because the baseline lists them.
  unsigned Baselined = 0;
};

/// What a report adds up to, as every format shows it.
struct ReportTotals {
  std::map<std::string, unsigned> FindingsByCheck;
  std::map<std::string, unsigned> FindingsByFile;
  /// Bytes per instance that the layout findings' suggested orders save,
  /// summed, and the part of them that comes with a fix-it to apply.
  uint64_t LayoutSavingBytes = 0;
  uint64_t LayoutFixSavingBytes = 0;
  std::map<std::string, uint64_t> LayoutSavingBytesByFile;
  unsigned FixesApplicable = 0; ///< Findings with a fix-it that nothing refuses.
  unsigned FixesRefused = 0;
};
ReportTotals computeTotals(const FindingsReport &Report);

/// The bytes per instance a finding's layout suggestion saves: the `saving`
/// of a tightfit-padded-record finding's details; 0 for other findings.
uint64_t layoutSavingBytes(const Finding &F);

/// The form in which findings name files: absolute (relative paths are taken
/// relative to \p BaseDirectory, or to the current directory when it is empty),
/// without "." and ".." components, and with symbolic links resolved when the
/// file exists. Two spellings of one file give the same string.
std::string canonicalPath(llvm::StringRef Path, llvm::StringRef BaseDirectory = "");

} // namespace tightfit::findings

#endif
