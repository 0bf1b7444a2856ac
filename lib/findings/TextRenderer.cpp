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

namespace {
/// Writes one diagnostic line, in clang's colours when asked to.
class LineWriter {
public:
  LineWriter(llvm::raw_ostream &OS, bool Colors) : OS(OS), Colors(Colors) {}

  void write(const std::string &Location, llvm::StringRef Level,
             llvm::raw_ostream::Colors LevelColor, const std::string &Message) {
    if (!Colors) {
      OS << Location << Level << ": " << Message << "\n";
      return;
    }
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true) << Location;
    OS.changeColor(LevelColor, /*Bold=*/true) << Level << ": ";
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true) << Message;
    OS.resetColor() << "\n";
  }

private:
  llvm::raw_ostream &OS;
  bool Colors;
};
} // namespace

void renderText(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS, bool Colors) {
  bool WasEnabled = OS.colors_enabled();
  OS.enable_colors(Colors);
  LineWriter Writer(OS, Colors);
  for (const Finding &F : Findings) {
    Writer.write(locationPrefix(F.File, F.Line, F.Column), severityName(F.Level),
                 F.Level == Severity::Error ? llvm::raw_ostream::RED
                                            : llvm::raw_ostream::MAGENTA,
                 fmt::format("{} [{}]", F.Message, F.Check));
    for (const FindingNote &N : F.Notes)
      Writer.write(locationPrefix(N.File, N.Line, N.Column), "note", llvm::raw_ostream::BLACK,
                   N.Message);
  }
  OS.enable_colors(WasEnabled);
}

} // namespace tightfit::findings
