//===- PaddedRecordCheck.h - tightfit-padded-record --------------*- C++ -*-===//
//
// Finds structs and classes whose padding a different field order removes.
// The decisions (layout model, optimum order, thresholds, wording, whether
// and how to rewrite the source) live in lib/layout; this check matches
// record definitions, hands them to lib/ and, once the translation unit is
// complete, turns the verdicts into warnings with notes and fix-its.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_PADDEDRECORDCHECK_H
#define TIGHTFIT_CHECKS_PADDEDRECORDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "lib/layout/PaddedRecordAnalysis.h"
#include "lib/layout/TargetModelBuilder.h"
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
  void report(Verdict &V, llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations);
  void attachDetails(const Verdict &V, const std::string &Message,
                     llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations);

  const unsigned MinSavingBytes;
  const unsigned MinSavingPercent;
  const std::string IgnoredRecords;
  const unsigned SearchBudget;
  const bool FixRecordsInHeaders;
  const bool FixCLinkageRecords;
  const bool FixExportedRecords;
  const unsigned CacheLineSize;
  const bool RequireSizeClassChange;
  const bool RequireCacheLineChange;
  const std::string Targets;
  std::vector<llvm::Regex> IgnoredRecordPatterns;
  /// The targets of the Targets option, judged besides the TU's own.
  std::vector<std::unique_ptr<layout::OtherTarget>> OtherTargets;

  clang::ASTContext *Ctx = nullptr;
  // Verdicts are reported at the end of the translation unit, when every use
  // of the records (initialisers, offsetof, arrays, ...) is known. Class
  // template instantiations are reported once per template, at the template.
  std::vector<std::unique_ptr<Verdict>> RecordVerdicts;
  llvm::DenseMap<const clang::Decl *, llvm::SmallVector<std::unique_ptr<Verdict>, 2>>
      TemplateVerdicts;
  std::vector<const clang::Decl *> TemplateOrder;
};

} // namespace tightfit

#endif
