//===- SboModelTest.cpp - small-buffer rules, detection and wording -------===//
//
// Every expected number is worked out by hand from the rules stated at the top
// of lib/erasure/SboModel.cpp (x86_64: p = 8; i686: p = 4); the runtime
// cross-check (test/erasure) confirms them against the real libraries.
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/SboModel.h"
#include "lib/erasure/HeapErasureAnalysis.h"
#include "lib/erasure/LibraryDetection.h"
#include <gtest/gtest.h>
#include <map>

using namespace tightfit::erasure;

namespace {

const LibraryId LibStdCxx12{LibraryFamily::LibStdCxx, 12, false};
const LibraryId LibCxx19{LibraryFamily::LibCxx, 19, false};
const LibraryId LibCxx19Optimized{LibraryFamily::LibCxx, 19, true};
const LibraryId Msvc143{LibraryFamily::MsvcStl, 143, false};

TargetDescription x86_64() { return TargetDescription{8, 16, 8}; }
TargetDescription i686() { return TargetDescription{4, 8, 8}; }
TargetDescription x86Msvc() { return TargetDescription{4, 8, 8}; }

/// A value with every trait: trivially copyable and friends.
StoredValue plain(uint64_t Size, uint64_t Align = 8) {
  StoredValue V;
  V.Size = Size;
  V.Align = Align;
  V.TriviallyCopyable = V.NothrowMoveConstructible = V.NothrowCopyConstructible =
      V.TriviallyCopyConstructible = V.TriviallyDestructible = Tri::Yes;
  return V;
}

/// Like std::string or std::shared_ptr: nothrow move; copy may throw
/// (string) or not (shared_ptr), never trivial.
StoredValue nonTrivial(uint64_t Size, Tri NothrowCopy) {
  StoredValue V = plain(Size);
  V.TriviallyCopyable = V.TriviallyCopyConstructible = V.TriviallyDestructible = Tri::No;
  V.NothrowCopyConstructible = NothrowCopy;
  return V;
}

StorageVerdict judge(const LibraryId &Lib, WrapperKind W, const TargetDescription &T,
                     const StoredValue &V) {
  std::optional<InPlaceRule> Rule = standardRule(Lib, W, T);
  EXPECT_TRUE(Rule.has_value());
  return Rule ? judgeStorage(*Rule, V) : StorageVerdict();
}

//===----------------------------------------------------------------------===//
// libstdc++: 2p-byte buffer for std::function, p for std::any, 3p for
// std::move_only_function.
//===----------------------------------------------------------------------===//

TEST(SboLibStdCxx, FunctionStoresTriviallyCopyableUpTo16Bytes) {
  StorageVerdict V = judge(LibStdCxx12, WrapperKind::Function, x86_64(), plain(16));
  EXPECT_EQ(V.Where, Storage::InPlace);
  EXPECT_EQ(V.Allocations, 0u);
  EXPECT_EQ(V.ValueCapacity, 16u);

  // Three pointers: 24 > 16.
  V = judge(LibStdCxx12, WrapperKind::Function, x86_64(), plain(24));
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_EQ(V.Allocations, 1u);
  EXPECT_TRUE(V.CopyAllocates);
  ASSERT_EQ(V.Failed.size(), 1u);
  EXPECT_EQ(V.Failed[0], Condition::Size);
}

TEST(SboLibStdCxx, FunctionNeedsTriviallyCopyable) {
  // A shared_ptr capture: 16 bytes fit, but the closure is not trivially
  // copyable.
  StorageVerdict V = judge(LibStdCxx12, WrapperKind::Function, x86_64(), nonTrivial(16, Tri::Yes));
  EXPECT_EQ(V.Where, Storage::Heap);
  ASSERT_EQ(V.Failed.size(), 1u);
  EXPECT_EQ(V.Failed[0], Condition::TriviallyCopyable);
}

TEST(SboLibStdCxx, FunctionOverAlignedValue) {
  // alignas(16) struct of 16 bytes: fits by size, not by alignment (8).
  StorageVerdict V = judge(LibStdCxx12, WrapperKind::Function, x86_64(), plain(16, 16));
  EXPECT_EQ(V.Where, Storage::Heap);
  ASSERT_EQ(V.Failed.size(), 1u);
  EXPECT_EQ(V.Failed[0], Condition::Alignment);
  EXPECT_EQ(V.ValueCapacity, 0u); // No 16-aligned value fits.
}

TEST(SboLibStdCxx, UnknownTraitGivesNoVerdictUnlessSizeDecides) {
  StoredValue V = plain(8);
  V.TriviallyCopyable = Tri::Unknown;
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::Function, x86_64(), V).Where, Storage::Unknown);
  V.Size = 24; // Too big whatever the trait says.
  StorageVerdict Big = judge(LibStdCxx12, WrapperKind::Function, x86_64(), V);
  EXPECT_EQ(Big.Where, Storage::Heap);
  ASSERT_EQ(Big.Undecided.size(), 1u);
  EXPECT_EQ(Big.Undecided[0], Condition::TriviallyCopyable);
}

