//===- SboModel.h - small-buffer rules of type-erasing wrappers ---*- C++ -*-===//
//
// The one place that knows when a standard library's type-erasing wrapper
// (std::function, std::any, std::move_only_function, std::packaged_task)
// stores a value in place and when it heap-allocates it. Everything here is
// plain data and plain functions over a plain description of the stored value
// and of the target; the rules themselves are stated at the top of
// SboModel.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_ERASURE_SBOMODEL_H
#define TIGHTFIT_LIB_ERASURE_SBOMODEL_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tightfit::erasure {

/// A yes/no answer that may not be known (a trait tightfit could not decide).
enum class Tri : uint8_t { No, Yes, Unknown };

inline Tri toTri(bool B) { return B ? Tri::Yes : Tri::No; }
Tri triAnd(Tri A, Tri B);

/// What a wrapper needs to know about the value it stores: the value's type
/// after decay (std::decay_t<F>).
struct StoredValue {
  uint64_t Size = 1;  ///< sizeof, bytes.
  uint64_t Align = 1; ///< alignof, bytes.
  Tri TriviallyCopyable = Tri::Unknown;
  Tri NothrowMoveConstructible = Tri::Unknown;
  Tri NothrowCopyConstructible = Tri::Unknown;
  Tri TriviallyCopyConstructible = Tri::Unknown;
  Tri TriviallyDestructible = Tri::Unknown;
};

/// The target facts the rules depend on.
struct TargetDescription {
  unsigned PointerBytes = 8;
  /// The largest preferred alignment of the fundamental types (x86_64: 16,
  /// from long double; i686: 8, from double).
  uint64_t MaxFundamentalAlign = 16;
  /// alignof(double): the alignment of MSVC's max_align_t.
  uint64_t DoubleAlign = 8;
};

enum class LibraryFamily { LibStdCxx, LibCxx, MsvcStl };

/// A standard library as detected in a translation unit (or named by an
/// option).
struct LibraryId {
  LibraryFamily Family = LibraryFamily::LibStdCxx;
  /// _GLIBCXX_RELEASE, the major version of _LIBCPP_VERSION, or _MSVC_STL_VERSION.
  unsigned Version = 0;
  /// libc++ only: _LIBCPP_ABI_OPTIMIZED_FUNCTION is defined (std::function
  /// uses the policy-based implementation).
  bool OptimizedFunctionAbi = false;

  bool operator==(const LibraryId &O) const {
    return Family == O.Family && Version == O.Version &&
           OptimizedFunctionAbi == O.OptimizedFunctionAbi;
  }
};

/// `libstdc++`, `libc++`, `libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION)`, `MSVC STL`.
std::string libraryDisplayName(const LibraryId &Lib);
/// `libstdc++`, `libc++`, `MSVC STL`: the name every check gives a library.
llvm::StringRef libraryFamilyName(LibraryFamily Family);
/// Short stable key for machine-readable output: `libstdc++`, `libc++`,
/// `libc++-optimized-function`, `msvc`.
std::string libraryKey(const LibraryId &Lib);
/// Parses a key of libraryKey() (as in the check's Libraries option) into the
/// verified version of that library.
std::optional<LibraryId> parseLibraryKey(llvm::StringRef Key);

/// Whether tightfit's rules were checked against this library version (the
/// headers were read, and the runtime corpus ran where it can).
bool isVerifiedLibrary(const LibraryId &Lib);

enum class WrapperKind { Function, Any, MoveOnlyFunction, PackagedTask };

/// `std::function`, ...
llvm::StringRef wrapperDisplayName(WrapperKind K);
/// The wrapper a class of namespace std with this name is (`function`,
/// `any`, `move_only_function`, `packaged_task`), if any.
std::optional<WrapperKind> standardWrapperNamed(llvm::StringRef Name);

/// Properties a wrapper may require of a value to store it in place.
enum class Condition : uint8_t {
  Size,
  Alignment,
  TriviallyCopyable,
  NothrowMoveConstructible,
  NothrowCopyConstructible,
  TriviallyCopyConstructible,
  TriviallyDestructible,
  /// Not a property of the value: the wrapper never stores it in place
  /// (libstdc++'s std::packaged_task keeps it in its shared state).
  NeverInPlace,
};

/// `size`, `alignment`, `triviallyCopyable`, ... (JSON keys).
llvm::StringRef conditionKey(Condition C);
/// `trivially copyable`, `nothrow move constructible`, ... (prose).
llvm::StringRef conditionPhrase(Condition C);
/// The value's answer to a trait condition (Size/Alignment are not traits).
Tri valueHas(const StoredValue &V, Condition C);

