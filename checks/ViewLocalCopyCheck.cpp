//===- ViewLocalCopyCheck.cpp - tightfit-view-local-copy ------------------===//
#include "checks/ViewLocalCopyCheck.h"
#include "checks/DiagnosticText.h"
#include "lib/views/CallSiteIndex.h"
#include "lib/views/LocalCopyAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace tightfit {

void ViewLocalCopyCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ViewLocalCopyCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  views::CallSiteIndex Index(Ctx);
  for (const views::LocalCopyFinding &F : views::findLocalCopies(Ctx, Index)) {
    auto D = diag(F.Copy->getLocation(), verbatim(F.Message));
    for (const views::SourceEdit &E : F.Edits) {
      if (E.Range.getBegin() == E.Range.getEnd())
        D << FixItHint::CreateInsertion(E.Range.getBegin(), E.Text);
      else
        D << FixItHint::CreateReplacement(E.Range, E.Text);
    }
  }
}

} // namespace tightfit
