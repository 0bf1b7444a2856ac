//===- PaddedRecordAnalysis.h - the padded-record verdict ---------*- C++ -*-===//
//
// Turns a RecordLayoutModel into what tightfit-padded-record says about it:
// where the padding is, the smallest order, whether that is worth a warning,
// and the words and numbers of the warning.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_PADDEDRECORDANALYSIS_H
#define TIGHTFIT_LIB_LAYOUT_PADDEDRECORDANALYSIS_H

#include "lib/layout/FieldOrderOptimizer.h"
#include "lib/layout/RecordLayoutModel.h"
#include "llvm/Support/JSON.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tightfit::layout {

/// Bytes that no subobject uses, between two subobjects or at the end.
struct PaddingHole {
  uint64_t OffsetBytes = 0;
  uint64_t SizeBytes = 0;
  /// What precedes the hole: a field index, a fixed part, or nothing.
  enum class AfterKind { Nothing, Field, Fixed } After = AfterKind::Nothing;
  unsigned AfterIndex = 0;
};

struct PaddingReport {
  uint64_t SizeBytes = 0;
  uint64_t PaddingBytes = 0;            ///< Interior holes plus tail.
  std::vector<PaddingHole> Holes;       ///< Interior holes, by offset.
  uint64_t TailBytes = 0;
};

/// Where the padding of \p Model is when its fields sit at \p FieldOffsetBits
/// (indexed like Model.Fields) in a record of \p SizeBits.
PaddingReport analyzePadding(const RecordLayoutModel &Model,
                             const std::vector<uint64_t> &FieldOffsetBits, uint64_t SizeBits);

struct PaddedRecordOptions {
  /// Warn only when the smallest order saves at least this many bytes...
  unsigned MinSavingBytes = 1;
  /// ...and at least this percentage of the current size.
  unsigned MinSavingPercent = 0;
  /// Search.Constraints are required of every order (the sides of
  /// cache-line-aligned fields).
  OptimizerOptions Search;
  /// Constraints the suggestion should also satisfy, tried in turn: the first
  /// whose best order is as small as the required search's is used (access
  /// sections, the author's groups).
  std::vector<OrderConstraints> Preferred;
  /// Cache line size for cacheLinesSpanned, in bytes.
  unsigned CacheLineBytes = 64;
  /// Pointer size of the target, for the malloc chunk model.
  unsigned PointerBytes = 8;
  /// Warn only when the smaller size needs a smaller malloc chunk, or spans
  /// fewer cache lines; with both, either suffices.
  bool RequireSizeClassChange = false;
  bool RequireCacheLineChange = false;
};

struct PaddedRecordVerdict {
  PaddingReport Current;
  OptimizedOrder Best;
  uint64_t SizeBytes = 0;
  uint64_t OptimalBytes = 0;
  uint64_t SavingBytes = 0;
  unsigned SavingPercent = 0; ///< Rounded to the nearest integer.
  /// Field indices in the suggested order.
  std::vector<unsigned> SuggestedFieldOrder;
  /// Index into PaddedRecordOptions::Preferred of the constraints the
  /// suggestion satisfies; -1 for none.
  int PreferenceKept = -1;
  /// Cache lines of CacheLineBytes one instance spans from a line boundary,
  /// now and suggested.
  unsigned CacheLineBytes = 64;
  uint64_t CacheLines = 0, SuggestedCacheLines = 0;
  /// glibc malloc chunk of one instance, now and suggested.
  uint64_t MallocChunk = 0, SuggestedMallocChunk = 0;
  bool ShouldReport = false;
};

/// The order constraints of a record, per unit.
struct RecordOrderConstraints {
  /// Every order must keep these: a field aligned to a cache line or more is
  /// a section of its own, so no field crosses it.
  OrderConstraints Required;
  /// Tried in turn among the smallest orders (PaddedRecordOptions::Preferred):
  /// access sections with groups, access sections, groups.
  std::vector<OrderConstraints> Preferred;
  /// The author's groups alone (empty when there is one group).
  OrderConstraints Groups;
};

/// Derives them from the model and, per field, the author's groups and the
/// access sections (both may be empty: unknown, or all fields share one).
RecordOrderConstraints orderConstraintsFor(const RecordLayoutModel &Model,
                                           const std::vector<unsigned> &FieldGroups,
                                           const std::vector<unsigned> &FieldAccessSections,
                                           unsigned CacheLineBytes);

/// Decides about a record whose model reproduces the compiler's layout.
PaddedRecordVerdict analyzePaddedRecord(const RecordLayoutModel &Model,
                                        const PaddedRecordOptions &Options);

/// `'Packet' is 24 bytes with 10 bytes of padding; ordering fields as
/// {len, flags, id, tag} makes it 16 bytes (saves 8 bytes, 33%)`.
std::string formatPaddedRecordMessage(const RecordLayoutModel &Model,
                                      const PaddedRecordVerdict &Verdict);
/// `3 bytes of padding after 'flags'`, `4 bytes of tail padding`.
std::string formatHoleNote(const RecordLayoutModel &Model, const PaddingHole &Hole);
std::string formatTailNote(uint64_t TailBytes);
/// Said when the search gave up before proving the order smallest.
std::string formatUnprovenNote();
/// `each instance spans 2 cache lines of 64 bytes; in the suggested order, 1`,
/// or "" when the count does not change.
std::string formatCacheLineNote(const PaddedRecordVerdict &Verdict, unsigned LineBytes);
/// `a heap allocation of one takes a 48-byte malloc chunk; in the suggested
/// order, 32`, or "" when the chunk does not change.
std::string formatMallocChunkNote(const PaddedRecordVerdict &Verdict);

/// How the suggested order does on another target.
struct TargetVerdict {
  std::string Target;
  bool Judged = false;
  std::string Reason;         ///< Why not judged.
  uint64_t SizeBytes = 0;     ///< sizeof there, in declaration order.
  uint64_t OptimalBytes = 0;  ///< The smallest sizeof there.
  uint64_t SuggestedBytes = 0; ///< sizeof there in the suggested order.
};

/// Another target's model of the record (its units indexed like the
/// primary's), or why there is none.
struct OtherTargetModel {
  std::string Target;
  std::optional<RecordLayoutModel> Model;
  std::string Reason;
};

/// Judges the suggestion of \p Verdict on the other targets, after making it
/// the order that is the smallest on the most of them (then: no larger than
/// the declaration order on the most) among the orders as small as the
/// suggestion on the primary target that keep \p Keep (the constraints the
/// suggestion satisfies). Candidates are the suggestion, the result of an
/// exact search over all the targets' layouts at once (smallest primary size,
/// then smallest sum of the others), and each target's own best order under
/// \p Search.
std::vector<TargetVerdict> judgeOnTargets(const RecordLayoutModel &Primary,
                                          PaddedRecordVerdict &Verdict,
                                          const std::vector<OtherTargetModel> &Others,
                                          const OptimizerOptions &Search,
                                          const OrderConstraints &Keep);

/// `on i686-linux-gnu: 20 -> 16 bytes (saves 4 bytes, the smallest there)`.
std::string formatTargetNote(const TargetVerdict &T);

/// The numbers behind the message, for machine-readable output.
llvm::json::Object paddedRecordDetails(const RecordLayoutModel &Model,
                                       const PaddedRecordVerdict &Verdict);

} // namespace tightfit::layout

#endif
