//===- OrderConstraintsForTest.cpp - constraints and other targets --------===//
//
// orderConstraintsFor (cache-line barriers, access sections, the author's
// groups, per unit) and judgeOnTargets (the suggestion on other targets), on
// hand-built models; offsets and sizes in the comments are worked out by hand.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/PaddedRecordAnalysis.h"
#include "lib/layout/LayoutRules.h"
#include "LayoutTestSupport.h"
#include <gtest/gtest.h>

using namespace tightfit::layout;
using namespace tightfit::layout::testing;

namespace {

using Order = std::vector<unsigned>;

// struct { char tag; alignas(64) long long hot; char flag; long long cold; }:
// the 64-aligned field is a section of its own between the others.
TEST(OrderConstraintsFor, CacheLineAlignedFieldsAreBarriers) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 64);
  addUnit(M, "tag", field(1, 1));
  addUnit(M, "hot", field(8, 64));
  addUnit(M, "flag", field(1, 1));
  addUnit(M, "cold", field(8, 8));
  RecordOrderConstraints C = orderConstraintsFor(M, {}, {}, 64);
  EXPECT_EQ(C.Required.Section, (std::vector<unsigned>{0, 1, 2, 2}));
  EXPECT_TRUE(C.Preferred.empty());
  // With 128-byte lines the field is no barrier.
  EXPECT_TRUE(orderConstraintsFor(M, {}, {}, 128).Required.empty());
}

// Groups {a, b} {c, d} and access sections {a} {b, c, d}: preferred are
// sections with groups, sections alone, then groups alone.
TEST(OrderConstraintsFor, AccessSectionsAndGroups) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  for (const char *Name : {"a", "b", "c", "d"})
    addUnit(M, Name, field(4, 4));
  RecordOrderConstraints C = orderConstraintsFor(M, {1, 1, 2, 2}, {1, 2, 2, 2}, 64);
  EXPECT_TRUE(C.Required.empty());
  ASSERT_EQ(C.Preferred.size(), 3u);
  EXPECT_EQ(C.Preferred[0].Section, (std::vector<unsigned>{0, 1, 1, 1}));
  EXPECT_EQ(C.Preferred[0].Block, (std::vector<unsigned>{1, 1, 2, 2}));
  EXPECT_EQ(C.Preferred[1].Section, (std::vector<unsigned>{0, 1, 1, 1}));
  EXPECT_TRUE(C.Preferred[1].Block.empty());
  EXPECT_TRUE(C.Preferred[2].Section.empty());
  EXPECT_EQ(C.Preferred[2].Block, (std::vector<unsigned>{1, 1, 2, 2}));
  EXPECT_EQ(C.Groups.Block, (std::vector<unsigned>{1, 1, 2, 2}));
}

// A bit-field run whose fields sit in two groups joins them: fields x (group
// 1), then a run {y, z} with y in group 1 and z in group 2, then w (group 2).
TEST(OrderConstraintsFor, AUnitSpanningGroupsJoinsThem) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "x", field(4, 4));
  addUnit(M, "r", bitFieldRun({bitField(3, 32), bitField(4, 32)}), {"y", "z"});
  addUnit(M, "w", field(4, 4));
  RecordOrderConstraints C = orderConstraintsFor(M, {1, 1, 2, 2}, {}, 64);
  // One group: nothing to prefer.
  EXPECT_TRUE(C.Groups.empty());
  EXPECT_TRUE(C.Preferred.empty());
}

// struct { char a; int b; char c; long double ld; int d; } on x86_64 (long
// double 16 bytes, 16-aligned) and on i686 (12 bytes, 4-aligned):
//   x86_64: a@0 b@4 c@8 ld@16 d@32 -> 48; 26 bytes need 32.
//   i686:   a@0 b@4 c@8 ld@12 d@24 -> 28; 22 bytes need 24.
// The fewest-moves optimum on x86_64, {a, b, c, d, ld} = 0, 4, 8, 12, 16, is
// 28 bytes on i686 (ld@16); {a, c, b, d, ld} is 32 on x86_64 (a@0 c@1 b@4 d@8
// ld@16) and 24 on i686 (ld@12): the smallest on both, and chosen.
TEST(JudgeOnTargets, PrefersAnOrderSmallestEverywhere) {
  auto Make = [](uint64_t LdSize, uint64_t LdAlign, uint64_t Align) {
    RecordLayoutModel M = makeModel(LayoutAbi::Itanium, Align);
    addUnit(M, "a", field(1, 1));
    addUnit(M, "b", field(4, 4));
    addUnit(M, "c", field(1, 1));
    addUnit(M, "ld", field(LdSize, LdAlign));
    addUnit(M, "d", field(4, 4));
    Placement P = simulate(M, declarationOrder(M));
    setCompilerLayout(M, P.FieldOffsetBits, P.SizeBits);
    return M;
  };
  RecordLayoutModel X64 = Make(16, 16, 16), I686 = Make(12, 4, 4);
  ASSERT_EQ(X64.SizeBits, bytes(48));
  ASSERT_EQ(I686.SizeBits, bytes(28));
  PaddedRecordVerdict V = analyzePaddedRecord(X64, {});
  ASSERT_EQ(V.OptimalBytes, 32u);
  ASSERT_EQ(V.Best.UnitOrder, (Order{0, 1, 2, 4, 3}));
  ASSERT_EQ(simulate(I686, V.Best.UnitOrder).SizeBits, bytes(28));

  std::vector<TargetVerdict> T = judgeOnTargets(X64, V, {{"i686", I686, ""}}, {}, {});
  EXPECT_EQ(V.Best.UnitOrder, (Order{0, 2, 1, 4, 3}));
  EXPECT_EQ(V.SuggestedFieldOrder, (Order{0, 2, 1, 4, 3}));
  EXPECT_EQ(simulate(X64, V.Best.UnitOrder).SizeBits, bytes(32));
  ASSERT_EQ(T.size(), 1u);
  EXPECT_TRUE(T[0].Judged);
  EXPECT_EQ(T[0].SizeBytes, 28u);
  EXPECT_EQ(T[0].OptimalBytes, 24u);
  EXPECT_EQ(T[0].SuggestedBytes, 24u);
  EXPECT_EQ(formatTargetNote(T[0]), "on i686: 28 bytes -> 24 bytes (saves 4 bytes, the smallest there)");
}

TEST(JudgeOnTargets, NotJudgedAndWorseNotes) {
  TargetVerdict T;
  T.Target = "t";
  T.Reason = "why";
  EXPECT_EQ(formatTargetNote(T), "on t: not judged (why)");
  T.Judged = true;
  T.SizeBytes = 16;
  T.OptimalBytes = 12;
  T.SuggestedBytes = 20;
  EXPECT_EQ(formatTargetNote(T), "on t: 16 bytes -> 20 bytes (worse there)");
  T.SuggestedBytes = 16;
  EXPECT_EQ(formatTargetNote(T), "on t: 16 bytes either way (no saving there)");
  T.SizeBytes = 24;
  EXPECT_EQ(formatTargetNote(T), "on t: 24 bytes -> 16 bytes (saves 8 bytes, 12 bytes is possible there)");
}

} // namespace