TEST(SboLibStdCxx, I686HalvesTheBuffers) {
  // std::function: a pointer to member is 8 bytes, aligned 4.
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::Function, i686(), plain(8, 4)).Where, Storage::InPlace);
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::Function, i686(), plain(12, 4)).Where, Storage::Heap);
  // std::any: one 4-byte pointer; a double does not fit.
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::Any, i686(), plain(8, 4)).Where, Storage::Heap);
  // std::move_only_function: 12 bytes.
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::MoveOnlyFunction, i686(), plain(12, 4)).Where,
            Storage::InPlace);
}

TEST(SboLibStdCxx, AnyStoresOnePointerWithNothrowMove) {
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::Any, x86_64(), plain(8)).Where, Storage::InPlace);
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::Any, x86_64(), plain(16)).Where, Storage::Heap);
  StoredValue ThrowingMove = plain(8);
  ThrowingMove.NothrowMoveConstructible = Tri::No;
  StorageVerdict V = judge(LibStdCxx12, WrapperKind::Any, x86_64(), ThrowingMove);
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_EQ(V.Failed[0], Condition::NothrowMoveConstructible);
}

TEST(SboLibStdCxx, MoveOnlyFunctionStores24BytesThatMoveWithoutThrowing) {
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::MoveOnlyFunction, x86_64(), plain(24)).Where,
            Storage::InPlace);
  EXPECT_EQ(judge(LibStdCxx12, WrapperKind::MoveOnlyFunction, x86_64(), plain(32)).Where,
            Storage::Heap);
  // Not trivially copyable is fine (a unique_ptr capture).
  EXPECT_EQ(
      judge(LibStdCxx12, WrapperKind::MoveOnlyFunction, x86_64(), nonTrivial(8, Tri::No)).Where,
      Storage::InPlace);
}

TEST(SboLibStdCxx, PackagedTaskAlwaysAllocatesTwice) {
  StorageVerdict V = judge(LibStdCxx12, WrapperKind::PackagedTask, x86_64(), plain(1, 1));
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_FALSE(V.HasInPlaceStorage);
  EXPECT_EQ(V.Allocations, 2u);
  ASSERT_EQ(V.Failed.size(), 1u);
  EXPECT_EQ(V.Failed[0], Condition::NeverInPlace);
}

//===----------------------------------------------------------------------===//
// libc++ 19: a 32-byte buffer (16 on i686) holding vtable pointer + value.
//===----------------------------------------------------------------------===//

