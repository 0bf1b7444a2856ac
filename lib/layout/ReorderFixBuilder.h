//===- ReorderFixBuilder.h - a field reordering as a fix-it -------*- C++ -*-===//
//
// The Clang side of the fix-it of tightfit-padded-record: measures where a
// record's fields, constructors and initializer lists are spelled, decides
// whether a reordering is safe (FixSafety.h lists the reasons it is not), and
// computes the edits with FieldReorderEdit.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_REORDERFIXBUILDER_H
#define TIGHTFIT_LIB_LAYOUT_REORDERFIXBUILDER_H

#include "lib/layout/FieldReorderEdit.h"
#include "lib/layout/FixSafety.h"
#include "lib/layout/RecordLayoutModel.h"
#include "lib/layout/RecordUseScanner.h"
#include "clang/Basic/SourceLocation.h"
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class RecordDecl;
} // namespace clang

namespace tightfit::layout {

/// What the order search needs to know about how a record is spelled.
struct RecordSourceFacts {
  /// The body, when every field declaration is plain file text.
  std::optional<RecordBodySpelling> Body;
  clang::FileID File;
  /// Per field: the author's group (authorGroups), empty without a body.
  std::vector<unsigned> Groups;
  /// Per field: its access section (numbered in declaration order), empty
  /// when all fields share one access.
  std::vector<unsigned> AccessSections;
};

RecordSourceFacts measureRecordSource(const clang::RecordDecl &Record,
                                      const RecordLayoutModel &Model, clang::ASTContext &Ctx);

struct ReorderFixOptions {
  bool FixRecordsInHeaders = false;
  bool FixCLinkageRecords = false;
  bool FixExportedRecords = false;
};

struct FileEdits {
  clang::FileID File;
  std::vector<TextEdit> Edits;
};

struct ReorderFix {
  std::vector<FileEdits> Edits;
  RefusalReason Refusal;
  /// Where the refusal note points; invalid: at the record.
  clang::SourceLocation RefusalLoc;
  bool offered() const { return !Refusal && !Edits.empty(); }
};

/// The fix-it that puts the fields of \p Record into \p NewFieldOrder, or
/// why there is none. \p Uses are the record's uses in the translation unit
/// (null: none were collected).
ReorderFix buildReorderFix(const clang::RecordDecl &Record, const RecordLayoutModel &Model,
                           const RecordSourceFacts &Source,
                           const std::vector<unsigned> &NewFieldOrder, const RecordUses *Uses,
                           clang::ASTContext &Ctx, const ReorderFixOptions &Options);

} // namespace tightfit::layout

#endif
