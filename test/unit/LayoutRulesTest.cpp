//===- LayoutRulesTest.cpp - placement rules against hand-computed layouts -===//
//
// Every expected offset and size below is worked out by hand from the
// Itanium / System V and Microsoft record layout rules; the comment above
// each test shows the arithmetic. Offsets are in bits (byte offset * 8), as
// the model stores them.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/LayoutRules.h"
#include "LayoutTestSupport.h"
#include <gtest/gtest.h>

using namespace tightfit::layout;
using namespace tightfit::layout::testing;

namespace {

using Offsets = std::vector<uint64_t>;

Placement layoutAsDeclared(const RecordLayoutModel &M) {
  return simulate(M, declarationOrder(M));
}

//===----------------------------------------------------------------------===//
// Itanium: ordinary fields
//===----------------------------------------------------------------------===//

// struct { char c; int i; char d; double x; } on x86-64:
//   c at 0; i at align(1, 4) = 4; d at 8; x at align(9, 8) = 16; end 24,
//   align 8 -> sizeof 24.
TEST(LayoutRulesItanium, PlainFieldsAreAlignedOneAfterAnother) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "d", field(1, 1));
  addUnit(M, "x", field(8, 8));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32, 64, 128}));
  EXPECT_EQ(P.SizeBits, bytes(24));
}

// Reordering the same fields: { double x; int i; char c; char d; } packs to
// 0, 8, 12, 13; end 14 rounds up to 16.
TEST(LayoutRulesItanium, SimulateHonoursTheGivenUnitOrder) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "d", field(1, 1));
  addUnit(M, "x", field(8, 8));
  Placement P = simulate(M, {3, 1, 0, 2});
  // FieldOffsetBits is indexed by declaration order: c, i, d, x.
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(12), bytes(8), bytes(13), 0}));
  EXPECT_EQ(P.SizeBits, bytes(16));
}

// struct B { B(); int i; char c; };  (non-POD: dsize 5, sizeof 8, align 4)
// struct D : B { char d; short s; int x; };
//   A non-empty base contributes its data size (5) to both the data size and
//   the extent: d at 5, s at align(6, 2) = 6, x at 8, end 12 -> sizeof 12
//   (not 8 + 1 + 2 + 4 rounded = 16).
TEST(LayoutRulesItanium, FieldsReuseTailPaddingOfNonPodBase) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  M.StartDataBits = bytes(5);
  M.StartSizeBits = bytes(5);
  addUnit(M, "d", field(1, 1));
  addUnit(M, "s", field(2, 2));
  addUnit(M, "x", field(4, 4));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(5), bytes(6), bytes(8)}));
  EXPECT_EQ(P.SizeBits, bytes(12));
}

// struct D : B { char d; } with the same base: d at 5, data size 6; the
// record's alignment 4 rounds it up to sizeof 8.
TEST(LayoutRulesItanium, SizeofAfterNonPodBaseIsRoundedToAlignment) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  M.StartDataBits = bytes(5);
  M.StartSizeBits = bytes(5);
  addUnit(M, "d", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(5)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// #pragma pack(1) struct D : B { char d; }: the alignment is capped at 1, so
// nothing rounds the size up again: d at 5, sizeof 6, smaller than the
// base's own sizeof 8 (only its data size 5 counts).
TEST(LayoutRulesItanium, PackedRecordCanBeSmallerThanItsBase) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  M.StartDataBits = bytes(5);
  M.StartSizeBits = bytes(5);
  addUnit(M, "d", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(5)}));
  EXPECT_EQ(P.SizeBits, bytes(6));
}

// struct E {}; struct D : E { char c; }: the empty base reaches 1 byte but
// holds no data: c at 0, sizeof 1. With no fields (and, to isolate the
// prefix, no C++ one-byte minimum) the base's extent alone makes sizeof 1.
TEST(LayoutRulesItanium, EmptyBaseExtentCountsButHoldsNoData) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  M.StartDataBits = 0;
  M.StartSizeBits = bytes(1);
  addUnit(M, "c", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0}));
  EXPECT_EQ(P.SizeBits, bytes(1));

  RecordLayoutModel NoFields = makeModel(LayoutAbi::Itanium, 1);
  NoFields.MinSizeOneByte = false;
  NoFields.StartSizeBits = bytes(1);
  EXPECT_EQ(layoutAsDeclared(NoFields).SizeBits, bytes(1));
}

