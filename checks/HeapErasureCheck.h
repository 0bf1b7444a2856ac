//===- HeapErasureCheck.h - tightfit-heap-erasure -----------------*- C++ -*-===//
//
// Finds the places where a type-erasing wrapper (std::function, std::any,
// std::move_only_function, std::packaged_task, or a configured one) is given a
// value it stores on the heap, for the standard library the translation unit
// uses, and copies of wrappers known to hold such a value. The rules, the
// verdict and the wording live in lib/erasure; this check finds the sites,
// reads the value and the code around it, and reports.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_HEAPERASURECHECK_H
#define TIGHTFIT_CHECKS_HEAPERASURECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/erasure/HeapErasureAnalysis.h"
#include "lib/erasure/SboModel.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <string>
#include <vector>

namespace tightfit {

/// See docs/checks/heap-erasure.md.
class HeapErasureCheck : public clang::tidy::ClangTidyCheck {
public:
  HeapErasureCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  /// A wrapper class: a standard one, or one of the Wrappers option.
  struct WrapperClass {
    std::optional<erasure::WrapperKind> Std;
    const erasure::ConfiguredWrapper *Configured = nullptr;
  };
  /// The value a wrapper is given: its type after decay, and the argument
  /// that gives it (none for in_place_type / make_any / emplace<T>).
  struct ValueArgument {
    clang::QualType Type;
    const clang::Expr *Arg = nullptr;
    clang::SourceLocation Loc;
  };
  /// A local wrapper variable whose value is known at every use.
  struct TrackedValue {
    ValueArgument Value;
  };
  /// Where the site's notes point, besides the site itself.
  struct NoteTargets {
    std::vector<clang::SourceLocation> Captures;
    const clang::ParmVarDecl *Parameter = nullptr;
    const clang::VarDecl *Variable = nullptr;
  };

  std::optional<WrapperClass> wrapperOf(const clang::CXXRecordDecl *RD) const;
  std::vector<erasure::WrapperFacts> wrapperFacts(const WrapperClass &W);
  const std::vector<erasure::LibraryId> &librariesOfTU();

  std::optional<ValueArgument> valueArgument(const clang::FunctionDecl &Ctor,
                                             llvm::ArrayRef<const clang::Expr *> Args,
                                             const clang::CXXRecordDecl &Class) const;
  const TrackedValue *trackedValue(const clang::VarDecl &Var, const clang::CXXRecordDecl &Class);

  /// The variable \p E initialises, looking through temporaries.
  const clang::VarDecl *initialisedVariable(const clang::Expr &E);
  bool isArgumentOfWrapperConstruction(const clang::Expr &E);
  void onConstruct(const clang::CXXConstructExpr &E);
  void onAssign(const clang::CXXOperatorCallExpr &Op);
  void onMakeAny(const clang::CallExpr &Call);
  void onEmplace(const clang::CXXMemberCallExpr &Call);
  void onCopy(const clang::Expr &Source, const clang::CXXRecordDecl &Class, const WrapperClass &W);

  void judge(erasure::SiteKind Kind, const WrapperClass &W, const ValueArgument &V,
             const clang::Expr *Site, const clang::VarDecl *AnyVariable);
  const clang::ParmVarDecl *onlyCalledParameter(const clang::Expr &Site,
                                                const clang::CXXRecordDecl &Class,
                                                std::string &FunctionName);
  std::vector<std::string> anyHeldTypes(const clang::VarDecl &Var);
  /// A verdict to report when the translation unit ends.
  struct PendingReport {
    clang::SourceLocation Loc;
    erasure::ErasureSite Site;
    erasure::ErasureReport Report;
    NoteTargets Targets;
  };
  void report(const erasure::ErasureSite &Site, const erasure::RemedyFacts &Remedies,
              clang::SourceLocation Loc, const NoteTargets &Targets);
  void emit(llvm::ArrayRef<PendingReport> Reports);

  const std::string Libraries;
  const std::string Wrappers;
  const std::string FunctionRefType;
  const bool ReportCopies;
  const bool ReportInPlace;
  std::vector<erasure::LibraryId> ConfiguredLibraries;
  std::vector<erasure::ConfiguredWrapper> ConfiguredWrappers;

  // State of the current translation unit.
  clang::Preprocessor *PP = nullptr;
  clang::ASTContext *Ctx = nullptr;
  std::optional<std::vector<erasure::LibraryId>> TULibraries;
  llvm::DenseMap<const clang::VarDecl *, std::optional<TrackedValue>> Tracked;
  // Verdicts by place (raw file location), in the order places were found.
  llvm::DenseMap<unsigned, std::vector<PendingReport>> Pending;
  std::vector<unsigned> PendingOrder;
};

} // namespace tightfit

#endif
