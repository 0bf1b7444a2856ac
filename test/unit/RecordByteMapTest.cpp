//===- RecordByteMapTest.cpp - byte maps of padded records ----------------===//
//
// The details below are written as tightfit-padded-record reports them for
// x86_64 (sizes and offsets worked out by hand in the comments), and the
// expected maps follow from the rules in lib/findings/RecordByteMap.h.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/RecordByteMap.h"

#include <gtest/gtest.h>
#include <tuple>

namespace tightfit::findings {
namespace {

using Kind = ByteRun::Kind;

llvm::json::Object field(const char *Name, uint64_t OffsetBits, uint64_t SizeBits,
                         bool BitField = false) {
  return llvm::json::Object{{"name", Name},
                            {"displayName", Name},
                            {"offsetBits", OffsetBits},
                            {"sizeBits", SizeBits},
                            {"bitField", BitField}};
}

llvm::json::Object hole(uint64_t Offset, uint64_t Size) {
  return llvm::json::Object{{"offset", Offset}, {"size", Size}, {"after", nullptr}};
}

llvm::json::Object details(uint64_t Size, uint64_t Align, uint64_t Optimal, uint64_t Tail,
                           llvm::json::Array Fields, llvm::json::Array Holes,
                           llvm::json::Array Order) {
  return llvm::json::Object{{"size", Size},
                            {"align", Align},
                            {"optimalSize", Optimal},
                            {"tailPadding", Tail},
                            {"fields", std::move(Fields)},
                            {"holes", std::move(Holes)},
                            {"suggestedOrder", std::move(Order)}};
}

/// Runs as (begin, end, kind, field) tuples, for readable comparisons.
std::vector<std::tuple<uint64_t, uint64_t, Kind, unsigned>> runs(const RecordByteMap &Map) {
  std::vector<std::tuple<uint64_t, uint64_t, Kind, unsigned>> Out;
  for (const ByteRun &R : Map.Runs)
    Out.emplace_back(R.Begin, R.End, R.K, R.K == Kind::Field ? R.FieldIndex : 0);
  return Out;
}

// struct S { char a; double b; char c; };
//   a at 0, 7 bytes of padding, b at 8, c at 16, 7 bytes of tail: 24 bytes.
//   Suggested {b, a, c}: b at 0, a at 8, c at 9, tail 10..16: 16 bytes.
llvm::json::Object charDoubleChar() {
  return details(24, 8, 16, 7,
                 llvm::json::Array{field("a", 0, 8), field("b", 64, 64), field("c", 128, 8)},
                 llvm::json::Array{hole(1, 7)}, llvm::json::Array{1, 0, 2});
}

TEST(RecordByteMapTest, CurrentLayoutHasFieldsHolesAndTail) {
  std::optional<RecordByteMap> Map = currentByteMap(charDoubleChar());
  ASSERT_TRUE(Map);
  EXPECT_EQ(Map->SizeBytes, 24u);
  decltype(runs(*Map)) Expected = {{0, 1, Kind::Field, 0},  {1, 8, Kind::Padding, 0},
                                   {8, 16, Kind::Field, 1}, {16, 17, Kind::Field, 2},
                                   {17, 24, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Map), Expected);
}

TEST(RecordByteMapTest, SuggestedLayoutIsDerivedWhenExact) {
  // a: size 1 bounds its alignment to 1. b: after the 7-byte hole that ends
  // at 8, only alignment 8 rounds 1 up to 8. c: size 1.
  std::optional<RecordByteMap> Map = suggestedByteMap(charDoubleChar());
  ASSERT_TRUE(Map);
  EXPECT_EQ(Map->SizeBytes, 16u);
  decltype(runs(*Map)) Expected = {{0, 8, Kind::Field, 1},
                                   {8, 9, Kind::Field, 0},
                                   {9, 10, Kind::Field, 2},
                                   {10, 16, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Map), Expected);
}

TEST(RecordByteMapTest, SuggestedLayoutNeedsExactAlignments) {
  // struct S { short s; double d; char c; }: s at 0 (alignment 1 or 2: its
  // size allows 2 and nothing before it tells), d at 8, c at 16. In the order
  // {c, s, d}, s would go to 1 or to 2: no map.
  llvm::json::Object D = details(
      24, 8, 16, 7,
      llvm::json::Array{field("s", 0, 16), field("d", 64, 64), field("c", 128, 8)},
      llvm::json::Array{hole(2, 6)}, llvm::json::Array{2, 0, 1});
  EXPECT_FALSE(suggestedByteMap(D));
  EXPECT_TRUE(currentByteMap(D));
}

TEST(RecordByteMapTest, SuggestedSizeMustMatchTheReport) {
  // As charDoubleChar, but a report that claims 24 bytes for the order.
  llvm::json::Object D = charDoubleChar();
  D["optimalSize"] = 24;
  EXPECT_FALSE(suggestedByteMap(D));
}

TEST(RecordByteMapTest, ExplicitSuggestedOffsetsWin) {
  llvm::json::Object D = charDoubleChar();
  D["suggestedOffsetBits"] = llvm::json::Array{64, 0, 72};
  std::optional<RecordByteMap> Map = suggestedByteMap(D);
  ASSERT_TRUE(Map);
  decltype(runs(*Map)) Expected = {{0, 8, Kind::Field, 1},
                                   {8, 9, Kind::Field, 0},
                                   {9, 10, Kind::Field, 2},
                                   {10, 16, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Map), Expected);
}

TEST(RecordByteMapTest, ExplicitOffsetsPlaceBitFields) {
  // struct S { char c; unsigned a : 3, b : 5; int i; } reordered to
  // {i, a, b, c}: i at 0, a at bit 32, b at bit 35, c at byte 5; 8 bytes.
  llvm::json::Object D = details(
      12, 4, 8, 2,
      llvm::json::Array{field("c", 0, 8), field("a", 8, 3, true), field("b", 11, 5, true),
                        field("i", 32, 32)},
      llvm::json::Array{hole(2, 2)}, llvm::json::Array{3, 1, 2, 0});
  D["suggestedOffsetBits"] = llvm::json::Array{40, 32, 35, 0};
  std::optional<RecordByteMap> Map = suggestedByteMap(D);
  ASSERT_TRUE(Map);
  decltype(runs(*Map)) Expected = {{0, 4, Kind::Field, 3},
                                   {4, 5, Kind::Field, 1},
                                   {5, 6, Kind::Field, 0},
                                   {6, 8, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Map), Expected);
}

TEST(RecordByteMapTest, VtablePointerStaysInFront) {
  // struct S { virtual ~S(); char a; double b; char c; }: the vtable pointer
  // takes 0..8, a at 8, hole 9..16, b at 16, c at 24, tail 25..32. Suggested
  // {b, a, c} from 8: b at 8, a at 16, c at 17, tail 18..24.
  llvm::json::Object D =
      details(32, 8, 24, 7,
              llvm::json::Array{field("a", 64, 8), field("b", 128, 64), field("c", 192, 8)},
              llvm::json::Array{hole(9, 7)}, llvm::json::Array{1, 0, 2});
  std::optional<RecordByteMap> Now = currentByteMap(D);
  ASSERT_TRUE(Now);
  decltype(runs(*Now)) ExpectedNow = {{0, 8, Kind::Other, 0},    {8, 9, Kind::Field, 0},
                                      {9, 16, Kind::Padding, 0}, {16, 24, Kind::Field, 1},
                                      {24, 25, Kind::Field, 2},  {25, 32, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Now), ExpectedNow);
  std::optional<RecordByteMap> Then = suggestedByteMap(D);
  ASSERT_TRUE(Then);
  decltype(runs(*Then)) ExpectedThen = {{0, 8, Kind::Other, 0},   {8, 16, Kind::Field, 1},
                                        {16, 17, Kind::Field, 0}, {17, 18, Kind::Field, 2},
                                        {18, 24, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Then), ExpectedThen);
}

TEST(RecordByteMapTest, BitFieldsShareBytesButAreNotDerived) {
  // struct S { unsigned a : 3, b : 5; int c; char d; }: a and b share byte
  // 0, hole 1..4, c at 4, d at 8, tail 9..12.
  llvm::json::Object D = details(
      12, 4, 12, 3,
      llvm::json::Array{field("a", 0, 3, true), field("b", 3, 5, true), field("c", 32, 32),
                        field("d", 64, 8)},
      llvm::json::Array{hole(1, 3)}, llvm::json::Array{0, 1, 2, 3});
  std::optional<RecordByteMap> Now = currentByteMap(D);
  ASSERT_TRUE(Now);
  decltype(runs(*Now)) Expected = {{0, 1, Kind::Field, 0}, {1, 4, Kind::Padding, 0},
                                   {4, 8, Kind::Field, 2}, {8, 9, Kind::Field, 3},
                                   {9, 12, Kind::Tail, 0}};
  EXPECT_EQ(runs(*Now), Expected);
  EXPECT_FALSE(suggestedByteMap(D));
}

TEST(RecordByteMapTest, IncompleteDetailsGiveNoMap) {
  llvm::json::Object D = charDoubleChar();
  D.erase("holes");
  EXPECT_FALSE(currentByteMap(D));
  llvm::json::Object Bad = charDoubleChar();
  Bad["suggestedOrder"] = llvm::json::Array{0, 0, 1}; // Not a permutation.
  EXPECT_FALSE(suggestedByteMap(Bad));
  llvm::json::Object Past = charDoubleChar();
  Past["size"] = 16; // c would end past the record.
  EXPECT_FALSE(currentByteMap(Past));
}

} // namespace
} // namespace tightfit::findings