// struct P { P(); int i; char c; };  (dsize 5, sizeof 8, align 4)
// struct S { char a; [[no_unique_address]] P p; char c; int x; };
//   a at 0; p at 4 covers [4, 12) but only [4, 9) is data; c goes to 9;
//   x at align(10, 4) = 12; end 16 -> sizeof 16 (20 without the overlap).
TEST(LayoutRulesItanium, NoUniqueAddressMemberLendsItsTailPadding) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "p", overlappingField(8, 4, 5));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "x", field(4, 4));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4), bytes(9), bytes(12)}));
  EXPECT_EQ(P.SizeBits, bytes(16));
}

// struct S { [[no_unique_address]] P p; char c; }: c at 5; the member's full
// size 8 is still the extent -> sizeof 8 (the tail padding is not cut off).
TEST(LayoutRulesItanium, NoUniqueAddressMemberStillCountsItsFullSize) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "p", overlappingField(8, 4, 5));
  addUnit(M, "c", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(5)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct E {}; struct S { int a; [[no_unique_address]] E e; char c; };
//   e overlaps a at 0 and takes no data: c at 4, sizeof 8.
TEST(LayoutRulesItanium, EmptyOverlappingMemberSitsAtZeroAndTakesNoSpace) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", field(4, 4));
  addUnit(M, "e", overlappingEmpty());
  addUnit(M, "c", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 0, bytes(4)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct S { [[no_unique_address]] E e; char c; }: e at 0, c at 0 as well,
// sizeof 1.
TEST(LayoutRulesItanium, EmptyOverlappingMemberFirstDoesNotPushTheNextField) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  addUnit(M, "e", overlappingEmpty());
  addUnit(M, "c", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 0}));
  EXPECT_EQ(P.SizeBits, bytes(1));
}

// struct S { [[no_unique_address]] E e; }: nothing but the empty member; its
// sizeof (1) is the extent -> sizeof 1 even without the C++ minimum.
TEST(LayoutRulesItanium, OnlyAnEmptyOverlappingMemberStillHasItsSize) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  M.MinSizeOneByte = false;
  addUnit(M, "e", overlappingEmpty());
  EXPECT_EQ(layoutAsDeclared(M).SizeBits, bytes(1));
}

//===----------------------------------------------------------------------===//
// Itanium: bit-fields
//===----------------------------------------------------------------------===//

// struct { char c; int b : 4; char d; }:
//   c covers bits [0, 8). b starts at the first free bit, 8; bits [8, 12)
//   lie inside the int-aligned unit [0, 32), so no padding: b at bit 8.
//   Data size becomes 16 (next byte); d goes at byte 2. Align 4 -> sizeof 4.
TEST(LayoutRulesItanium, BitFieldSharesStorageUnitWithPrecedingChar) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "d", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 8, 16}));
  EXPECT_EQ(P.SizeBits, bytes(4));
}

// The state after `char c; int b : 4;`: data size rounds up to the byte
// (16), and the 4 bits left in that byte are recorded as unfilled.
TEST(LayoutRulesItanium, BitFieldLeavesUnfilledBitsInItsLastByte) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  LayoutRules Rules(M);
  LayoutState S = Rules.initial();
  S = Rules.place(S, field(1, 1));
  S = Rules.place(S, bitFieldRun({bitField(4, 32)}));
  EXPECT_EQ(S.DataBits, 16u);
  EXPECT_EQ(S.UnfilledBits, 4u);
  EXPECT_EQ(S.SizeBits, 16u);
  // An ordinary field afterwards starts at the data size, not in the hole.
  S = Rules.place(S, field(1, 1));
  EXPECT_EQ(S.DataBits, 24u);
  EXPECT_EQ(S.UnfilledBits, 0u);
}

