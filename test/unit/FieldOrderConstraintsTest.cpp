//===- FieldOrderConstraintsTest.cpp - sections and blocks in the search --===//
//
// OrderConstraints restrict the orders the optimizer may return: sections
// (every unit of section k before any of section k + 1: access sections, the
// two sides of a cache-line-aligned field) and blocks (units that stay
// contiguous: the groups an author separated with blank lines). Hand-worked
// records first, with the byte offsets of the orders compared in the comment
// above each test, then random records against a brute force that filters all
// permutations with satisfies().
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FieldOrderOptimizer.h"
#include "lib/layout/LayoutRules.h"
#include "LayoutTestSupport.h"
#include <gtest/gtest.h>
#include <algorithm>
#include <limits>

using namespace tightfit::layout;
using namespace tightfit::layout::testing;

namespace {

using Order = std::vector<unsigned>;

OptimizedOrder optimizeWith(const RecordLayoutModel &M, OrderConstraints C) {
  OptimizerOptions O;
  O.Constraints = std::move(C);
  return optimizeFieldOrder(M, O);
}

// struct { char a; double b; /* section */ char c; double d; }: a 0, b 8,
// c 16, d 24 -> 32. Free, {a, c, b, d} gives a 0, c 1, b 8, d 16 -> 24.
// With {a, b} and {c, d} as sections, each section is laid out in turn: the
// best is {a, b, c, d} or {b, a, ...}: b 0, a 8, then c 9, d 16 -> 24.
TEST(FieldOrderConstraints, SectionsKeepUnitsOnTheirSide) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "b", field(8, 8));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", field(8, 8));
  OrderConstraints C;
  C.Section = {0, 0, 1, 1};
  OptimizedOrder R = optimizeWith(M, C);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(24));
  EXPECT_TRUE(satisfies(M, C, R.UnitOrder)) << describe(R.UnitOrder);
  // Only b moves (in front of a): one moved field, as the free optimum.
  EXPECT_EQ(R.UnitOrder, (Order{1, 0, 2, 3}));
  EXPECT_EQ(R.MovedFields, 1u);
}

// When the sections forbid every better order, the declaration order stays:
// struct { double x; char a; /* section */ double y; /* section */ char b; }
// is x 0, a 8, y 16, b 24 -> 32, and so is {a, x, y, b} (a 0, x 8, y 16,
// b 24), the only other order the sections allow. The free optimum
// {x, y, a, b} is 8 + 8 + 1 + 1 = 18 -> 24.
TEST(FieldOrderConstraints, SectionsCanForbidAnySaving) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "x", field(8, 8));
  addUnit(M, "a", field(1, 1));
  addUnit(M, "y", field(8, 8));
  addUnit(M, "b", field(1, 1));
  EXPECT_EQ(optimizeFieldOrder(M).SizeBits, bytes(24));
  OrderConstraints C;
  C.Section = {0, 0, 1, 2};
  OptimizedOrder R = optimizeWith(M, C);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(32));
  EXPECT_EQ(R.UnitOrder, declarationOrder(M));
  EXPECT_EQ(R.MovedFields, 0u);
}

// struct { char kind; int id; /* blank line */ double rate; char flag; }:
// kind 0, id 4, rate 8, flag 16 -> 24. The free optimum moving one field is
// {kind, flag, id, rate} (0, 1, 4, 8 -> 16), which splits the second group.
// Keeping both groups contiguous: {rate, flag, kind, id} = 0, 8, 9, 12 -> 16
// or {id, kind, flag, rate} = 0, 4, 5, 8 -> 16, the same size with two moved
// fields either way; the search returns the latter (it starts with the
// earliest-declared group).
TEST(FieldOrderConstraints, BlocksStayContiguousAtTheSameSize) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "kind", field(1, 1));
  addUnit(M, "id", field(4, 4));
  addUnit(M, "rate", field(8, 8));
  addUnit(M, "flag", field(1, 1));
  OptimizedOrder Free = optimizeFieldOrder(M);
  EXPECT_EQ(Free.SizeBits, bytes(16));
  EXPECT_EQ(Free.UnitOrder, (Order{0, 3, 1, 2}));
  EXPECT_EQ(Free.MovedFields, 1u);

  OrderConstraints C;
  C.Block = {1, 1, 2, 2};
  EXPECT_FALSE(satisfies(M, C, Free.UnitOrder));
  OptimizedOrder R = optimizeWith(M, C);
  EXPECT_TRUE(R.Proven);
  EXPECT_EQ(R.SizeBits, bytes(16));
  EXPECT_EQ(R.UnitOrder, (Order{1, 0, 3, 2}));
  EXPECT_TRUE(satisfies(M, C, {2, 3, 0, 1}));
  EXPECT_EQ(simulate(M, {2, 3, 0, 1}).SizeBits, bytes(16));
  EXPECT_EQ(R.MovedFields, 2u);
}

