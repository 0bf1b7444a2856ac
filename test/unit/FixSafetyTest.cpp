//===- FixSafetyTest.cpp - initialisation-order refusals and wording ------===//
//
// The plain decisions behind the fix-it refusals about initialisation order,
// on hand-made facts: which field reads which, which initialisers have order
// sensitive effects. Orders are field indices; each comment gives the
// declaration and the new order.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FixSafety.h"
#include <gtest/gtest.h>
#include <algorithm>
#include <string>

using namespace tightfit::layout;

namespace {

FieldInitFacts reads(std::vector<unsigned> Fields) {
  FieldInitFacts F;
  F.Reads = std::move(Fields);
  return F;
}

// struct { char a; double b; char c = char(b); } in {a, c, b}: c's
// initialiser reads b, which would then be initialised after it.
TEST(FindLaterFieldRead, ReadOfAFieldMovedAfterTheReader) {
  std::vector<FieldInitFacts> Facts = {{}, {}, reads({1})};
  auto R = findLaterFieldRead(Facts, {0, 2, 1});
  ASSERT_TRUE(R.has_value());
  EXPECT_EQ(R->first, 2u);
  EXPECT_EQ(R->second, 1u);
  // In the declaration order, or with b still first, nothing is wrong.
  EXPECT_FALSE(findLaterFieldRead(Facts, {0, 1, 2}));
  EXPECT_FALSE(findLaterFieldRead(Facts, {1, 2, 0}));
}

// A field reading itself (`int x = sizeof(x)`) is no later read.
TEST(FindLaterFieldRead, SelfReadsAreIgnored) {
  std::vector<FieldInitFacts> Facts = {reads({0}), {}};
  EXPECT_FALSE(findLaterFieldRead(Facts, {1, 0}));
}

// c's initialiser calls a member function (it may read anything): every
// field declared before c must stay before it. {a, c, b} moves b after c.
TEST(FindLaterFieldRead, WholesaleReadsKeepEarlierFieldsBefore) {
  std::vector<FieldInitFacts> Facts(3);
  Facts[2].ReadsAnyField = true;
  auto R = findLaterFieldRead(Facts, {0, 2, 1});
  ASSERT_TRUE(R.has_value());
  EXPECT_EQ(R->first, 2u);
  EXPECT_EQ(R->second, 1u);
  // Fields declared after c may move around it: {c, a, b} is refused (a and
  // b were before c), {a, b, c} is not.
  EXPECT_TRUE(findLaterFieldRead(Facts, {2, 0, 1}));
  EXPECT_FALSE(findLaterFieldRead(Facts, {0, 1, 2}));
  Facts[2].ReadsAnyField = false;
  Facts[0].ReadsAnyField = true;
  EXPECT_FALSE(findLaterFieldRead(Facts, {0, 2, 1})) << "a reads nothing declared before it";
}

// Two flagged fields whose relative order changes: {b, c} in {a, c, b}.
TEST(FindSwappedPair, OnlyFlaggedPairsCount) {
  auto R = findSwappedPair({false, true, true}, {0, 2, 1});
  ASSERT_TRUE(R.has_value());
  EXPECT_EQ(R->first, 1u);
  EXPECT_EQ(R->second, 2u);
  // a moves after b and c, but a is not flagged.
  EXPECT_FALSE(findSwappedPair({false, true, true}, {1, 2, 0}));
  EXPECT_FALSE(findSwappedPair({true, false, true}, {0, 2, 1}));
}

TEST(RefusalWording, CodesAndNotes) {
  EXPECT_STREQ(refusalCode(FixRefusal::OffsetOf), "offsetof");
  EXPECT_STREQ(refusalCode(FixRefusal::InHeader), "header");
  EXPECT_EQ(formatRefusalNote({FixRefusal::OffsetOf, ""}), "no fix-it: offsetof reads its layout here");
  EXPECT_EQ(formatRefusalNote({FixRefusal::ByteCopy, "memcpy"}),
            "no fix-it: 'memcpy' copies its bytes to or from another type here");
  EXPECT_EQ(formatRefusalNote({FixRefusal::OverlapsOtherFix, "Inner"}),
            "no fix-it in this run: it would overlap the fix-it for 'Inner'; apply the fixes again");
  EXPECT_EQ(formatRefusalNote({}), "");
  // Every reason has a code of its own.
  std::vector<std::string> Codes;
  for (int K = static_cast<int>(FixRefusal::None);
       K <= static_cast<int>(FixRefusal::OverlapsOtherFix); ++K) {
    std::string Code = refusalCode(static_cast<FixRefusal>(K));
    EXPECT_EQ(std::count(Codes.begin(), Codes.end(), Code), 0) << Code;
    EXPECT_NE(Code, "unknown");
    Codes.push_back(Code);
    if (K != static_cast<int>(FixRefusal::None))
      EXPECT_FALSE(formatRefusalNote({static_cast<FixRefusal>(K), "x"}).empty()) << Code;
  }
}

// Only a directive that tests __cplusplus makes a file one for C and C++:
// the name in a comment or in code is no evidence.
TEST(TestsCplusplus, DirectivesOnly) {
  EXPECT_TRUE(testsCplusplus("#ifdef __cplusplus\nextern \"C\" {\n#endif\n"));
  EXPECT_TRUE(testsCplusplus("int x;\n  #  if defined(__cplusplus)\n#endif"));
  EXPECT_TRUE(testsCplusplus("#if defined(A) && \\\n    defined(__cplusplus)\n#endif\n"));
  EXPECT_FALSE(testsCplusplus("// a header that tests __cplusplus\nstruct S;\n"));
  EXPECT_FALSE(testsCplusplus("/* __cplusplus */ int v = __cplusplus_like;\n"));
  EXPECT_FALSE(testsCplusplus("#define X 1 \\\n\nint y = __cplusplus;\n"));
  EXPECT_FALSE(testsCplusplus(""));
}

} // namespace