// struct { int a : 3; int b : 5; int c : 10; }: bits 0, 3, 8 (each follows
// the previous one; 8 + 10 = 18 <= 32 so c does not straddle). sizeof 4.
TEST(LayoutRulesItanium, ConsecutiveBitFieldsPackToTheBit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "r", bitFieldRun({bitField(3, 32), bitField(5, 32), bitField(10, 32)}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 3, 8}));
  EXPECT_EQ(P.SizeBits, bytes(4));
}

// struct { int a : 30; int b : 4; }: b would start at bit 30 and end at 34,
// crossing the int unit [0, 32): it moves to bit 32. End 36 -> 40 bits of
// data, align 4 -> sizeof 8.
TEST(LayoutRulesItanium, StraddlingBitFieldMovesToNextStorageUnit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "r", bitFieldRun({bitField(30, 32), bitField(4, 32)}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct { char c[3]; int x : 9; }: x would occupy bits [24, 33), crossing
// the int unit at 32 -> x at 32, sizeof 8. With `int x : 8` it ends exactly
// at 32 and stays at bit 24, sizeof 4.
TEST(LayoutRulesItanium, BitFieldEndingExactlyAtUnitBoundaryDoesNotMove) {
  RecordLayoutModel Wide = makeModel(LayoutAbi::Itanium, 4);
  addUnit(Wide, "c", field(3, 1));
  addUnit(Wide, "x", bitFieldRun({bitField(9, 32)}));
  Placement PW = layoutAsDeclared(Wide);
  EXPECT_EQ(PW.FieldOffsetBits, (Offsets{0, 32}));
  EXPECT_EQ(PW.SizeBits, bytes(8));

  RecordLayoutModel Fits = makeModel(LayoutAbi::Itanium, 4);
  addUnit(Fits, "c", field(3, 1));
  addUnit(Fits, "x", bitFieldRun({bitField(8, 32)}));
  Placement PF = layoutAsDeclared(Fits);
  EXPECT_EQ(PF.FieldOffsetBits, (Offsets{0, 24}));
  EXPECT_EQ(PF.SizeBits, bytes(4));
}

// struct { char c; int : 0; char d; }: the zero-width bit-field aligns the
// next position to the int boundary 32 and takes no space; d at byte 4. An
// unnamed bit-field does not raise the record's alignment (1) -> sizeof 5.
TEST(LayoutRulesItanium, ZeroWidthBitFieldForcesAlignment) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "z", bitFieldRun({zeroWidth(32)}));
  addUnit(M, "d", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32, 32}));
  EXPECT_EQ(P.SizeBits, bytes(5));
}

// struct { int a : 4; int : 0; int b : 4; }: a at 0; the :0 moves from bit 4
// to 32; b at 32; end 36 -> data 40, align 4 -> sizeof 8.
TEST(LayoutRulesItanium, ZeroWidthBitFieldSeparatesBitFieldsOfARun) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "r", bitFieldRun({bitField(4, 32), zeroWidth(32), bitField(4, 32)}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32, 32}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct { char c; int b : 4 __attribute__((aligned(4))); }: b fits at bit
// 8, but the honoured aligned attribute rounds it up to 32. End 36 -> 40,
// align 4 -> sizeof 8.
TEST(LayoutRulesItanium, ExplicitlyAlignedBitFieldIsRoundedUp) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "c", field(1, 1));
  BitFieldSpec B = bitField(4, 32);
  B.ExplicitAlignBits = 32;
  addUnit(M, "b", bitFieldRun({B}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

//===----------------------------------------------------------------------===//
// Itanium: #pragma pack
//===----------------------------------------------------------------------===//

// #pragma pack(1) struct { char c; int i; short s; }: every alignment is
// capped at 1: c at 0, i at 1, s at 5, sizeof 7.
TEST(LayoutRulesItanium, PragmaPackOneCapsFieldAlignment) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 1));
  addUnit(M, "s", field(2, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(1), bytes(5)}));
  EXPECT_EQ(P.SizeBits, bytes(7));
}

