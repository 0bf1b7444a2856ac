//===- TidyFindings.h - clang-tidy results as findings -----------*- C++ -*-===//
//
// Front-ends that host the checks through clang-tidy's library get back
// ClangTidyErrors: file paths as the compiler spelled them (possibly relative
// to the translation unit's build directory) and byte offsets. This turns them
// into findings with canonical paths, lines and columns, and joins the details
// the checks attached to their warnings.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_TIDYFINDINGS_H
#define TIGHTFIT_FINDINGS_TIDYFINDINGS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "lib/findings/DetailsCollector.h"
#include "lib/findings/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace tightfit::findings {

/// One finding per error, in the order given; lines and columns are read from
/// the files on disk. \p Details may be null when no details were collected.
std::vector<Finding> findingsFromTidyErrors(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                                            const DetailsCollector *Details);

} // namespace tightfit::findings

#endif
