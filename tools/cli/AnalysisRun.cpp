//===- AnalysisRun.cpp - the checks over many translation units -----------===//
//
// See AnalysisRun.h.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/AnalysisRun.h"

#include "tools/cli/Progress.h"
#include "tools/cli/UnitChecks.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "lib/findings/DetailsCollector.h"
#include "lib/findings/FindingsSink.h"
#include "lib/findings/TextRenderer.h"
#include "lib/findings/TidyFindings.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>
#include <mutex>
#include <set>
#include <tuple>

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyError;

namespace tightfit::cli {
namespace {

/// The files one translation unit read: canonical path -> content hash.
using ReadLog = std::map<std::string, std::string>;

/// A file whose content is hashed into a ReadLog when the compiler reads it.
class RecordedFile : public llvm::vfs::File {
public:
  RecordedFile(std::unique_ptr<llvm::vfs::File> Inner, std::string Path, ReadLog &Log,
               std::mutex &LogLock)
      : Inner(std::move(Inner)), Path(std::move(Path)), Log(Log), LogLock(LogLock) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return Inner->status(); }
  llvm::ErrorOr<std::string> getName() override { return Inner->getName(); }
  std::error_code close() override { return Inner->close(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &Name, int64_t FileSize, bool RequiresNullTerminator,
            bool IsVolatile) override {
    auto Buffer = Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer) {
      std::string Hash = findings::contentHash((*Buffer)->getBuffer());
      std::lock_guard<std::mutex> Guard(LogLock);
      Log[Path] = std::move(Hash);
    }
    return Buffer;
  }

private:
  std::unique_ptr<llvm::vfs::File> Inner;
  std::string Path;
  ReadLog &Log;
  std::mutex &LogLock;
};

/// A physical file system with its own working directory (ClangTool changes
/// it per compile command; the process's stays put, so units can run in
/// parallel) that records what is read.
class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit RecordingFileSystem(ReadLog &Log)
      : ProxyFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
            llvm::vfs::createPhysicalFileSystem().release())),
        Log(Log) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Name) override {
    auto Opened = ProxyFileSystem::openFileForRead(Name);
    if (!Opened)
      return Opened;
    llvm::SmallString<256> Path;
    Name.toVector(Path);
    makeAbsolute(Path);
    return std::unique_ptr<llvm::vfs::File>(std::make_unique<RecordedFile>(
        std::move(*Opened), findings::canonicalPath(Path), Log, LogLock));
  }

private:
  ReadLog &Log;
  std::mutex LogLock;
};

/// What clang-tidy reports about check options it cannot use.
bool isConfigurationProblem(const ClangTidyError &E) {
  return E.DiagnosticName == "clang-tidy-config";
}

/// The standalone tool settles each fix-it across the translation units of
/// the run (findings::settleFixesAcrossUnits): a record in a header is
/// rewritten only when every unit that reads the header proposes the same
/// edits to it. So here tightfit-padded-record proposes fix-its for records
/// in headers (its FixRecordsInHeaders) when the run covers the whole
/// compilation database, unless the configuration says otherwise: this
/// source comes right after the defaults. Over files given with their flags
/// (`-- FLAGS`) or part of a database, other units may read the header.
class CliDefaultsProvider : public clang::tidy::ClangTidyOptionsProvider {
public:
  explicit CliDefaultsProvider(std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}
  const clang::tidy::ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(FileName);
    clang::tidy::ClangTidyOptions CliDefaults;
    CliDefaults.CheckOptions["tightfit-padded-record.FixRecordsInHeaders"] =
        clang::tidy::ClangTidyOptions::ClangTidyValue("true");
    Sources.insert(Sources.begin() + (Sources.empty() ? 0 : 1),
                   OptionsSource(std::move(CliDefaults), "tightfit command-line tool"));
    return Sources;
  }

private:
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner;
};

/// Everything the workers share, behind one lock.
class SharedState {
public:
  SharedState(const AnalysisSettings &Settings, unsigned Units)
      : Settings(Settings), Progress(Settings.ShowProgress, Units) {}

  /// The run analyses every file of a compilation database (set before the
  /// workers start).
  bool WholeDatabase = false;

  /// A clang-tidy context for one translation unit. Not reused: a context
  /// maps the custom diagnostic IDs of the DiagnosticsEngine it served to
  /// check names, keeping the first name seen for an ID, and every unit gets
  /// a new engine whose IDs start again from the same numbers — a reused
  /// context would give one check's name to another check's diagnostics.
  std::unique_ptr<ClangTidyContext> makeContext() const {
    // The settings were checked before the run: this cannot fail.
    auto Provider = llvm::cantFail(frontend::createOptionsProvider(Settings.Tidy));
    if (!WholeDatabase)
      return std::make_unique<ClangTidyContext>(std::move(Provider));
    return std::make_unique<ClangTidyContext>(
        std::make_unique<CliDefaultsProvider>(std::move(Provider)));
  }