TEST(SboLibCxx, FunctionNodeIsVtablePointerPlusValue) {
  // 24-byte value: node 8 + 24 = 32 <= 32.
  StorageVerdict V = judge(LibCxx19, WrapperKind::Function, x86_64(), plain(24));
  EXPECT_EQ(V.Where, Storage::InPlace);
  EXPECT_EQ(V.NodeBytes, 32u);
  EXPECT_EQ(V.ValueCapacity, 24u);
  // 32-byte value: node 40.
  V = judge(LibCxx19, WrapperKind::Function, x86_64(), plain(32));
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_EQ(V.NodeBytes, 40u);
  EXPECT_EQ(V.Failed[0], Condition::Size);
  // alignas(16), 16 bytes: the value starts at 16, node 32: fits.
  V = judge(LibCxx19, WrapperKind::Function, x86_64(), plain(16, 16));
  EXPECT_EQ(V.Where, Storage::InPlace);
  EXPECT_EQ(V.NodeBytes, 32u);
  EXPECT_EQ(V.ValueCapacity, 16u);
  // alignas(32): node 32 + 32 = 64.
  EXPECT_EQ(judge(LibCxx19, WrapperKind::Function, x86_64(), plain(32, 32)).Where, Storage::Heap);
  // A 1-byte empty lambda: node 8 + 1 rounded to 16.
  EXPECT_EQ(judge(LibCxx19, WrapperKind::Function, x86_64(), plain(1, 1)).NodeBytes, 16u);
}

TEST(SboLibCxx, FunctionNeedsNothrowCopyOnly) {
  // shared_ptr capture: 16 bytes, nothrow copy -> in place.
  EXPECT_EQ(judge(LibCxx19, WrapperKind::Function, x86_64(), nonTrivial(16, Tri::Yes)).Where,
            Storage::InPlace);
  // std::string capture (libc++: 24 bytes): the copy may throw.
  StorageVerdict V = judge(LibCxx19, WrapperKind::Function, x86_64(), nonTrivial(24, Tri::No));
  EXPECT_EQ(V.Where, Storage::Heap);
  ASSERT_EQ(V.Failed.size(), 1u);
  EXPECT_EQ(V.Failed[0], Condition::NothrowCopyConstructible);
}

TEST(SboLibCxx, FunctionOnI686) {
  // aligned_storage<12> is 16 bytes aligned 8: vtable pointer 4 + 12.
  StorageVerdict V = judge(LibCxx19, WrapperKind::Function, i686(), plain(12, 4));
  EXPECT_EQ(V.Where, Storage::InPlace);
  EXPECT_EQ(V.ValueCapacity, 12u);
  EXPECT_EQ(judge(LibCxx19, WrapperKind::Function, i686(), plain(16, 4)).Where, Storage::Heap);
}

TEST(SboLibCxx, OptimizedFunctionAbi) {
  EXPECT_EQ(judge(LibCxx19Optimized, WrapperKind::Function, x86_64(), plain(16)).Where,
            Storage::InPlace);
  EXPECT_EQ(judge(LibCxx19Optimized, WrapperKind::Function, x86_64(), plain(24)).Where,
            Storage::Heap);
  // Trivial copy, user-provided destructor.
  StoredValue V = plain(8);
  V.TriviallyCopyable = V.TriviallyDestructible = Tri::No;
  StorageVerdict R = judge(LibCxx19Optimized, WrapperKind::Function, x86_64(), V);
  EXPECT_EQ(R.Where, Storage::Heap);
  ASSERT_EQ(R.Failed.size(), 1u);
  EXPECT_EQ(R.Failed[0], Condition::TriviallyDestructible);
}

TEST(SboLibCxx, AnyStores24BytesAligned8) {
  EXPECT_EQ(judge(LibCxx19, WrapperKind::Any, x86_64(), nonTrivial(24, Tri::No)).Where,
            Storage::InPlace); // std::string
  EXPECT_EQ(judge(LibCxx19, WrapperKind::Any, x86_64(), plain(32)).Where, Storage::Heap);
  StorageVerdict V = judge(LibCxx19, WrapperKind::Any, x86_64(), plain(16, 16));
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_EQ(V.Failed[0], Condition::Alignment);
}

TEST(SboLibCxx, HasNoMoveOnlyFunction) {
  EXPECT_FALSE(libraryProvides(LibCxx19, WrapperKind::MoveOnlyFunction));
  EXPECT_FALSE(standardRule(LibCxx19, WrapperKind::MoveOnlyFunction, x86_64()));
}

