//===- LayoutTestSupport.h - building layout models in unit tests -*- C++ -*-===//
//
// Small helpers to spell RecordLayoutModels by hand. Sizes and alignments of
// ordinary fields are given in bytes (that is how the C declarations in the
// test comments read); bit-field parameters are given in bits. Everything the
// model stores is in bits.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TEST_UNIT_LAYOUTTESTSUPPORT_H
#define TIGHTFIT_TEST_UNIT_LAYOUTTESTSUPPORT_H

#include "lib/layout/RecordLayoutModel.h"
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace tightfit::layout::testing {

/// Bits in \p Bytes bytes.
constexpr uint64_t bytes(uint64_t Bytes) { return Bytes * 8; }

/// An ordinary field of the given sizeof and alignment.
inline UnitSpec field(uint64_t SizeBytes, uint64_t AlignBytes) {
  UnitSpec U;
  U.K = UnitSpec::Kind::Field;
  U.SizeBits = bytes(SizeBytes);
  U.AlignBits = bytes(AlignBytes);
  U.DataSizeBits = U.SizeBits;
  return U;
}

/// A non-empty [[no_unique_address]] member whose class has data size
/// \p DataSizeBytes (< its sizeof): later fields may use its tail padding.
inline UnitSpec overlappingField(uint64_t SizeBytes, uint64_t AlignBytes, uint64_t DataSizeBytes) {
  UnitSpec U = field(SizeBytes, AlignBytes);
  U.DataSizeBits = bytes(DataSizeBytes);
  return U;
}

/// An empty [[no_unique_address]] member (placed at offset 0).
inline UnitSpec overlappingEmpty(uint64_t SizeBytes = 1, uint64_t AlignBytes = 1) {
  UnitSpec U = field(SizeBytes, AlignBytes);
  U.DataSizeBits = 0;
  U.OverlappingEmpty = true;
  return U;
}

/// A flexible array member whose element type has the given alignment.
inline UnitSpec flexibleArray(uint64_t AlignBytes) {
  UnitSpec U;
  U.K = UnitSpec::Kind::FlexibleArray;
  U.SizeBits = 0;
  U.AlignBits = bytes(AlignBytes);
  U.DataSizeBits = 0;
  return U;
}

/// `T name : Width` where T is \p StorageBits wide and aligned to \p AlignBits
/// (defaults to its size, as for the integer types of x86).
inline BitFieldSpec bitField(uint64_t Width, uint64_t StorageBits, uint64_t AlignBits = 0) {
  BitFieldSpec B;
  B.WidthBits = Width;
  B.StorageUnitBits = StorageBits;
  B.AlignBits = AlignBits ? AlignBits : StorageBits;
  return B;
}

/// `T : 0` (unnamed, so it does not raise the record's alignment on Itanium).
inline BitFieldSpec zeroWidth(uint64_t StorageBits) {
  BitFieldSpec B = bitField(0, StorageBits);
  B.RaisesRecordAlign = false;
  return B;
}

/// The same bit-field as declared under `#pragma pack(PackBytes)`: its
/// alignment is capped and the Itanium rule may not pad to avoid straddling.
inline BitFieldSpec packed(BitFieldSpec B, uint64_t PackBytes) {
  B.AlignBits = B.AlignBits < bytes(PackBytes) ? B.AlignBits : bytes(PackBytes);
  B.AllowPadding = false;
  return B;
}

inline UnitSpec bitFieldRun(std::vector<BitFieldSpec> BitFields) {
  UnitSpec U;
  U.K = UnitSpec::Kind::BitFieldRun;
  U.BitFields = std::move(BitFields);
  return U;
}

/// A model with no prefix whose alignment (and final rounding) is
/// \p AlignBytes.
inline RecordLayoutModel makeModel(LayoutAbi Abi, uint64_t AlignBytes, std::string Name = "S") {
  RecordLayoutModel M;
  M.Name = std::move(Name);
  M.Abi = Abi;
  M.AlignBits = bytes(AlignBytes);
  M.RoundingAlignBits = bytes(AlignBytes);
  M.MinSizeOneByte = true;
  return M;
}

/// Appends \p U as the next unit, with one FieldModel per field it holds
/// (one per bit-field for a run, named \p BitFieldNames if given, else
/// Name.0, Name.1, ...). Returns the unit index.
inline unsigned addUnit(RecordLayoutModel &M, const std::string &Name, const UnitSpec &U,
                        const std::vector<std::string> &BitFieldNames = {}) {
  unsigned Index = M.Units.size();
  M.Units.push_back(U);
  auto AddField = [&](const std::string &FieldName, uint64_t SizeBits, bool IsBitField) {
    FieldModel F;
    F.Name = FieldName;
    F.DisplayName = FieldName;
    F.Unit = Index;
    F.SizeBits = SizeBits;
    F.IsBitField = IsBitField;
    M.Fields.push_back(F);
  };
  if (U.K == UnitSpec::Kind::BitFieldRun) {
    for (unsigned I = 0; I < U.BitFields.size(); ++I)
      AddField(I < BitFieldNames.size() ? BitFieldNames[I] : Name + "." + std::to_string(I),
               U.BitFields[I].WidthBits, true);
  } else {
    // What the field covers: nothing for an empty [[no_unique_address]]
    // member, its data size for a non-empty one (the tail is reusable).
    AddField(Name, U.OverlappingEmpty ? 0 : U.DataSizeBits, false);
  }
  return Index;
}

/// Records the given layout as the compiler's: field offsets and sizeof.
inline void setCompilerLayout(RecordLayoutModel &M, const std::vector<uint64_t> &OffsetBits,
                              uint64_t SizeBits) {
  for (unsigned I = 0; I < M.Fields.size() && I < OffsetBits.size(); ++I)
    M.Fields[I].OffsetBits = OffsetBits[I];
  M.SizeBits = SizeBits;
}

/// A one-line rendering of a model, for failure messages.
inline std::string describe(const RecordLayoutModel &M) {
  std::ostringstream OS;
  OS << (M.Abi == LayoutAbi::Microsoft ? "MS" : "Itanium") << " align=" << M.AlignBits
     << " round=" << M.RoundingAlignBits << " start=(" << M.StartDataBits << ","
     << M.StartSizeBits << ") vfptr=" << M.VfptrShiftBits << " units={";
  for (unsigned I = 0; I < M.Units.size(); ++I) {
    const UnitSpec &U = M.Units[I];
    OS << (I ? "; " : "") << "#" << I << " ";
    switch (U.K) {
    case UnitSpec::Kind::Field:
      OS << "field(size=" << U.SizeBits << ",align=" << U.AlignBits << ",dsize=" << U.DataSizeBits
         << (U.OverlappingEmpty ? ",empty-overlap" : "") << ")";
      break;
    case UnitSpec::Kind::FlexibleArray:
      OS << "flex(align=" << U.AlignBits << ")";
      break;
    case UnitSpec::Kind::BitFieldRun:
      OS << "run[";
      for (unsigned K = 0; K < U.BitFields.size(); ++K) {
        const BitFieldSpec &B = U.BitFields[K];
        OS << (K ? " " : "") << B.WidthBits << "/" << B.StorageUnitBits << "@" << B.AlignBits
           << (B.AllowPadding ? "" : "p");
      }
      OS << "]";
      break;
    }
  }
  OS << "}";
  return OS.str();
}

inline std::string describe(const std::vector<unsigned> &Order) {
  std::ostringstream OS;
  OS << "[";
  for (unsigned I = 0; I < Order.size(); ++I)
    OS << (I ? "," : "") << Order[I];
  OS << "]";
  return OS.str();
}

} // namespace tightfit::layout::testing

#endif
