//===- ViewLocalCopyCheck.h - tightfit-view-local-copy -----------*- C++ -*-===//
//
// Finds local `std::string t = s.substr(...);` and `std::string t = s;`
// copies that are only read while `s` is alive and unchanged, and turns them
// into a std::string_view / a const reference. The rules live in
// lib/views/LocalCopyAnalysis.cpp; this check reports and fixes.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_VIEWLOCALCOPYCHECK_H
#define TIGHTFIT_CHECKS_VIEWLOCALCOPYCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace tightfit {

/// See docs/checks/view-local-copy.md.
class ViewLocalCopyCheck : public clang::tidy::ClangTidyCheck {
public:
  ViewLocalCopyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
};

} // namespace tightfit

#endif