// A block may be reordered inside: struct { char a; double d; char b; } as
// one block is a 0, d 8, b 16 -> 24 and {a, b, d} -> 16 keeps it contiguous.
TEST(FieldOrderConstraints, ABlockMayChangeItsInnerOrder) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "b", field(1, 1));
  OrderConstraints C;
  C.Block = {1, 1, 1};
  OptimizedOrder R = optimizeWith(M, C);
  EXPECT_EQ(R.SizeBits, bytes(16));
  EXPECT_EQ(R.MovedFields, 1u);
}

// A block that crosses a section boundary is not a block: the sections win.
TEST(FieldOrderConstraints, BlocksAcrossSectionsAreIgnored) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "b", field(8, 8));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", field(8, 8));
  OrderConstraints C;
  C.Section = {0, 0, 1, 1};
  C.Block = {0, 1, 1, 0};
  OptimizedOrder R = optimizeWith(M, C);
  EXPECT_EQ(R.SizeBits, bytes(24));
  EXPECT_TRUE(satisfies(M, C, R.UnitOrder));
  EXPECT_TRUE(satisfies(M, C, {1, 0, 3, 2}));
}

// A flexible array member stays last and belongs to no block.
TEST(FieldOrderConstraints, FlexibleArrayStaysLast) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "n", field(8, 8));
  addUnit(M, "k", field(4, 4));
  addUnit(M, "data", flexibleArray(1));
  OrderConstraints C;
  C.Section = {0, 0, 0, 0};
  C.Block = {1, 1, 1, 1};
  OptimizedOrder R = optimizeWith(M, C);
  // c 0, k 4, n 8, data 16 -> 16 (declared: c 0, n 8, k 16, data 20 -> 24).
  EXPECT_EQ(R.SizeBits, bytes(16));
  EXPECT_EQ(R.UnitOrder.back(), 3u);
}

// satisfies() on hand-made orders.
TEST(FieldOrderConstraints, SatisfiesChecksSectionsAndBlocks) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  for (const char *Name : {"a", "b", "c", "d", "e"})
    addUnit(M, Name, field(4, 4));
  OrderConstraints C;
  C.Section = {0, 0, 0, 1, 1};
  C.Block = {1, 1, 0, 2, 2};
  EXPECT_TRUE(satisfies(M, C, {0, 1, 2, 3, 4}));
  EXPECT_TRUE(satisfies(M, C, {2, 1, 0, 4, 3}));
  EXPECT_FALSE(satisfies(M, C, {0, 2, 1, 3, 4})) << "block {a, b} split by c";
  EXPECT_FALSE(satisfies(M, C, {0, 1, 3, 2, 4})) << "d before c crosses the section";
  EXPECT_TRUE(satisfies(M, {}, {4, 3, 2, 1, 0}));
}

// A tiny budget forces the heuristics: they keep the sections.
TEST(FieldOrderConstraints, HeuristicFallbackKeepsSections) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "b", field(8, 8));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "e", field(2, 2));
  OptimizerOptions O;
  O.StateBudget = 1;
  O.Constraints.Section = {0, 0, 0, 1, 1};
  OptimizedOrder R = optimizeFieldOrder(M, O);
  EXPECT_FALSE(R.Proven);
  EXPECT_TRUE(satisfies(M, O.Constraints, R.UnitOrder)) << describe(R.UnitOrder);
  EXPECT_LE(R.SizeBits, simulate(M, declarationOrder(M)).SizeBits);
}

