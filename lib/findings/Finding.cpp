//===- Finding.cpp - ordering and identity of findings --------------------===//
//
// Deterministic order, duplicate removal and path canonicalisation for the
// findings model; see Finding.h.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/Finding.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
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

static auto identity(const Finding &F) { return std::tie(F.File, F.Offset, F.Check, F.Message); }

void sortAndDeduplicate(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &L, const Finding &R) { return identity(L) < identity(R); });

  std::vector<Finding> Unique;
  Unique.reserve(Findings.size());
  for (Finding &F : Findings) {
    if (!Unique.empty() && identity(Unique.back()) == identity(F)) {
      // Keep whichever copy carries details; both describe the same record.
      if (!Unique.back().Details && F.Details)
        Unique.back().Details = std::move(F.Details);
      continue;
    }
    Unique.push_back(std::move(F));
  }
  Findings = std::move(Unique);
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
