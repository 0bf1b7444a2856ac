//===- HtmlRenderer.h - findings as a self-contained HTML report -*- C++ -*-===//
//
// A report for people: one HTML file with no external resources (styles,
// drawings and the script that sorts its tables are inline). It shows
//   - the run's totals, and findings per check, sortable;
//   - every record that tightfit-padded-record flags, drawn: a byte map of
//     its current layout (fields in colour, padding shaded, the vtable
//     pointer and bases in grey, a line at each 64-byte cache-line boundary)
//     beside the map of the suggested layout, and a legend of the fields
//     with their offsets in both;
//   - findings and layout savings per file, and all findings, sortable.
// The drawing's colours are fixed (HtmlColors) so that tests can find them.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_HTMLRENDERER_H
#define TIGHTFIT_FINDINGS_HTMLRENDERER_H

#include "lib/findings/Finding.h"
#include "lib/findings/RuleInfo.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace tightfit::findings {

namespace HtmlColors {
inline constexpr llvm::StringLiteral Padding = "#e03c31";   ///< Holes and tail padding.
inline constexpr llvm::StringLiteral CacheLine = "#0b3d91"; ///< Cache-line boundaries.
inline constexpr llvm::StringLiteral Other = "#9e9e9e";     ///< Bases, vtable pointer.
/// Fields, by their index in the details' `fields`, cycling.
inline constexpr llvm::StringLiteral Fields[] = {
    "#59a14f", "#f28e2b", "#76b7b2", "#edc948", "#b07aa1", "#9c755f",
    "#4e79a7", "#ff9da7", "#8cd17d", "#b6992d", "#499894", "#d4a6c8"};
} // namespace HtmlColors

void renderHtml(const FindingsReport &Report, const RunInfo &Run, llvm::raw_ostream &OS);

} // namespace tightfit::findings

#endif
