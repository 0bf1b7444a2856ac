//===- TidyFindings.cpp - clang-tidy results as findings ------------------===//
//
// See TidyFindings.h.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/TidyFindings.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace tightfit::findings {
namespace {

/// Line and column of byte offsets, counted the way clang counts them (lines
/// and byte columns from 1), for files read once each.
class LineColumnTable {
public:
  /// {0, 0} when the file cannot be read or is shorter than \p Offset.
  std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef File, unsigned Offset) {
    const std::vector<unsigned> &Starts = lineStarts(File);
    if (Starts.empty() || Offset > Starts.back())
      return {0, 0};
    // The last line start at or before Offset; Starts[0] is 0.
    auto Line = std::upper_bound(Starts.begin(), Starts.end(), Offset) - 1;
    return {unsigned(Line - Starts.begin()) + 1, Offset - *Line + 1};
  }

private:
  /// Offsets at which each line starts, then the file's size; empty when the
  /// file cannot be read.
  const std::vector<unsigned> &lineStarts(llvm::StringRef File) {
    auto [It, Inserted] = Files.try_emplace(File);
    if (!Inserted)
      return It->second;
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return It->second;
    llvm::StringRef Text = (*Buffer)->getBuffer();
    std::vector<unsigned> &Starts = It->second;
    Starts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
    Starts.push_back(Text.size());
    return Starts;
  }

  llvm::StringMap<std::vector<unsigned>> Files;
};

} // namespace

std::vector<Finding> findingsFromTidyErrors(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                                            const DetailsCollector *Details) {
  LineColumnTable Lines;
  std::vector<Finding> Findings;
  Findings.reserve(Errors.size());
  for (const clang::tidy::ClangTidyError &Error : Errors) {
    Finding F;
    F.Check = Error.DiagnosticName;
    // Warnings that clang-tidy's WarningsAsErrors option upgrades keep their
    // level and are flagged instead.
    F.Level = Error.DiagLevel == clang::tooling::Diagnostic::Error || Error.IsWarningAsError
                  ? Severity::Error
                  : Severity::Warning;
    F.File = canonicalPath(Error.Message.FilePath, Error.BuildDirectory);
    F.Offset = Error.Message.FileOffset;
    std::tie(F.Line, F.Column) = Lines.lineAndColumn(F.File, F.Offset);
    F.Message = Error.Message.Message;

    for (const clang::tooling::DiagnosticMessage &Note : Error.Notes) {
      FindingNote N;
      N.File = canonicalPath(Note.FilePath, Error.BuildDirectory);
      N.Offset = Note.FileOffset;
      std::tie(N.Line, N.Column) = Lines.lineAndColumn(N.File, Note.FileOffset);
      N.Message = Note.Message;
      F.Notes.push_back(std::move(N));
    }

    // Only the warning's own fix-it: those of notes are alternatives that
    // clang-tidy applies only on request (--fix-notes).
    for (const auto &FileAndReplacements : Error.Message.Fix)
      for (const clang::tooling::Replacement &R : FileAndReplacements.second) {
        if (!R.isApplicable())
          continue;
        F.Fix.push_back({canonicalPath(R.getFilePath(), Error.BuildDirectory), R.getOffset(),
                         R.getLength(), R.getReplacementText().str()});
      }
    llvm::sort(F.Fix);

    if (Details)
      if (const llvm::json::Object *Found = Details->find(F.Check, F.File, F.Offset, F.Message))
        F.Details = *Found;
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace tightfit::findings