TEST(SboLibCxx, PackagedTaskAllocatesItsStateAndABigCallable) {
  StorageVerdict Small = judge(LibCxx19, WrapperKind::PackagedTask, x86_64(), plain(1, 1));
  EXPECT_EQ(Small.Where, Storage::InPlace);
  EXPECT_EQ(Small.Allocations, 1u);
  // Four pointers: node 8 + 32 = 40 > 32.
  StorageVerdict Big = judge(LibCxx19, WrapperKind::PackagedTask, x86_64(), plain(32));
  EXPECT_EQ(Big.Where, Storage::Heap);
  EXPECT_EQ(Big.Allocations, 2u);
}

//===----------------------------------------------------------------------===//
// MSVC STL: 6 + 16/p pointers of storage (x64: 64 bytes).
//===----------------------------------------------------------------------===//

TEST(SboMsvc, FunctionHas48BytesForTheValueOnX64) {
  StorageVerdict V = judge(Msvc143, WrapperKind::Function, x86_64(), plain(48));
  EXPECT_EQ(V.Where, Storage::InPlace);
  EXPECT_EQ(V.ValueCapacity, 48u);
  EXPECT_EQ(judge(Msvc143, WrapperKind::Function, x86_64(), plain(56)).Where, Storage::Heap);
  // The 24-byte lambda libstdc++ heap-allocates.
  EXPECT_EQ(judge(Msvc143, WrapperKind::Function, x86_64(), plain(24)).Where, Storage::InPlace);
  StoredValue ThrowingMove = plain(8);
  ThrowingMove.NothrowMoveConstructible = Tri::No;
  EXPECT_EQ(judge(Msvc143, WrapperKind::Function, x86_64(), ThrowingMove).Failed[0],
            Condition::NothrowMoveConstructible);
  EXPECT_EQ(judge(Msvc143, WrapperKind::Function, x86_64(), plain(16, 16)).Failed[0],
            Condition::Alignment);
}

TEST(SboMsvc, FunctionOnX86RoundsTheNode) {
  // 36 bytes of space; vtable pointer 4. Aligned 4: 4 + 32 = 36 fits.
  EXPECT_EQ(judge(Msvc143, WrapperKind::Function, x86Msvc(), plain(32, 4)).Where, Storage::InPlace);
  // Aligned 8: the value starts at 8 and the node rounds to 8: 8 + 24 = 32
  // fits, 8 + 32 = 40 does not.
  EXPECT_EQ(judge(Msvc143, WrapperKind::Function, x86Msvc(), plain(24, 8)).Where, Storage::InPlace);
  StorageVerdict V = judge(Msvc143, WrapperKind::Function, x86Msvc(), plain(32, 8));
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_EQ(V.ValueCapacity, 24u);
}

TEST(SboMsvc, AnyHasATrivialAndASmallTier) {
  // Trivially copyable: 56 bytes.
  EXPECT_EQ(judge(Msvc143, WrapperKind::Any, x86_64(), plain(56)).Where, Storage::InPlace);
  StorageVerdict TooBig = judge(Msvc143, WrapperKind::Any, x86_64(), plain(64));
  EXPECT_EQ(TooBig.Where, Storage::Heap);
  EXPECT_EQ(TooBig.ValueCapacity, 56u); // Compared against the trivial tier.
  // Not trivially copyable, nothrow move: 48 bytes.
  EXPECT_EQ(judge(Msvc143, WrapperKind::Any, x86_64(), nonTrivial(48, Tri::No)).Where,
            Storage::InPlace);
  StorageVerdict V = judge(Msvc143, WrapperKind::Any, x86_64(), nonTrivial(56, Tri::No));
  EXPECT_EQ(V.Where, Storage::Heap);
  EXPECT_EQ(V.ValueCapacity, 48u);
  ASSERT_EQ(V.Failed.size(), 1u);
  EXPECT_EQ(V.Failed[0], Condition::Size);
}

