//===- CallSiteIndex.h - who calls what, in one translation unit -*- C++ -*-===//
//
// One pass over a translation unit that records, for every function, the
// calls to it and whether it is referred to in any other way (its address
// taken, bound to a callback), together with what the signature checks of
// the view checks need: the functions of each name (overload sets), names
// used in template-dependent calls, and the class definitions (hierarchies).
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_CALLSITEINDEX_H
#define TIGHTFIT_LIB_VIEWS_CALLSITEINDEX_H

#include "clang/AST/DeclarationName.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CXXRecordDecl;
class FunctionDecl;
class NamedDecl;
} // namespace clang

namespace tightfit::views {

class CallSiteIndex {
public:
  explicit CallSiteIndex(clang::ASTContext &Ctx);

  /// Calls whose callee names \p F (any redeclaration), template
  /// instantiations included; one entry per call expression.
  llvm::ArrayRef<const clang::CallExpr *> callsTo(const clang::FunctionDecl &F) const;
  /// \p F is named other than as the callee of a call: `&f`, `f` passed as a
  /// callback or stored in a std::function, `decltype(f)`, ...
  bool isReferencedOtherwise(const clang::FunctionDecl &F) const;
  /// A call to \p F with type-dependent arguments exists in a template.
  bool hasDependentCall(const clang::FunctionDecl &F) const;
  /// \p Name appears in an unresolved (template-dependent) call or member
  /// access, or in a using-declaration.
  bool isNameUsedDependently(clang::DeclarationName Name) const;
  /// Every function and function template of that name (canonical
  /// declarations; template instantiations excluded).
  llvm::ArrayRef<const clang::NamedDecl *> functionsNamed(clang::DeclarationName Name) const;
  /// Non-template functions defined in the translation unit, in order.
  llvm::ArrayRef<const clang::FunctionDecl *> definitions() const { return Definitions; }
  /// Class definitions.
  llvm::ArrayRef<const clang::CXXRecordDecl *> classes() const { return Classes; }

private:
  friend class CallSiteIndexBuilder;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::CallExpr *, 4>> Calls;
  llvm::DenseSet<const clang::FunctionDecl *> OtherReferences;
  llvm::DenseSet<const clang::FunctionDecl *> DependentCalls;
  llvm::DenseSet<clang::DeclarationName> DependentNames;
  llvm::DenseMap<clang::DeclarationName, llvm::SmallVector<const clang::NamedDecl *, 2>> ByName;
  std::vector<const clang::FunctionDecl *> Definitions;
  std::vector<const clang::CXXRecordDecl *> Classes;
};

} // namespace tightfit::views

#endif
