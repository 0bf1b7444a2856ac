//===- RecordUseScanner.h - what a TU does with its records ------*- C++ -*-===//
//
// One walk over a translation unit that finds, for a set of records, what a
// field reordering of them must respect (uses that observe the layout), what
// it must rewrite (initializer lists), and the evidence of how many instances
// the program makes (arrays, containers, allocations in loops, members of
// other records). Declarations in system headers are not walked.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_RECORDUSESCANNER_H
#define TIGHTFIT_LIB_LAYOUT_RECORDUSESCANNER_H

#include "lib/layout/FixSafety.h"
#include "lib/layout/InstanceEvidence.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class SourceManager;
class InitListExpr;
class RecordDecl;
class CXXParenListInitExpr;
} // namespace clang

namespace tightfit::layout {

/// A use that observes the layout of a record (or of one that contains it).
struct LayoutObservation {
  FixRefusal Kind = FixRefusal::None;
  clang::SourceLocation Loc;
  std::string Detail; ///< E.g. the function called.
};

/// An initializer list whose type is the record.
struct InitListUse {
  const clang::InitListExpr *Semantic = nullptr;
  const clang::InitListExpr *Syntactic = nullptr; ///< Null when brace-elided.
  bool Elided = false;          ///< Its elements sit in an enclosing list.
  bool InInstantiation = false; ///< Seen inside a template instantiation.
};

/// An instance of the evidence, where it is.
struct EvidenceUse {
  InstanceEvidence Evidence;
  clang::SourceLocation Loc;
  const clang::RecordDecl *Holder = nullptr; ///< For MemberOf: the record.
};

struct RecordUses {
  std::vector<LayoutObservation> Observations;
  std::vector<InitListUse> InitLists;
  std::vector<EvidenceUse> Evidence;
};

using RecordUseMap = llvm::DenseMap<const clang::RecordDecl *, RecordUses>;

/// Whether \p List is spelled with braces of its own; a brace-elided
/// sub-list (`{1, 2, 3}` initialising a struct holding an `int[2]`) is not.
bool hasOwnBraces(const clang::InitListExpr &List, const clang::SourceManager &SM);

/// Walks the translation unit of \p Ctx once and collects the uses of the
/// \p Records (canonical declarations) and of the records that contain them
/// by value (fields, array elements, bases): what observes a containing
/// record's layout observes theirs.
RecordUseMap scanRecordUses(clang::ASTContext &Ctx,
                            const llvm::SmallPtrSetImpl<const clang::RecordDecl *> &Records);

} // namespace tightfit::layout

#endif
