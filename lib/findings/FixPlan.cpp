//===- FixPlan.cpp - which fix-its of a whole run are applied -------------===//
//
// The rules (see FixPlan.h for each function's):
//  1. A fix-it is applied as a whole or not at all.
//  2. A file is edited only with the consent of every translation unit that
//     read it: each reports the finding and proposes the same edits to it.
//     Outside a whole-project run, only the reporting units' main files.
//     A file read by a unit that failed to compile is not edited at all.
//  3. A file that changed while the run read it is not edited.
//  4. Edits never overlap, and insertions at one place never compete: two
//     fix-its that would are both refused, not ordered by a guess. The same
//     edit proposed by two fix-its is made once.
//  5. Edits are applied the way `clang-tidy -fix` applies them: cleanup
//     around the replacements, then the configured FormatStyle.
// A refused fix-it keeps its finding; the refusal says why.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/FixPlan.h"

#include "clang/Format/Format.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA1.h"
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

namespace tightfit::findings {

std::string contentHash(llvm::StringRef Content) {
  return llvm::toHex(llvm::SHA1::hash(llvm::arrayRefFromStringRef(Content)), /*LowerCase=*/true);
}

bool editsConflict(const FixEdit &A, const FixEdit &B) {
  if (A == B || A.File != B.File)
    return false;
  unsigned AEnd = A.Offset + A.Length, BEnd = B.Offset + B.Length;
  if (A.Offset < BEnd && B.Offset < AEnd)
    return true; // The replaced ranges share a byte.
  // An insertion where the other edit starts (which goes first?) or strictly
  // inside what it replaces. An insertion right after a replaced range is
  // unambiguous.
  auto InsertsInto = [](const FixEdit &Insertion, const FixEdit &Other) {
    return Insertion.Length == 0 && Insertion.Offset >= Other.Offset &&
           Insertion.Offset < Other.Offset + std::max(Other.Length, 1u);
  };
  return InsertsInto(A, B) || InsertsInto(B, A);
}

static std::string describeLocation(const Finding &F) {
  return fmt::format("{}:{}:{}", F.File, F.Line, F.Column);
}

namespace {
/// The findings-model identity of a finding, as sortAndDeduplicate uses it.
using FindingKey = std::tuple<std::string, unsigned, std::string>;
FindingKey keyOf(const Finding &F) { return {F.File, F.Offset, F.Check}; }
} // namespace

/// Why the copies \p Group of one finding cannot share a fix-it, or "".
static std::string fixAgreementProblem(llvm::ArrayRef<const Finding *> Group,
                                       const RunFiles &Files,
                                       std::vector<FixEdit> &Merged) {
  std::set<unsigned> Units;
  for (const Finding *Copy : Group)
    Units.insert(Copy->ReportedBy.begin(), Copy->ReportedBy.end());
  std::set<std::string> MainFiles;
  for (unsigned U : Units)
    if (U < Files.MainFiles.size())
      MainFiles.insert(Files.MainFiles[U]);

  // The edits each unit proposes to each file.
  std::map<std::string, std::map<unsigned, std::vector<FixEdit>>> Proposed;
  for (const Finding *Copy : Group)
    for (const FixEdit &E : Copy->Fix)
      for (unsigned U : Copy->ReportedBy)
        Proposed[E.File][U].push_back(E);

  for (auto &[File, ByUnit] : Proposed) {
    if (!Files.WholeProject && !MainFiles.count(File))
      return fmt::format("it edits '{}', which translation units outside this run may compile; "
                         "run over the whole compilation database to apply it",
                         File);
    auto Read = Files.Reads.find(File);
    if (Read == Files.Reads.end() || Read->second.Units.empty())
      return fmt::format("it edits '{}', which no translation unit of this run read", File);
    for (unsigned U : Read->second.Units)
      if (std::binary_search(Files.FailedUnits.begin(), Files.FailedUnits.end(), U)) {
        std::string Main = U < Files.MainFiles.size() ? Files.MainFiles[U] : "";
        if (Main == File)
          return fmt::format("'{}' did not compile", File);
        return fmt::format("'{}' is also compiled by '{}', which did not compile", File, Main);
      }
    unsigned Outsiders = llvm::count_if(Read->second.Units, [&](unsigned U) { return !Units.count(U); });
    if (Outsiders)
      return fmt::format("'{}' is also compiled by {} translation unit{} that do{} not report this "
                         "finding",
                         File, Outsiders, Outsiders == 1 ? "" : "s", Outsiders == 1 ? "es" : "");
    std::optional<std::vector<FixEdit>> Agreed;
    for (unsigned U : Read->second.Units) {
      std::vector<FixEdit> Edits = ByUnit.count(U) ? ByUnit[U] : std::vector<FixEdit>{};
      llvm::sort(Edits);
      Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
      if (!Agreed)
        Agreed = std::move(Edits);
      else if (*Agreed != Edits)
        return fmt::format("the translation units that compile '{}' do not all propose the same "
                           "edits to it",
                           File);
    }
    Merged.insert(Merged.end(), Agreed->begin(), Agreed->end());
  }
  llvm::sort(Merged);
  return "";
}

void settleFixesAcrossUnits(std::vector<Finding> &Copies, const RunFiles &Files) {
  std::map<FindingKey, std::vector<Finding *>> Groups;
  for (Finding &F : Copies)
    Groups[keyOf(F)].push_back(&F);

  for (auto &[Key, Group] : Groups) {
    bool AnyFix = llvm::any_of(Group, [](const Finding *F) { return !F->Fix.empty(); });
    if (!AnyFix)
      continue;
    std::string Refusal;
    for (const Finding *F : Group)
      if (Refusal.empty())
        Refusal = F->FixRefusal;
    std::vector<FixEdit> Merged;
    if (Refusal.empty())
      Refusal = fixAgreementProblem(Group, Files, Merged);
    if (!Refusal.empty()) {
      // Keep a proposal to show beside the refusal.
      for (const Finding *F : Group)
        if (Merged.empty() && !F->Fix.empty())
          Merged = F->Fix;
    }
    for (Finding *F : Group) {
      F->Fix = Merged;
      F->FixRefusal = Refusal;
    }
  }
}

FixPlan planFixes(std::vector<Finding> &Findings, const RunFiles &Files) {
  // Rules 1-3 for each fix-it on its own.
  std::vector<size_t> Candidates;
  for (size_t I = 0; I < Findings.size(); ++I) {
    Finding &F = Findings[I];
    if (F.Fix.empty() || !F.FixRefusal.empty())
      continue;
    for (const FixEdit &E : F.Fix) {
      auto Read = Files.Reads.find(E.File);
      if (Read != Files.Reads.end() && Read->second.ContentHashes.size() > 1) {
        F.FixRefusal = fmt::format("'{}' changed while it was analysed", E.File);
        break;
      }
    }
    for (size_t A = 0; A < F.Fix.size() && F.FixRefusal.empty(); ++A)
      for (size_t B = A + 1; B < F.Fix.size(); ++B)
        if (editsConflict(F.Fix[A], F.Fix[B])) {
          F.FixRefusal = "its own edits overlap";
          break;
        }
    if (F.FixRefusal.empty())
      Candidates.push_back(I);
  }

  // Rule 4 between fix-its: sweep each file's edits in offset order.
  struct Owned {
    const FixEdit *Edit;
    size_t Finding;
  };
  std::map<std::string, std::vector<Owned>> ByFile;
  for (size_t I : Candidates)
    for (const FixEdit &E : Findings[I].Fix)
      ByFile[E.File].push_back({&E, I});
  std::map<size_t, size_t> ConflictsWith; // finding -> the first finding it conflicts with
  for (auto &[File, Edits] : ByFile) {
    llvm::sort(Edits, [](const Owned &A, const Owned &B) {
      return std::tie(A.Edit->Offset, A.Finding) < std::tie(B.Edit->Offset, B.Finding);
    });
    for (size_t A = 0; A < Edits.size(); ++A) {
      unsigned AReach = Edits[A].Edit->Offset + std::max(Edits[A].Edit->Length, 1u);
      for (size_t B = A + 1; B < Edits.size() && Edits[B].Edit->Offset <= AReach; ++B) {
        if (Edits[A].Finding == Edits[B].Finding ||
            !editsConflict(*Edits[A].Edit, *Edits[B].Edit))
          continue;
        ConflictsWith.try_emplace(Edits[A].Finding, Edits[B].Finding);
        ConflictsWith.try_emplace(Edits[B].Finding, Edits[A].Finding);
      }
    }
  }
  for (auto [Refused, Other] : ConflictsWith)
    Findings[Refused].FixRefusal = fmt::format("it conflicts with the fix-it of the finding at {}",
                                               describeLocation(Findings[Other]));

  FixPlan Plan;
  for (size_t I : Candidates) {
    if (!Findings[I].FixRefusal.empty())
      continue;
    ++Plan.Findings;
    for (const FixEdit &E : Findings[I].Fix)
      Plan.EditsByFile[E.File].push_back(E);
  }
  for (auto &[File, Edits] : Plan.EditsByFile) {
    llvm::sort(Edits);
    Edits.erase(std::unique(Edits.begin(), Edits.end()), Edits.end());
  }
  return Plan;
}

llvm::Expected<clang::tooling::Replacements>
fileReplacements(llvm::StringRef File, llvm::StringRef Code, llvm::ArrayRef<FixEdit> Edits,
                 llvm::StringRef FormatStyle) {
  clang::tooling::Replacements Planned;
  for (const FixEdit &E : Edits) {
    if (E.Offset + E.Length > Code.size())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "an edit reaches past the end of '" + File + "'");
    if (llvm::Error Err = Planned.add(clang::tooling::Replacement(File, E.Offset, E.Length, E.Text)))
      return Err;
  }
  llvm::Expected<clang::format::FormatStyle> Style =
      clang::format::getStyle(FormatStyle.empty() ? "none" : FormatStyle, File, "none");
  if (!Style)
    return Style.takeError();
  llvm::Expected<clang::tooling::Replacements> Cleaned =
      clang::format::cleanupAroundReplacements(Code, Planned, *Style);
  if (!Cleaned)
    return Cleaned.takeError();
  llvm::Expected<clang::tooling::Replacements> Formatted =
      clang::format::formatReplacements(Code, *Cleaned, *Style);
  if (!Formatted) {
    // As clang-tidy: the edits stand even when formatting them fails.
    llvm::consumeError(Formatted.takeError());
    return Cleaned;
  }
  return Formatted;
}