TEST(SboMsvc, MoveOnlyFunctionHas56Bytes) {
  EXPECT_EQ(judge(Msvc143, WrapperKind::MoveOnlyFunction, x86_64(), plain(56)).Where,
            Storage::InPlace);
  EXPECT_EQ(judge(Msvc143, WrapperKind::MoveOnlyFunction, x86_64(), plain(64)).Where,
            Storage::Heap);
}

TEST(SboLibraries, UnverifiedVersionsHaveNoRules) {
  LibraryId Old = LibStdCxx12;
  Old.Version = 11;
  EXPECT_FALSE(standardRule(Old, WrapperKind::Function, x86_64()));
  LibraryId NewLibCxx = LibCxx19;
  NewLibCxx.Version = 20;
  EXPECT_FALSE(standardRule(NewLibCxx, WrapperKind::Any, x86_64()));
  TargetDescription Odd = x86_64();
  Odd.PointerBytes = 2;
  EXPECT_FALSE(standardRule(LibStdCxx12, WrapperKind::Function, Odd));
}

TEST(SboLibraries, KeysRoundTrip) {
  for (const LibraryId &L : {LibStdCxx12, LibCxx19, LibCxx19Optimized, Msvc143}) {
    std::optional<LibraryId> Parsed = parseLibraryKey(libraryKey(L));
    ASSERT_TRUE(Parsed.has_value()) << libraryKey(L);
    EXPECT_EQ(*Parsed, L);
  }
  EXPECT_FALSE(parseLibraryKey("stlport"));
}

//===----------------------------------------------------------------------===//
// Configured wrappers
//===----------------------------------------------------------------------===//

TEST(SboConfiguredWrappers, ParsesNameBufferAlignConditions) {
  std::vector<ConfiguredWrapper> W;
  std::string Error;
  ASSERT_TRUE(parseConfiguredWrappers(
      "absl::AnyInvocable=16,8,nothrow-move; ::folly::Function=48; boost::function=24,8,"
      "trivially-copyable+trivially-destructible",
      W, Error))
      << Error;
  ASSERT_EQ(W.size(), 3u);
  EXPECT_EQ(W[0].QualifiedName, "absl::AnyInvocable");
  EXPECT_EQ(W[1].QualifiedName, "folly::Function");
  EXPECT_EQ(W[1].Rule.Tiers[0].MaxAlign, 8u);
  EXPECT_TRUE(W[1].Rule.Tiers[0].Requires.empty());
  EXPECT_EQ(W[2].Rule.Tiers[0].Requires.size(), 2u);
  // absl::AnyInvocable: 16 bytes, nothrow move.
  EXPECT_EQ(judgeStorage(W[0].Rule, plain(16)).Where, Storage::InPlace);
  EXPECT_EQ(judgeStorage(W[0].Rule, plain(24)).Where, Storage::Heap);
}

TEST(SboConfiguredWrappers, ReportsTheFirstBadEntryAndKeepsTheGoodOnes) {
  std::vector<ConfiguredWrapper> W;
  std::string Error;
  EXPECT_FALSE(parseConfiguredWrappers("a::F=16,3; b::G=32; c::H=8,8,shiny", W, Error));
  EXPECT_EQ(Error, "'a::F=16,3': ALIGN must be a power of two");
  ASSERT_EQ(W.size(), 1u);
  EXPECT_EQ(W[0].QualifiedName, "b::G");
  W.clear();
  EXPECT_FALSE(parseConfiguredWrappers("NoBuffer", W, Error));
  EXPECT_TRUE(W.empty());
}

//===----------------------------------------------------------------------===//
// Library detection
//===----------------------------------------------------------------------===//

DetectedLibrary detect(std::map<std::string, std::string> Macros) {
  return detectLibrary([&](llvm::StringRef Name) -> std::optional<std::string> {
    auto It = Macros.find(Name.str());
    if (It == Macros.end())
      return std::nullopt;
    return It->second;
  });
}