// #pragma pack(2) struct { char c; int i; }: i aligned to min(4, 2) = 2,
// record align 2 -> sizeof 6.
TEST(LayoutRulesItanium, PragmaPackTwoCapsAlignmentAtTwo) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 2);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 2));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(2)}));
  EXPECT_EQ(P.SizeBits, bytes(6));
}

// #pragma pack(1) struct { char c; int a : 4; int b : 30; }: a at bit 8,
// ends at 12; b may not be padded to avoid straddling, so it starts at 12
// and ends at 42 -> data 48 bits, align 1 -> sizeof 6. Without the pragma
// b moves to bit 32 and sizeof is 8.
TEST(LayoutRulesItanium, PragmaPackLetsBitFieldsStraddle) {
  RecordLayoutModel Packed = makeModel(LayoutAbi::Itanium, 1);
  addUnit(Packed, "c", field(1, 1));
  addUnit(Packed, "r", bitFieldRun({packed(bitField(4, 32), 1), packed(bitField(30, 32), 1)}));
  Placement PP = layoutAsDeclared(Packed);
  EXPECT_EQ(PP.FieldOffsetBits, (Offsets{0, 8, 12}));
  EXPECT_EQ(PP.SizeBits, bytes(6));

  RecordLayoutModel Natural = makeModel(LayoutAbi::Itanium, 4);
  addUnit(Natural, "c", field(1, 1));
  addUnit(Natural, "r", bitFieldRun({bitField(4, 32), bitField(30, 32)}));
  Placement PN = layoutAsDeclared(Natural);
  EXPECT_EQ(PN.FieldOffsetBits, (Offsets{0, 8, 32}));
  EXPECT_EQ(PN.SizeBits, bytes(8));
}

//===----------------------------------------------------------------------===//
// Itanium: flexible array members, empty records, i686
//===----------------------------------------------------------------------===//

// struct { int n; char c; double d[]; }: data size 5 after c; d aligned to
// 8 and of size 0 -> offset 8, sizeof 8.
TEST(LayoutRulesItanium, FlexibleArrayIsAlignedAndTakesNoSpace) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "n", field(4, 4));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", flexibleArray(8));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4), bytes(8)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct { int n; char c; char d[]; }: d at 5 (char-aligned), the tail
// padding to 8 comes from the record's alignment 4 -> sizeof 8.
TEST(LayoutRulesItanium, FlexibleCharArrayStartsRightAfterData) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "n", field(4, 4));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", flexibleArray(1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4), bytes(5)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct {} is 1 byte in C++ (MinSizeOneByte) and 0 in GNU C.
TEST(LayoutRulesItanium, EmptyRecordHasSizeOneOnlyInCxx) {
  RecordLayoutModel Cxx = makeModel(LayoutAbi::Itanium, 1);
  Cxx.MinSizeOneByte = true;
  EXPECT_EQ(layoutAsDeclared(Cxx).SizeBits, bytes(1));

  RecordLayoutModel C = makeModel(LayoutAbi::Itanium, 1);
  C.MinSizeOneByte = false;
  EXPECT_EQ(layoutAsDeclared(C).SizeBits, 0u);
}

// The one-byte minimum must not inflate a record that already has size:
// struct { char c; } is 1 byte either way, struct { short s; } is 2.
TEST(LayoutRulesItanium, MinSizeOneByteOnlyAffectsEmptyRecords) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 2);
  addUnit(M, "s", field(2, 2));
  EXPECT_EQ(layoutAsDeclared(M).SizeBits, bytes(2));
}