//===----------------------------------------------------------------------===//
// Random records against brute force
//===----------------------------------------------------------------------===//

/// splitmix64, as in the optimizer's property test: deterministic everywhere.
uint64_t mix(uint64_t &State) {
  uint64_t Z = (State += 0x9e3779b97f4a7c15ULL);
  Z = (Z ^ (Z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  Z = (Z ^ (Z >> 27)) * 0x94d049bb133111ebULL;
  return Z ^ (Z >> 31);
}

/// A record of 3..7 units with sections and blocks that follow the
/// declaration order, as the check derives them.
RecordLayoutModel randomConstrained(uint64_t Seed, OrderConstraints &C) {
  uint64_t State = Seed * 0x2545f4914f6cdd1dULL;
  auto Below = [&](unsigned N) { return static_cast<unsigned>(mix(State) % N); };
  LayoutAbi Abi = Below(4) == 0 ? LayoutAbi::Microsoft : LayoutAbi::Itanium;
  RecordLayoutModel M = makeModel(Abi, 1, "Constrained" + std::to_string(Seed));
  const std::vector<UnitSpec> Palette = {
      field(1, 1), field(2, 2), field(4, 4), field(8, 8), field(1, 16), field(3, 1),
      bitFieldRun({bitField(4, 32)}), bitFieldRun({bitField(3, 8), bitField(2, 8)}),
  };
  uint64_t Align = 8;
  unsigned N = 3 + Below(5);
  unsigned Section = 0, Block = 0;
  bool InBlock = false;
  for (unsigned I = 0; I < N; ++I) {
    const UnitSpec &U = Palette[Below(Palette.size())];
    Align = std::max(Align, U.K == UnitSpec::Kind::BitFieldRun ? U.BitFields[0].AlignBits
                                                               : U.AlignBits);
    addUnit(M, "f" + std::to_string(I), U);
    if (I && Below(4) == 0) {
      ++Section;
      InBlock = false;
    }
    if (!InBlock || Below(3) == 0) {
      InBlock = Below(2) == 0;
      if (InBlock)
        ++Block;
    }
    C.Section.push_back(Section);
    C.Block.push_back(InBlock ? Block : 0);
  }
  M.AlignBits = M.RoundingAlignBits = Align;
  return M;
}

TEST(FieldOrderConstraintsProperty, MatchesConstrainedBruteForce) {
  unsigned Failures = 0, Restricted = 0;
  for (uint64_t Seed = 1; Seed <= 300 && Failures < 10; ++Seed) {
    OrderConstraints C;
    RecordLayoutModel M = randomConstrained(Seed, C);
    SCOPED_TRACE(M.Name + ": " + describe(M));
    Order Units = declarationOrder(M);
    uint64_t Best = std::numeric_limits<uint64_t>::max(), FreeBest = Best;
    unsigned FewestMoved = ~0u;
    Order Witness;
    do {
      uint64_t Size = simulate(M, Units).SizeBits;
      FreeBest = std::min(FreeBest, Size);
      if (!satisfies(M, C, Units))
        continue;
      unsigned Moved = countMovedFields(M, Units);
      if (Size < Best || (Size == Best && Moved < FewestMoved)) {
        Best = Size;
        FewestMoved = Moved;
        Witness = Units;
      }
    } while (std::next_permutation(Units.begin(), Units.end()));
    if (FreeBest < Best)
      ++Restricted;
    ASSERT_TRUE(satisfies(M, C, declarationOrder(M)));

    OptimizedOrder R = optimizeWith(M, C);
    bool Ok = R.Proven && R.SizeBits == Best && satisfies(M, C, R.UnitOrder) &&
              simulate(M, R.UnitOrder).SizeBits == R.SizeBits && R.MovedFields == FewestMoved;
    EXPECT_TRUE(Ok) << "optimizer " << describe(R.UnitOrder) << " size " << R.SizeBits
                    << " moved " << R.MovedFields << "; brute force size " << Best << " moved "
                    << FewestMoved << " e.g. " << describe(Witness);
    if (!Ok)
      ++Failures;
  }
  // The constraints must bite in a fair share of the records, or this test
  // shows little.
  EXPECT_GE(Restricted, 20u);
}

} // namespace