  void addUnit(unsigned Unit, const std::string &File, std::vector<findings::Finding> Findings,
               std::vector<findings::Finding> CompilerErrors, bool Failed,
               std::vector<std::string> ConfigurationProblems, const ReadLog &Reads) {
    std::string ErrorText;
    size_t FindingsSoFar;
    {
      std::lock_guard<std::mutex> Guard(Lock);
      for (findings::Finding &F : Findings) {
        Seen.insert({F.File, F.Offset, F.Check});
        F.ReportedBy = {Unit};
        Result.Copies.push_back(std::move(F));
      }
      for (auto &[Path, Hash] : Reads) {
        findings::FileReads &R = Result.Files.Reads[Path];
        R.Units.push_back(Unit);
        if (!llvm::is_contained(R.ContentHashes, Hash))
          R.ContentHashes.push_back(Hash);
      }
      if (Failed) {
        Result.FailedFiles.push_back(findings::canonicalPath(File));
        Result.Files.FailedUnits.push_back(Unit);
      }
      for (std::string &Problem : ConfigurationProblems)
        Problems.insert(std::move(Problem));
      // Each compiler error once, however many units include the header.
      std::vector<findings::Finding> New;
      for (findings::Finding &E : CompilerErrors)
        if (PrintedErrors.insert({E.File, E.Offset, E.Check, E.Message}).second)
          New.push_back(std::move(E));
      if (!New.empty()) {
        llvm::raw_string_ostream OS(ErrorText);
        findings::renderText(New, OS, Settings.ColorErrors);
      } else if (Failed && CompilerErrors.empty()) {
        ErrorText = "tightfit: error: the compiler failed on '" + File + "'\n";
      }
      FindingsSoFar = Seen.size();
    }
    if (!ErrorText.empty())
      Progress.print(ErrorText);
    Progress.unitDone(FindingsSoFar);
  }

  AnalysisResult finish() {
    Progress.finish();
    llvm::sort(Result.FailedFiles);
    llvm::sort(Result.Files.FailedUnits);
    Result.ConfigurationProblems.assign(Problems.begin(), Problems.end());
    for (auto &[Path, Reads] : Result.Files.Reads)
      llvm::sort(Reads.Units);
    return std::move(Result);
  }

private:
  using Place = std::tuple<std::string, unsigned, std::string>;
  using Identity = std::tuple<std::string, unsigned, std::string, std::string>;
  const AnalysisSettings &Settings;
  ProgressLine Progress;
  std::mutex Lock;
  std::set<Place> Seen;               ///< Findings so far, as the report will count them.
  std::set<Identity> PrintedErrors;
  std::set<std::string> Problems;
  AnalysisResult Result;
};

void analyseUnit(SharedState &Shared, const clang::tooling::CompilationDatabase &Compilations,
                 unsigned Unit, const std::string &File) {
  std::unique_ptr<ClangTidyContext> Context = Shared.makeContext();
  // The details the checks attach, for this thread's unit.
  findings::DetailsCollector Details;
  findings::ScopedDetailsSink InstallDetails(Details);
  ReadLog Reads;
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::makeIntrusiveRefCnt<RecordingFileSystem>(Reads));

  auto [Diagnostics, Compiled] = runChecks(*Context, Compilations, File, FS);
  std::vector<ClangTidyError> Results, CompilerErrors;
  std::vector<std::string> ConfigurationProblems;
  for (ClangTidyError &D : Diagnostics) {
    if (isConfigurationProblem(D))
      ConfigurationProblems.push_back(D.Message.Message);
    else if (isCompilerError(D))
      CompilerErrors.push_back(std::move(D));
    else
      Results.push_back(std::move(D));
  }
  // Every error, in order (two errors at one place are two errors).
  std::vector<findings::Finding> Errors =
      findings::findingsFromTidyErrors(CompilerErrors, /*Details=*/nullptr);
  auto Key = [](const findings::Finding &E) {
    return std::tie(E.File, E.Offset, E.Check, E.Message);
  };
  llvm::stable_sort(Errors, [&](const auto &L, const auto &R) { return Key(L) < Key(R); });
  Errors.erase(std::unique(Errors.begin(), Errors.end(),
                           [&](const auto &L, const auto &R) { return Key(L) == Key(R); }),
               Errors.end());
  Shared.addUnit(Unit, File, findings::findingsFromTidyErrors(Results, &Details),
                 std::move(Errors), !Compiled || !CompilerErrors.empty(),
                 std::move(ConfigurationProblems), Reads);
}

} // namespace

AnalysisResult analyseTranslationUnits(const clang::tooling::CompilationDatabase &Compilations,
                                       llvm::ArrayRef<std::string> Files,
                                       const AnalysisSettings &Settings) {
  SharedState Shared(Settings, Files.size());
  {
    std::set<std::string> All, Analysed;
    for (const std::string &File : Compilations.getAllFiles())
      All.insert(findings::canonicalPath(File));
    for (const std::string &File : Files)
      Analysed.insert(findings::canonicalPath(File));
    Shared.WholeDatabase = !All.empty() && All == Analysed;
  }
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Settings.Jobs));
    for (unsigned Unit = 0; Unit < Files.size(); ++Unit)
      Pool.async([&, Unit] { analyseUnit(Shared, Compilations, Unit, Files[Unit]); });
    Pool.wait();
  }
  AnalysisResult Result = Shared.finish();
  Result.Units = Files.size();
  for (const std::string &File : Files)
    Result.Files.MainFiles.push_back(findings::canonicalPath(File));
  return Result;
}

} // namespace tightfit::cli
