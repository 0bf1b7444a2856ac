//===- PaddedRecordAnalysisTest.cpp - padding holes, verdict and wording --===//
//
// Padding is counted in whole bytes no subobject touches (a byte holding one
// bit of a bit-field is used). Each test spells out the byte extents of the
// subobjects and the holes between them, worked out by hand.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/PaddedRecordAnalysis.h"
#include "lib/layout/LayoutRules.h"
#include "LayoutTestSupport.h"
#include <gtest/gtest.h>

using namespace tightfit::layout;
using namespace tightfit::layout::testing;

namespace {

//===----------------------------------------------------------------------===//
// analyzePadding
//===----------------------------------------------------------------------===//

// struct { char c; int i; char d; double x; } at 0, 4, 8, 16, sizeof 24:
// used bytes [0,1) [4,8) [8,9) [16,24) -> holes of 3 after c at 1 and of 7
// after d at 9; no tail; 10 bytes of padding.
TEST(AnalyzePadding, InteriorHolesAfterTheFieldBeforeThem) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "d", field(1, 1));
  addUnit(M, "x", field(8, 8));
  PaddingReport R = analyzePadding(M, {0, bytes(4), bytes(8), bytes(16)}, bytes(24));
  EXPECT_EQ(R.SizeBytes, 24u);
  ASSERT_EQ(R.Holes.size(), 2u);
  EXPECT_EQ(R.Holes[0].OffsetBytes, 1u);
  EXPECT_EQ(R.Holes[0].SizeBytes, 3u);
  EXPECT_EQ(R.Holes[0].After, PaddingHole::AfterKind::Field);
  EXPECT_EQ(R.Holes[0].AfterIndex, 0u);
  EXPECT_EQ(R.Holes[1].OffsetBytes, 9u);
  EXPECT_EQ(R.Holes[1].SizeBytes, 7u);
  EXPECT_EQ(R.Holes[1].AfterIndex, 2u);
  EXPECT_EQ(R.TailBytes, 0u);
  EXPECT_EQ(R.PaddingBytes, 10u);
  EXPECT_EQ(formatHoleNote(M, R.Holes[0]), "3 bytes of padding after 'c'");
  EXPECT_EQ(formatHoleNote(M, R.Holes[1]), "7 bytes of padding after 'd'");
}

// struct { double x; char c; }: [0,8) [8,9), sizeof 16 -> 7 bytes of tail
// padding, no interior hole.
TEST(AnalyzePadding, TailPaddingIsNotAHole) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "x", field(8, 8));
  addUnit(M, "c", field(1, 1));
  PaddingReport R = analyzePadding(M, {0, bytes(8)}, bytes(16));
  EXPECT_TRUE(R.Holes.empty());
  EXPECT_EQ(R.TailBytes, 7u);
  EXPECT_EQ(R.PaddingBytes, 7u);
  EXPECT_EQ(formatTailNote(7), "7 bytes of tail padding");
  EXPECT_EQ(formatTailNote(1), "1 byte of tail padding");
}

// struct { char c; int b : 4; char d; } at bits 0, 8, 16, sizeof 4:
// b's 4 bits make byte 1 used: [0,1) [1,2) [2,3), tail 1. The 4 unused bits
// inside byte 1 are not padding.
TEST(AnalyzePadding, ByteWithAnyBitOfABitFieldIsUsed) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "c", field(1, 1));
  addUnit(M, "b", bitFieldRun({bitField(4, 32)}), {"b"});
  addUnit(M, "d", field(1, 1));
  PaddingReport R = analyzePadding(M, {0, 8, 16}, bytes(4));
  EXPECT_TRUE(R.Holes.empty());
  EXPECT_EQ(R.TailBytes, 1u);
  EXPECT_EQ(R.PaddingBytes, 1u);
}

// struct { int a : 30; int b : 4; } at bits 0 and 32, sizeof 8: a covers
// bytes [0,4) (bits 30, 31 unused but in a used byte), b byte [4,5): tail 3.
TEST(AnalyzePadding, BitsSkippedBeforeAStraddlingBitFieldAreNotWholeBytes) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "r", bitFieldRun({bitField(30, 32), bitField(4, 32)}), {"a", "b"});
  PaddingReport R = analyzePadding(M, {0, 32}, bytes(8));
  EXPECT_TRUE(R.Holes.empty());
  EXPECT_EQ(R.TailBytes, 3u);
  EXPECT_EQ(R.PaddingBytes, 3u);
}

