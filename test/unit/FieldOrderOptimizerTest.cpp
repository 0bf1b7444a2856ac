//===- FieldOrderOptimizerTest.cpp - the smallest field order, by hand ----===//
//
// Hand-worked records where the best order is known, including the ones
// where sorting fields by decreasing alignment is not optimal. The comment
// above each test gives the layouts being compared (byte offsets).
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FieldOrderOptimizer.h"
#include "lib/layout/LayoutRules.h"
#include "LayoutTestSupport.h"
#include <gtest/gtest.h>
#include <algorithm>
#include <numeric>
#include <thread>

using namespace tightfit::layout;
using namespace tightfit::layout::testing;

namespace {

using Order = std::vector<unsigned>;

/// The invariants every result must satisfy, whatever the record.
void expectConsistent(const RecordLayoutModel &M, const OptimizedOrder &R) {
  Order Sorted = R.UnitOrder;
  std::sort(Sorted.begin(), Sorted.end());
  Order Identity(M.Units.size());
  std::iota(Identity.begin(), Identity.end(), 0u);
  EXPECT_EQ(Sorted, Identity) << "UnitOrder " << describe(R.UnitOrder) << " is no permutation";
  if (Sorted == Identity) {
    EXPECT_EQ(simulate(M, R.UnitOrder).SizeBits, R.SizeBits)
        << "SizeBits does not match the layout of " << describe(R.UnitOrder);
    EXPECT_EQ(countMovedFields(M, R.UnitOrder), R.MovedFields);
  }
}

/// The order a "sort by decreasing alignment" fix-it would produce (stable,
/// so equal alignments keep their declaration order). A bit-field run counts
/// with the largest storage alignment among its bit-fields.
Order sortedByDecreasingAlignment(const RecordLayoutModel &M) {
  auto Align = [&](unsigned U) {
    const UnitSpec &S = M.Units[U];
    uint64_t A = S.AlignBits;
    for (const BitFieldSpec &B : S.BitFields)
      A = std::max(A, B.AlignBits);
    return A;
  };
  Order O = declarationOrder(M);
  std::stable_sort(O.begin(), O.end(), [&](unsigned A, unsigned B) { return Align(A) > Align(B); });
  return O;
}

//===----------------------------------------------------------------------===//
// Classic cases
//===----------------------------------------------------------------------===//

// struct { char a; double d; char b; }: a 0, d 8, b 16 -> 17 -> sizeof 24.
// Putting the chars together: d 0, a 8, b 9 (or a 0, b 1, d 8) -> 16.
// Moving the one field d suffices.
TEST(FieldOrderOptimizer, CharDoubleCharShrinksFrom24To16) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "b", field(1, 1));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(24));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(16));
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.MovedFields, 1u);
}

// struct { char a; double d; char b; double e; }: 0, 8, 16, 24 -> 32.
// Best: both doubles plus two chars need 8 + 8 + 1 + 1 = 18 bytes -> 24
// (e.g. a 0, b 1, d 8, e 16): saving 8. Only b has to move (keep a, d, e).
TEST(FieldOrderOptimizer, CharDoubleCharDoubleShrinksFrom32To24) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "b", field(1, 1));
  addUnit(M, "e", field(8, 8));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(32));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(24));
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.MovedFields, 1u);
}

// struct { char a; int b; char c; int d; }: 0, 4, 8, 12 -> 16.
// Best is 12 (1 + 1 + 4 + 4 = 10 -> 12): a 0, c 1, b 4, d 8 moves only c.
// Sorting by alignment (b, d, a, c) also gives 12 but moves two fields.
TEST(FieldOrderOptimizer, MovesTheFewestFieldsAmongOptimalOrders) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "b", field(4, 4));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", field(4, 4));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(12));
  EXPECT_EQ(R.MovedFields, 1u);
  EXPECT_EQ(countMovedFields(M, sortedByDecreasingAlignment(M)), 2u);
}

