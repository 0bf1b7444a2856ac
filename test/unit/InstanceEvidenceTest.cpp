//===- InstanceEvidenceTest.cpp - how much a saving matters ---------------===//
//
// Evidence of instances, its wording and ranking, cache lines and malloc
// chunks, with the numbers worked out by hand in the comments.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/InstanceEvidence.h"
#include <gtest/gtest.h>

using namespace tightfit::layout;

namespace {

InstanceEvidence array(std::string Name, uint64_t Count, unsigned Line) {
  return {EvidenceKind::Array, std::move(Name), "", Count, Line, false};
}

TEST(InstanceEvidence, ArraysAddUpAndManyStartsAtSixteen) {
  InstanceSummary S = summarizeEvidence({array("a", 10, 3), array("b", 5, 9)});
  EXPECT_EQ(S.ArrayInstances, 15u);
  EXPECT_FALSE(S.Many);
  S = summarizeEvidence({array("a", 10, 3), array("b", 6, 9)});
  EXPECT_EQ(S.ArrayInstances, 16u);
  EXPECT_TRUE(S.Many);
}

TEST(InstanceEvidence, ContainersAndAllocationsAreMany) {
  for (EvidenceKind K : {EvidenceKind::Container, EvidenceKind::ArrayNew,
                         EvidenceKind::NewInLoop, EvidenceKind::AllocArray,
                         EvidenceKind::AllocInLoop}) {
    InstanceSummary S = summarizeEvidence({{K, "x", "std::vector", 0, 1, false}});
    EXPECT_TRUE(S.Many) << static_cast<int>(K);
  }
  // A member of another record is many only when that record is.
  EXPECT_FALSE(summarizeEvidence({{EvidenceKind::MemberOf, "Q", "", 0, 1, false}}).Many);
  EXPECT_TRUE(summarizeEvidence({{EvidenceKind::MemberOf, "Q", "", 0, 1, true}}).Many);
}

TEST(InstanceEvidence, WordingInSourceOrderAtMostThree) {
  InstanceSummary S = summarizeEvidence({
      {EvidenceKind::Container, "entries", "std::vector", 0, 20, false},
      array("table", 1024, 10),
      {EvidenceKind::ArrayNew, "", "", 0, 30, false},
      {EvidenceKind::NewInLoop, "", "", 0, 40, false},
      array("table", 1024, 10), // A duplicate (a header seen twice): once.
  });
  EXPECT_EQ(formatEvidence(S),
            "instances: array 'table' of 1024, std::vector 'entries', new[] and 1 more");
  EXPECT_EQ(formatEvidence(summarizeEvidence({})), "");
  EXPECT_EQ(formatEvidence(summarizeEvidence({{EvidenceKind::AllocArray, "calloc", "", 0, 1,
                                               false}})),
            "instances: calloc of an array");
}

// Ranking: 8 bytes saved, no evidence -> 8; in an array of 100 -> 800; in a
// container -> 8 * 4096.
TEST(InstanceEvidence, RankScore) {
  EXPECT_EQ(rankScore(8, summarizeEvidence({})), 8u);
  EXPECT_EQ(rankScore(8, summarizeEvidence({array("t", 100, 1)})), 800u);
  EXPECT_EQ(rankScore(8, summarizeEvidence({{EvidenceKind::Container, "v", "std::vector", 0,
                                             1, false}})),
            8u * 4096u);
  EXPECT_EQ(rankScore(UINT64_MAX / 2, summarizeEvidence({array("t", 100, 1)})), UINT64_MAX);
}

// 64 bytes: one line; 65 to 128: two; 0: none.
TEST(InstanceEvidence, CacheLines) {
  EXPECT_EQ(cacheLinesSpanned(64, 64), 1u);
  EXPECT_EQ(cacheLinesSpanned(65, 64), 2u);
  EXPECT_EQ(cacheLinesSpanned(128, 64), 2u);
  EXPECT_EQ(cacheLinesSpanned(0, 64), 0u);
  EXPECT_EQ(cacheLinesSpanned(72, 128), 1u);
}

// glibc on x86_64: request + 8, rounded up to 16, at least 32.
//   16 -> 32 (24 -> 32), 24 -> 32, 25 -> 48 (33 -> 48), 40 -> 48, 41 -> 64.
// On i686: request + 4, rounded up to 16, at least 16: 12 -> 16, 13 -> 32.
TEST(InstanceEvidence, MallocChunks) {
  EXPECT_EQ(mallocChunkBytes(16, 8), 32u);
  EXPECT_EQ(mallocChunkBytes(24, 8), 32u);
  EXPECT_EQ(mallocChunkBytes(25, 8), 48u);
  EXPECT_EQ(mallocChunkBytes(40, 8), 48u);
  EXPECT_EQ(mallocChunkBytes(41, 8), 64u);
  EXPECT_EQ(mallocChunkBytes(1, 8), 32u);
  EXPECT_EQ(mallocChunkBytes(12, 4), 16u);
  EXPECT_EQ(mallocChunkBytes(13, 4), 32u);
}

} // namespace