// struct B { B(); int i; char c; }; struct D : B { int x; char c; }:
// the base occupies its data size [0,5); x [8,12), c [12,13), sizeof 16:
// a 3-byte hole after the base at 5 and 3 bytes of tail.
TEST(AnalyzePadding, HoleAfterBaseNamesTheBase) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  M.StartDataBits = M.StartSizeBits = bytes(5);
  FixedPart Base;
  Base.DisplayName = "base 'B'";
  Base.OffsetBits = 0;
  Base.SizeBits = bytes(5);
  M.Fixed.push_back(Base);
  addUnit(M, "x", field(4, 4));
  addUnit(M, "c", field(1, 1));
  PaddingReport R = analyzePadding(M, {bytes(8), bytes(12)}, bytes(16));
  ASSERT_EQ(R.Holes.size(), 1u);
  EXPECT_EQ(R.Holes[0].OffsetBytes, 5u);
  EXPECT_EQ(R.Holes[0].SizeBytes, 3u);
  EXPECT_EQ(R.Holes[0].After, PaddingHole::AfterKind::Fixed);
  EXPECT_EQ(R.Holes[0].AfterIndex, 0u);
  EXPECT_EQ(R.TailBytes, 3u);
  EXPECT_EQ(R.PaddingBytes, 6u);
  EXPECT_EQ(formatHoleNote(M, R.Holes[0]), "3 bytes of padding after the base 'B'");
}

// A hole before anything at all (a lone field at byte 8 of a 16-byte
// record) is described by its offset.
TEST(AnalyzePadding, HoleAtTheStartIsDescribedByOffset) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "x", field(8, 8));
  PaddingReport R = analyzePadding(M, {bytes(8)}, bytes(16));
  ASSERT_EQ(R.Holes.size(), 1u);
  EXPECT_EQ(R.Holes[0].OffsetBytes, 0u);
  EXPECT_EQ(R.Holes[0].SizeBytes, 8u);
  EXPECT_EQ(R.Holes[0].After, PaddingHole::AfterKind::Nothing);
  EXPECT_EQ(formatHoleNote(M, R.Holes[0]), "8 bytes of padding at offset 0");
}

// struct P { P(); int i; char c; }; (dsize 5)
// struct S { char a; [[no_unique_address]] P p; char c; int x; } at 0, 4,
// 9, 12, sizeof 16: p occupies its data size [4,9), so used bytes are
// [0,1) [4,9) [9,10) [12,16): holes of 3 after a and 2 after c.
TEST(AnalyzePadding, NoUniqueAddressMemberOccupiesItsDataSize) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", field(1, 1));
  addUnit(M, "p", overlappingField(8, 4, 5));
  addUnit(M, "c", field(1, 1));
  addUnit(M, "x", field(4, 4));
  PaddingReport R = analyzePadding(M, {0, bytes(4), bytes(9), bytes(12)}, bytes(16));
  ASSERT_EQ(R.Holes.size(), 2u);
  EXPECT_EQ(R.Holes[0].OffsetBytes, 1u);
  EXPECT_EQ(R.Holes[0].SizeBytes, 3u);
  EXPECT_EQ(R.Holes[1].OffsetBytes, 10u);
  EXPECT_EQ(R.Holes[1].SizeBytes, 2u);
  EXPECT_EQ(R.Holes[1].AfterIndex, 2u);
  EXPECT_EQ(R.PaddingBytes, 5u);
}

// struct E {}; struct S { int a; [[no_unique_address]] E e; char c; } at 0,
// 0, 4, sizeof 8: e occupies nothing; [0,4) [4,5), tail 3.
TEST(AnalyzePadding, EmptyOverlappingMemberOccupiesNothing) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  addUnit(M, "a", field(4, 4));
  addUnit(M, "e", overlappingEmpty());
  addUnit(M, "c", field(1, 1));
  PaddingReport R = analyzePadding(M, {0, 0, bytes(4)}, bytes(8));
  EXPECT_TRUE(R.Holes.empty());
  EXPECT_EQ(R.TailBytes, 3u);
  EXPECT_EQ(R.PaddingBytes, 3u);
}

//===----------------------------------------------------------------------===//
// analyzePaddedRecord and the message
//===----------------------------------------------------------------------===//

// struct Packet { alignas(16) char a; double d; int i; }:
//   now: a [0,1), d [8,16), i [16,20), sizeof 32: 7 + 12 = 19 bytes padding.
//   best: {a, i, d} -> 16 bytes (the only 16-byte order): saves 16, 50%.
RecordLayoutModel packet() {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 16, "Packet");
  addUnit(M, "a", field(1, 16));
  addUnit(M, "d", field(8, 8));
  addUnit(M, "i", field(4, 4));
  setCompilerLayout(M, {0, bytes(8), bytes(16)}, bytes(32));
  return M;
}

