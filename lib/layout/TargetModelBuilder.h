//===- TargetModelBuilder.h - a record's model for another target -*- C++ -*-===//
//
// A translation unit is parsed for one target, but the same record is laid
// out differently on others (4-byte pointers, 4-aligned doubles on i686,
// 4-byte long on Windows). This builds the RecordLayoutModel of a record for
// another target from its declared field types and that target's TargetInfo,
// for the records whose layout follows from those alone; others are refused
// with a reason. See TargetModelBuilder.cpp for what is supported.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_TARGETMODELBUILDER_H
#define TIGHTFIT_LIB_LAYOUT_TARGETMODELBUILDER_H

#include "lib/layout/RecordLayoutModel.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class RecordDecl;
class TargetInfo;
} // namespace clang

namespace tightfit::layout {

/// A target to judge records for, besides the translation unit's own.
class OtherTarget {
public:
  /// Creates the target for \p Triple; null (with \p Error set) if Clang does
  /// not know it.
  static std::unique_ptr<OtherTarget> create(const std::string &Triple, std::string &Error);
  ~OtherTarget();

  const std::string &triple() const { return Triple; }
  const clang::TargetInfo &info() const { return *Info; }

private:
  OtherTarget() = default;
  std::string Triple;
  std::unique_ptr<clang::TargetInfo> Info;
  struct Owned;
  std::unique_ptr<Owned> Keep;
};

struct TargetModel {
  std::optional<RecordLayoutModel> Model;
  std::string Reason; ///< Why there is no model.
};

/// The model of \p Record laid out for \p Target (its fields in declaration
/// order, with the offsets the target's rules give them).
TargetModel buildTargetModel(const clang::RecordDecl &Record, clang::ASTContext &Ctx,
                             const OtherTarget &Target);

} // namespace tightfit::layout

#endif
