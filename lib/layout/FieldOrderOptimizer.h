//===- FieldOrderOptimizer.h - the smallest field order -----------*- C++ -*-===//
//
// Finds a field order of smallest sizeof for a record, and among those the one
// that moves the fewest fields. See FieldOrderOptimizer.cpp for the algorithm.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_FIELDORDEROPTIMIZER_H
#define TIGHTFIT_LIB_LAYOUT_FIELDORDEROPTIMIZER_H

#include "lib/layout/RecordLayoutModel.h"
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tightfit::layout {

/// Restrictions on the orders the search may return, besides their size.
/// Both vectors are indexed by unit; an empty vector restricts nothing.
struct OrderConstraints {
  /// Units are placed section by section: every unit of section k comes
  /// before any unit of section k + 1 (access sections; the fields on either
  /// side of a cache-line-aligned field). Section numbers must not decrease
  /// along the declaration order, so that the declaration order satisfies
  /// them. A flexible array member stays last whatever its section.
  std::vector<unsigned> Section;
  /// Units with the same non-zero block number stay contiguous (in any order
  /// among themselves): once one of them is placed, the rest of the block
  /// follows before any other unit. A block is a run of units that are
  /// adjacent in declaration order and lie within one section (a block that
  /// leaves its section is ignored).
  std::vector<unsigned> Block;

  bool empty() const { return Section.empty() && Block.empty(); }
};

struct OptimizerOptions {
  /// Most search states the exact search may memoise before it gives up and
  /// falls back to heuristics (the result is then not Proven).
  size_t StateBudget = 200000;
  /// Only orders that satisfy these are considered. Without constraints the
  /// search is over all orders.
  OrderConstraints Constraints;
  /// Find the optimum with the plain dynamic programme over every search
  /// state instead of bounding it from both sides. Same results, far more
  /// states; kept as the reference the bounded search is tested against.
  bool Exhaustive = false;
  /// When non-zero, only an order of exactly this size is wanted (a size
  /// known to be optimal without constraints): phase 1 asks once whether the
  /// constrained orders reach it instead of finding their own optimum, and
  /// the result is not Proven when they do not. Ignored by the exhaustive
  /// search.
  uint64_t GoalSizeBits = 0;
};

struct OptimizedOrder {
  std::vector<unsigned> UnitOrder; ///< A permutation of unit indices.
  uint64_t SizeBits = 0;           ///< sizeof in that order.
  /// The exact search completed: no order of the units is smaller.
  bool Proven = false;
  /// Fields whose position relative to the others changes (the fields of the
  /// units outside the largest set kept in declaration order).
  unsigned MovedFields = 0;
};

/// Searches the orders of \p Model's units for the smallest sizeof, among the
/// orders that satisfy Options.Constraints. When the search exceeds its
/// budget, the heuristic orders keep the sections but may split blocks.
OptimizedOrder optimizeFieldOrder(const RecordLayoutModel &Model,
                                  const OptimizerOptions &Options = {});

/// Records of fewer units are searched again every time; larger ones are
/// remembered for the life of the process (see FieldOrderOptimizer.cpp), up
/// to OptimizerCacheMaxEntries distinct (record, options) pairs.
constexpr size_t OptimizerCacheMinUnits = 8;
constexpr size_t OptimizerCacheMaxEntries = 4096;

struct OptimizerCacheStats {
  size_t Hits = 0;    ///< Results served from the cache.
  size_t Misses = 0;  ///< Results searched, of cacheable records.
  size_t Entries = 0; ///< Results held.
};

/// The process-wide cache's counters (thread-safe).
OptimizerCacheStats optimizerCacheStats();

/// True when \p UnitOrder (a permutation of unit indices) satisfies \p C.
bool satisfies(const RecordLayoutModel &Model, const OrderConstraints &C,
               const std::vector<unsigned> &UnitOrder);

/// Fields that \p UnitOrder moves relative to the declaration order.
unsigned countMovedFields(const RecordLayoutModel &Model, const std::vector<unsigned> &UnitOrder);

/// A lower bound on sizeof over all orders: no field order can go below it.
uint64_t sizeLowerBound(const RecordLayoutModel &Model);

} // namespace tightfit::layout

#endif