TEST(AnalyzePaddedRecord, VerdictNumbersForOverAlignedRecord) {
  RecordLayoutModel M = packet();
  ASSERT_TRUE(reproducesCompiler(M));
  PaddedRecordVerdict V = analyzePaddedRecord(M, {});
  EXPECT_EQ(V.SizeBytes, 32u);
  EXPECT_EQ(V.Current.PaddingBytes, 19u);
  EXPECT_EQ(V.Current.TailBytes, 12u);
  EXPECT_EQ(V.OptimalBytes, 16u);
  EXPECT_EQ(V.SavingBytes, 16u);
  EXPECT_EQ(V.SavingPercent, 50u);
  EXPECT_EQ(V.SuggestedFieldOrder, (std::vector<unsigned>{0, 2, 1}));
  EXPECT_TRUE(V.Best.Proven);
  EXPECT_EQ(V.Best.MovedFields, 1u);
  EXPECT_TRUE(V.ShouldReport);
}

TEST(AnalyzePaddedRecord, MessageText) {
  RecordLayoutModel M = packet();
  PaddedRecordVerdict V = analyzePaddedRecord(M, {});
  EXPECT_EQ(formatPaddedRecordMessage(M, V),
            "'Packet' is 32 bytes with 19 bytes of padding; ordering fields as {a, i, d} makes "
            "it 16 bytes (saves 16 bytes, 50%)");
}

// Thresholds are inclusive: saving exactly 16 bytes / 50% is enough for
// MinSavingBytes = 16 and MinSavingPercent = 50, not for 17 / 51.
TEST(AnalyzePaddedRecord, ThresholdsAreInclusive) {
  RecordLayoutModel M = packet();
  PaddedRecordOptions O;
  O.MinSavingBytes = 16;
  EXPECT_TRUE(analyzePaddedRecord(M, O).ShouldReport);
  O.MinSavingBytes = 17;
  EXPECT_FALSE(analyzePaddedRecord(M, O).ShouldReport);
  O.MinSavingBytes = 1;
  O.MinSavingPercent = 50;
  EXPECT_TRUE(analyzePaddedRecord(M, O).ShouldReport);
  O.MinSavingPercent = 51;
  EXPECT_FALSE(analyzePaddedRecord(M, O).ShouldReport);
}

// struct { double d; int i; char a; char b; } is 16 bytes, already the
// smallest: nothing to report, the suggestion is the declaration order.
TEST(AnalyzePaddedRecord, OptimalRecordIsNotReported) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 8);
  addUnit(M, "d", field(8, 8));
  addUnit(M, "i", field(4, 4));
  addUnit(M, "a", field(1, 1));
  addUnit(M, "b", field(1, 1));
  setCompilerLayout(M, {0, bytes(8), bytes(12), bytes(13)}, bytes(16));
  ASSERT_TRUE(reproducesCompiler(M));
  PaddedRecordVerdict V = analyzePaddedRecord(M, {});
  EXPECT_EQ(V.SizeBytes, 16u);
  EXPECT_EQ(V.OptimalBytes, 16u);
  EXPECT_EQ(V.SavingBytes, 0u);
  EXPECT_EQ(V.SavingPercent, 0u);
  EXPECT_FALSE(V.ShouldReport);
  EXPECT_EQ(V.SuggestedFieldOrder, (std::vector<unsigned>{0, 1, 2, 3}));
  // MinSavingBytes = 0 must not turn "no saving" into a report.
  PaddedRecordOptions Zero;
  Zero.MinSavingBytes = 0;
  EXPECT_FALSE(analyzePaddedRecord(M, Zero).ShouldReport);
}

// struct { char a; int b; char c; int d; char e; int f; char g; int h; }:
// 32 bytes as declared, 20 at best (four chars in one int slot): saves 12,
// 12 / 32 = 37.5% which rounds to 38.
TEST(AnalyzePaddedRecord, SavingPercentRoundsHalfUp) {
  RecordLayoutModel M = makeModel(LayoutAbi::Itanium, 4);
  for (const char *N : {"a", "b", "c", "d", "e", "f", "g", "h"})
    addUnit(M, N, (N[0] - 'a') % 2 ? field(4, 4) : field(1, 1));
  setCompilerLayout(M, {0, bytes(4), bytes(8), bytes(12), bytes(16), bytes(20), bytes(24), bytes(28)},
                    bytes(32));
  ASSERT_TRUE(reproducesCompiler(M));
  ASSERT_EQ(M.SizeBits, bytes(32));
  PaddedRecordVerdict V = analyzePaddedRecord(M, {});
  EXPECT_EQ(V.OptimalBytes, 20u);
  EXPECT_EQ(V.SavingBytes, 12u);
  EXPECT_EQ(V.SavingPercent, 38u);
}

