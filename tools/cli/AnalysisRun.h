//===- AnalysisRun.h - the checks over many translation units ----*- C++ -*-===//
//
// Runs the enabled checks over translation units on a pool of worker threads
// (-j). Each worker hosts the checks through clang-tidy's library with a
// clang-tidy context of its own, so configuration files, check options,
// NOLINT comments and the header filter behave as in clang-tidy; each
// translation unit reads files through its own file system, which keeps the
// unit's working directory (no process-wide chdir) and records every file it
// read and the hash of what it read, for --fix.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_ANALYSISRUN_H
#define TIGHTFIT_TOOLS_CLI_ANALYSISRUN_H

#include "lib/findings/Finding.h"
#include "lib/findings/FixPlan.h"
#include "tools/common/TidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace tightfit::cli {

struct AnalysisSettings {
  frontend::TidySettings Tidy; ///< Each worker's options come from these.
  unsigned Jobs = 0;           ///< Worker threads; 0: one per hardware thread.
  bool ShowProgress = false;   ///< Draw a progress line on standard error.
  bool ColorErrors = false;    ///< Compiler errors in colour.
};

struct AnalysisResult {
  /// The findings as each translation unit reported them: a finding in a
  /// header appears once per unit, with ReportedBy = {that unit}. Units are
  /// numbered by their position in the list of files analysed.
  std::vector<findings::Finding> Copies;
  /// What each unit read (Files.WholeProject is left to the caller).
  findings::RunFiles Files;
  unsigned Units = 0;
  std::vector<std::string> FailedFiles; ///< Main files that did not compile, sorted.
  /// Problems with check options found while the checks were created (e.g.
  /// a value that is not a number), each once.
  std::vector<std::string> ConfigurationProblems;
};

/// Analyses \p Files, each with its commands from \p Compilations. Compiler
/// errors go to standard error as they come, each once however many units
/// report it.
AnalysisResult analyseTranslationUnits(const clang::tooling::CompilationDatabase &Compilations,
                                       llvm::ArrayRef<std::string> Files,
                                       const AnalysisSettings &Settings);

} // namespace tightfit::cli

#endif