namespace {
/// Where the lines of a text start; a final line without '\n' counts.
class LineStarts {
public:
  explicit LineStarts(llvm::StringRef Text) : Size(Text.size()) {
    if (Text.empty())
      return;
    Starts.push_back(0);
    for (size_t I = 0; I + 1 < Text.size(); ++I)
      if (Text[I] == '\n')
        Starts.push_back(I + 1);
  }
  unsigned lines() const { return Starts.size(); }
  /// The line holding byte \p Offset; the last line for the end of the text.
  unsigned lineOf(unsigned Offset) const {
    auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
    return unsigned(It - Starts.begin()) - 1;
  }
  unsigned begin(unsigned Line) const { return Starts[Line]; }
  unsigned end(unsigned Line) const { return Line + 1 < Starts.size() ? Starts[Line + 1] : Size; }

private:
  std::vector<unsigned> Starts;
  unsigned Size;
};

/// The lines of \p Text, each with its '\n' (the last may lack it).
std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    End = End == llvm::StringRef::npos ? Text.size() : End + 1;
    Lines.push_back(Text.take_front(End));
    Text = Text.drop_front(End);
  }
  return Lines;
}

void writeLine(std::string &Out, char Marker, llvm::StringRef Line) {
  Out += Marker;
  Out += Line.str();
  if (!Line.ends_with("\n"))
    Out += "\n\\ No newline at end of file\n";
}

