//===- ErasedValue.h - a value handed to a type-erasing wrapper ---*- C++ -*-===//
//
// The plain description of the value a wrapper is asked to store, as the
// analysis and the messages need it: what it is (a lambda, a bind expression,
// an object of some type), its size, alignment and traits, and for a lambda
// what each capture costs. StoredValueExtractor fills it from Clang's AST.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_ERASURE_ERASEDVALUE_H
#define TIGHTFIT_LIB_ERASURE_ERASEDVALUE_H

#include "lib/erasure/SboModel.h"
#include <string>
#include <vector>

namespace tightfit::erasure {

/// One capture of a lambda, in the closure's declaration order.
struct CaptureFacts {
  /// `this`, `*this`, or the captured variable's (or init-capture's) name.
  std::string Name;
  /// The captured entity's type as written (`std::string`, `int &`).
  std::string TypeName;
  bool ByReference = false;
  bool Implicit = false; ///< Captured by a capture default ([=] or [&]).
  /// Bytes of the closure the capture's member takes (a pointer for a
  /// reference capture).
  uint64_t Bytes = 0;
  /// The member's own size, alignment and traits.
  StoredValue Traits;
};

enum class ValueKind {
  Lambda,
  BindExpression, ///< std::bind, std::bind_front, ...
  FunctionPointer,
  MemberPointer,
  ReferenceWrapper, ///< std::reference_wrapper
  Wrapper,          ///< another type-erasing wrapper (e.g. a std::function of another signature)
  Object,           ///< any other type
};

/// `lambda`, `bind`, `functionPointer`, ... (JSON values).
llvm::StringRef valueKindKey(ValueKind K);

struct ValueDescription {
  ValueKind Kind = ValueKind::Object;
  /// The type as written where it is known (`std::string`, `Counter`); empty
  /// for lambdas.
  std::string TypeName;
  StoredValue Value;
  std::vector<CaptureFacts> Captures; ///< Lambdas only.
};

} // namespace tightfit::erasure

#endif