// struct { char a; short s; char b; char c; short t; char d; }:
//   declared: a 0, s 2, b 4, c 5, t 6, d 8 -> 9 -> 10 (align 2).
//   8 bytes of data, so 8 is the optimum. Moving only d up behind a gives
//   a 0, d 1, s 2, b 4, c 5, t 6 -> 8: one moved field. (Keeping the chars
//   in declaration order, as in a 0, b 1, s 2, c 4, d 5, t 6, moves two.)
TEST(FieldOrderOptimizer, FewestMovedMayTakeEqualFieldsOutOfDeclarationOrder) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 2);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "s", field(2, 2));
  addUnit(M, "b", field(1, 1));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "t", field(2, 2));
  addUnit(M, "d", field(1, 1));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(10));
  Order OneMove = {0, 5, 1, 2, 3, 4};
  ASSERT_EQ(simulate(M, OneMove).SizeBits, bytes(8));
  ASSERT_EQ(countMovedFields(M, OneMove), 1u);

  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(8));
  EXPECT_EQ(R.MovedFields, 1u) << "got order " << describe(R.UnitOrder);
}

// struct { double d0; alignas(16) char a0; double d1; alignas(16) char a1; }:
//   declared: d0 0, a0 16, d1 24, a1 32 -> 33 -> 48.
//   a0 0, d1 8, a1 16, d0 24 -> 32 moves only d0 (to the end); 32 is
//   optimal (18 bytes of data, rounded to the alignment 16).
TEST(FieldOrderOptimizer, FewestMovedWithOverAlignedPairs) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16);
  addUnit(M, "d0", field(8, 8));
  addUnit(M, "a0", field(1, 16));
  addUnit(M, "d1", field(8, 8));
  addUnit(M, "a1", field(1, 16));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(48));
  Order OneMove = {1, 2, 3, 0};
  ASSERT_EQ(simulate(M, OneMove).SizeBits, bytes(32));
  ASSERT_EQ(countMovedFields(M, OneMove), 1u);

  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(32));
  EXPECT_EQ(R.MovedFields, 1u) << "got order " << describe(R.UnitOrder);
}

//===----------------------------------------------------------------------===//
// Where sorting by alignment is not optimal
//===----------------------------------------------------------------------===//

// struct { alignas(16) char a; double d; int i; }:
//   declared (= sorted by alignment 16, 8, 4): a 0, d 8, i 16 -> 20 -> 32.
//   a 0, i 4, d 8 -> 16: the int fills the hole the over-aligned char leaves.
//   That is the only 16-byte order (a must sit at 0, d at 8, i at 4).
TEST(FieldOrderOptimizer, OverAlignedCharBeatsSortingByAlignment) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16);
  addUnit(M, "a", field(1, 16));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "i", field(4, 4));
  Order Sorted = sortedByDecreasingAlignment(M);
  EXPECT_EQ(Sorted, (Order{0, 1, 2}));
  EXPECT_EQ(simulate(M, Sorted).SizeBits, bytes(32));

  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(16));
  EXPECT_EQ(R.UnitOrder, (Order{0, 2, 1}));
  EXPECT_EQ(R.MovedFields, 1u);
  EXPECT_LT(R.SizeBits, simulate(M, Sorted).SizeBits);
}

// struct B { B(); int i; char c; };  (dsize 5, sizeof 8, align 4)
// struct D : B { int x; char c; }:
//   declared (= sorted): x 8, c 12 -> 13 -> 16.
//   c 5, x 8 -> 12: the char goes into the base's tail padding.
TEST(FieldOrderOptimizer, UsesTailPaddingOfNonPodBase) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  M.StartDataBits = bytes(5);
  M.StartSizeBits = bytes(5);
  addUnit(M, "x", field(4, 4));
  addUnit(M, "c", field(1, 1));
  Order Sorted = sortedByDecreasingAlignment(M);
  EXPECT_EQ(simulate(M, Sorted).SizeBits, bytes(16));

  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(12));
  EXPECT_EQ(R.UnitOrder, (Order{1, 0}));
  EXPECT_EQ(simulate(M, R.UnitOrder).FieldOffsetBits, (std::vector<uint64_t>{bytes(8), bytes(5)}));
}

// struct P { P(); int i; char c; };  (dsize 5, sizeof 8, align 4)
// struct S { char c; [[no_unique_address]] P p; short s; }:
//   declared: c 0, p 4 (data to 9), s 10 -> 12.
//   sorted by alignment (p, s, c): p 0, s 6, c 8 -> 9 -> 12.
//   p 0, c 5, s 6 -> 8: both small fields live in p's tail padding; this is
//   the only 8-byte order.
TEST(FieldOrderOptimizer, UsesTailPaddingOfNoUniqueAddressMember) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "p", overlappingField(8, 4, 5));
  addUnit(M, "s", field(2, 2));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(12));
  Order Sorted = sortedByDecreasingAlignment(M);
  EXPECT_EQ(Sorted, (Order{1, 2, 0}));
  EXPECT_EQ(simulate(M, Sorted).SizeBits, bytes(12));

  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(8));
  EXPECT_EQ(R.UnitOrder, (Order{1, 0, 2}));
  EXPECT_EQ(R.MovedFields, 1u);
}

