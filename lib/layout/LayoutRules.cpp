//===- LayoutRules.cpp - field placement rules of the target ABIs ---------===//
//
// The rules implemented here are the ones Clang applies when it lays out a
// record's fields (clang/lib/AST/RecordLayoutBuilder.cpp); the model carries
// every per-field parameter already adjusted for packed, aligned and
// #pragma pack, so what remains is the sequential placement itself.
//
// Itanium / System V (non-virtual part, after the vptr and bases):
//   - An ordinary field goes at the data size rounded up to its alignment.
//     The data size then becomes offset + the field's data size, which is its
//     full size except for a [[no_unique_address]] member, whose tail padding
//     later fields may use. An empty [[no_unique_address]] member sits at 0.
//   - A bit-field starts at the first free bit. It moves up to its storage
//     unit's alignment when it is zero-width or would straddle a storage unit
//     of its declared type (unless #pragma pack forbids padding); an honoured
//     `aligned` attribute rounds it up as well. The data size then is the next
//     byte boundary, and the bits left in that byte stay usable by the next
//     bit-field only: any ordinary field starts at the data size.
//   - A flexible array member takes no space but is aligned; a trailing
//     array treated as one (`char data[1]`) is placed like any field.
//   - sizeof is the largest extent reached, rounded up to the record's
//     alignment, which is the same for every order.
//
// Microsoft:
//   - An ordinary field goes at the current size rounded up to its alignment.
//   - A bit-field shares the active storage unit only with the bit-field just
//     before it, and only if both declared types have the same size and the
//     bits fit; otherwise it opens a new unit of its declared type's size at
//     the next aligned offset.
//   - The record's own vfptr is injected last: everything moves back by the
//     pointer size rounded up to the record's alignment.
//
// Records outside these rules (virtual bases, zero-width bit-fields under the
// Microsoft ABI, wide bit-fields, ms_struct, AIX) are rejected before they
// get here, and every model is checked against the compiler's own layout of
// the declaration order (reproducesCompiler) before it is believed.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/LayoutRules.h"
#include <algorithm>
#include <functional>
#include <numeric>