// i686 Linux: double is 8 bytes but only 4-aligned inside structs.
// struct { char c; double d; int i; }: c at 0, d at 4, i at 12, end 16,
// align 4 -> sizeof 16 (24 on x86-64, where d goes to 8).
TEST(LayoutRulesItanium, I686DoubleIsFourByteAlignedInStructs) {
  RecordLayoutModel I686 = makeModel(LayoutAbi::Itanium, 4);
  addUnit(I686, "c", field(1, 1));
  addUnit(I686, "d", field(8, 4));
  addUnit(I686, "i", field(4, 4));
  Placement P = layoutAsDeclared(I686);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4), bytes(12)}));
  EXPECT_EQ(P.SizeBits, bytes(16));

  RecordLayoutModel X64 = makeModel(LayoutAbi::Itanium, 8);
  addUnit(X64, "c", field(1, 1));
  addUnit(X64, "d", field(8, 8));
  addUnit(X64, "i", field(4, 4));
  Placement Q = layoutAsDeclared(X64);
  EXPECT_EQ(Q.FieldOffsetBits, (Offsets{0, bytes(8), bytes(16)}));
  EXPECT_EQ(Q.SizeBits, bytes(24));
}

// struct { alignas(16) char a; double d; int i; }: a at 0, d at 8, i at 16,
// end 20, record align 16 -> sizeof 32.
TEST(LayoutRulesItanium, OverAlignedMemberRaisesRounding) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16);
  addUnit(M, "a", field(1, 16));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "i", field(4, 4));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(8), bytes(16)}));
  EXPECT_EQ(P.SizeBits, bytes(32));
}

//===----------------------------------------------------------------------===//
// Microsoft
//===----------------------------------------------------------------------===//

// struct { char a : 4; int b : 4; }: the types differ in size, so b cannot
// join a's 1-byte unit: it opens a 4-byte unit at align(1, 4) = 4.
// sizeof 8 (Itanium would put b at bit 4 and have sizeof 4).
TEST(LayoutRulesMicrosoft, BitFieldsOfDifferentTypeSizeDoNotShareAUnit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "r", bitFieldRun({bitField(4, 8), bitField(4, 32)}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32}));
  EXPECT_EQ(P.SizeBits, bytes(8));

  RecordLayoutModel I = M;
  I.Abi = LayoutAbi::Itanium;
  Placement Q = layoutAsDeclared(I);
  EXPECT_EQ(Q.FieldOffsetBits, (Offsets{0, 4}));
  EXPECT_EQ(Q.SizeBits, bytes(4));
}

// struct { int a : 4; int b : 4; unsigned c : 24; int d : 1; }: a, b, c
// share the first int unit (bits 0, 4, 8; 4 + 4 + 24 = 32 fills it); d does
// not fit in the 0 bits left and opens a new unit at byte 4. sizeof 8.
TEST(LayoutRulesMicrosoft, BitFieldsOfSameTypeSizeShareUntilFull) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "r",
          bitFieldRun({bitField(4, 32), bitField(4, 32), bitField(24, 32), bitField(1, 32)}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 4, 8, 32}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct { char c; int b : 4; }: a bit-field after an ordinary field always
// opens a new unit: b at byte 4, sizeof 8 (Itanium: bit 8, sizeof 4).
TEST(LayoutRulesMicrosoft, BitFieldAfterOrdinaryFieldOpensNewUnit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, 32}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct { int a : 4; char c; }: the bit-field owns its whole int unit, so c
// goes at byte 4 and sizeof is 8 (Itanium: c at byte 1, sizeof 4).
TEST(LayoutRulesMicrosoft, OrdinaryFieldAfterBitFieldStartsAfterWholeUnit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "a", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "c", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// struct { int a : 4; char c; int b : 4; char d; }: a opens [0,4), c at 4,
// b cannot rejoin a's unit (c came between): new unit at 8, d at 12 ->
// sizeof 16.
TEST(LayoutRulesMicrosoft, BitFieldRunsSeparatedByAFieldDoNotShare) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "a", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "d", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4), bytes(8), bytes(12)}));
  EXPECT_EQ(P.SizeBits, bytes(16));
}

// Two separate runs placed back to back do share: { int a:4; int b:4; char
// c; char d; } -> a at bit 0, b at bit 4, c at 4, d at 5, sizeof 8.
TEST(LayoutRulesMicrosoft, AdjacentRunsOfSameTypeSizeShareAUnit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "a", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "d", field(1, 1));
  Placement P = simulate(M, {0, 2, 1, 3});
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{0, bytes(4), 4, bytes(5)}));
  EXPECT_EQ(P.SizeBits, bytes(8));
}