// struct { int b : 24; int x; char c; }:
//   declared (= sorted: b and x are 4-aligned, c 1): b bits 0-23, x 4, c 8
//   -> 9 -> 12.
//   b 0-23, c 3, x 4 -> 8: the char completes b's storage unit. (c 0, b at
//   bit 8, x 4 is 8 bytes too.) One field moves either way.
TEST(FieldOrderOptimizer, CharFillsTheRestOfABitFieldUnit) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "b", bitFieldRun({bitField(24, 32)}));
  addUnit(M, "x", field(4, 4));
  addUnit(M, "c", field(1, 1));
  Order Sorted = sortedByDecreasingAlignment(M);
  EXPECT_EQ(simulate(M, Sorted).SizeBits, bytes(12));

  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(8));
  EXPECT_EQ(R.MovedFields, 1u);
}

// Microsoft: struct { int a : 4; char c; int b : 4; char d; }:
//   declared: a unit [0,4), c 4, b new unit [8,12), d 12 -> 16.
//   a and b next to each other share one int unit: a 0:0, b 0:4, c 4, d 5
//   -> 8. Only b moves.
TEST(FieldOrderOptimizer, MicrosoftGroupsBitFieldRunsOfEqualTypeSize) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "a", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "d", field(1, 1));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(16));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(8));
  EXPECT_EQ(R.MovedFields, 1u);
}

// The same record under Itanium is already tight: a bits 0-3, c 1, b at bit
// 16, d 3 -> 4. Nothing to gain, the declaration order stays.
TEST(FieldOrderOptimizer, SameBitFieldRecordIsAlreadyOptimalOnItanium) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}));
  addUnit(M, "d", field(1, 1));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(4));
  EXPECT_EQ(R.UnitOrder, declarationOrder(M));
  EXPECT_EQ(R.MovedFields, 0u);
}

// Microsoft: struct { char a : 4; int b : 4; char c; } (one run a, b):
//   declared: a [0,1), b new int unit [4,8), c 8 -> 12.
//   c 0, then the run: a opens a char unit at 1, b an int unit at 4 -> 8.
TEST(FieldOrderOptimizer, MicrosoftCharFieldBeforeMixedRun) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "r", bitFieldRun({bitField(4, 8), bitField(4, 32)}));
  addUnit(M, "c", field(1, 1));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(12));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(8));
  EXPECT_EQ(R.UnitOrder, (Order{1, 0}));
  // The run holds two fields, so keeping it and moving c costs 1.
  EXPECT_EQ(R.MovedFields, 1u);
}

// struct { char c; int i; char d; char data[]; }: c 0, i 4, d 8, data 9 ->
// 12. Best 8 (c 0, d 1, i 4, data 8); the flexible array stays last.
TEST(FieldOrderOptimizer, FlexibleArrayStaysLast) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "d", field(1, 1));
  addUnit(M, "data", flexibleArray(1));
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(12));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_EQ(R.SizeBits, bytes(8));
  ASSERT_FALSE(R.UnitOrder.empty());
  EXPECT_EQ(R.UnitOrder.back(), 3u);
  EXPECT_EQ(R.MovedFields, 1u);
}

//===----------------------------------------------------------------------===//
// Already optimal records
//===----------------------------------------------------------------------===//

// struct { double d; int i; char a; char b; }: 0, 8, 12, 13 -> 16, which is
// the lower bound (14 bytes of data, align 8): kept as declared.
TEST(FieldOrderOptimizer, KeepsDeclarationOrderAtLowerBound) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "d", field(8, 8));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "a", field(1, 1));
  addUnit(M, "b", field(1, 1));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(16));
  EXPECT_EQ(R.UnitOrder, declarationOrder(M));
  EXPECT_EQ(R.MovedFields, 0u);
}

// struct { alignas(16) char a; alignas(16) char b; }: 0, 16 -> 32 in either
// order, above the lower bound of 16 (2 bytes of data): the search proves
// 32 optimal and keeps the declaration order.
TEST(FieldOrderOptimizer, KeepsDeclarationOrderWhenOptimalAboveLowerBound) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16);
  addUnit(M, "a", field(1, 16));
  addUnit(M, "b", field(1, 16));
  EXPECT_EQ(sizeLowerBound(M), bytes(16));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(32));
  EXPECT_EQ(R.UnitOrder, declarationOrder(M));
  EXPECT_EQ(R.MovedFields, 0u);
}

