//===- LayoutRules.h - field placement rules of the target ABIs ---*- C++ -*-===//
//
// Places the units of a RecordLayoutModel one after another, the way the
// compiler does for the record's target. See LayoutRules.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_LAYOUTRULES_H
#define TIGHTFIT_LIB_LAYOUT_LAYOUTRULES_H

#include "lib/layout/RecordLayoutModel.h"
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tightfit::layout {

/// Everything the placement of the next unit depends on. Two equal states
/// lead to equal layouts for equal remaining units, which is what lets the
/// optimizer memoise on it.
struct LayoutState {
  uint64_t DataBits = 0;     ///< Where the next field may start (data size).
  uint64_t UnfilledBits = 0; ///< Bits the last bit-field left free below DataBits
                             ///< (Microsoft: bits left in the active storage unit).
  uint64_t SizeBits = 0;     ///< Extent reached so far, before final rounding.
  uint64_t MsUnitBits = 0;   ///< Microsoft: storage unit of the active bit-field
                             ///< allocation, 0 when the last field was no bit-field.

  friend bool operator==(const LayoutState &A, const LayoutState &B) {
    return A.DataBits == B.DataBits && A.UnfilledBits == B.UnfilledBits &&
           A.SizeBits == B.SizeBits && A.MsUnitBits == B.MsUnitBits;
  }
  size_t hash() const;
};

class LayoutRules {
public:
  explicit LayoutRules(const RecordLayoutModel &Model) : Model(Model) {}

  /// The state right after the fixed prefix (vtable pointer and bases).
  LayoutState initial() const;
  /// Places \p Unit; appends the bit offset of each field of the unit to
  /// \p Offsets when it is not null (offsets are final: any Microsoft vfptr
  /// shift is already applied).
  LayoutState place(LayoutState State, const UnitSpec &Unit,
                    std::vector<uint64_t> *Offsets = nullptr) const;
  /// The record's sizeof, in bits, once every unit is placed.
  uint64_t finish(const LayoutState &State) const;

private:
  LayoutState placeItanium(LayoutState S, const UnitSpec &U, std::vector<uint64_t> *Offsets) const;
  LayoutState placeMicrosoft(LayoutState S, const UnitSpec &U,
                             std::vector<uint64_t> *Offsets) const;
  const RecordLayoutModel &Model;
};

/// The layout of one order of units.
struct Placement {
  std::vector<uint64_t> FieldOffsetBits; ///< Indexed like RecordLayoutModel::Fields.
  uint64_t SizeBits = 0;
};

/// Lays out the units in \p UnitOrder (a permutation of unit indices).
Placement simulate(const RecordLayoutModel &Model, const std::vector<unsigned> &UnitOrder);

/// The identity order.
std::vector<unsigned> declarationOrder(const RecordLayoutModel &Model);

/// True when laying out the declaration order reproduces the compiler's
/// offsets for every field and its sizeof: the model is then trusted to
/// predict other orders. tightfit never reports a record that fails this.
bool reproducesCompiler(const RecordLayoutModel &Model);

} // namespace tightfit::layout

#endif