// i686-pc-windows-msvc: struct { virtual void f(); char c; double d; }.
// Fields first: c at 0, d at 8, size 16. The vfptr (4 bytes) is injected in
// front, rounded up to the record alignment 8: everything shifts by 8 ->
// c at 8, d at 16, sizeof 24.
TEST(LayoutRulesMicrosoft, VfptrShiftIsAddedToOffsetsAndSize) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 8);
  M.VfptrShiftBits = bytes(8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", field(8, 8));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(8), bytes(16)}));
  EXPECT_EQ(P.SizeBits, bytes(24));
}

// x86_64-pc-windows-msvc: struct { virtual void f(); char c; int i; }:
// c at 0, i at 4, size 8; shift by the 8-byte vfptr -> c at 8, i at 12,
// sizeof 16.
TEST(LayoutRulesMicrosoft, VfptrShiftOnX64) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 8);
  M.VfptrShiftBits = bytes(8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 4));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(8), bytes(12)}));
  EXPECT_EQ(P.SizeBits, bytes(16));
}

// Microsoft never reuses a base's tail padding: a base of size 8 (StartData
// = StartSize = 8) puts a char at 8; sizeof 12 with align 4.
TEST(LayoutRulesMicrosoft, FieldsStartAfterWholeBase) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  M.StartDataBits = bytes(8);
  M.StartSizeBits = bytes(8);
  addUnit(M, "c", field(1, 1));
  Placement P = layoutAsDeclared(M);
  EXPECT_EQ(P.FieldOffsetBits, (Offsets{bytes(8)}));
  EXPECT_EQ(P.SizeBits, bytes(12));
}

//===----------------------------------------------------------------------===//
// reproducesCompiler
//===----------------------------------------------------------------------===//

// struct { char c; int i; char d; double x; } with the compiler's offsets
// (0, 4, 8, 16) and sizeof 24 recorded: the model reproduces them.
RecordLayoutModel plainRecordWithCompilerLayout() {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "d", field(1, 1));
  addUnit(M, "x", field(8, 8));
  setCompilerLayout(M, {0, bytes(4), bytes(8), bytes(16)}, bytes(24));
  return M;
}

TEST(ReproducesCompiler, TrueWhenOffsetsAndSizeAgree) {
  EXPECT_TRUE(reproducesCompiler(plainRecordWithCompilerLayout()));
}

TEST(ReproducesCompiler, FalseWhenOneFieldOffsetDiffers) {
  RecordLayoutModel M = plainRecordWithCompilerLayout();
  M.Fields[2].OffsetBits = bytes(9); // The compiler said d is at 9.
  EXPECT_FALSE(reproducesCompiler(M));
}

TEST(ReproducesCompiler, FalseWhenSizeofDiffers) {
  RecordLayoutModel M = plainRecordWithCompilerLayout();
  M.SizeBits = bytes(32);
  EXPECT_FALSE(reproducesCompiler(M));
}

// The bit-field record { char c; int b : 4; char d; } with the compiler's
// bit offsets 0, 8, 16 and sizeof 4 (see above); claiming b at bit 12
// instead must be rejected.
TEST(ReproducesCompiler, ChecksBitFieldOffsetsToTheBit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "d", field(1, 1));
  setCompilerLayout(M, {0, 8, 16}, bytes(4));
  EXPECT_TRUE(reproducesCompiler(M));
  M.Fields[1].OffsetBits = 12;
  EXPECT_FALSE(reproducesCompiler(M));
}

// A model whose rules are wrong for the record is caught: the compiler (MS)
// put b at byte 4, but a model claiming the Itanium ABI predicts bit 8.
TEST(ReproducesCompiler, FalseWhenTheModelsAbiDoesNotMatch) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  setCompilerLayout(M, {0, bytes(4)}, bytes(8));
  EXPECT_TRUE(reproducesCompiler(M));
  M.Abi = LayoutAbi::Itanium;
  EXPECT_FALSE(reproducesCompiler(M));
}

} // namespace
