//===- CompileCommands.cpp - which translation units, compiled how --------===//
//
// See CompileCommands.h.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/CompileCommands.h"

#include "lib/findings/Finding.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;

namespace tightfit::cli {

static llvm::Error inputError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// The database in \p Directory, whose compile_commands.json exists.
static llvm::Expected<LoadedDatabase> loadDatabaseIn(llvm::StringRef Directory) {
  llvm::SmallString<256> DatabaseFile(Directory);
  llvm::sys::path::append(DatabaseFile, "compile_commands.json");
  auto Problem = [&](const llvm::Twine &Why) {
    return inputError("cannot read '" + DatabaseFile + "': " + Why);
  };
  // A syntax error is reported here: clang's loader would print the YAML
  // parser's view of it and then say only that loading failed.
  auto Text = llvm::MemoryBuffer::getFile(DatabaseFile, /*IsText=*/true);
  if (!Text)
    return Problem(Text.getError().message());
  if (llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Text)->getBuffer()); !Parsed)
    return Problem(llvm::toString(Parsed.takeError()));
  std::string Errors;
  if (auto Database = CompilationDatabase::loadFromDirectory(Directory, Errors))
    return LoadedDatabase{std::move(Database), std::string(DatabaseFile)};
  // Each kind of database says why it did not load; this is the JSON one.
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(Errors).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    if (Line.consume_front("json-compilation-database: "))
      return Problem(Line);
  return Problem(Lines.empty() ? "unknown problem" : Lines.front());
}

llvm::Expected<LoadedDatabase> loadCompilationDatabase(llvm::StringRef BuildPath,
                                                       llvm::StringRef FirstFile) {
  if (!BuildPath.empty()) {
    llvm::SmallString<256> DatabaseFile(BuildPath);
    llvm::sys::path::append(DatabaseFile, "compile_commands.json");
    if (!llvm::sys::fs::exists(DatabaseFile))
      return inputError("no compile_commands.json in '" + BuildPath + "'");
    return loadDatabaseIn(BuildPath);
  }
  llvm::SmallString<256> Directory(FirstFile);
  llvm::sys::fs::make_absolute(Directory);
  for (llvm::sys::path::remove_filename(Directory); !Directory.empty();
       Directory = llvm::sys::path::parent_path(Directory)) {
    llvm::SmallString<256> DatabaseFile(Directory);
    llvm::sys::path::append(DatabaseFile, "compile_commands.json");
    if (llvm::sys::fs::exists(DatabaseFile))
      return loadDatabaseIn(Directory);
  }
  return inputError("no compile_commands.json found for '" + FirstFile +
                    "' or in its parent directories; pass -p BUILD_DIR, or compile flags "
                    "after --");
}

/// The entry of \p Candidates a user most likely meant by \p Path: one with
/// the same file name if there is one, the closest spelling among those.
static std::string nearestEntry(llvm::StringRef Path, llvm::ArrayRef<std::string> Candidates) {
  llvm::StringRef Name = llvm::sys::path::filename(Path);
  bool AnySameName = llvm::any_of(
      Candidates, [&](const std::string &C) { return llvm::sys::path::filename(C) == Name; });
  std::string Best;
  unsigned BestDistance = ~0u;
  for (const std::string &C : Candidates) {
    if (AnySameName && llvm::sys::path::filename(C) != Name)
      continue;
    unsigned Distance = Path.edit_distance(C, /*AllowReplacements=*/true, BestDistance);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = C;
    }
  }
  return Best;
}

llvm::Expected<std::vector<std::string>>
selectTranslationUnits(const CompilationDatabase &Database, llvm::ArrayRef<std::string> Requested,
                       llvm::StringRef DatabasePath) {
  std::vector<std::string> Listed = Database.getAllFiles();
  if (Requested.empty()) {
    if (Listed.empty())
      return inputError("'" + DatabasePath + "' lists no files");
    llvm::sort(Listed);
    Listed.erase(std::unique(Listed.begin(), Listed.end()), Listed.end());
    return Listed;
  }
  // A file is in the database when some entry names the same file, however
  // spelt.
  llvm::StringMap<std::string> ByCanonicalPath;
  for (const std::string &File : Listed)
    ByCanonicalPath.try_emplace(findings::canonicalPath(File), File);
  std::vector<std::string> Selected;
  for (const std::string &File : Requested) {
    auto It = ByCanonicalPath.find(findings::canonicalPath(File));
    if (It != ByCanonicalPath.end()) {
      Selected.push_back(It->second);
      continue;
    }
    std::string Nearest = nearestEntry(findings::canonicalPath(File), Listed);
    return inputError("'" + File + "' is not in '" + DatabasePath + "'" +
                      (Nearest.empty() ? "" : "; the nearest entry is '" + Nearest + "'"));
  }
  return Selected;
}

llvm::Error checkInputsReadable(const CompilationDatabase &Database,
                                llvm::ArrayRef<std::string> Files) {
  for (const std::string &File : Files) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(File, Status) || !llvm::sys::fs::exists(Status))
      return inputError("no such file: '" + File + "'");
    if (!llvm::sys::fs::is_regular_file(Status))
      return inputError("cannot read '" + File + "': not a regular file");
    auto Opened = llvm::sys::fs::openNativeFileForRead(File);
    if (!Opened)
      return inputError("cannot read '" + File + "': " + llvm::toString(Opened.takeError()));
    llvm::sys::fs::closeFile(*Opened);
    for (const CompileCommand &Command : Database.getCompileCommands(File))
      if (!Command.Directory.empty() && !llvm::sys::fs::is_directory(Command.Directory))
        return inputError("the compile command of '" + File + "' runs in '" + Command.Directory +
                          "', which does not exist");
  }
  return llvm::Error::success();
}

std::vector<CompileCommand>
ToolCompilations::adjusted(std::vector<CompileCommand> Commands) const {
  for (CompileCommand &Command : Commands) {
    std::vector<std::string> &Args = Command.CommandLine;
    std::vector<std::string> Added = {"-fno-caret-diagnostics"};
    bool NamesResourceDir = llvm::any_of(Args, [](llvm::StringRef Arg) {
      return Arg.starts_with("-resource-dir") || Arg.starts_with("--resource-dir");
    });
    if (!NamesResourceDir)
      Added.push_back("-resource-dir=" + ResourceDir);
    // After the compiler's name, before any `--` that ends the options.
    Args.insert(Args.empty() ? Args.end() : Args.begin() + 1, Added.begin(), Added.end());
  }
  return Commands;
}

} // namespace tightfit::cli
