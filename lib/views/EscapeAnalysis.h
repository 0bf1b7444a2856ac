//===- EscapeAnalysis.h - may an owner become a view? ------------*- C++ -*-===//
//
// Decides whether a function parameter (or a local variable) that owns a
// std::string or std::vector<T> can be replaced by a view of the caller's
// data without changing what the program does: every use must be one the
// view supports read-only, and nothing may let the view outlive, or be
// invalidated by, its referent. See EscapeAnalysis.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_ESCAPEANALYSIS_H
#define TIGHTFIT_LIB_VIEWS_ESCAPEANALYSIS_H

#include "lib/views/ViewTypes.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>

namespace clang {
class ASTContext;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace tightfit::views {

/// Why an owner cannot become a view.
enum class UseBlocker {
  None,
  Returned,      ///< Something derived from it reaches the return value.
  Stored,        ///< Kept beyond the call: member, global, container, aggregate, out-parameter.
  Captured,      ///< Captured by a lambda that may outlive the call, or by bind/thread/async.
  Coroutine,     ///< A coroutine's parameters outlive the caller's full-expression.
  NeedsNul,      ///< Relies on the terminating NUL: c_str(), data() as a C string, s[s.size()].
  NeedsOwner,    ///< A use that needs the owning type (owner parameter, operator+, ...).
  Modified,      ///< The owner is modified or moved from.
  AddressTaken,  ///< Its address is taken.
  Aliasing,      ///< Something in the function may release or change the referent.
  TypeDependent, ///< Passed to a template whose behaviour depends on the type.
  Unmodelled,    ///< A use the analysis does not model: no verdict.
};

llvm::StringRef describe(UseBlocker Blocker);

struct BlockingUse {
  UseBlocker Blocker = UseBlocker::None;
  clang::SourceLocation Loc;
  std::string Detail; ///< e.g. the member or callee involved.
  explicit operator bool() const { return Blocker != UseBlocker::None; }
};

/// What the uses of an owner need from the view that replaces it.
struct ViewUseSummary {
  BlockingUse Blocking; ///< The first use that rules the view out.
  unsigned Uses = 0;    ///< References to the variable.
  std::set<std::string> Members; ///< Members of the view the rewritten code calls.
  bool Equality = false;  ///< ==, != with the view as an operand.
  bool Ordering = false;  ///< <, <=, >, >=, <=>.
  bool Streaming = false; ///< std::ostream << view.
  bool viewable() const { return !Blocking && Uses > 0; }
};

/// Classifies every use of \p Var (a parameter of \p Function, or one of its
/// local variables) of type \p Owner as if it were \p View.
ViewUseSummary analyzeUses(const clang::FunctionDecl &Function, const clang::VarDecl &Var,
                           const OwnerType &Owner, const ViewType &View,
                           clang::ASTContext &Ctx);

/// Finds what in \p Function could release or reallocate the referent of a
/// view parameter while the call runs: another parameter that is a mutable
/// reference or pointer to an object, a callback parameter, a mutation of
/// the object `this` points to or of a global, a delete-expression.
BlockingUse findAliasingHazard(const clang::FunctionDecl &Function,
                               const clang::VarDecl &Param, clang::ASTContext &Ctx);

/// True when \p E mentions `this` or a non-const variable with static
/// storage: a mutation through it may reach state the caller's data lives in.
bool reachesSharedState(const clang::Expr *E);

} // namespace tightfit::views

#endif
