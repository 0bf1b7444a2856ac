//===- FindingMergeTest.cpp - one finding per check and place -------------===//
//
// sortAndDeduplicate (lib/findings/Finding.h): the copies of a finding that
// several translation units report become one.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/Finding.h"

#include <gtest/gtest.h>

namespace tightfit::findings {
namespace {

Finding copy(const char *File, unsigned Offset, const char *Message, unsigned Unit) {
  Finding F;
  F.Check = "tightfit-padded-record";
  F.File = File;
  F.Offset = Offset;
  F.Line = 3;
  F.Column = 8;
  F.Message = Message;
  F.ReportedBy = {Unit};
  return F;
}

TEST(FindingMergeTest, OneFindingPerCheckAndPlace) {
  std::vector<Finding> Findings = {copy("b.h", 10, "'S' is 24 bytes", 1),
                                   copy("a.h", 10, "'T' is 24 bytes", 0),
                                   copy("b.h", 10, "'S' is 24 bytes", 0)};
  sortAndDeduplicate(Findings);
  ASSERT_EQ(Findings.size(), 2u);
  EXPECT_EQ(Findings[0].File, "a.h");
  EXPECT_EQ(Findings[1].File, "b.h");
  EXPECT_EQ(Findings[1].ReportedBy, (std::vector<unsigned>{0, 1}));
  EXPECT_TRUE(Findings[1].Notes.empty());
}

TEST(FindingMergeTest, DifferentMessagesBecomeNotes) {
  // Three units see the record; two of them also see an array of it.
  std::vector<Finding> Findings = {copy("h", 10, "'S' is 24 bytes; instances: array 'a'", 0),
                                   copy("h", 10, "'S' is 24 bytes", 1),
                                   copy("h", 10, "'S' is 24 bytes; instances: array 'a'", 2)};
  sortAndDeduplicate(Findings);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Message, "'S' is 24 bytes; instances: array 'a'");
  ASSERT_EQ(Findings[0].Notes.size(), 1u);
  EXPECT_EQ(Findings[0].Notes[0].Message, "in other translation units: 'S' is 24 bytes");
  EXPECT_EQ(Findings[0].Notes[0].Line, 3u);
  EXPECT_EQ(Findings[0].ReportedBy, (std::vector<unsigned>{0, 1, 2}));

  // Equally many: the first message in order is kept, whatever the order of
  // the copies.
  std::vector<Finding> Tied = {copy("h", 10, "'S' saves 8", 0), copy("h", 10, "'S' saves 4", 1)};
  std::vector<Finding> Reversed = {Tied[1], Tied[0]};
  sortAndDeduplicate(Tied);
  sortAndDeduplicate(Reversed);
  EXPECT_EQ(Tied[0].Message, "'S' saves 4");
  EXPECT_EQ(Reversed[0].Message, "'S' saves 4");
}

TEST(FindingMergeTest, DisagreeingFixItsAreRefused) {
  Finding WithFix = copy("h", 10, "m", 0);
  WithFix.Fix = {{"h", 10, 3, "x"}};
  std::vector<Finding> Findings = {WithFix, copy("h", 10, "m", 1)};
  sortAndDeduplicate(Findings);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Fix.size(), 1u);
  EXPECT_EQ(Findings[0].FixRefusal,
            "the translation units that report this finding do not all propose the same fix-it");

  std::vector<Finding> Agreeing = {WithFix, WithFix};
  Agreeing[1].ReportedBy = {1};
  sortAndDeduplicate(Agreeing);
  ASSERT_EQ(Agreeing.size(), 1u);
  EXPECT_EQ(Agreeing[0].FixRefusal, "");
}

} // namespace
} // namespace tightfit::findings