TEST(LibraryDetection, RecognisesEachLibrary) {
  DetectedLibrary D = detect({{"__GLIBCXX__", "20230528"}, {"_GLIBCXX_RELEASE", "12"}});
  ASSERT_TRUE(D.Library);
  EXPECT_EQ(*D.Library, LibStdCxx12);
  EXPECT_TRUE(D.Verified);

  D = detect({{"_LIBCPP_VERSION", "190107"}});
  ASSERT_TRUE(D.Library);
  EXPECT_EQ(*D.Library, LibCxx19);
  EXPECT_TRUE(D.Verified);

  D = detect({{"_LIBCPP_VERSION", "190107"}, {"_LIBCPP_ABI_OPTIMIZED_FUNCTION", ""}});
  EXPECT_EQ(*D.Library, LibCxx19Optimized);

  D = detect({{"_MSVC_STL_VERSION", "143"}});
  EXPECT_EQ(*D.Library, Msvc143);
  EXPECT_TRUE(D.Verified);
}

TEST(LibraryDetection, UnknownOrUnverifiedMeansNoRules) {
  EXPECT_FALSE(detect({}).Library);
  DetectedLibrary Old = detect({{"_GLIBCXX_RELEASE", "11"}});
  ASSERT_TRUE(Old.Library);
  EXPECT_FALSE(Old.Verified);
  DetectedLibrary LibCxx17 = detect({{"_LIBCPP_VERSION", "170006"}});
  EXPECT_EQ(LibCxx17.Library->Version, 17u);
  EXPECT_FALSE(LibCxx17.Verified);
  EXPECT_FALSE(detect({{"_GLIBCXX_RELEASE", "twelve"}}).Library);
  // libc++ on top of a libstdc++ installation still is libc++.
  EXPECT_EQ(detect({{"_LIBCPP_VERSION", "190107"}, {"_GLIBCXX_RELEASE", "12"}}).Library->Family,
            LibraryFamily::LibCxx);
}

//===----------------------------------------------------------------------===//
// Wording
//===----------------------------------------------------------------------===//

CaptureFacts capture(const char *Name, const char *Type, StoredValue Traits,
                     bool ByReference = false) {
  CaptureFacts C;
  C.Name = Name;
  C.TypeName = Type;
  C.Bytes = Traits.Size;
  C.Traits = Traits;
  C.ByReference = ByReference;
  return C;
}

/// [this, name, count] on x86_64 libstdc++: 8 + 32 + 4 -> 48 bytes.
ValueDescription widgetLambda() {
  ValueDescription V;
  V.Kind = ValueKind::Lambda;
  V.Value = nonTrivial(48, Tri::No);
  V.Captures.push_back(capture("this", "Widget *", plain(8)));
  V.Captures.push_back(capture("name", "std::string", nonTrivial(32, Tri::No)));
  V.Captures.push_back(capture("count", "int", plain(4, 4)));
  return V;
}

ErasureSite site(const LibraryId &Lib, WrapperKind W, ValueDescription V,
                 SiteKind Kind = SiteKind::Construction) {
  ErasureSite S;
  S.Kind = Kind;
  S.Wrapper.Name = wrapperDisplayName(W).str();
  S.Wrapper.Kind = W;
  S.Wrapper.Library = Lib;
  S.Wrapper.Rule = *standardRule(Lib, W, x86_64());
  S.Value = std::move(V);
  S.Target = x86_64();
  S.TargetTriple = "x86_64-unknown-linux-gnu";
  return S;
}

TEST(ErasureWording, ValueDescriptions) {
  EXPECT_EQ(describeValueForMessage(widgetLambda()),
            "lambda (48 bytes, captures 'this', 'name', 'count')");
  ValueDescription Empty;
  Empty.Kind = ValueKind::Lambda;
  Empty.Value = plain(1, 1);
  EXPECT_EQ(describeValueForMessage(Empty), "lambda (1 byte, no captures)");
  ValueDescription Many;
  Many.Kind = ValueKind::Lambda;
  Many.Value = plain(40);
  for (const char *N : {"a", "b", "c", "d", "e"})
    Many.Captures.push_back(capture(N, "int *", plain(8)));
  Many.Captures[1].ByReference = true;
  EXPECT_EQ(describeValueForMessage(Many), "lambda (40 bytes, captures 'a', '&b', 'c' and 2 more)");
  ValueDescription Str;
  Str.Kind = ValueKind::Object;
  Str.TypeName = "std::string";
  Str.Value = nonTrivial(32, Tri::No);
  EXPECT_EQ(describeValueForMessage(Str), "'std::string' (32 bytes)");
}

