//===- DiagnosticText.h - computed messages as diagnostic texts ---*- C++ -*-===//
//
// The checks compute whole messages (sizes, names, reasons) in lib/ and pass
// each to ClangTidyCheck::diag as its text, rather than one "%0" text with
// the message as argument: clang-tidy names the check of a diagnostic by its
// custom diagnostic ID, one ID per distinct text, so a "%0" shared by several
// checks would give all their diagnostics the name of whichever came first.
// A diagnostic text is a format string, so a literal '%' is doubled.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_DIAGNOSTICTEXT_H
#define TIGHTFIT_CHECKS_DIAGNOSTICTEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace tightfit {

/// \p Text as a diagnostic text that prints as it is.
inline std::string verbatim(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    Out += C;
    if (C == '%')
      Out += '%';
  }
  return Out;
}

} // namespace tightfit

#endif
