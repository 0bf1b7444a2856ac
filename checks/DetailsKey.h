//===- DetailsKey.h - the key of a finding's structured details ---*- C++ -*-===//
//
// Every check that hands structured details to a findings::DetailsSink keys
// them the way the front-ends key the diagnostic itself: the file location of
// the warning (macro locations mapped to where they are spelled in a file),
// the file's absolute path without `.` or `..` components, the byte offset in
// that file, the check's name and the warning's text. One function builds the
// key so that the checks cannot drift apart in how they spell a path.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_CHECKS_DETAILSKEY_H
#define TIGHTFIT_CHECKS_DETAILSKEY_H

#include "lib/findings/FindingsSink.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

namespace clang {
class SourceManager;
} // namespace clang

namespace tightfit {

/// The key of the details of the warning \p Message that check \p CheckName
/// reports at \p Loc.
findings::DetailsKey detailsKeyAt(const clang::SourceManager &SM, clang::SourceLocation Loc,
                                  llvm::StringRef CheckName, llvm::StringRef Message);

} // namespace tightfit

#endif
