//===- TextRenderer.h - findings in clang-tidy's text format ------*- C++ -*-===//
//
// Prints findings the way clang-tidy and clang print diagnostics, so editors
// and CI log parsers that understand those understand tightfit too:
//   file:line:col: warning: message [check-name]
//   file:line:col: note: message
// With colours, in clang's: the location and message bold, warnings magenta,
// errors red.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_TEXTRENDERER_H
#define TIGHTFIT_FINDINGS_TEXTRENDERER_H

#include "lib/findings/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace tightfit::findings {

void renderText(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS, bool Colors = false);

} // namespace tightfit::findings

#endif