// Microsoft: struct S { char a : 4; int b : 4; char c; }:
//   now: a byte 0 (char unit), b byte 4 (int unit), c byte 8, sizeof 12:
//   holes of 3 after a and after b, 3 of tail: 9 bytes of padding.
//   best: c first, then the run (a at 1, b at 4) -> 8 bytes. The run's
//   bit-fields stay together and in order: {c, a, b}.
TEST(AnalyzePaddedRecord, SuggestedOrderKeepsBitFieldRunTogether) {
  RecordLayoutModel M = makeModel(LayoutAbi::Microsoft, 4);
  addUnit(M, "r", bitFieldRun({bitField(4, 8), bitField(4, 32)}), {"a", "b"});
  addUnit(M, "c", field(1, 1));
  setCompilerLayout(M, {0, bytes(4), bytes(8)}, bytes(12));
  ASSERT_TRUE(reproducesCompiler(M));
  PaddedRecordVerdict V = analyzePaddedRecord(M, {});
  EXPECT_EQ(V.Current.PaddingBytes, 9u);
  ASSERT_EQ(V.Current.Holes.size(), 2u);
  EXPECT_EQ(V.Current.Holes[0].OffsetBytes, 1u);
  EXPECT_EQ(V.Current.Holes[1].OffsetBytes, 5u);
  EXPECT_EQ(V.SuggestedFieldOrder, (std::vector<unsigned>{2, 0, 1}));
  EXPECT_EQ(formatPaddedRecordMessage(M, V),
            "'S' is 12 bytes with 9 bytes of padding; ordering fields as {c, a, b} makes it 8 "
            "bytes (saves 4 bytes, 33%)");
}

// The machine-readable details carry the same numbers as the verdict.
TEST(AnalyzePaddedRecord, DetailsCarryTheNumbers) {
  RecordLayoutModel M = packet();
  PaddedRecordVerdict V = analyzePaddedRecord(M, {});
  llvm::json::Object D = paddedRecordDetails(M, V);
  EXPECT_EQ(D.getString("record"), std::optional<llvm::StringRef>("Packet"));
  EXPECT_EQ(D.getString("abi"), std::optional<llvm::StringRef>("itanium"));
  EXPECT_EQ(D.getInteger("size"), std::optional<int64_t>(32));
  EXPECT_EQ(D.getInteger("align"), std::optional<int64_t>(16));
  EXPECT_EQ(D.getInteger("padding"), std::optional<int64_t>(19));
  EXPECT_EQ(D.getInteger("tailPadding"), std::optional<int64_t>(12));
  EXPECT_EQ(D.getInteger("optimalSize"), std::optional<int64_t>(16));
  EXPECT_EQ(D.getInteger("saving"), std::optional<int64_t>(16));
  EXPECT_EQ(D.getInteger("savingPercent"), std::optional<int64_t>(50));
  EXPECT_EQ(D.getBoolean("proven"), std::optional<bool>(true));
  EXPECT_EQ(D.getInteger("movedFields"), std::optional<int64_t>(1));
  const llvm::json::Array *Names = D.getArray("suggestedOrderNames");
  ASSERT_NE(Names, nullptr);
  ASSERT_EQ(Names->size(), 3u);
  EXPECT_EQ((*Names)[0].getAsString(), std::optional<llvm::StringRef>("a"));
  EXPECT_EQ((*Names)[1].getAsString(), std::optional<llvm::StringRef>("i"));
  EXPECT_EQ((*Names)[2].getAsString(), std::optional<llvm::StringRef>("d"));
  const llvm::json::Array *Holes = D.getArray("holes");
  ASSERT_NE(Holes, nullptr);
  ASSERT_EQ(Holes->size(), 1u);
  const llvm::json::Object *H = (*Holes)[0].getAsObject();
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->getInteger("offset"), std::optional<int64_t>(1));
  EXPECT_EQ(H->getInteger("size"), std::optional<int64_t>(7));
  EXPECT_EQ(H->getString("after"), std::optional<llvm::StringRef>("a"));
}

} // namespace
