//===- AnalysisRun.cpp - the checks over many translation units -----------===//
//
// See AnalysisRun.h.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/AnalysisRun.h"

#include "tools/cli/Progress.h"
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

/// Errors of the compiler itself: the translation unit did not compile.
bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == ClangTidyError::Error && !E.IsWarningAsError &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

/// What clang-tidy reports about check options it cannot use.
bool isConfigurationProblem(const ClangTidyError &E) {
  return E.DiagnosticName == "clang-tidy-config";
}

/// The checks of \p Context over \p File, as clang-tidy's runClangTidy runs
/// them, but without its "Error while processing" line, which would only
/// repeat the compiler's errors. Returns the diagnostics and whether the
/// compiler succeeded.
std::pair<std::vector<ClangTidyError>, bool>
runChecks(ClangTidyContext &Context, const clang::tooling::CompilationDatabase &Compilations,
          const std::string &File, llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS) {
  clang::tooling::ClangTool Tool(Compilations, {File},
                                 std::make_shared<clang::PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  // The configuration's ExtraArgsBefore and ExtraArgs, for the file.
  Tool.appendArgumentsAdjuster([&Context](const clang::tooling::CommandLineArguments &Args,
                                          llvm::StringRef Filename) {
    clang::tidy::ClangTidyOptions Options = Context.getOptionsForFile(Filename);
    clang::tooling::CommandLineArguments Adjusted = Args;
    if (Options.ExtraArgsBefore) {
      auto At = Adjusted.begin();
      if (At != Adjusted.end() && !llvm::StringRef(*At).starts_with("-"))
        ++At; // After the compiler's name.
      Adjusted.insert(At, Options.ExtraArgsBefore->begin(), Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(), Options.ExtraArgs->end());
    return Adjusted;
  });
  Tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());

  clang::tidy::ClangTidyDiagnosticConsumer Consumer(Context, /*ExternalDiagEngine=*/nullptr,
                                                    /*RemoveIncompatibleErrors=*/true,
                                                    /*GetFixesFromNotes=*/false);
  clang::DiagnosticsEngine Engine(new clang::DiagnosticIDs, new clang::DiagnosticOptions,
                                  &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Consumer);

  class Factory : public clang::tooling::FrontendActionFactory {
  public:
    Factory(ClangTidyContext &Context,
            llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS)
        : Consumers(Context, std::move(FS)) {}
    std::unique_ptr<clang::FrontendAction> create() override {
      return std::make_unique<Action>(Consumers);
    }
    bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                       clang::FileManager *Files,
                       std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,
                       clang::DiagnosticConsumer *DiagConsumer) override {
      // As clang-tidy: code may test __clang_analyzer__ to hide itself from
      // static analysis.
      Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
      return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                  std::move(PCHContainerOps), DiagConsumer);
    }

  private:
    class Action : public clang::ASTFrontendAction {
    public:
      explicit Action(clang::tidy::ClangTidyASTConsumerFactory &Consumers)
          : Consumers(Consumers) {}
      std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &Compiler,
                                                            llvm::StringRef File) override {
        return Consumers.createASTConsumer(Compiler, File);
      }

    private:
      clang::tidy::ClangTidyASTConsumerFactory &Consumers;
    };
    clang::tidy::ClangTidyASTConsumerFactory Consumers;
  };

  Factory Actions(Context, FS);
  bool Compiled = Tool.run(&Actions) == 0;
  return {Consumer.take(), Compiled};
}

/// Everything the workers share, behind one lock.
class SharedState {
public:
  SharedState(const AnalysisSettings &Settings, unsigned Units)
      : Settings(Settings), Progress(Settings.ShowProgress, Units) {}

  std::unique_ptr<ClangTidyContext> takeContext() {
    {
      std::lock_guard<std::mutex> Guard(Lock);
      if (!Idle.empty()) {
        auto Context = std::move(Idle.back());
        Idle.pop_back();
        return Context;
      }
    }
    // The settings were checked before the run: this cannot fail.
    auto Provider = llvm::cantFail(frontend::createOptionsProvider(Settings.Tidy));
    return std::make_unique<ClangTidyContext>(std::move(Provider));
  }

  void returnContext(std::unique_ptr<ClangTidyContext> Context) {
    std::lock_guard<std::mutex> Guard(Lock);
    Idle.push_back(std::move(Context));
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
      if (Failed)
        Result.FailedFiles.push_back(findings::canonicalPath(File));
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
  std::vector<std::unique_ptr<ClangTidyContext>> Idle;
  std::set<Place> Seen;               ///< Findings so far, as the report will count them.
  std::set<Identity> PrintedErrors;
  std::set<std::string> Problems;
  AnalysisResult Result;
};

void analyseUnit(SharedState &Shared, const clang::tooling::CompilationDatabase &Compilations,
                 unsigned Unit, const std::string &File) {
  std::unique_ptr<ClangTidyContext> Context = Shared.takeContext();
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
  Shared.returnContext(std::move(Context));
}

} // namespace

AnalysisResult analyseTranslationUnits(const clang::tooling::CompilationDatabase &Compilations,
                                       llvm::ArrayRef<std::string> Files,
                                       const AnalysisSettings &Settings) {
  SharedState Shared(Settings, Files.size());
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
