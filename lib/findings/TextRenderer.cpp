//===- TextRenderer.cpp - findings in clang-tidy's text format ------------===//
//
// See TextRenderer.h.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/TextRenderer.h"

#include <fmt/format.h>
#include <string>

namespace tightfit::findings {

/// "file:line:col: " or nothing for a diagnostic without a location.
static std::string locationPrefix(const std::string &File, unsigned Line, unsigned Column) {
  if (File.empty())
    return "";
  if (Line == 0)
    return fmt::format("{}: ", File);
  return fmt::format("{}:{}:{}: ", File, Line, Column);
}

void renderText(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS) {
  for (const Finding &F : Findings) {
    OS << fmt::format("{}{}: {} [{}]\n", locationPrefix(F.File, F.Line, F.Column),
                      severityName(F.Level).str(), F.Message, F.Check);
    for (const FindingNote &N : F.Notes)
      OS << fmt::format("{}note: {}\n", locationPrefix(N.File, N.Line, N.Column), N.Message);
  }
}

} // namespace tightfit::findings
