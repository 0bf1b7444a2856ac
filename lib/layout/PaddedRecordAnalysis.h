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
  OptimizerOptions Search;
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
  bool ShouldReport = false;
};

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

/// The numbers behind the message, for machine-readable output.
llvm::json::Object paddedRecordDetails(const RecordLayoutModel &Model,
                                       const PaddedRecordVerdict &Verdict);

} // namespace tightfit::layout

#endif
