//===- RecordLayoutModel.h - a record's layout as plain data ------*- C++ -*-===//
//
// The vocabulary of tightfit's layout analysis, free of Clang types so that the
// rules and the optimizer can be unit-tested on hand-written records.
//
// A record is a *fixed prefix* (vtable pointer and non-virtual bases, which
// always come first and never move) followed by *units*, the pieces a field
// reordering may permute:
//   - an ordinary field (arrays, nested records and anonymous struct/union
//     members are ordinary fields: they move as a whole);
//   - a run of adjacent bit-fields, which moves as one unit and keeps its
//     internal order (the bits of a run share storage units);
//   - a flexible array member, which is pinned last; so is a trailing array
//     that code may index past its bound (`char data[1]`, the "struct hack").
// Two units with equal UnitSpec are interchangeable for layout purposes; the
// optimizer exploits this to search orders of classes instead of fields.
//
// All offsets and sizes are in bits, because bit-fields are placed to the bit.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_RECORDLAYOUTMODEL_H
#define TIGHTFIT_LIB_LAYOUT_RECORDLAYOUTMODEL_H

#include <cstdint>
#include <string>
#include <vector>

namespace tightfit::layout {

enum class LayoutAbi {
  /// The Itanium C++ ABI and the System V rules for C (Linux, BSD, macOS...).
  Itanium,
  /// Microsoft's record layout (x86_64-pc-windows-msvc and friends).
  Microsoft,
};

/// One bit-field, with the parameters its target's placement rule reads.
struct BitFieldSpec {
  uint64_t WidthBits = 0;       ///< Declared width; 0 for `int : 0`.
  uint64_t StorageUnitBits = 0; ///< Width of the declared type.
  uint64_t AlignBits = 8;       ///< Alignment of the storage unit after
                                ///< packed/aligned/#pragma pack adjustments.
  uint64_t ExplicitAlignBits = 0; ///< `aligned` attribute honoured even when
                                  ///< the field fits where it is (0: none).
  bool RaisesRecordAlign = true;  ///< Itanium: unnamed bit-fields do not.
  bool AllowPadding = true; ///< Itanium: false under #pragma pack.

  friend bool operator==(const BitFieldSpec &A, const BitFieldSpec &B) {
    return A.WidthBits == B.WidthBits && A.StorageUnitBits == B.StorageUnitBits &&
           A.AlignBits == B.AlignBits && A.ExplicitAlignBits == B.ExplicitAlignBits &&
           A.RaisesRecordAlign == B.RaisesRecordAlign && A.AllowPadding == B.AllowPadding;
  }
};

/// A piece that a reordering moves as a whole.
struct UnitSpec {
  enum class Kind { Field, BitFieldRun, FlexibleArray };
  Kind K = Kind::Field;
  /// Field: sizeof the field's type; FlexibleArray: 0 for `T x[]`, the
  /// array's size for a trailing array pinned last.
  uint64_t SizeBits = 0;
  /// Field / FlexibleArray: the alignment the field is placed at.
  uint64_t AlignBits = 8;
  /// Field: how much of the record's data size the field occupies. Equals
  /// SizeBits, except for a [[no_unique_address]] member whose tail padding
  /// later fields may reuse (Itanium: max(nvsize, dsize) of its class).
  uint64_t DataSizeBits = 0;
  /// Field: an empty [[no_unique_address]] member; placed at offset 0.
  bool OverlappingEmpty = false;
  /// BitFieldRun: the bit-fields of the run, in declaration order.
  std::vector<BitFieldSpec> BitFields;

  friend bool operator==(const UnitSpec &A, const UnitSpec &B) {
    return A.K == B.K && A.SizeBits == B.SizeBits && A.AlignBits == B.AlignBits &&
           A.DataSizeBits == B.DataSizeBits && A.OverlappingEmpty == B.OverlappingEmpty &&
           A.BitFields == B.BitFields;
  }
  friend bool operator!=(const UnitSpec &A, const UnitSpec &B) { return !(A == B); }
};

/// Where a declaration is spelled, as plain file offsets.
struct SourceSpan {
  std::string File;
  unsigned Begin = 0; ///< First byte of the declaration.
  unsigned End = 0;   ///< One past the terminating ';'.
  unsigned Line = 0, Column = 0;
  bool SharedDeclaration = false; ///< `int a, b;`: more than one field.
  bool InMacro = false;           ///< Spelled by a macro expansion.
};

/// A field as declared, and where the compiler put it.
struct FieldModel {
  std::string Name;        ///< Empty for unnamed bit-fields and anonymous members.
  std::string DisplayName; ///< Name, or a description such as `(anonymous union)`.
  unsigned Unit = 0;       ///< Index into RecordLayoutModel::Units.
  uint64_t OffsetBits = 0; ///< The compiler's offset.
  uint64_t SizeBits = 0;   ///< Storage the field covers (bit width for bit-fields).
  bool IsBitField = false;
  SourceSpan Decl;
};

/// Something in the fixed prefix: the vtable pointer or a non-virtual base.
struct FixedPart {
  std::string DisplayName; ///< `vtable pointer` or `base 'Name'`.
  uint64_t OffsetBits = 0;
  uint64_t SizeBits = 0; ///< Bytes the part really occupies (a base's data size).
};

struct RecordLayoutModel {
  std::string Name; ///< The record as the user spells it, e.g. `ns::Box<char>`.
  std::string TagKind = "struct";
  std::string Target;
  LayoutAbi Abi = LayoutAbi::Itanium;

  /// Data size and size after the fixed prefix: where the first field may go,
  /// and the extent already reached (empty bases can reach past data size).
  uint64_t StartDataBits = 0;
  uint64_t StartSizeBits = 0;
  /// Alignment of the whole record (does not depend on the field order).
  uint64_t AlignBits = 8;
  /// The final size is rounded up to a multiple of this.
  uint64_t RoundingAlignBits = 8;
  /// Microsoft ABI: the record's own vfptr is injected in front of all
  /// fields after they are laid out, shifting them by this much.
  uint64_t VfptrShiftBits = 0;
  /// C++ records are never smaller than one byte.
  bool MinSizeOneByte = false;

  std::vector<FixedPart> Fixed;
  std::vector<UnitSpec> Units;   ///< In declaration order.
  std::vector<FieldModel> Fields; ///< In declaration order.

  /// The compiler's sizeof, in bits.
  uint64_t SizeBits = 0;
};

} // namespace tightfit::layout

#endif