TEST(FieldOrderOptimizer, RecordWithoutUnits) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  OptimizedOrder R = optimizeFieldOrder(M);
  EXPECT_TRUE(R.UnitOrder.empty());
  EXPECT_EQ(R.SizeBits, bytes(1));
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.MovedFields, 0u);
}

//===----------------------------------------------------------------------===//
// countMovedFields and sizeLowerBound
//===----------------------------------------------------------------------===//

// Units: #0 a run of three bit-fields, #1 and #2 single fields.
//   [0,1,2]: nothing moves.
//   [1,2,0]: keep the run (3 fields) rather than #1, #2 (2): 2 move.
//   [1,0,2]: keep #0 and #2 (4 fields): 1 moves.
//   [2,1,0]: the longest kept chain is the run alone: 2 move.
//   [0,2,1]: keep #0, #1 or #0, #2 (4 fields): 1 moves.
TEST(CountMovedFields, WeighsUnitsByTheirFieldCount) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "r", bitFieldRun({bitField(1, 32), bitField(2, 32), bitField(3, 32)}));
  addUnit(M, "x", field(4, 4));
  addUnit(M, "y", field(4, 4));
  ASSERT_EQ(M.Fields.size(), 5u);
  EXPECT_EQ(countMovedFields(M, {0, 1, 2}), 0u);
  EXPECT_EQ(countMovedFields(M, {1, 2, 0}), 2u);
  EXPECT_EQ(countMovedFields(M, {1, 0, 2}), 1u);
  EXPECT_EQ(countMovedFields(M, {2, 1, 0}), 2u);
  EXPECT_EQ(countMovedFields(M, {0, 2, 1}), 1u);
}

// Five single fields: [4,0,1,2,3] moves one (the longest increasing chain is
// 0,1,2,3); [4,3,2,1,0] keeps only one and moves four; [1,0,3,2,4] keeps
// e.g. 0,2,4 and moves two.
TEST(CountMovedFields, IsFieldsOutsideLongestIncreasingChain) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 1);
  for (const char *N : {"a", "b", "c", "d", "e"})
    addUnit(M, N, field(1, 1));
  EXPECT_EQ(countMovedFields(M, {4, 0, 1, 2, 3}), 1u);
  EXPECT_EQ(countMovedFields(M, {4, 3, 2, 1, 0}), 4u);
  EXPECT_EQ(countMovedFields(M, {1, 0, 3, 2, 4}), 2u);
}

// { char; double; char }: 10 bytes of data, align 8 -> bound 16.
TEST(SizeLowerBound, SumOfDataRoundedToAlignment) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "b", field(1, 1));
  EXPECT_EQ(sizeLowerBound(M), bytes(16));
}

// { int a : 3; char c; }: 3 + 8 = 11 bits -> 2 bytes -> align 4 -> 4.
TEST(SizeLowerBound, CountsBitFieldsByWidth) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", bitFieldRun({bitField(3, 32)}));
  addUnit(M, "c", field(1, 1));
  EXPECT_EQ(sizeLowerBound(M), bytes(4));
}

// Base with dsize 5, plus a char: 5 + 1 = 6 bytes of data -> align 4 -> 8.
// A [[no_unique_address]] P (dsize 5) and a char: 5 + 1 = 6 -> 8.
// An empty base (extent 1, no data) and no fields, C rules: 1 byte.
TEST(SizeLowerBound, UsesPrefixAndDataSizes) {
  RecordLayoutModel Base = makeModel(LayoutAbi::Itanium, 4);
  Base.StartDataBits = bytes(5);
  Base.StartSizeBits = bytes(5);
  addUnit(Base, "c", field(1, 1));
  EXPECT_EQ(sizeLowerBound(Base), bytes(8));

  RecordLayoutModel Empty = makeModel(LayoutAbi::Itanium, 1);
  Empty.MinSizeOneByte = false;
  Empty.StartSizeBits = bytes(1);
  EXPECT_EQ(sizeLowerBound(Empty), bytes(1));

  RecordLayoutModel Nua = makeModel(LayoutAbi::Itanium, 4);
  addUnit(Nua, "p", overlappingField(8, 4, 5));
  addUnit(Nua, "c", field(1, 1));
  EXPECT_EQ(sizeLowerBound(Nua), bytes(8));
}

