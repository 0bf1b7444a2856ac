//===- LibraryDetection.h - which standard library a TU uses ------*- C++ -*-===//
//
// Names the C++ standard library of a translation unit from the macros its
// headers define, so that the erasure rules of that library (SboModel) apply.
// A library tightfit has not verified is reported as such and judged by
// nothing: no verdict rather than a guess.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_ERASURE_LIBRARYDETECTION_H
#define TIGHTFIT_LIB_ERASURE_LIBRARYDETECTION_H

#include "lib/erasure/SboModel.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>

namespace clang {
class Preprocessor;
} // namespace clang

namespace tightfit::erasure {

/// The expansion of a macro defined in the translation unit (its replacement
/// tokens' spelling, joined by single spaces; "" for an empty definition), or
/// none when it is not defined.
using MacroLookup = llvm::function_ref<std::optional<std::string>(llvm::StringRef Name)>;

struct DetectedLibrary {
  /// The library whose macros the TU defines, if any.
  std::optional<LibraryId> Library;
  /// Whether SboModel's rules hold for it (isVerifiedLibrary).
  bool Verified = false;
  /// What was seen, for messages and logs: `libstdc++ 12`, `libc++ 19`,
  /// `libc++ 17 (not verified)`, `no standard library header`.
  std::string Description;
};

/// Reads `_LIBCPP_VERSION` and `_LIBCPP_ABI_OPTIMIZED_FUNCTION` (libc++),
/// `_GLIBCXX_RELEASE` (libstdc++ 7 and later) and `_MSVC_STL_VERSION` (MSVC
/// STL). libc++ is checked first: it may be used on top of a libstdc++
/// installation, never the other way round.
DetectedLibrary detectLibrary(MacroLookup Macros);

/// The same, over the macros \p PP has defined so far (at the end of a
/// translation unit: all of them). Every check that needs to know the
/// standard library asks here.
DetectedLibrary detectLibrary(const clang::Preprocessor &PP);

} // namespace tightfit::erasure

#endif