TEST(ErasureWording, SizeFailureNamesTheBufferAndTheCostliestCaptures) {
  ErasureReport R =
      analyzeErasureSite(site(LibStdCxx12, WrapperKind::Function, widgetLambda()), {}, {});
  ASSERT_TRUE(R.ShouldReport);
  EXPECT_EQ(R.Message, "lambda (48 bytes, captures 'this', 'name', 'count') does not fit "
                       "std::function's 16-byte in-place buffer in libstdc++; each "
                       "construction heap-allocates");
  // Size: 'name' (32) leaves 16, which fits. Trivially copyable: 'name'.
  ASSERT_GE(R.Notes.size(), 2u);
  EXPECT_EQ(R.Notes[0].Text, "capture 'name' (std::string) takes 32 of the lambda's 48 bytes");
  EXPECT_EQ(R.Notes[0].Anchor, NoteAnchor::Capture);
  EXPECT_EQ(R.Notes[0].CaptureIndex, 1u);
  EXPECT_EQ(R.Notes[1].Text, "capture 'name' (std::string) is not trivially copyable");
}

TEST(ErasureWording, RemedyMoveOnlyFunctionWhenItStoresInPlace) {
  ValueDescription Shared;
  Shared.Kind = ValueKind::Lambda;
  Shared.Value = nonTrivial(16, Tri::Yes);
  Shared.Captures.push_back(capture("sp", "std::shared_ptr<int>", nonTrivial(16, Tri::Yes)));
  ErasureSite S = site(LibStdCxx12, WrapperKind::Function, Shared);
  RemedyFacts F;
  F.MoveOnlyFunction = judgeStorage(
      *standardRule(LibStdCxx12, WrapperKind::MoveOnlyFunction, x86_64()), Shared.Value);
  ErasureReport R = analyzeErasureSite(S, F, {});
  EXPECT_EQ(R.Message, "lambda (16 bytes, captures 'sp') is not trivially copyable, which "
                       "std::function's in-place buffer requires in libstdc++; each "
                       "construction heap-allocates");
  ASSERT_EQ(R.Notes.size(), 2u);
  EXPECT_EQ(R.Notes[1].Text, "std::move_only_function (C++23) stores it in place in libstdc++ "
                             "(24-byte buffer) if the callback is never copied");
  EXPECT_EQ(R.Remedies, std::vector<std::string>{"move-only-function"});
}

TEST(ErasureWording, RemedyForAParameterThatIsOnlyCalled) {
  ValueDescription Three;
  Three.Kind = ValueKind::Lambda;
  Three.Value = plain(24);
  for (const char *N : {"a", "b", "c"})
    Three.Captures.push_back(capture(N, "void *", plain(8)));
  RemedyFacts F;
  F.OnlyCalledParameter = "cb";
  F.OnlyCalledIn = "forEach";
  ErasureReport R = analyzeErasureSite(site(LibStdCxx12, WrapperKind::Function, Three), F, {});
  ASSERT_FALSE(R.Notes.empty());
  EXPECT_EQ(R.Notes.back().Text, "'cb' is only called in 'forEach': a template parameter or "
                                 "std::function_ref (C++26) takes the lambda without allocating");
  EXPECT_EQ(R.Notes.back().Anchor, NoteAnchor::Parameter);
  F.FunctionRefType = "llvm::function_ref";
  R = analyzeErasureSite(site(LibStdCxx12, WrapperKind::Function, Three), F, {});
  EXPECT_EQ(R.Notes.back().Text, "'cb' is only called in 'forEach': a template parameter or "
                                 "'llvm::function_ref' takes the lambda without allocating");
  // Without either remedy: capture less.
  R = analyzeErasureSite(site(LibCxx19Optimized, WrapperKind::Function, Three), {}, {});
  EXPECT_EQ(R.Notes.back().Text,
            "capture less: the lambda's 3 captures take 24 bytes; one pointer to a struct "
            "that holds them fits");
}

