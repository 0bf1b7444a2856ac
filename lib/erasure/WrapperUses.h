//===- WrapperUses.h - what code does with a wrapper variable -----*- C++ -*-===//
//
// Classifies every use of a wrapper variable or parameter in the code that can
// see it, so that the analysis can tell a parameter that is only called from
// one that is stored, a local whose value is known at every copy from one that
// is reassigned or moved from, and the set of types a std::any ever holds.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_ERASURE_WRAPPERUSES_H
#define TIGHTFIT_LIB_ERASURE_WRAPPERUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <vector>

namespace tightfit::erasure {

enum class UseKind {
  Call,             ///< `f(...)`, `f.operator()(...)`
  Test,             ///< `if (f)`, `f == nullptr`
  Copy,             ///< copied: `auto g = f`, a by-value argument, `[f]`, `g = f`
  ConstMember,      ///< a const member function called (`has_value`, `target_type`)
  ConstReference,   ///< bound to a const reference (a const parameter, a const alias)
  ReferenceCapture, ///< captured by reference (the uses inside are classified too)
  AnyCast,          ///< `std::any_cast<T>(a)`, `std::any_cast<T>(&a)`
  ValueAssignment,  ///< given a new value: `a = 42`, `f = [..]{..}`, `a.emplace<T>(..)`
  Other,            ///< anything else: moved from, swapped, bound to a non-const
                    ///< reference, its address taken, assigned another wrapper...
};

struct WrapperUse {
  UseKind Kind = UseKind::Other;
  const clang::DeclRefExpr *Ref = nullptr;
  /// ValueAssignment: the type of the new value (before decay).
  clang::QualType AssignedType;
};

/// Every use of \p Var inside \p Scope (a function body), lambda bodies and
/// implicit captures included.
std::vector<WrapperUse> collectWrapperUses(const clang::ValueDecl &Var, const clang::Stmt &Scope,
                                           clang::ASTContext &Ctx);

/// Uses that neither change what the wrapper holds nor let anything else
/// change it.
bool keepsValue(UseKind K);

} // namespace tightfit::erasure

#endif
