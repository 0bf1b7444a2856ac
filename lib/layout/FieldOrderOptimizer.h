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

struct OptimizerOptions {
  /// Most search states the exact search may memoise before it gives up and
  /// falls back to heuristics (the result is then not Proven).
  size_t StateBudget = 200000;
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

/// Searches the orders of \p Model's units for the smallest sizeof.
OptimizedOrder optimizeFieldOrder(const RecordLayoutModel &Model,
                                  const OptimizerOptions &Options = {});

/// Fields that \p UnitOrder moves relative to the declaration order.
unsigned countMovedFields(const RecordLayoutModel &Model, const std::vector<unsigned> &UnitOrder);

/// A lower bound on sizeof over all orders: no field order can go below it.
uint64_t sizeLowerBound(const RecordLayoutModel &Model);

} // namespace tightfit::layout

#endif
