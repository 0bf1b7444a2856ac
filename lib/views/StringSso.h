//===- StringSso.h - std::string's small buffer, per library -----*- C++ -*-===//
//
// How many characters a std::string holds without allocating, for each
// standard library tightfit recognises. The one place that knows these
// numbers: a literal longer than the capacity heap-allocates when it is turned
// into a std::string. Plain data. Which standard library a translation unit
// uses is decided in one place for every check, erasure::detectLibrary (from
// the library's own macros); here only libstdc++'s two string ABIs are told
// apart, by the namespace that holds basic_string.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_STRINGSSO_H
#define TIGHTFIT_LIB_VIEWS_STRINGSSO_H

#include "lib/erasure/SboModel.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace tightfit::views {

enum class StringLibrary {
  Unknown,
  LibStdCxx,    ///< GCC's libstdc++, C++11 ABI (std::__cxx11::basic_string).
  LibStdCxxCow, ///< libstdc++ with _GLIBCXX_USE_CXX11_ABI=0: reference-counted, no SSO.
  LibCxx,       ///< LLVM's libc++ (std::__1::basic_string, or another ABI namespace).
  MsvcStl,      ///< Microsoft's STL (<xstring>).
};

/// `libstdc++`, `libc++`, ...
llvm::StringRef describe(StringLibrary Library);

/// The string implementation of \p Family (the translation unit's library,
/// as erasure::detectLibrary found it; none when no library was recognised).
/// For libstdc++, \p EnclosingNamespaces, the namespaces around basic_string
/// from the outermost, tell the C++11 ABI ({"std", "__cxx11"}) from the old,
/// reference-counted one ({"std"}); anything else is not a string tightfit
/// knows.
StringLibrary classifyStringLibrary(std::optional<erasure::LibraryFamily> Family,
                                    llvm::ArrayRef<llvm::StringRef> EnclosingNamespaces);

/// The most chars a std::string of \p Library holds without a heap
/// allocation on a target with \p PointerWidthBits-bit pointers; nullopt when
/// unknown. See StringSso.cpp for the derivation of each number.
std::optional<unsigned> stringSsoCapacity(StringLibrary Library, unsigned PointerWidthBits);

/// True when building a std::string from \p Length chars allocates, for a
/// known capacity.
inline bool literalAllocates(unsigned Length, unsigned SsoCapacity) {
  return Length > SsoCapacity;
}

} // namespace tightfit::views

#endif