// Microsoft, x64, virtual class with one char: 1 byte + 8 of vfptr = 9 ->
// align 8 -> 16.
TEST(SizeLowerBound, AddsMicrosoftVfptr) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 8);
  M.VfptrShiftBits = bytes(8);
  addUnit(M, "c", field(1, 1));
  EXPECT_EQ(sizeLowerBound(M), bytes(16));
}

// The bound never exceeds what the optimizer achieves on the records above.
TEST(SizeLowerBound, NeverAboveTheOptimum) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16);
  addUnit(M, "a", field(1, 16));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "i", field(4, 4));
  // 13 bytes of data, align 16 -> 16 = the optimum found above.
  EXPECT_EQ(sizeLowerBound(M), bytes(16));
  EXPECT_LE(sizeLowerBound(M), optimizeFieldOrder(M).SizeBits);
}

//===----------------------------------------------------------------------===//
// Budget fallback
//===----------------------------------------------------------------------===//

// A record with eight different units cannot be searched within 5 states:
// the optimizer must say so (Proven = false) and return a valid order that is
// no larger than the declaration order.
RecordLayoutModel eightUnitRecord() {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "s", field(2, 2));
  addUnit(M, "o", field(1, 16));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "t", field(3, 1));
  addUnit(M, "q", field(16, 16));
  addUnit(M, "u", field(6, 2));
  return M;
}

// Declared: a 0, d 8, s 16, o 32, i 36, t 40, q 48, u 64 -> 70 -> 80.
TEST(FieldOrderOptimizerBudget, TinyBudgetFallsBackUnproven) {
  RecordLayoutModel M = eightUnitRecord();
  ASSERT_EQ(simulate(M, declarationOrder(M)).SizeBits, bytes(80));
  OptimizerOptions Tiny;
  Tiny.StateBudget = 5;
  OptimizedOrder R = optimizeFieldOrder(M, Tiny);
  expectConsistent(M, R);
  EXPECT_FALSE(R.Proven);
  EXPECT_LE(R.SizeBits, bytes(80));
  // 1+8+2+1+4+3+16+6 = 41 bytes of data -> 48 is the bound; nothing is
  // smaller than the exact optimum.
  OptimizedOrder Exact = optimizeFieldOrder(M);
  EXPECT_TRUE(Exact.Proven);
  EXPECT_GE(R.SizeBits, Exact.SizeBits);
}

// With the default budget the same record is solved exactly. A witness:
// o 0, a 1, s 2, i 4, d 8, q 16, u 32, t 38 -> 41 -> 48, which meets the
// lower bound, so 48 is the optimum.
TEST(FieldOrderOptimizerBudget, DefaultBudgetSolvesEightUnitsExactly) {
  RecordLayoutModel M = eightUnitRecord();
  EXPECT_EQ(sizeLowerBound(M), bytes(48));
  Order Witness = {3, 0, 2, 4, 1, 6, 7, 5};
  EXPECT_EQ(simulate(M, Witness).SizeBits, bytes(48));
  OptimizedOrder R = optimizeFieldOrder(M);
  expectConsistent(M, R);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(48));
  EXPECT_LE(R.MovedFields, countMovedFields(M, Witness));
}

// A tiny budget on a record the heuristics handle (char, double, char) still
// finds the better order, just without proof.
TEST(FieldOrderOptimizerBudget, FallbackStillImprovesSimpleRecords) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "b", field(1, 1));
  addUnit(M, "e", field(8, 8));
  addUnit(M, "c", field(2, 2));
  OptimizerOptions Tiny;
  Tiny.StateBudget = 1;
  OptimizedOrder R = optimizeFieldOrder(M, Tiny);
  expectConsistent(M, R);
  EXPECT_FALSE(R.Proven);
  // Declared: 0, 8, 16, 24, 32 -> 34 -> 40; sorted by alignment: d 0, e 8,
  // c 16, a 18, b 19 -> 24.
  EXPECT_EQ(R.SizeBits, bytes(24));
}

//===----------------------------------------------------------------------===//
// Result cache
//===----------------------------------------------------------------------===//

// The eight-unit record behind a prefix no other test uses (a 3-byte base),
// so that its first search in this process is a miss whatever ran before;
// a second model with equal content must be served the same result.
RecordLayoutModel cacheTestRecord(const std::string &Name) {
  RecordLayoutModel M = eightUnitRecord();
  M.Name = Name;
  M.StartDataBits = M.StartSizeBits = bytes(3);
  return M;
}

