//===- StringSso.h - std::string's small buffer, per library -----*- C++ -*-===//
//
// How many characters a std::string holds without allocating, for each
// standard library tightfit recognises. The one place that knows these
// numbers: a literal longer than the capacity heap-allocates when it is turned
// into a std::string. Plain data; the library is recognised from names (the
// namespace that holds basic_string and the header that defines it), which
// StringLibraryDetection in ViewTypes.cpp reads off the AST.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_STRINGSSO_H
#define TIGHTFIT_LIB_VIEWS_STRINGSSO_H

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

/// Recognises the library from where its basic_string lives:
/// \p EnclosingNamespaces is the chain of namespaces from the outermost, e.g.
/// {"std", "__cxx11"}; \p DefiningFile the file that defines the template
/// (only its last path components are looked at).
StringLibrary classifyStringLibrary(llvm::ArrayRef<llvm::StringRef> EnclosingNamespaces,
                                    llvm::StringRef DefiningFile);

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