std::string hunkRange(unsigned Start, unsigned Count) {
  // `diff -u` names the line before an empty range.
  return Count == 0 ? fmt::format("{},0", Start - 1)
                    : Count == 1 ? fmt::format("{}", Start) : fmt::format("{},{}", Start, Count);
}
} // namespace

std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName, llvm::StringRef Code,
                        const clang::tooling::Replacements &Replacements, unsigned ContextLines) {
  if (Replacements.empty())
    return "";
  std::string Out = fmt::format("--- {}\n+++ {}\n", OldName.str(), NewName.str());
  LineStarts Old(Code);
  if (Old.lines() == 0) {
    llvm::Expected<std::string> New = clang::tooling::applyAllReplacements(Code, Replacements);
    if (!New) {
      llvm::consumeError(New.takeError());
      return "";
    }
    std::vector<llvm::StringRef> Added = splitLines(*New);
    if (Added.empty())
      return "";
    Out += fmt::format("@@ -0,0 +{} @@\n", hunkRange(1, Added.size()));
    for (llvm::StringRef Line : Added)
      writeLine(Out, '+', Line);
    return Out;
  }

  // Old line ranges touched by the replacements, merged into hunks when the
  // context between them would overlap.
  struct Hunk {
    unsigned First, Last;
    std::vector<clang::tooling::Replacement> Parts;
  };
  std::vector<Hunk> Hunks;
  for (const clang::tooling::Replacement &R : Replacements) {
    unsigned First = Old.lineOf(R.getOffset());
    unsigned Last = R.getLength() ? Old.lineOf(R.getOffset() + R.getLength() - 1) : First;
    if (!Hunks.empty() && First <= Hunks.back().Last + 2 * ContextLines + 1) {
      Hunks.back().Last = std::max(Hunks.back().Last, Last);
      Hunks.back().Parts.push_back(R);
      continue;
    }
    Hunks.push_back({First, Last, {R}});
  }

  int Shift = 0; // New line numbers minus old ones after the previous hunks.
  bool Changed = false;
  for (const Hunk &H : Hunks) {
    unsigned From = H.First > ContextLines ? H.First - ContextLines : 0;
    unsigned To = std::min(H.Last + ContextLines, Old.lines() - 1);
    unsigned Begin = Old.begin(From);
    llvm::StringRef OldText = Code.slice(Begin, Old.end(To));
    clang::tooling::Replacements Local;
    for (const clang::tooling::Replacement &R : H.Parts)
      llvm::cantFail(Local.add(clang::tooling::Replacement(
          "", R.getOffset() - Begin, R.getLength(), R.getReplacementText())));
    std::string NewText = llvm::cantFail(clang::tooling::applyAllReplacements(OldText, Local));

    std::vector<llvm::StringRef> OldLines = splitLines(OldText), NewLines = splitLines(NewText);
    size_t Prefix = 0;
    while (Prefix < OldLines.size() && Prefix < NewLines.size() &&
           OldLines[Prefix] == NewLines[Prefix])
      ++Prefix;
    size_t Suffix = 0;
    while (Suffix < OldLines.size() - Prefix && Suffix < NewLines.size() - Prefix &&
           OldLines[OldLines.size() - 1 - Suffix] == NewLines[NewLines.size() - 1 - Suffix])
      ++Suffix;
    if (Prefix == OldLines.size() && Prefix == NewLines.size())
      continue; // The edits of this hunk change nothing.

    Out += fmt::format("@@ -{} +{} @@\n", hunkRange(From + 1, OldLines.size()),
                       hunkRange(From + 1 + Shift, NewLines.size()));
    for (size_t I = 0; I < Prefix; ++I)
      writeLine(Out, ' ', OldLines[I]);
    for (size_t I = Prefix; I < OldLines.size() - Suffix; ++I)
      writeLine(Out, '-', OldLines[I]);
    for (size_t I = Prefix; I < NewLines.size() - Suffix; ++I)
      writeLine(Out, '+', NewLines[I]);
    for (size_t I = OldLines.size() - Suffix; I < OldLines.size(); ++I)
      writeLine(Out, ' ', OldLines[I]);
    Shift += int(NewLines.size()) - int(OldLines.size());
    Changed = true;
  }
  return Changed ? Out : "";
}

} // namespace tightfit::findings
