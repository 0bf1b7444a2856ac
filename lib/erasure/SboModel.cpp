//===- SboModel.cpp - small-buffer rules of type-erasing wrappers ---------===//
//
// When does a type-erasing wrapper store a value in place? The rules below are
// read from the libraries' headers; p is the target's pointer size, F the
// stored value's type after decay. Sizes are for x86_64 (p = 8) unless said.
//
// libstdc++ 12-14 (bits/std_function.h, <any>, bits/move_only_function.h,
// <future>):
//   std::function      the buffer is a union of an object pointer, a function
//                      pointer and a pointer to member function: 2p bytes,
//                      aligned p. In place iff is_trivially_copyable<F>,
//                      sizeof(F) <= 2p and alignof(F) <= p; else `new F`.
//   std::any           the buffer is one pointer: in place iff
//                      is_nothrow_move_constructible<F>, sizeof(F) <= p and
//                      alignof(F) <= p.
//   std::move_only_function (C++23)
//                      the buffer fits a pointer to member function and an
//                      object pointer: 3p bytes, aligned p. In place iff
//                      sizeof(F) <= 3p, alignof(F) <= p and
//                      is_nothrow_move_constructible<F>.
//   std::packaged_task the callable lives in the shared state (allocate_shared)
//                      and the result holder is allocated beside it: two
//                      allocations per construction, whatever F is.
//
// libc++ 19 (__functional/function.h, <any>, <future>):
//   std::function      stable ABI: the buffer is aligned_storage<3p>, i.e. 3p
//                      rounded up to the largest fundamental alignment (32
//                      bytes on x86_64, 16 on i686). It holds __func<F>: a
//                      vtable pointer, then F, rounded to the class's
//                      alignment. In place iff sizeof(__func<F>) fits and
//                      is_nothrow_copy_constructible<F>. So F gets 24 bytes on
//                      x86_64 (16 if it is 16-aligned).
//   std::function      with _LIBCPP_ABI_OPTIMIZED_FUNCTION (ABI v2): the buffer
//                      is 2p bytes aligned p and holds F alone. In place iff
//                      sizeof(F) <= 2p, alignof(F) <= p,
//                      is_trivially_copy_constructible<F> and
//                      is_trivially_destructible<F>.
//   std::any           the buffer is 3p bytes aligned p: in place iff
//                      sizeof(F) <= 3p, p % alignof(F) == 0 and
//                      is_nothrow_move_constructible<F>.
//   std::move_only_function  not provided.
//   std::packaged_task the promise's shared state is always allocated; the
//                      callable goes into a buffer like std::function's
//                      (vtable pointer + F, no trait condition) and is
//                      allocated too when it does not fit.
//
// MSVC STL (VS 2022, _MSVC_STL_VERSION 143; <functional>, <any>, <future>):
// with n = 6 + 16 / p pointers of storage (x64: 8, x86: 10) and
// max_align_t = double:
//   std::function      (n - 1) * p bytes hold _Func_impl_no_alloc<F>: a
//                      vtable pointer, then F, rounded to the class's
//                      alignment. In place iff it fits, alignof <= alignof
//                      (double) and is_nothrow_move_constructible<F>: F gets
//                      48 bytes on x64.
//   std::any           trivially copyable values: in place iff sizeof(F) <=
//                      (n - 1) * p and alignof(F) <= alignof(double); others:
//                      iff is_nothrow_move_constructible<F>, sizeof(F) <=
//                      (n - 2) * p and alignof(F) <= alignof(double).
//   std::move_only_function  n * p bytes; the first pointer is the
//                      implementation pointer, F follows at max(p, alignof(F)).
//                      In place iff F fits there, alignof(F) <= alignof(double)
//                      and is_nothrow_move_constructible<F>.
//   std::packaged_task the shared state is allocated (`new`) and holds the
//                      callable in a std::function (the rule above).
//
// Every library: an empty wrapper, a null function pointer or pointer to
// member and an empty std::function argument store nothing; function
// pointers, pointers to members and std::reference_wrapper always fit.
// Copying a wrapper whose value is on the heap allocates a copy of it; moving
// one never allocates.
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/SboModel.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <algorithm>

