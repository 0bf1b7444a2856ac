//===- UnitChecks.cpp - the checks over one translation unit --------------===//
//
// See UnitChecks.h.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/UnitChecks.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyError;

namespace tightfit::cli {

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == ClangTidyError::Error && !E.IsWarningAsError &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

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

} // namespace tightfit::cli
