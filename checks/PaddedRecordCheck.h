//===- PaddedRecordCheck.h - tightfit-padded-record --------------*- C++ -*-===//
//
// Finds structs and classes whose padding a different field order removes.
// The decisions (layout model, optimum order, thresholds, wording) live in
// lib/layout; this check matches record definitions, hands them to lib/ and
// turns the verdict into a warning with notes.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_PADDEDRECORDCHECK_H
#define TIGHTFIT_CHECKS_PADDEDRECORDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/layout/PaddedRecordAnalysis.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <vector>

namespace tightfit {

/// See docs/checks/padded-record.md.
class PaddedRecordCheck : public clang::tidy::ClangTidyCheck {
public:
  PaddedRecordCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  ~PaddedRecordCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const clang::LangOptions &) const override {
    return true; // C and C++ alike.
  }

private:
  struct Verdict;
  bool isIgnored(const clang::RecordDecl &Record) const;
  void report(const Verdict &V, llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations);
  void attachDetails(const Verdict &V, const std::string &Message,
                     llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations);

  const unsigned MinSavingBytes;
  const unsigned MinSavingPercent;
  const std::string IgnoredRecords;
  const unsigned SearchBudget;
  std::vector<llvm::Regex> IgnoredRecordPatterns;

  clang::ASTContext *Ctx = nullptr;
  // Class template instantiations are reported once per template, at the
  // template, after the whole translation unit was seen.
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<std::unique_ptr<Verdict>, 2>>
      TemplateVerdicts;
  std::vector<const clang::Decl *> TemplateOrder;
};

} // namespace tightfit

#endif
