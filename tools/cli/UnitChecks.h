//===- UnitChecks.h - the checks over one translation unit -------*- C++ -*-===//
//
// One translation unit through clang-tidy's library, as the standalone tool
// hosts the checks. The tool's worker threads call it for each unit of a
// run; the fuzzer (test/fuzz) calls it for each input, so that what it
// exercises is what users run.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_UNITCHECKS_H
#define TIGHTFIT_TOOLS_CLI_UNITCHECKS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <string>
#include <utility>
#include <vector>

namespace tightfit::cli {

/// Whether \p E is an error of the compiler itself (not a check's warning
/// turned into an error): the translation unit did not compile.
bool isCompilerError(const clang::tidy::ClangTidyError &E);

/// The checks of \p Context over \p File, compiled as \p Compilations says
/// and reading files through \p FS, as clang-tidy's runClangTidy runs them
/// but without its "Error while processing" line, which would only repeat
/// the compiler's errors. Returns the diagnostics (the compiler's included)
/// and whether the compiler succeeded. \p Context must not have served
/// another unit: each call makes a new diagnostics engine, whose custom
/// diagnostic IDs start again, and a context keeps the check name it first
/// saw for an ID.
std::pair<std::vector<clang::tidy::ClangTidyError>, bool>
runChecks(clang::tidy::ClangTidyContext &Context,
          const clang::tooling::CompilationDatabase &Compilations, const std::string &File,
          llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS);

} // namespace tightfit::cli

#endif
