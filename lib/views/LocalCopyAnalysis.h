//===- LocalCopyAnalysis.h - local copies that can be views ------*- C++ -*-===//
//
// The verdict behind tightfit-view-local-copy: a local `std::string t =
// s.substr(a, n);` or `std::string t = s;` that is only read while `s` is
// alive and unchanged can be a std::string_view of `s` (respectively a
// `const std::string &`). See LocalCopyAnalysis.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_LOCALCOPYANALYSIS_H
#define TIGHTFIT_LIB_VIEWS_LOCALCOPYANALYSIS_H

#include "lib/views/ViewParameterAnalysis.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace tightfit::views {

struct LocalCopyFinding {
  const clang::FunctionDecl *Function = nullptr;
  const clang::VarDecl *Copy = nullptr;   ///< `t`
  const clang::VarDecl *Source = nullptr; ///< `s`
  bool Substring = false;                 ///< `s.substr(...)` rather than `s`.
  std::string Message;
  std::vector<SourceEdit> Edits;
};

struct LocalCopyVerdict {
  std::string Rejection; ///< Empty for a finding.
  LocalCopyFinding Finding;
};

/// Judges the local variable \p Copy of \p F.
LocalCopyVerdict judgeLocalCopy(const clang::FunctionDecl &F, const clang::VarDecl &Copy,
                                clang::ASTContext &Ctx);

/// Every finding among the local variables of the functions defined in the
/// translation unit (system headers skipped).
std::vector<LocalCopyFinding> findLocalCopies(clang::ASTContext &Ctx, const CallSiteIndex &Index);

} // namespace tightfit::views

#endif
