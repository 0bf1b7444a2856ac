//===- ViewAdviceTest.cpp - small buffers, evidence and wording -----------===//
#include "lib/views/StringSso.h"
#include "lib/views/ViewAdvice.h"
#include <gtest/gtest.h>

using namespace tightfit::views;

namespace {

TEST(StringSsoTest, RecognisesTheStringOfEachLibrary) {
  using tightfit::erasure::LibraryFamily;
  EXPECT_EQ(classifyStringLibrary(LibraryFamily::LibStdCxx, {"std", "__cxx11"}),
            StringLibrary::LibStdCxx);
  // _GLIBCXX_USE_CXX11_ABI=0: the reference-counted string, directly in std.
  EXPECT_EQ(classifyStringLibrary(LibraryFamily::LibStdCxx, {"std"}),
            StringLibrary::LibStdCxxCow);
  EXPECT_EQ(classifyStringLibrary(LibraryFamily::LibCxx, {"std", "__1"}), StringLibrary::LibCxx);
  EXPECT_EQ(classifyStringLibrary(LibraryFamily::MsvcStl, {"std"}), StringLibrary::MsvcStl);
  // No library macros: nothing is known, whatever the namespaces say.
  EXPECT_EQ(classifyStringLibrary(std::nullopt, {"std", "__cxx11"}), StringLibrary::Unknown);
  EXPECT_EQ(classifyStringLibrary(LibraryFamily::LibStdCxx, {"mystd"}), StringLibrary::Unknown);
  EXPECT_EQ(classifyStringLibrary(LibraryFamily::LibStdCxx, {"std", "__debug"}),
            StringLibrary::Unknown);
}

TEST(StringSsoTest, CapacitiesFollowEachLibrarysLayout) {
  // libstdc++: 15 / sizeof(char) on every target.
  EXPECT_EQ(stringSsoCapacity(StringLibrary::LibStdCxx, 64), 15u);
  EXPECT_EQ(stringSsoCapacity(StringLibrary::LibStdCxx, 32), 15u);
  // libc++: (sizeof(__long) - 1) chars including the NUL; __long is three words.
  EXPECT_EQ(stringSsoCapacity(StringLibrary::LibCxx, 64), 22u); // (24 - 1) - 1
  EXPECT_EQ(stringSsoCapacity(StringLibrary::LibCxx, 32), 10u); // (12 - 1) - 1
  EXPECT_EQ(stringSsoCapacity(StringLibrary::MsvcStl, 64), 15u);
  EXPECT_EQ(stringSsoCapacity(StringLibrary::LibStdCxxCow, 64), 0u);
  EXPECT_FALSE(stringSsoCapacity(StringLibrary::Unknown, 64).has_value());
  EXPECT_TRUE(literalAllocates(16, 15));
  EXPECT_FALSE(literalAllocates(15, 15));
}

CallSiteEvidence site(CallSiteEvidence::Kind K, unsigned Length = 0) {
  CallSiteEvidence S;
  S.K = K;
  S.LiteralLength = Length;
  return S;
}

ViewParameterFacts keyFacts() {
  ViewParameterFacts F;
  F.Parameter = "key";
  F.OwnerType = "std::string";
  F.ViewType = "std::string_view";
  F.SsoCapacity = 15;
  F.Library = "libstdc++";
  return F;
}

TEST(ViewAdviceTest, TheIssuesExample) {
  ViewParameterFacts F = keyFacts();
  F.Sites = {site(CallSiteEvidence::Kind::Literal, 27), site(CallSiteEvidence::Kind::Literal, 4),
             site(CallSiteEvidence::Kind::Literal, 40)};
  EvidenceTally T = tallyEvidence(F);
  EXPECT_EQ(T.CallSites, 3u);
  EXPECT_EQ(T.Built, 3u);
  EXPECT_EQ(T.Copied, 0u);
  EXPECT_EQ(T.HeapLiterals, (std::vector<unsigned>{27, 40}));
  EXPECT_EQ(T.Level, Priority::High);
  EXPECT_EQ(formatViewParameterMessage(F, T),
            "parameter 'key' is only read; taking std::string_view avoids the std::string built "
            "at 3 call sites (2 heap allocations: literals of 27 and 40 chars)");
}

TEST(ViewAdviceTest, CopiesAndTemporariesWithoutKnownAllocations) {
  ViewParameterFacts F = keyFacts();
  F.Sites = {site(CallSiteEvidence::Kind::Copy), site(CallSiteEvidence::Kind::Copy),
             site(CallSiteEvidence::Kind::CharPointer), site(CallSiteEvidence::Kind::Nothing)};
  EvidenceTally T = tallyEvidence(F);
  EXPECT_EQ(T.Level, Priority::Medium);
  EXPECT_EQ(formatViewParameterMessage(F, T),
            "parameter 'key' is only read; taking std::string_view avoids the std::string built "
            "at 1 call site and copied at 2 call sites");
}

TEST(ViewAdviceTest, UnknownLibraryClaimsNoAllocation) {
  ViewParameterFacts F = keyFacts();
  F.SsoCapacity.reset();
  F.Sites = {site(CallSiteEvidence::Kind::Literal, 100)};
  EvidenceTally T = tallyEvidence(F);
  EXPECT_TRUE(T.HeapLiterals.empty());
  EXPECT_EQ(T.Level, Priority::Medium);
  EXPECT_EQ(formatCallSiteNote(F, F.Sites[0]), "std::string built here from a literal of 100 chars");
}

TEST(ViewAdviceTest, NoEvidenceIsLowPriority) {
  ViewParameterFacts F = keyFacts();
  F.Sites = {site(CallSiteEvidence::Kind::Nothing)};
  EvidenceTally T = tallyEvidence(F);
  EXPECT_EQ(T.Level, Priority::Low);
  EXPECT_EQ(formatViewParameterMessage(F, T),
            "parameter 'key' is only read; it can be std::string_view");
}

TEST(ViewAdviceTest, OneHeapLiteral) {
  ViewParameterFacts F = keyFacts();
  F.Sites = {site(CallSiteEvidence::Kind::Literal, 16)};
  EXPECT_EQ(formatViewParameterMessage(F, tallyEvidence(F)),
            "parameter 'key' is only read; taking std::string_view avoids the std::string built "
            "at 1 call site (1 heap allocation: a literal of 16 chars)");
  EXPECT_EQ(formatCallSiteNote(F, F.Sites[0]),
            "std::string built here from a literal of 16 chars (heap allocation: libstdc++ keeps "
            "at most 15 chars inline)");
}

TEST(ViewAdviceTest, Priorities) {
  EXPECT_EQ(parsePriority("HIGH"), Priority::High);
  EXPECT_EQ(parsePriority(" medium "), Priority::Medium);
  EXPECT_EQ(parsePriority("low"), Priority::Low);
  EXPECT_FALSE(parsePriority("urgent").has_value());
  EXPECT_LT(Priority::Low, Priority::High);
}

TEST(ViewAdviceTest, DetailsCarryTheNumbers) {
  ViewParameterFacts F = keyFacts();
  F.Sites = {site(CallSiteEvidence::Kind::Literal, 27)};
  llvm::json::Object D = viewParameterDetails(F, tallyEvidence(F));
  EXPECT_EQ(D.getInteger("heapAllocations"), 1);
  EXPECT_EQ(D.getInteger("ssoCapacity"), 15);
  EXPECT_EQ(D.getString("priority"), "high");
  EXPECT_EQ(D.getArray("sites")->size(), 1u);
}

} // namespace