TEST(FieldOrderOptimizerCache, EqualRecordsAreServedByContent) {
  RecordLayoutModel First = cacheTestRecord("First");
  OptimizerCacheStats Before = optimizerCacheStats();
  OptimizedOrder R1 = optimizeFieldOrder(First);
  OptimizerCacheStats Mid = optimizerCacheStats();
  EXPECT_EQ(Mid.Misses, Before.Misses + 1);
  EXPECT_EQ(Mid.Hits, Before.Hits);

  // Another object, another name (in another TU the record is rebuilt).
  RecordLayoutModel Second = cacheTestRecord("Second");
  OptimizedOrder R2 = optimizeFieldOrder(Second);
  OptimizerCacheStats After = optimizerCacheStats();
  EXPECT_EQ(After.Hits, Mid.Hits + 1);
  EXPECT_EQ(After.Misses, Mid.Misses);
  EXPECT_EQ(R1.UnitOrder, R2.UnitOrder);
  EXPECT_EQ(R1.SizeBits, R2.SizeBits);
  EXPECT_EQ(R1.MovedFields, R2.MovedFields);
  expectConsistent(Second, R2);
}

// Anything the result depends on is part of the key: the fields per unit
// (moved fields are counted in fields), the constraints, the budget.
TEST(FieldOrderOptimizerCache, KeyCoversFieldsConstraintsAndBudget) {
  RecordLayoutModel M = cacheTestRecord("Key");
  optimizeFieldOrder(M);
  OptimizerCacheStats Before = optimizerCacheStats();

  RecordLayoutModel TwoFields = M;
  TwoFields.Fields.push_back(TwoFields.Fields.back()); // Unit 7 holds two fields.
  optimizeFieldOrder(TwoFields);
  OptimizerOptions Sections;
  Sections.Constraints.Section = {0, 0, 0, 0, 1, 1, 1, 1};
  OptimizedOrder Split = optimizeFieldOrder(M, Sections);
  OptimizerOptions Smaller;
  Smaller.StateBudget = 100000;
  optimizeFieldOrder(M, Smaller);

  OptimizerCacheStats After = optimizerCacheStats();
  EXPECT_EQ(After.Misses, Before.Misses + 3);
  EXPECT_EQ(After.Hits, Before.Hits);
  EXPECT_TRUE(satisfies(M, Sections.Constraints, Split.UnitOrder));
}

// Records below OptimizerCacheMinUnits are searched every time.
TEST(FieldOrderOptimizerCache, SmallRecordsAreNotCached) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "b", field(1, 1));
  OptimizerCacheStats Before = optimizerCacheStats();
  optimizeFieldOrder(M);
  optimizeFieldOrder(M);
  OptimizerCacheStats After = optimizerCacheStats();
  EXPECT_EQ(After.Hits, Before.Hits);
  EXPECT_EQ(After.Misses, Before.Misses);
}

// The CLI's worker threads share the cache: every thread gets the result a
// lone search gives (the exhaustive option is keyed apart, so it searches).
TEST(FieldOrderOptimizerCache, ThreadsGetTheSameResults) {
  std::vector<RecordLayoutModel> Models;
  for (unsigned I = 0; I < 12; ++I) {
    RecordLayoutModel M = eightUnitRecord();
    M.StartDataBits = M.StartSizeBits = bytes(5 + I); // Unused by other tests.
    Models.push_back(M);
  }
  std::vector<std::vector<OptimizedOrder>> Got(4);
  std::vector<std::thread> Threads;
  for (unsigned T = 0; T < Got.size(); ++T)
    Threads.emplace_back([&, T] {
      for (const RecordLayoutModel &M : Models)
        Got[T].push_back(optimizeFieldOrder(M));
    });
  for (std::thread &T : Threads)
    T.join();
  OptimizerOptions Reference;
  Reference.Exhaustive = true;
  for (size_t I = 0; I < Models.size(); ++I) {
    OptimizedOrder Alone = optimizeFieldOrder(Models[I], Reference);
    for (const std::vector<OptimizedOrder> &Results : Got) {
      EXPECT_EQ(Results[I].UnitOrder, Alone.UnitOrder) << "model " << I;
      EXPECT_EQ(Results[I].SizeBits, Alone.SizeBits) << "model " << I;
      EXPECT_EQ(Results[I].Proven, Alone.Proven) << "model " << I;
    }
  }
}

} // namespace