/// One way of storing a value in place: the value (behind an optional header,
/// a vtable pointer, in front of it) must fit BufferBytes, be aligned at most
/// MaxAlign and have every trait in Requires.
struct InPlaceTier {
  /// Bytes the wrapper places in the buffer before the value (libc++'s and
  /// MSVC's std::function keep a vtable pointer there); 0 when the buffer
  /// holds the value alone.
  uint64_t HeaderBytes = 0;
  /// The header and the value form a class whose size is rounded up to its
  /// alignment (libc++'s __func, MSVC's _Func_impl_no_alloc); otherwise the
  /// value sits right after the header, at its alignment.
  bool NodeIsClass = false;
  uint64_t BufferBytes = 0;
  /// Largest value alignment stored in place; 0 means only the size decides.
  uint64_t MaxAlign = 0;
  llvm::SmallVector<Condition, 3> Requires;
};

/// How one wrapper of one library on one target stores values.
struct InPlaceRule {
  /// The tiers tried in order; the value is stored in place when one admits
  /// it. Empty when the value is never stored in place.
  llvm::SmallVector<InPlaceTier, 2> Tiers;
  /// Allocations every construction makes whatever the value (the shared
  /// state of std::packaged_task).
  unsigned FixedAllocations = 0;
  /// Allocations a value that is not stored in place adds (0 when the value
  /// lives inside an allocation counted in FixedAllocations).
  unsigned HeapValueAllocations = 1;
};

/// The rule of \p Wrapper in \p Lib for \p Target; none when the library does
/// not provide the wrapper or tightfit does not know its rule on that target.
std::optional<InPlaceRule> standardRule(const LibraryId &Lib, WrapperKind Wrapper,
                                        const TargetDescription &Target);

/// Whether \p Lib provides \p Wrapper at all (libc++ 19 has no
/// std::move_only_function).
bool libraryProvides(const LibraryId &Lib, WrapperKind Wrapper);

enum class Storage { InPlace, Heap, Unknown };

struct StorageVerdict {
  Storage Where = Storage::Unknown;
  /// Conditions the value fails, in the order a message names them (size,
  /// alignment, then traits); for Heap, of the tier the message compares
  /// against (the last one).
  llvm::SmallVector<Condition, 4> Failed;
  /// Traits that could not be decided and that the verdict depends on.
  llvm::SmallVector<Condition, 2> Undecided;
  /// The tier the value is compared against: the one that admits it, or the
  /// last one.
  InPlaceTier Tier;
  /// Bytes the wrapper needs in its buffer for this value (header, padding
  /// and value, rounded as the library rounds).
  uint64_t NodeBytes = 0;
  /// The largest value of this alignment the tier stores in place.
  uint64_t ValueCapacity = 0;
  /// Allocations one construction from the value makes.
  unsigned Allocations = 0;
  /// Copying a wrapper that holds the value allocates again.
  bool CopyAllocates = false;
  /// Whether some tier stores values in place at all.
  bool HasInPlaceStorage = true;
};

/// Judges where \p Rule stores \p Value.
StorageVerdict judgeStorage(const InPlaceRule &Rule, const StoredValue &Value);

/// Bytes the tier needs for a value of \p Value's size and alignment.
uint64_t nodeBytes(const InPlaceTier &Tier, uint64_t Size, uint64_t Align);
/// The largest size of a value of alignment \p Align that fits the tier's
/// buffer (0 if none does).
uint64_t valueCapacity(const InPlaceTier &Tier, uint64_t Align);

/// A wrapper type named in the check's options, with its own rule (it does not
/// depend on the standard library).
struct ConfiguredWrapper {
  std::string QualifiedName; ///< e.g. `absl::AnyInvocable`
  InPlaceRule Rule;
};

/// Parses `name=BUFFER[,ALIGN[,COND[+COND...]]]` entries separated by `;`,
/// e.g. `absl::AnyInvocable=16,8,nothrow-move; folly::Function=48,8,nothrow-move`:
/// a value is stored in place when sizeof <= BUFFER, alignof <= ALIGN (default
/// 8) and it has every COND: `trivially-copyable`, `nothrow-move`,
/// `nothrow-copy`, `trivially-copy-constructible`, `trivially-destructible`
/// (or `none`, the default). Returns false with \p Error describing the first
/// malformed entry; the well-formed entries are still added to \p Out.
bool parseConfiguredWrappers(llvm::StringRef Spec, std::vector<ConfiguredWrapper> &Out,
                             std::string &Error);

} // namespace tightfit::erasure

#endif