namespace tightfit::layout {

static uint64_t alignTo(uint64_t Value, uint64_t Align) {
  if (Align <= 1)
    return Value;
  return (Value + Align - 1) / Align * Align;
}

size_t LayoutState::hash() const {
  size_t H = std::hash<uint64_t>()(DataBits);
  auto Mix = [&H](uint64_t V) {
    H ^= std::hash<uint64_t>()(V) + 0x9e3779b97f4a7c15ULL + (H << 6) + (H >> 2);
  };
  Mix(UnfilledBits);
  Mix(SizeBits);
  Mix(MsUnitBits);
  return H;
}

LayoutState LayoutRules::initial() const {
  LayoutState S;
  S.DataBits = Model.StartDataBits;
  S.SizeBits = std::max(Model.StartSizeBits, Model.StartDataBits);
  return S;
}

LayoutState LayoutRules::place(LayoutState State, const UnitSpec &Unit,
                               std::vector<uint64_t> *Offsets) const {
  return Model.Abi == LayoutAbi::Microsoft ? placeMicrosoft(State, Unit, Offsets)
                                           : placeItanium(State, Unit, Offsets);
}

LayoutState LayoutRules::placeItanium(LayoutState S, const UnitSpec &U,
                                      std::vector<uint64_t> *Offsets) const {
  switch (U.K) {
  case UnitSpec::Kind::Field: {
    S.UnfilledBits = 0;
    if (U.OverlappingEmpty) {
      S.SizeBits = std::max(S.SizeBits, U.SizeBits);
      if (Offsets)
        Offsets->push_back(0);
      return S;
    }
    uint64_t Offset = alignTo(S.DataBits, U.AlignBits);
    S.DataBits = Offset + U.DataSizeBits;
    S.SizeBits = std::max({S.SizeBits, S.DataBits, Offset + U.SizeBits});
    if (Offsets)
      Offsets->push_back(Offset);
    return S;
  }
  case UnitSpec::Kind::FlexibleArray: {
    S.UnfilledBits = 0;
    uint64_t Offset = alignTo(S.DataBits, U.AlignBits);
    S.DataBits = Offset + U.DataSizeBits;
    S.SizeBits = std::max(S.SizeBits, S.DataBits);
    if (Offsets)
      Offsets->push_back(Offset);
    return S;
  }
  case UnitSpec::Kind::BitFieldRun:
    for (const BitFieldSpec &B : U.BitFields) {
      uint64_t Offset = S.DataBits - S.UnfilledBits;
      uint64_t Align = std::max<uint64_t>(B.AlignBits, 1);
      if (B.WidthBits == 0 ||
          (B.AllowPadding && (Offset & (Align - 1)) + B.WidthBits > B.StorageUnitBits))
        Offset = alignTo(Offset, Align);
      else if (B.ExplicitAlignBits)
        Offset = alignTo(Offset, B.ExplicitAlignBits);
      uint64_t End = Offset + B.WidthBits;
      S.DataBits = alignTo(End, 8);
      S.UnfilledBits = S.DataBits - End;
      S.SizeBits = std::max(S.SizeBits, S.DataBits);
      if (Offsets)
        Offsets->push_back(Offset);
    }
    return S;
  }
  return S;
}

LayoutState LayoutRules::placeMicrosoft(LayoutState S, const UnitSpec &U,
                                        std::vector<uint64_t> *Offsets) const {
  const uint64_t Shift = Model.VfptrShiftBits;
  switch (U.K) {
  case UnitSpec::Kind::Field:
  case UnitSpec::Kind::FlexibleArray: {
    S.MsUnitBits = 0;
    S.UnfilledBits = 0;
    uint64_t Offset = alignTo(S.SizeBits, U.AlignBits);
    S.SizeBits = std::max(S.SizeBits, Offset + U.SizeBits);
    S.DataBits = S.SizeBits;
    if (Offsets)
      Offsets->push_back(Offset + Shift);
    return S;
  }
  case UnitSpec::Kind::BitFieldRun:
    for (const BitFieldSpec &B : U.BitFields) {
      uint64_t Offset;
      if (S.MsUnitBits == B.StorageUnitBits && B.WidthBits <= S.UnfilledBits) {
        Offset = S.SizeBits - S.UnfilledBits;
        S.UnfilledBits -= B.WidthBits;
      } else {
        Offset = alignTo(S.SizeBits, B.AlignBits);
        S.MsUnitBits = B.StorageUnitBits;
        S.SizeBits = Offset + B.StorageUnitBits;
        S.UnfilledBits = B.StorageUnitBits - B.WidthBits;
      }
      S.DataBits = S.SizeBits;
      if (Offsets)
        Offsets->push_back(Offset + Shift);
    }
    return S;
  }
  return S;
}

uint64_t LayoutRules::finish(const LayoutState &S) const {
  uint64_t Size = std::max(S.SizeBits, S.DataBits) + Model.VfptrShiftBits;
  if (Model.MinSizeOneByte && Size == 0)
    Size = 8;
  return alignTo(Size, Model.RoundingAlignBits);
}

std::vector<unsigned> declarationOrder(const RecordLayoutModel &Model) {
  std::vector<unsigned> Order(Model.Units.size());
  std::iota(Order.begin(), Order.end(), 0u);
  return Order;
}

Placement simulate(const RecordLayoutModel &Model, const std::vector<unsigned> &UnitOrder) {
  LayoutRules Rules(Model);
  // Fields of a unit are contiguous in declaration order.
  std::vector<unsigned> FirstField(Model.Units.size(), 0);
  for (unsigned I = Model.Fields.size(); I-- > 0;)
    FirstField[Model.Fields[I].Unit] = I;

  Placement P;
  P.FieldOffsetBits.assign(Model.Fields.size(), 0);
  LayoutState S = Rules.initial();
  std::vector<uint64_t> Offsets;
  for (unsigned U : UnitOrder) {
    Offsets.clear();
    S = Rules.place(S, Model.Units[U], &Offsets);
    for (unsigned K = 0; K < Offsets.size(); ++K)
      P.FieldOffsetBits[FirstField[U] + K] = Offsets[K];
  }
  P.SizeBits = Rules.finish(S);
  return P;
}

bool reproducesCompiler(const RecordLayoutModel &Model) {
  Placement P = simulate(Model, declarationOrder(Model));
  if (P.SizeBits != Model.SizeBits)
    return false;
  for (unsigned I = 0; I < Model.Fields.size(); ++I)
    if (P.FieldOffsetBits[I] != Model.Fields[I].OffsetBits)
      return false;
  return true;
}

} // namespace tightfit::layout