namespace tightfit::erasure {

Tri triAnd(Tri A, Tri B) {
  if (A == Tri::No || B == Tri::No)
    return Tri::No;
  if (A == Tri::Unknown || B == Tri::Unknown)
    return Tri::Unknown;
  return Tri::Yes;
}

llvm::StringRef libraryFamilyName(LibraryFamily Family) {
  switch (Family) {
  case LibraryFamily::LibStdCxx:
    return "libstdc++";
  case LibraryFamily::LibCxx:
    return "libc++";
  case LibraryFamily::MsvcStl:
    return "MSVC STL";
  }
  return "?";
}

std::string libraryDisplayName(const LibraryId &Lib) {
  std::string Name = libraryFamilyName(Lib.Family).str();
  if (Lib.Family == LibraryFamily::LibCxx && Lib.OptimizedFunctionAbi)
    Name += " (_LIBCPP_ABI_OPTIMIZED_FUNCTION)";
  return Name;
}

std::string libraryKey(const LibraryId &Lib) {
  switch (Lib.Family) {
  case LibraryFamily::LibStdCxx:
    return "libstdc++";
  case LibraryFamily::LibCxx:
    return Lib.OptimizedFunctionAbi ? "libc++-optimized-function" : "libc++";
  case LibraryFamily::MsvcStl:
    return "msvc";
  }
  return "?";
}

std::optional<LibraryId> parseLibraryKey(llvm::StringRef Key) {
  Key = Key.trim();
  LibraryId Lib;
  if (Key == "libstdc++") {
    Lib.Family = LibraryFamily::LibStdCxx;
    Lib.Version = 12;
  } else if (Key == "libc++" || Key == "libc++-optimized-function") {
    Lib.Family = LibraryFamily::LibCxx;
    Lib.Version = 19;
    Lib.OptimizedFunctionAbi = Key != "libc++";
  } else if (Key == "msvc") {
    Lib.Family = LibraryFamily::MsvcStl;
    Lib.Version = 143;
  } else {
    return std::nullopt;
  }
  return Lib;
}

bool isVerifiedLibrary(const LibraryId &Lib) {
  switch (Lib.Family) {
  case LibraryFamily::LibStdCxx:
    return Lib.Version >= 12 && Lib.Version <= 14;
  case LibraryFamily::LibCxx:
    return Lib.Version == 19;
  case LibraryFamily::MsvcStl:
    return Lib.Version == 143;
  }
  return false;
}

llvm::StringRef wrapperDisplayName(WrapperKind K) {
  switch (K) {
  case WrapperKind::Function:
    return "std::function";
  case WrapperKind::Any:
    return "std::any";
  case WrapperKind::MoveOnlyFunction:
    return "std::move_only_function";
  case WrapperKind::PackagedTask:
    return "std::packaged_task";
  }
  return "?";
}

std::optional<WrapperKind> standardWrapperNamed(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<WrapperKind>>(Name)
      .Case("function", WrapperKind::Function)
      .Case("any", WrapperKind::Any)
      .Case("move_only_function", WrapperKind::MoveOnlyFunction)
      .Case("packaged_task", WrapperKind::PackagedTask)
      .Default(std::nullopt);
}

llvm::StringRef conditionKey(Condition C) {
  switch (C) {
  case Condition::Size:
    return "size";
  case Condition::Alignment:
    return "alignment";
  case Condition::TriviallyCopyable:
    return "triviallyCopyable";
  case Condition::NothrowMoveConstructible:
    return "nothrowMoveConstructible";
  case Condition::NothrowCopyConstructible:
    return "nothrowCopyConstructible";
  case Condition::TriviallyCopyConstructible:
    return "triviallyCopyConstructible";
  case Condition::TriviallyDestructible:
    return "triviallyDestructible";
  case Condition::NeverInPlace:
    return "neverInPlace";
  }
  return "?";
}

llvm::StringRef conditionPhrase(Condition C) {
  switch (C) {
  case Condition::Size:
    return "small enough";
  case Condition::Alignment:
    return "aligned within the buffer's alignment";
  case Condition::TriviallyCopyable:
    return "trivially copyable";
  case Condition::NothrowMoveConstructible:
    return "nothrow move constructible";
  case Condition::NothrowCopyConstructible:
    return "nothrow copy constructible";
  case Condition::TriviallyCopyConstructible:
    return "trivially copy constructible";
  case Condition::TriviallyDestructible:
    return "trivially destructible";
  case Condition::NeverInPlace:
    return "stored in place";
  }
  return "?";
}

Tri valueHas(const StoredValue &V, Condition C) {
  switch (C) {
  case Condition::TriviallyCopyable:
    return V.TriviallyCopyable;
  case Condition::NothrowMoveConstructible:
    return V.NothrowMoveConstructible;
  case Condition::NothrowCopyConstructible:
    return V.NothrowCopyConstructible;
  case Condition::TriviallyCopyConstructible:
    return V.TriviallyCopyConstructible;
  case Condition::TriviallyDestructible:
    return V.TriviallyDestructible;
  case Condition::Size:
  case Condition::Alignment:
  case Condition::NeverInPlace:
    break;
  }
  return Tri::Unknown;
}

static uint64_t roundUp(uint64_t V, uint64_t To) { return To ? (V + To - 1) / To * To : V; }

uint64_t nodeBytes(const InPlaceTier &Tier, uint64_t Size, uint64_t Align) {
  if (Align == 0)
    Align = 1;
  if (Tier.HeaderBytes == 0)
    return Size;
  uint64_t Offset = roundUp(Tier.HeaderBytes, Align);
  uint64_t End = Offset + Size;
  if (!Tier.NodeIsClass)
    return End;
  // The header is a pointer: the node's alignment is the larger of the two.
  return roundUp(End, std::max(Tier.HeaderBytes, Align));
}

uint64_t valueCapacity(const InPlaceTier &Tier, uint64_t Align) {
  if (Align == 0)
    Align = 1;
  if (Tier.MaxAlign && Align > Tier.MaxAlign)
    return 0;
  uint64_t Offset = Tier.HeaderBytes ? roundUp(Tier.HeaderBytes, Align) : 0;
  uint64_t Limit = Tier.BufferBytes;
  if (Tier.HeaderBytes && Tier.NodeIsClass) {
    uint64_t NodeAlign = std::max(Tier.HeaderBytes, Align);
    Limit = Limit / NodeAlign * NodeAlign;
  }
  if (Limit <= Offset)
    return 0;
  // A size is a multiple of its alignment.
  return (Limit - Offset) / Align * Align;
}

// --- The rules ----------------------------------------------------------------

namespace {

InPlaceTier tier(uint64_t Header, bool NodeIsClass, uint64_t Buffer, uint64_t MaxAlign,
                 std::initializer_list<Condition> Requires) {
  InPlaceTier T;
  T.HeaderBytes = Header;
  T.NodeIsClass = NodeIsClass;
  T.BufferBytes = Buffer;
  T.MaxAlign = MaxAlign;
  T.Requires.assign(Requires.begin(), Requires.end());
  return T;
}

InPlaceRule rule(std::initializer_list<InPlaceTier> Tiers, unsigned Fixed = 0,
                 unsigned HeapValue = 1) {
  InPlaceRule R;
  R.Tiers.assign(Tiers.begin(), Tiers.end());
  R.FixedAllocations = Fixed;
  R.HeapValueAllocations = HeapValue;
  return R;
}

constexpr Condition TriviallyCopyable = Condition::TriviallyCopyable;
constexpr Condition NothrowMove = Condition::NothrowMoveConstructible;
constexpr Condition NothrowCopy = Condition::NothrowCopyConstructible;
constexpr Condition TriviallyCopyCtor = Condition::TriviallyCopyConstructible;
constexpr Condition TriviallyDtor = Condition::TriviallyDestructible;

std::optional<InPlaceRule> libstdcxxRule(WrapperKind W, uint64_t P) {
  switch (W) {
  case WrapperKind::Function:
    return rule({tier(0, false, 2 * P, P, {TriviallyCopyable})});
  case WrapperKind::Any:
    return rule({tier(0, false, P, P, {NothrowMove})});
  case WrapperKind::MoveOnlyFunction:
    return rule({tier(0, false, 3 * P, P, {NothrowMove})});
  case WrapperKind::PackagedTask:
    // The value is inside the shared state: no tier, no extra allocation.
    return rule({}, /*Fixed=*/2, /*HeapValue=*/0);
  }
  return std::nullopt;
}

std::optional<InPlaceRule> libcxxRule(WrapperKind W, bool Optimized, uint64_t P,
                                      uint64_t MaxFundamentalAlign) {
  // sizeof(aligned_storage<3p>::type): the default alignment is the largest
  // fundamental alignment not above the length.
  uint64_t StorageAlign = MaxFundamentalAlign <= 3 * P ? MaxFundamentalAlign : P;
  uint64_t FunctionBuffer = roundUp(3 * P, StorageAlign);
  switch (W) {
  case WrapperKind::Function:
    if (Optimized)
      return rule({tier(0, false, 2 * P, P, {TriviallyCopyCtor, TriviallyDtor})});
    return rule({tier(P, true, FunctionBuffer, 0, {NothrowCopy})});
  case WrapperKind::Any:
    return rule({tier(0, false, 3 * P, P, {NothrowMove})});
  case WrapperKind::MoveOnlyFunction:
    return std::nullopt;
  case WrapperKind::PackagedTask:
    return rule({tier(P, true, FunctionBuffer, 0, {})}, /*Fixed=*/1);
  }
  return std::nullopt;
}

std::optional<InPlaceRule> msvcRule(WrapperKind W, uint64_t P, uint64_t MaxAlign) {
  uint64_t N = 6 + 16 / P;
  switch (W) {
  case WrapperKind::Function:
    return rule({tier(P, true, (N - 1) * P, MaxAlign, {NothrowMove})});
  case WrapperKind::Any:
    return rule({tier(0, false, (N - 1) * P, MaxAlign, {TriviallyCopyable}),
                 tier(0, false, (N - 2) * P, MaxAlign, {NothrowMove})});
  case WrapperKind::MoveOnlyFunction:
    return rule({tier(P, false, N * P, MaxAlign, {NothrowMove})});
  case WrapperKind::PackagedTask:
    return rule({tier(P, true, (N - 1) * P, MaxAlign, {NothrowMove})}, /*Fixed=*/1);
  }
  return std::nullopt;
}

} // namespace

bool libraryProvides(const LibraryId &Lib, WrapperKind Wrapper) {
  if (Wrapper != WrapperKind::MoveOnlyFunction)
    return true;
  switch (Lib.Family) {
  case LibraryFamily::LibStdCxx:
    return Lib.Version >= 12;
  case LibraryFamily::LibCxx:
    return false; // Not in libc++ 19.
  case LibraryFamily::MsvcStl:
    return Lib.Version >= 143;
  }
  return false;
}

std::optional<InPlaceRule> standardRule(const LibraryId &Lib, WrapperKind Wrapper,
                                        const TargetDescription &Target) {
  if (!isVerifiedLibrary(Lib) || !libraryProvides(Lib, Wrapper))
    return std::nullopt;
  uint64_t P = Target.PointerBytes;
  if (P != 4 && P != 8)
    return std::nullopt; // Not a target the rules were read for.
  switch (Lib.Family) {
  case LibraryFamily::LibStdCxx:
    return libstdcxxRule(Wrapper, P);
  case LibraryFamily::LibCxx:
    return libcxxRule(Wrapper, Lib.OptimizedFunctionAbi, P, Target.MaxFundamentalAlign);
  case LibraryFamily::MsvcStl:
    return msvcRule(Wrapper, P, Target.DoubleAlign);
  }
  return std::nullopt;
}

// --- Judging a value ------------------------------------------------------------

namespace {

struct TierResult {
  llvm::SmallVector<Condition, 4> Failed;
  llvm::SmallVector<Condition, 2> Undecided;
  uint64_t Node = 0;
};

TierResult judgeTier(const InPlaceTier &T, const StoredValue &V) {
  TierResult R;
  R.Node = nodeBytes(T, V.Size, V.Align);
  if (R.Node > T.BufferBytes)
    R.Failed.push_back(Condition::Size);
  if (T.MaxAlign && V.Align > T.MaxAlign)
    R.Failed.push_back(Condition::Alignment);
  for (Condition C : T.Requires) {
    Tri Has = valueHas(V, C);
    if (Has == Tri::No)
      R.Failed.push_back(C);
    else if (Has == Tri::Unknown)
      R.Undecided.push_back(C);
  }
  return R;
}

} // namespace

StorageVerdict judgeStorage(const InPlaceRule &Rule, const StoredValue &Value) {
  StorageVerdict V;
  if (Rule.Tiers.empty()) {
    V.Where = Storage::Heap;
    V.HasInPlaceStorage = false;
    V.Failed.push_back(Condition::NeverInPlace);
    V.Allocations = Rule.FixedAllocations + Rule.HeapValueAllocations;
    V.CopyAllocates = true;
    return V;
  }
  llvm::SmallVector<TierResult, 2> Results;
  bool AnyUndecided = false;
  for (const InPlaceTier &T : Rule.Tiers) {
    TierResult R = judgeTier(T, Value);
    if (R.Failed.empty() && R.Undecided.empty()) {
      V.Where = Storage::InPlace;
      V.Tier = T;
      V.NodeBytes = R.Node;
      V.ValueCapacity = valueCapacity(T, Value.Align);
      V.Allocations = Rule.FixedAllocations;
      return V;
    }
    AnyUndecided |= R.Failed.empty(); // This tier might still admit the value.
    Results.push_back(std::move(R));
  }
  // The tier a message compares against: the first whose traits the value
  // has (it fails on size or alignment there), else the last one.
  size_t Shown = Rule.Tiers.size() - 1;
  for (size_t I = 0; I < Results.size(); ++I) {
    bool TraitsMet = llvm::all_of(Results[I].Failed, [](Condition C) {
      return C == Condition::Size || C == Condition::Alignment;
    });
    if (TraitsMet && Results[I].Undecided.empty()) {
      Shown = I;
      break;
    }
  }
  V.Tier = Rule.Tiers[Shown];
  V.NodeBytes = Results[Shown].Node;
  V.ValueCapacity = valueCapacity(V.Tier, Value.Align);
  V.Failed = Results[Shown].Failed;
  V.Undecided = Results[Shown].Undecided;
  if (AnyUndecided) {
    V.Where = Storage::Unknown;
    return V;
  }
  V.Where = Storage::Heap;
  V.Allocations = Rule.FixedAllocations + Rule.HeapValueAllocations;
  V.CopyAllocates = true;
  return V;
}

// --- Configured wrappers ----------------------------------------------------------

static std::optional<Condition> parseCondition(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<Condition>>(Name.trim())
      .Case("trivially-copyable", Condition::TriviallyCopyable)
      .Case("nothrow-move", Condition::NothrowMoveConstructible)
      .Case("nothrow-copy", Condition::NothrowCopyConstructible)
      .Case("trivially-copy-constructible", Condition::TriviallyCopyConstructible)
      .Case("trivially-destructible", Condition::TriviallyDestructible)
      .Default(std::nullopt);
}

bool parseConfiguredWrappers(llvm::StringRef Spec, std::vector<ConfiguredWrapper> &Out,
                             std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 4> Entries;
  Spec.split(Entries, ';', -1, /*KeepEmpty=*/false);
  bool Ok = true;
  auto Fail = [&](llvm::StringRef Entry, llvm::StringRef Why) {
    if (Ok)
      Error = ("'" + Entry.trim() + "': " + Why).str();
    Ok = false;
  };
  for (llvm::StringRef Entry : Entries) {
    if (Entry.trim().empty())
      continue;
    auto [Name, Rest] = Entry.split('=');
    Name = Name.trim();
    if (Name.empty() || Rest.trim().empty()) {
      Fail(Entry, "expected NAME=BUFFER[,ALIGN[,CONDITIONS]]");
      continue;
    }
    Name.consume_front("::");
    llvm::SmallVector<llvm::StringRef, 3> Fields;
    Rest.split(Fields, ',');
    if (Fields.size() > 3) {
      Fail(Entry, "expected NAME=BUFFER[,ALIGN[,CONDITIONS]]");
      continue;
    }
    uint64_t Buffer = 0, Align = 8;
    if (Fields[0].trim().getAsInteger(10, Buffer) || Buffer == 0) {
      Fail(Entry, "BUFFER must be a positive number of bytes");
      continue;
    }
    if (Fields.size() > 1 &&
        (Fields[1].trim().getAsInteger(10, Align) || Align == 0 || (Align & (Align - 1)))) {
      Fail(Entry, "ALIGN must be a power of two");
      continue;
    }
    InPlaceTier T = tier(0, false, Buffer, Align, {});
    bool Bad = false;
    if (Fields.size() > 2) {
      llvm::SmallVector<llvm::StringRef, 3> Conds;
      Fields[2].split(Conds, '+', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef C : Conds) {
        if (C.trim() == "none")
          continue;
        std::optional<Condition> Parsed = parseCondition(C);
        if (!Parsed) {
          Fail(Entry, ("unknown condition '" + C.trim() + "'").str());
          Bad = true;
          break;
        }
        T.Requires.push_back(*Parsed);
      }
    }
    if (Bad)
      continue;
    ConfiguredWrapper W;
    W.QualifiedName = Name.str();
    W.Rule.Tiers.push_back(std::move(T));
    Out.push_back(std::move(W));
  }
  return Ok;
}

} // namespace tightfit::erasure
