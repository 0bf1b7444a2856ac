//===- ViewParameterCheck.h - tightfit-view-parameter ------------*- C++ -*-===//
//
// Finds `const std::string &`, `std::string`, `const std::vector<T> &` and
// `std::vector<T>` parameters that are only read and can take a
// std::string_view / std::span<const T> (or the project's own view types)
// instead. The decisions (escape analysis, signature and caller rules,
// call-site evidence, wording, edits) live in lib/views; this check records
// where the #includes are, hands the translation unit to lib/ and turns each
// finding into a warning with notes and fix-its.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_VIEWPARAMETERCHECK_H
#define TIGHTFIT_CHECKS_VIEWPARAMETERCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/views/ViewAdvice.h"
#include "lib/views/ViewParameterAnalysis.h"
#include <memory>
#include <string>

namespace tightfit {

/// See docs/checks/view-parameter.md.
class ViewParameterCheck : public clang::tidy::ClangTidyCheck {
public:
  ViewParameterCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  void report(const views::ViewParameterFinding &F, clang::ASTContext &Ctx);

  const std::string StringViewType;
  const std::string SpanType;
  const std::string StringViewHeader;
  const std::string SpanHeader;
  const bool FixHeaderDeclarations;
  const std::string MinPriority;
  views::Priority Threshold = views::Priority::Low;
  views::IncludeMap Includes;
  /// The translation unit's preprocessor: its macros name the standard library.
  clang::Preprocessor *PP = nullptr;
};

} // namespace tightfit

#endif
