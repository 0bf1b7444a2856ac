//===- ViewParameterAnalysis.h - parameters that can be views ----*- C++ -*-===//
//
// The verdict behind tightfit-view-parameter: for each function defined in a
// translation unit, which `const std::string &` / `std::string` /
// `const std::vector<T> &` / `std::vector<T>` parameters can take a view
// instead, what the calls in the translation unit gain, and the edits that
// make the change (every redeclaration, substr() call sites, the include).
// See ViewParameterAnalysis.cpp for the rules on signatures and callers and
// EscapeAnalysis.cpp for the rules on uses.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_VIEWPARAMETERANALYSIS_H
#define TIGHTFIT_LIB_VIEWS_VIEWPARAMETERANALYSIS_H

#include "lib/views/CallSiteIndex.h"
#include "lib/views/EscapeAnalysis.h"
#include "lib/views/ViewAdvice.h"
#include "lib/views/ViewTypes.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class ParmVarDecl;
class SourceManager;
} // namespace clang

namespace tightfit::views {

struct ViewParameterOptions {
  ViewSpelling StringView = ViewSpelling::parse("std::string_view");
  ViewSpelling Span = ViewSpelling::parse("std::span<const %T>");
  std::string StringViewHeader = "<string_view>";
  std::string SpanHeader = "<span>";
  /// Give fix-its for functions with a declaration in a header (callers in
  /// other translation units are not visible).
  bool FixHeaderDeclarations = false;
  /// Parameters whose call-site evidence is below this are not findings.
  Priority MinPriority = Priority::Low;
  /// The translation unit's standard library (erasure::detectLibrary); none:
  /// not recognised, and no literal is counted as a heap allocation.
  std::optional<erasure::LibraryFamily> Library;
};

/// Where each file's #include directives are, so an include can be added.
struct IncludeMap {
  /// The first #include of a file outside any conditional block other than
  /// the file's include guard.
  llvm::DenseMap<clang::FileID, clang::SourceLocation> FirstInclude;
  /// Headers a file includes directly, spelled `<span>` / `"x.h"`.
  llvm::DenseMap<clang::FileID, llvm::StringSet<>> Included;
};

/// A replacement of the text in Range (empty: an insertion at its start).
struct SourceEdit {
  clang::CharSourceRange Range;
  std::string Text;
};

struct ViewParameterFinding {
  const clang::FunctionDecl *Function = nullptr; ///< The definition.
  const clang::ParmVarDecl *Param = nullptr;
  ViewParameterFacts Facts;
  EvidenceTally Tally;
  std::vector<std::pair<clang::SourceLocation, std::string>> Notes;
  std::vector<SourceEdit> Edits; ///< Empty when Facts.FixIt is false.
};

/// Either a finding or why the parameter is not one.
struct ParameterVerdict {
  std::string Rejection; ///< Empty when the parameter is a finding.
  ViewParameterFinding Finding;
};

class ViewParameterAnalysis {
public:
  ViewParameterAnalysis(clang::ASTContext &Ctx, ViewParameterOptions Options,
                        const IncludeMap *Includes = nullptr);
  /// Judges parameter \p Index of the definition \p F.
  ParameterVerdict judge(const clang::FunctionDecl &F, unsigned Index);
  /// Every finding in the translation unit, in declaration order; functions
  /// in system headers are skipped.
  std::vector<ViewParameterFinding> findAll();
  const CallSiteIndex &index() const { return Index; }

private:
  std::string signatureRejection(const clang::FunctionDecl &F);
  std::string overloadRejection(const clang::FunctionDecl &F);
  const ViewType &viewFor(const OwnerType &Owner);

  clang::ASTContext &Ctx;
  ViewParameterOptions Options;
  const IncludeMap *Includes;
  CallSiteIndex Index;
  std::vector<std::pair<OwnerType, ViewType>> Views;
  /// Headers already added to a file by an earlier finding of this
  /// translation unit: one #include per file, as clang-tidy's own checks do.
  std::set<std::pair<unsigned, std::string>> IncludesAdded;
};

} // namespace tightfit::views

#endif
