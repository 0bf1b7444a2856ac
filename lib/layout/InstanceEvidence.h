//===- InstanceEvidence.h - how much a saving matters --------------*- C++ -*-===//
//
// A byte saved in a record allocated once is worth nothing; in an array of a
// million, a megabyte. This file holds the evidence a translation unit gives
// of how many instances of a record the program makes, how findings are
// ranked by it, and what a smaller size changes for one instance: the
// 64-byte cache lines it spans and the heap chunk malloc gives it. Plain
// data; see InstanceEvidence.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_INSTANCEEVIDENCE_H
#define TIGHTFIT_LIB_LAYOUT_INSTANCEEVIDENCE_H

#include <cstdint>
#include <string>
#include <vector>

namespace tightfit::layout {

enum class EvidenceKind {
  Array,      ///< `R table[1024];` (a variable or field), or std::array.
  Container,  ///< `std::vector<R>`, `std::map<K, R>`, ...
  ArrayNew,   ///< `new R[n]`.
  NewInLoop,  ///< `new R` inside a loop.
  AllocArray, ///< `malloc(n * sizeof(R))`, `calloc(n, sizeof(R))`.
  AllocInLoop, ///< `malloc(sizeof(R))` inside a loop.
  MemberOf,   ///< A field of another reported record.
};

struct InstanceEvidence {
  EvidenceKind Kind = EvidenceKind::Array;
  /// The variable or field (Array, Container), the container template
  /// (`std::vector`), or the holding record (MemberOf).
  std::string Name;
  std::string Container; ///< Container: `std::vector`.
  uint64_t Count = 0;    ///< Array: elements (all dimensions); 0 if unknown.
  unsigned Line = 0;     ///< Where it is.
  bool HolderMany = false; ///< MemberOf: the holding record has many instances.

  friend bool operator==(const InstanceEvidence &A, const InstanceEvidence &B) {
    return A.Kind == B.Kind && A.Name == B.Name && A.Container == B.Container &&
           A.Count == B.Count && A.Line == B.Line && A.HolderMany == B.HolderMany;
  }
};

/// What the evidence adds up to.
struct InstanceSummary {
  /// Evidence of an unbounded or large number of instances: a container, an
  /// array allocation, an allocation in a loop, arrays of 16 or more, or
  /// being a field of a record with such evidence.
  bool Many = false;
  /// Evidence of a number of instances no array bounds: a container, an
  /// allocation of an array or in a loop (or a member of such a record).
  bool Unbounded = false;
  /// Instances in arrays of constant size (saturating).
  uint64_t ArrayInstances = 0;
  std::vector<InstanceEvidence> Items; ///< Deduplicated, in source order.
};

InstanceSummary summarizeEvidence(std::vector<InstanceEvidence> Items);

/// Evidence for the message: `in array 'table' of 1024, std::vector 'entries'`
/// (at most three items, then `and N more`); empty without evidence.
std::string formatEvidence(const InstanceSummary &S);

/// A score to rank findings by: the bytes saved per instance times the
/// instances the evidence suggests (the array instances, at least 1, and at
/// least 4096 with unbounded evidence), saturating.
uint64_t rankScore(uint64_t SavingBytes, const InstanceSummary &S);

/// Cache lines of \p LineBytes one instance of \p SizeBytes spans when it
/// starts on a line boundary.
uint64_t cacheLinesSpanned(uint64_t SizeBytes, unsigned LineBytes);

/// The heap chunk glibc's malloc uses for a request of \p SizeBytes on a
/// target with \p PointerBytes pointers: the request plus one size word,
/// rounded up to 16 bytes, at least 4 words (32 bytes on 64-bit targets, 16
/// on 32-bit ones).
uint64_t mallocChunkBytes(uint64_t SizeBytes, unsigned PointerBytes);

} // namespace tightfit::layout

#endif
