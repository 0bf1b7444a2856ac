//===- StringSso.cpp - std::string's small buffer, per library ------------===//
//
// The capacities, from each library's own definition of basic_string<char>:
//
//  - libstdc++ (C++11 ABI, GCC 5 and later): the string object holds a
//    pointer, a length and a union of the capacity with a local buffer of
//    `_S_local_capacity + 1` chars, where `_S_local_capacity = 15 /
//    sizeof(CharT)`. So 15 chars plus the NUL, on every target (sizeof is 32
//    on x86_64, 24 on i686).
//  - libstdc++ with the old ABI (_GLIBCXX_USE_CXX11_ABI=0): a pointer to a
//    shared, reference-counted representation; there is no local buffer, so
//    every non-empty string built from chars allocates. Capacity 0.
//  - libc++: the short form shares the object's bytes with the long form
//    {capacity, size, pointer}; `__min_cap = (sizeof(__long) - 1) /
//    sizeof(CharT)` chars fit, the NUL included. sizeof(__long) is 24 on
//    64-bit targets and 12 on 32-bit ones: 22 chars plus the NUL on 64-bit,
//    10 plus the NUL on 32-bit. (The alternate string layout some ABIs select
//    has the same sizes.)
//  - Microsoft's STL: `_BUF_SIZE = 16 / sizeof(CharT)` chars, the NUL
//    included (`_Mypair._Myval2._Bx._Buf`): 15 chars, on 32- and 64-bit.
//
// Measured on this project's machine: `std::string().capacity()` is 15 with
// libstdc++ 12 (x86_64 and i686) and 22 with libc++ 19 (x86_64), and 0 with
// -D_GLIBCXX_USE_CXX11_ABI=0.
//
//===----------------------------------------------------------------------===//
#include "lib/views/StringSso.h"

namespace tightfit::views {

llvm::StringRef describe(StringLibrary Library) {
  switch (Library) {
  case StringLibrary::LibStdCxx:
    return erasure::libraryFamilyName(erasure::LibraryFamily::LibStdCxx);
  case StringLibrary::LibStdCxxCow:
    return "libstdc++ (old ABI)";
  case StringLibrary::LibCxx:
    return erasure::libraryFamilyName(erasure::LibraryFamily::LibCxx);
  case StringLibrary::MsvcStl:
    return erasure::libraryFamilyName(erasure::LibraryFamily::MsvcStl);
  case StringLibrary::Unknown:
    break;
  }
  return "unknown";
}

StringLibrary classifyStringLibrary(std::optional<erasure::LibraryFamily> Family,
                                    llvm::ArrayRef<llvm::StringRef> EnclosingNamespaces) {
  if (!Family)
    return StringLibrary::Unknown;
  switch (*Family) {
  case erasure::LibraryFamily::LibCxx:
    return StringLibrary::LibCxx;
  case erasure::LibraryFamily::MsvcStl:
    return StringLibrary::MsvcStl;
  case erasure::LibraryFamily::LibStdCxx:
    break;
  }
  // libstdc++ defines the C++11-ABI string in std::__cxx11 and the old-ABI
  // one (_GLIBCXX_USE_CXX11_ABI=0; bits/cow_string.h in GCC 12) directly in
  // namespace std.
  if (EnclosingNamespaces.size() == 2 && EnclosingNamespaces[0] == "std" &&
      EnclosingNamespaces[1] == "__cxx11")
    return StringLibrary::LibStdCxx;
  if (EnclosingNamespaces.size() == 1 && EnclosingNamespaces[0] == "std")
    return StringLibrary::LibStdCxxCow;
  return StringLibrary::Unknown;
}

std::optional<unsigned> stringSsoCapacity(StringLibrary Library, unsigned PointerWidthBits) {
  switch (Library) {
  case StringLibrary::LibStdCxx:
    return 15;
  case StringLibrary::LibStdCxxCow:
    return 0;
  case StringLibrary::LibCxx:
    if (PointerWidthBits == 64)
      return 22;
    if (PointerWidthBits == 32)
      return 10;
    return std::nullopt;
  case StringLibrary::MsvcStl:
    return 15;
  case StringLibrary::Unknown:
    break;
  }
  return std::nullopt;
}

} // namespace tightfit::views
