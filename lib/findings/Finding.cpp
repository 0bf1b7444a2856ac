//===- Finding.cpp - ordering, identity and totals of findings ------------===//
//
// Deterministic order, duplicate removal, totals and path canonicalisation
// for the findings model; see Finding.h.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/Finding.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace tightfit::findings {

llvm::StringRef severityName(Severity Level) {
  switch (Level) {
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  llvm_unreachable("unknown severity");
}

bool operator<(const FixEdit &A, const FixEdit &B) {
  return std::tie(A.File, A.Offset, A.Length, A.Text) <
         std::tie(B.File, B.Offset, B.Length, B.Text);
}

/// What makes two findings one: a check says one thing about one place.
static auto identity(const Finding &F) { return std::tie(F.File, F.Offset, F.Check); }

void sortAndDeduplicate(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(), [](const Finding &L, const Finding &R) {
    return std::tie(L.File, L.Offset, L.Check, L.Message) <
           std::tie(R.File, R.Offset, R.Check, R.Message);
  });

  std::vector<Finding> Unique;
  Unique.reserve(Findings.size());
  for (size_t Begin = 0, End; Begin < Findings.size(); Begin = End) {
    for (End = Begin + 1; End < Findings.size() && identity(Findings[End]) == identity(Findings[Begin]);)
      ++End;
    // The message that most translation units gave; the first of equals.
    std::map<std::string, size_t> Units;
    for (size_t I = Begin; I < End; ++I)
      Units[Findings[I].Message] += std::max<size_t>(1, Findings[I].ReportedBy.size());
    size_t KeptIndex = Begin;
    for (size_t I = Begin; I < End; ++I)
      if (Units[Findings[I].Message] > Units[Findings[KeptIndex].Message])
        KeptIndex = I;
    Finding Kept = std::move(Findings[KeptIndex]);
    for (size_t I = Begin; I < End; ++I) {
      if (I == KeptIndex)
        continue;
      Finding &F = Findings[I];
      Kept.ReportedBy.insert(Kept.ReportedBy.end(), F.ReportedBy.begin(), F.ReportedBy.end());
      // Keep whichever copy carries details; both describe the same thing.
      if (!Kept.Details && F.Details)
        Kept.Details = std::move(F.Details);
      if (Kept.FixRefusal.empty() && !F.FixRefusal.empty())
        Kept.FixRefusal = std::move(F.FixRefusal);
      if (Kept.Fix != F.Fix) {
        // Rewriting what one translation unit sees could break another that
        // sees it differently: no fix-it unless all of them agree.
        if (Kept.Fix.empty())
          Kept.Fix = std::move(F.Fix);
        Kept.FixRefusal = "the translation units that report this finding do not all propose "
                          "the same fix-it";
      }
    }
    // What other translation units said differently, e.g. about the uses of a
    // record that only they see, stays as notes.
    for (const auto &[Message, Count] : Units)
      if (Message != Kept.Message)
        Kept.Notes.push_back({Kept.File, Kept.Line, Kept.Column, Kept.Offset,
                              "in other translation units: " + Message});
    llvm::sort(Kept.ReportedBy);
    Kept.ReportedBy.erase(std::unique(Kept.ReportedBy.begin(), Kept.ReportedBy.end()),
                          Kept.ReportedBy.end());
    Unique.push_back(std::move(Kept));
  }
  Findings = std::move(Unique);
}

uint64_t layoutSavingBytes(const Finding &F) {
  if (F.Check != "tightfit-padded-record" || !F.Details)
    return 0;
  return F.Details->getInteger("saving").value_or(0);
}

ReportTotals computeTotals(const FindingsReport &Report) {
  ReportTotals T;
  for (const Finding &F : Report.Findings) {
    ++T.FindingsByCheck[F.Check];
    ++T.FindingsByFile[F.File];
    uint64_t Saving = layoutSavingBytes(F);
    T.LayoutSavingBytes += Saving;
    T.LayoutSavingBytesByFile[F.File] += Saving;
    if (F.Fix.empty())
      continue;
    if (!F.FixRefusal.empty()) {
      ++T.FixesRefused;
      continue;
    }
    ++T.FixesApplicable;
    T.LayoutFixSavingBytes += Saving;
  }
  return T;
}

std::string canonicalPath(llvm::StringRef Path, llvm::StringRef BaseDirectory) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Absolute;
  if (llvm::sys::path::is_absolute(Path) || BaseDirectory.empty()) {
    Absolute = Path;
    llvm::sys::fs::make_absolute(Absolute);
  } else {
    Absolute = BaseDirectory;
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::append(Absolute, Path);
  }
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Absolute, Real))
    return std::string(Real);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

} // namespace tightfit::findings
