//===- BoolOption.h - boolean check options read as text ---------*- C++ -*-===//
//
// Boolean check options are read as text, not with OptionsView::get<bool>:
// the bool specialisations in Debian's libclangTidy.a are mangled by clang in
// a way GCC-built checks do not link against, and the clang-tidy executable
// that loads the module does not export them either. The spellings are
// clang-tidy's own.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_BOOLOPTION_H
#define TIGHTFIT_CHECKS_BOOLOPTION_H

#include "llvm/ADT/StringRef.h"

namespace tightfit {

/// true/1/yes/on and false/0/no/off, in any case; \p Default otherwise.
inline bool parseBoolOption(llvm::StringRef Value, bool Default) {
  Value = Value.trim();
  for (const char *Yes : {"true", "1", "yes", "on"})
    if (Value.equals_insensitive(Yes))
      return true;
  for (const char *No : {"false", "0", "no", "off"})
    if (Value.equals_insensitive(No))
      return false;
  return Default;
}

} // namespace tightfit

#endif
