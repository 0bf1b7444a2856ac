//===- Progress.cpp - a progress line on a terminal -----------------------===//
//
// See Progress.h.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/Progress.h"

#include "llvm/Support/raw_ostream.h"
#include <fmt/format.h>

namespace tightfit::cli {

std::string formatDuration(double Seconds) {
  long Whole = static_cast<long>(Seconds + 0.5);
  if (Whole < 60)
    return fmt::format("{}s", Whole);
  return fmt::format("{}:{:02}", Whole / 60, Whole % 60);
}

ProgressLine::ProgressLine(bool Enabled, unsigned Total)
    : Enabled(Enabled && Total > 0), Total(Total), Start(std::chrono::steady_clock::now()) {
  std::lock_guard<std::mutex> Guard(Lock);
  draw();
}

ProgressLine::~ProgressLine() { finish(); }

void ProgressLine::unitDone(unsigned FindingsSoFar) {
  std::lock_guard<std::mutex> Guard(Lock);
  ++Done;
  Findings = FindingsSoFar;
  draw();
}

void ProgressLine::print(llvm::StringRef Text) {
  std::lock_guard<std::mutex> Guard(Lock);
  clear();
  llvm::errs() << Text;
  llvm::errs().flush();
  draw();
}

void ProgressLine::finish() {
  std::lock_guard<std::mutex> Guard(Lock);
  clear();
  Finished = true;
}

void ProgressLine::clear() {
  if (!Drawn)
    return;
  llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  Drawn = false;
}

void ProgressLine::draw() {
  if (!Enabled || Finished)
    return;
  constexpr unsigned Width = 24;
  unsigned Filled = Width * Done / Total;
  std::string Bar(Filled, '=');
  if (Filled < Width)
    Bar += '>';
  Bar.resize(Width, ' ');
  std::string Eta = "ETA --";
  if (Done > 0 && Done < Total) {
    double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    Eta = "ETA " + formatDuration(Elapsed / Done * (Total - Done));
  } else if (Done == Total) {
    Eta = "done";
  }
  llvm::errs() << fmt::format("\r[{}] {}/{} translation units, {} finding{}, {}\x1b[K", Bar, Done,
                              Total, Findings, Findings == 1 ? "" : "s", Eta);
  llvm::errs().flush();
  Drawn = true;
}

} // namespace tightfit::cli
