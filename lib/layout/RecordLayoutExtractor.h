//===- RecordLayoutExtractor.h - Clang record → RecordLayoutModel -*- C++ -*-===//
//
// Reads a record definition and Clang's layout of it for the translation
// unit's target, and describes it as a RecordLayoutModel. Records whose
// layout depends on rules tightfit does not model are refused with a reason
// rather than approximated.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_RECORDLAYOUTEXTRACTOR_H
#define TIGHTFIT_LIB_LAYOUT_RECORDLAYOUTEXTRACTOR_H

#include "lib/layout/RecordLayoutModel.h"
#include <optional>

namespace clang {
class ASTContext;
class RecordDecl;
} // namespace clang

namespace tightfit::layout {

enum class SkipReason {
  None,
  NotAnalyzable,     ///< Union, incomplete, invalid, dependent or implicit.
  NoFields,          ///< Nothing that a reorder could move.
  VirtualBases,      ///< Virtual bases are laid out after the fields.
  UnsupportedTarget, ///< AIX power alignment, targets ignoring bit-field types.
  MsStruct,          ///< ms_struct layout on a non-Microsoft target.
  WideBitField,      ///< A bit-field wider than its declared type.
  ExtraPadding,      ///< -fsanitize-address-field-padding inserts padding.
  EmptySubobjects,   ///< Empty subobjects of one type might collide.
  MicrosoftUnsupported, ///< Microsoft rules not modelled for this record.
  ModelMismatch,     ///< The model does not reproduce the compiler's layout.
};

const char *describe(SkipReason Reason);

struct ExtractedLayout {
  std::optional<RecordLayoutModel> Model;
  SkipReason Reason = SkipReason::None;
};

/// Describes \p Record as laid out for \p Ctx's target. On success, the model
/// reproduces the compiler's offsets and size for the declaration order.
ExtractedLayout extractRecordLayout(const clang::RecordDecl &Record, clang::ASTContext &Ctx);

} // namespace tightfit::layout

#endif
