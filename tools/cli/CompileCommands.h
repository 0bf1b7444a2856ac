//===- CompileCommands.h - which translation units, compiled how -*- C++ -*-===//
//
// The standalone tool analyses the translation units of a compilation
// database (-p BUILD_DIR, or the nearest compile_commands.json above the first
// file) or files compiled with the flags given after `--`. This finds the
// database, chooses the translation units and checks that they can be read
// before anything runs, so that bad input is one clear error.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_COMPILECOMMANDS_H
#define TIGHTFIT_TOOLS_CLI_COMPILECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace tightfit::cli {

/// A compilation database and the file it was read from.
struct LoadedDatabase {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::string Path; ///< .../compile_commands.json
};

/// The database in the directory \p BuildPath names (not above it: a build
/// directory without one is an error), or else the nearest one above
/// \p FirstFile, or a one-line reason why there is none.
llvm::Expected<LoadedDatabase> loadCompilationDatabase(llvm::StringRef BuildPath,
                                                       llvm::StringRef FirstFile);

/// The files to analyse: \p Requested, each of which must be a main file of
/// \p Database (a file it does not list is an error naming the nearest entry),
/// or, when \p Requested is empty, every main file it lists, sorted.
llvm::Expected<std::vector<std::string>>
selectTranslationUnits(const clang::tooling::CompilationDatabase &Database,
                       llvm::ArrayRef<std::string> Requested, llvm::StringRef DatabasePath);

/// Fails when a main file of \p Files cannot be read or a compile command of
/// one of them runs in a directory that does not exist.
llvm::Error checkInputsReadable(const clang::tooling::CompilationDatabase &Database,
                                llvm::ArrayRef<std::string> Files);

/// The compile commands of a database, adjusted for analysis by this tool:
/// - Clang's resource directory is added unless a command names one: the tool
///   is not installed beside clang, so the driver cannot derive where the
///   builtin headers (stddef.h, ...) are from the tool's own path;
/// - -fno-caret-diagnostics stops the compiler from closing each translation
///   unit with "N warnings generated.", which would count warnings the checks
///   raised before NOLINT comments and filters removed them.
class ToolCompilations : public clang::tooling::CompilationDatabase {
public:
  ToolCompilations(const clang::tooling::CompilationDatabase &Base, std::string ResourceDir)
      : Base(Base), ResourceDir(std::move(ResourceDir)) {}

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return adjusted(Base.getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override { return Base.getAllFiles(); }
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override {
    return adjusted(Base.getAllCompileCommands());
  }

private:
  std::vector<clang::tooling::CompileCommand>
  adjusted(std::vector<clang::tooling::CompileCommand> Commands) const;

  const clang::tooling::CompilationDatabase &Base;
  std::string ResourceDir;
};

} // namespace tightfit::cli

#endif