TEST(ErasureWording, InPlaceIsSilentUnlessAsked) {
  ValueDescription Small;
  Small.Kind = ValueKind::Lambda;
  Small.Value = plain(8);
  Small.Captures.push_back(capture("p", "void *", plain(8)));
  ErasureSite S = site(LibCxx19, WrapperKind::Function, Small);
  EXPECT_FALSE(analyzeErasureSite(S, {}, {}).ShouldReport);
  ReportOptions All;
  All.ReportInPlace = true;
  ErasureReport R = analyzeErasureSite(S, {}, All);
  ASSERT_TRUE(R.ShouldReport);
  EXPECT_EQ(R.Message, "lambda (8 bytes, captures 'p') fits std::function's 24-byte in-place "
                       "buffer in libc++; no allocation");
  EXPECT_EQ(erasureDetails(S, R).getInteger("allocations"), 0);
}

TEST(ErasureWording, CopiesNameTheVariable) {
  ValueDescription Three;
  Three.Kind = ValueKind::Lambda;
  Three.Value = plain(24);
  ErasureSite S = site(LibStdCxx12, WrapperKind::Function, Three, SiteKind::Copy);
  S.CopiedVariable = "f";
  ErasureReport R = analyzeErasureSite(S, {}, {});
  EXPECT_EQ(R.Message, "copying 'f' heap-allocates: its lambda (24 bytes, no captures) does "
                       "not fit std::function's 16-byte in-place buffer in libstdc++");
  llvm::json::Object D = erasureDetails(S, R);
  EXPECT_EQ(D.getString("event"), "copy");
  EXPECT_EQ(D.getInteger("allocations"), 1);
  EXPECT_EQ(D.getString("variable"), "f");
}

TEST(ErasureWording, AnyOverAClosedSetSuggestsVariant) {
  ValueDescription Str;
  Str.Kind = ValueKind::Object;
  Str.TypeName = "std::string";
  Str.Value = nonTrivial(32, Tri::No);
  RemedyFacts F;
  F.AnyVariable = "a";
  F.AnyHeldTypes = {"int", "std::string"};
  ErasureReport R = analyzeErasureSite(site(LibStdCxx12, WrapperKind::Any, Str), F, {});
  EXPECT_EQ(R.Message, "'std::string' (32 bytes) does not fit std::any's 8-byte in-place "
                       "buffer in libstdc++; each construction heap-allocates");
  ASSERT_EQ(R.Notes.size(), 1u);
  EXPECT_EQ(R.Notes[0].Text, "'a' only holds int and std::string in this translation unit: "
                             "std::variant<int, std::string> stores them in place");
}

TEST(ErasureWording, PackagedTaskSharedState) {
  ValueDescription Empty;
  Empty.Kind = ValueKind::Lambda;
  Empty.Value = plain(1, 1);
  ErasureReport R = analyzeErasureSite(site(LibStdCxx12, WrapperKind::PackagedTask, Empty), {}, {});
  EXPECT_EQ(R.Message, "lambda (1 byte, no captures) goes into std::packaged_task's "
                       "heap-allocated shared state in libstdc++; each construction makes 2 "
                       "allocations");
  llvm::json::Object D = erasureDetails(site(LibStdCxx12, WrapperKind::PackagedTask, Empty), R);
  EXPECT_EQ(D.getInteger("allocations"), 2);
}

TEST(ErasureWording, UnknownVerdictIsNeverReported) {
  ValueDescription V;
  V.Kind = ValueKind::Object;
  V.TypeName = "Opaque";
  V.Value = plain(8);
  V.Value.TriviallyCopyable = Tri::Unknown;
  ReportOptions All;
  All.ReportInPlace = true;
  EXPECT_FALSE(
      analyzeErasureSite(site(LibStdCxx12, WrapperKind::Function, V), {}, All).ShouldReport);
}

} // namespace
