//===- TightfitPlugin.cpp - tightfit as a Clang compiler plugin ----------===//
//
//   clang++-19 -fplugin=tightfit-plugin.so -c f.cpp
//
// runs tightfit's checks during a normal compile: the plugin action registers
// as one that runs before the main action, so no `-Xclang -add-plugin` is
// needed, and the object file is produced as usual. Arguments:
//
//   -fplugin-arg-tightfit-checks=GLOB          checks to run (added after the
//                                              configuration's, as clang-tidy's
//                                              -checks); default "-*,tightfit-*"
//   -fplugin-arg-tightfit-config=YAML          configuration used instead of
//                                              .clang-tidy files
//   -fplugin-arg-tightfit-header-filter=REGEX  headers to report findings in
//
// The checks run through clang-tidy's library, linked into this plugin (the
// compiler does not contain it). Their diagnostics go to a private diagnostics
// engine whose consumer is clang-tidy's own, which applies NOLINT comments,
// the header filter and the per-file check list exactly as clang-tidy does.
// At the end of the translation unit the surviving findings are reported to
// the compiler's diagnostics engine. Clang 19 cannot map custom diagnostics
// with -Werror or -w, so the plugin applies the compiler's settings itself:
// findings become errors under -Werror and disappear under -w.
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "tools/common/TidyOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"

namespace tightfit {
namespace {

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyError;

/// The clang-tidy state one translation unit's checks report into. A base class
/// of ChecksConsumer listed before MultiplexConsumer, so that it is built
/// before and destroyed after the checks, which refer to it.
class TidyState {
protected:
  explicit TidyState(std::unique_ptr<ClangTidyContext> TidyContext)
      : Context(std::move(TidyContext)), Collector(*Context),
        Engine(new clang::DiagnosticIDs, new clang::DiagnosticOptions, &Collector,
               /*ShouldOwnClient=*/false) {
    Context->setDiagnosticsEngine(&Engine);
  }

  std::unique_ptr<ClangTidyContext> Context;
  /// Filters the checks' diagnostics and keeps the ones to report.
  clang::tidy::ClangTidyDiagnosticConsumer Collector;
  clang::DiagnosticsEngine Engine;
};

/// Runs the checks over the translation unit and reports their findings to the
/// compiler when the unit is complete.
class ChecksConsumer : private TidyState, public clang::MultiplexConsumer {
public:
  ChecksConsumer(clang::CompilerInstance &Compiler, llvm::StringRef File,
                 std::unique_ptr<ClangTidyContext> TidyContext)
      : TidyState(std::move(TidyContext)), MultiplexConsumer(createTidyConsumer(Compiler, File)),
        Compiler(Compiler) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    MultiplexConsumer::HandleTranslationUnit(Ctx);
    for (const ClangTidyError &Finding : Collector.take())
      reportToCompiler(Finding);
  }

private:
  std::vector<std::unique_ptr<clang::ASTConsumer>>
  createTidyConsumer(clang::CompilerInstance &Compiler, llvm::StringRef File) {
    clang::tidy::ClangTidyASTConsumerFactory Factory(*Context);
    std::vector<std::unique_ptr<clang::ASTConsumer>> Consumers;
    Consumers.push_back(Factory.createASTConsumer(Compiler, File));
    return Consumers;
  }

  void reportToCompiler(const ClangTidyError &Finding) {
    clang::DiagnosticsEngine &Diags = Compiler.getDiagnostics();
    // The check's name, and why a warning is reported as an error, as clang
    // and clang-tidy print them.
    std::string Tag = Finding.DiagnosticName;
    clang::DiagnosticsEngine::Level Level;
    if (Finding.IsWarningAsError) { // clang-tidy's WarningsAsErrors option.
      Level = clang::DiagnosticsEngine::Error;
      Tag += ",-warnings-as-errors";
    } else if (Finding.DiagLevel == ClangTidyError::Error) {
      Level = clang::DiagnosticsEngine::Error;
    } else if (Diags.getIgnoreAllWarnings()) {
      return;
    } else if (Diags.getWarningsAsErrors()) {
      Level = clang::DiagnosticsEngine::Error;
      Tag += ",-Werror";
    } else {
      Level = clang::DiagnosticsEngine::Warning;
    }

    Diags.Report(locationOf(Finding.Message), Diags.getCustomDiagID(Level, "%0 [%1]"))
        << Finding.Message.Message << Tag;
    for (const clang::tooling::DiagnosticMessage &Note : Finding.Notes)
      Diags.Report(locationOf(Note), Diags.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0"))
          << Note.Message;
  }

  /// Where in this compilation \p Message points: clang-tidy keeps file names
  /// as the source manager spelled them and byte offsets.
  clang::SourceLocation locationOf(const clang::tooling::DiagnosticMessage &Message) {
    if (Message.FilePath.empty())
      return {};
    llvm::Expected<clang::FileEntryRef> File =
        Compiler.getFileManager().getFileRef(Message.FilePath);
    if (!File) {
      llvm::consumeError(File.takeError());
      return {};
    }
    clang::SourceManager &Sources = Compiler.getSourceManager();
    clang::FileID ID = Sources.translateFile(*File);
    if (ID.isInvalid())
      return {};
    return Sources.getComposedLoc(ID, Message.FileOffset);
  }

  clang::CompilerInstance &Compiler;
};

/// The plugin action: reads the -fplugin-arg-tightfit-* arguments, then adds
/// the checks' consumer in front of the compiler's own.
class TightfitPluginAction : public clang::PluginASTAction {
public:
  bool ParseArgs(const clang::CompilerInstance &Compiler,
                 const std::vector<std::string> &Args) override {
    frontend::TidySettings Settings;
    for (llvm::StringRef Arg : Args) {
      auto [Name, Value] = Arg.split('=');
      if (Name == "checks" && Arg.contains('='))
        Settings.Checks = Value.str();
      else if (Name == "config" && Arg.contains('='))
        Settings.ConfigYaml = Value.str();
      else if (Name == "header-filter" && Arg.contains('='))
        Settings.HeaderFilter = Value.str();
      else
        return reportBadArguments(Compiler, "unknown argument '-fplugin-arg-tightfit-" + Arg +
                                                "'; expected checks=, config= or header-filter=");
    }
    llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>> Options =
        frontend::createOptionsProvider(Settings);
    if (!Options)
      return reportBadArguments(Compiler, llvm::toString(Options.takeError()));
    Context = std::make_unique<ClangTidyContext>(std::move(*Options));
    return true;
  }

  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &Compiler,
                                                        llvm::StringRef File) override {
    return std::make_unique<ChecksConsumer>(Compiler, File, std::move(Context));
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  /// Fails the compile with "error: tightfit: <Problem>"; always false.
  static bool reportBadArguments(const clang::CompilerInstance &Compiler,
                                 const llvm::Twine &Problem) {
    clang::DiagnosticsEngine &Diags = Compiler.getDiagnostics();
    Diags.Report(Diags.getCustomDiagID(clang::DiagnosticsEngine::Error, "tightfit: %0"))
        << Problem.str();
    return false;
  }

  std::unique_ptr<ClangTidyContext> Context;
};

} // namespace
} // namespace tightfit

static clang::FrontendPluginRegistry::Add<tightfit::TightfitPluginAction>
    TightfitPluginRegistration("tightfit", "tightfit: finds memory the compiler silently wastes");
