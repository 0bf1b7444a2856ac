//===- LibraryDetection.cpp - which standard library a TU uses ------------===//
//
// The rules: `_LIBCPP_VERSION` is libc++ (its value is major * 10000 + minor
// * 100 + patch since libc++ 16, e.g. 190107), with the optimized
// std::function ABI when `_LIBCPP_ABI_OPTIMIZED_FUNCTION` is defined (by
// -D or by `_LIBCPP_ABI_VERSION` 2); `_GLIBCXX_RELEASE` is libstdc++'s major
// version; `_MSVC_STL_VERSION` is the MSVC STL (143 for VS 2022). A macro
// whose value is not a plain number leaves the library unrecognised.
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/LibraryDetection.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringRef.h"

namespace tightfit::erasure {

static std::optional<unsigned> numericMacro(MacroLookup Macros, llvm::StringRef Name) {
  std::optional<std::string> Value = Macros(Name);
  if (!Value)
    return std::nullopt;
  llvm::StringRef V = llvm::StringRef(*Value).trim();
  // Suffixes such as 199711L or 143u.
  V = V.rtrim("lLuU");
  unsigned N = 0;
  if (V.getAsInteger(10, N))
    return std::nullopt;
  return N;
}

DetectedLibrary detectLibrary(MacroLookup Macros) {
  DetectedLibrary D;
  LibraryId Lib;
  if (Macros("_LIBCPP_VERSION")) {
    std::optional<unsigned> V = numericMacro(Macros, "_LIBCPP_VERSION");
    if (!V) {
      D.Description = "libc++ (unreadable _LIBCPP_VERSION)";
      return D;
    }
    Lib.Family = LibraryFamily::LibCxx;
    // Before libc++ 16 the value was major * 1000 + minor.
    Lib.Version = *V >= 160000 ? *V / 10000 : *V / 1000;
    Lib.OptimizedFunctionAbi = Macros("_LIBCPP_ABI_OPTIMIZED_FUNCTION").has_value();
  } else if (Macros("_GLIBCXX_RELEASE")) {
    std::optional<unsigned> V = numericMacro(Macros, "_GLIBCXX_RELEASE");
    if (!V) {
      D.Description = "libstdc++ (unreadable _GLIBCXX_RELEASE)";
      return D;
    }
    Lib.Family = LibraryFamily::LibStdCxx;
    Lib.Version = *V;
  } else if (Macros("_MSVC_STL_VERSION")) {
    std::optional<unsigned> V = numericMacro(Macros, "_MSVC_STL_VERSION");
    if (!V) {
      D.Description = "MSVC STL (unreadable _MSVC_STL_VERSION)";
      return D;
    }
    Lib.Family = LibraryFamily::MsvcStl;
    Lib.Version = *V;
  } else {
    D.Description = "no standard library header";
    return D;
  }
  D.Library = Lib;
  D.Verified = isVerifiedLibrary(Lib);
  D.Description = libraryDisplayName(Lib) + " " + std::to_string(Lib.Version);
  if (!D.Verified)
    D.Description += " (not verified)";
  return D;
}

DetectedLibrary detectLibrary(const clang::Preprocessor &PP) {
  auto Lookup = [&PP](llvm::StringRef Name) -> std::optional<std::string> {
    clang::IdentifierInfo *II = PP.getIdentifierInfo(Name);
    if (!II || !II->hasMacroDefinition())
      return std::nullopt;
    const clang::MacroInfo *MI = PP.getMacroInfo(II);
    if (!MI)
      return std::nullopt;
    std::string Text;
    for (const clang::Token &T : MI->tokens()) {
      if (!Text.empty())
        Text += ' ';
      Text += PP.getSpelling(T);
    }
    return Text;
  };
  return detectLibrary(Lookup);
}

} // namespace tightfit::erasure
