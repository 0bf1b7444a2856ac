//===- StoredValueExtractor.h - a value's facts from Clang's AST --*- C++ -*-===//
//
// The one piece of lib/erasure that reads Clang's AST for values: the size,
// alignment and type traits of a stored value's type (the answers
// std::is_trivially_copyable, std::is_nothrow_move_constructible, ... give for
// it), what each capture of a lambda costs, and the target facts SboModel
// needs.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_ERASURE_STOREDVALUEEXTRACTOR_H
#define TIGHTFIT_LIB_ERASURE_STOREDVALUEEXTRACTOR_H

#include "lib/erasure/ErasedValue.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include <vector>

namespace tightfit::erasure {

/// std::decay_t of \p T: references and cv-qualifiers dropped, arrays and
/// functions turned into pointers.
clang::QualType decayedType(clang::QualType T, const clang::ASTContext &Ctx);

/// Size, alignment and traits of the (decayed, complete, non-dependent) type
/// \p T. A trait that cannot be decided without instantiating something the
/// translation unit did not instantiate is Tri::Unknown.
StoredValue describeStoredType(clang::QualType T, const clang::ASTContext &Ctx);

/// Everything the analysis needs about a value of type \p T (decayed). \p
/// WrittenType, when given, is the type as the source spells it (for names).
ValueDescription describeValue(clang::QualType T, const clang::ASTContext &Ctx,
                               clang::QualType WrittenType = clang::QualType());

/// Where each capture of the closure type \p T is written (in the order of
/// describeValue's Captures); empty when \p T is not a closure type.
std::vector<clang::SourceLocation> captureLocations(clang::QualType T);

/// The target facts of \p Ctx's target.
TargetDescription describeTarget(const clang::ASTContext &Ctx);

} // namespace tightfit::erasure

#endif
