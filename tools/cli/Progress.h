//===- Progress.h - a progress line on a terminal ----------------*- C++ -*-===//
//
// While the tool works through a project it redraws one line on standard
// error, when that is a terminal:
//   [=========>          ] 12/40 translation units, 7 findings, ETA 0:13
// Anything else written to standard error goes through print(), which
// clears the line first and redraws it after. Thread-safe.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_PROGRESS_H
#define TIGHTFIT_TOOLS_CLI_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include <chrono>
#include <mutex>
#include <string>

namespace tightfit::cli {

class ProgressLine {
public:
  /// \p Enabled: draw at all (standard error is a terminal).
  ProgressLine(bool Enabled, unsigned Total);
  ~ProgressLine();

  /// One more translation unit is done; \p Findings found so far.
  void unitDone(unsigned Findings);
  /// Writes \p Text (whole lines) to standard error.
  void print(llvm::StringRef Text);
  /// Clears the line for good.
  void finish();

private:
  void draw();  ///< With Lock held.
  void clear(); ///< With Lock held.

  const bool Enabled;
  const unsigned Total;
  unsigned Done = 0, Findings = 0;
  bool Drawn = false, Finished = false;
  std::chrono::steady_clock::time_point Start;
  std::mutex Lock;
};

/// "1:05" or "12s", for an estimate.
std::string formatDuration(double Seconds);

} // namespace tightfit::cli

#endif
