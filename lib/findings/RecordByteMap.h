//===- RecordByteMap.h - a padded record's bytes, for drawing ----*- C++ -*-===//
//
// The HTML report draws each record that tightfit-padded-record flags: what
// every byte of it holds now, and in the suggested order. This turns the
// finding's details (see docs/usage.md) into runs of bytes.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_RECORDBYTEMAP_H
#define TIGHTFIT_FINDINGS_RECORDBYTEMAP_H

#include "llvm/Support/JSON.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tightfit::findings {

/// A run of bytes [Begin, End) with one meaning.
struct ByteRun {
  enum class Kind {
    Field,   ///< Field number FieldIndex (into the details' `fields`).
    Padding, ///< Interior padding: a hole.
    Tail,    ///< Tail padding.
    Other,   ///< Not a field: a base class or the vtable pointer.
  };
  uint64_t Begin = 0, End = 0;
  Kind K = Kind::Field;
  unsigned FieldIndex = 0;
};

struct RecordByteMap {
  uint64_t SizeBytes = 0;
  std::vector<ByteRun> Runs; ///< In offset order, covering [0, SizeBytes).
};

/// The current layout: fields where the compiler put them, the details'
/// `holes`, the tail padding, and anything else as Other. A byte shared by
/// bit-fields belongs to the first of them. Null when the details lack
/// something (or contradict themselves).
std::optional<RecordByteMap> currentByteMap(const llvm::json::Object &Details);

/// The layout in the suggested order. When the details carry the suggested
/// offsets (`suggestedOffsetBits`, indexed like `fields`), those (bit-fields
/// included). Otherwise, for reports from before that key, it is derived,
/// and only when the derivation is exact:
///  - each field goes to the first offset at or after the end of the previous
///    one that its alignment allows, starting where the fields start now
///    (after the bases and vtable pointer);
///  - a field's alignment is not in the details, but it is bounded: above by
///    the largest power of two dividing its size and its current offset (and
///    by the record's alignment), below by the hole before it now (a field
///    that follows a hole is aligned enough to need that hole, and not more);
///  - the offsets are computed with both bounds; where they differ the real
///    offset is not known and there is no map. The size, rounded up to the
///    record's alignment, must equal the details' `optimalSize`.
/// Records with bit-fields, or whose fields overlap or have no size
/// ([[no_unique_address]]), are not derived.
std::optional<RecordByteMap> suggestedByteMap(const llvm::json::Object &Details);

} // namespace tightfit::findings

#endif
