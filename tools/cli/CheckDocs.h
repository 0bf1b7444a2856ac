//===- CheckDocs.h - the checks' documentation, built in ---------*- C++ -*-===//
//
// The pages of docs/checks/ are compiled into the tool, so that --explain,
// the SARIF rules and the HTML report describe each check without the
// source tree at hand.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_CHECKDOCS_H
#define TIGHTFIT_TOOLS_CLI_CHECKDOCS_H

#include "lib/findings/RuleInfo.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace tightfit::cli {

struct CheckDoc {
  llvm::StringRef Check;    ///< e.g. "tightfit-padded-record"
  llvm::StringRef Markdown; ///< docs/checks/padded-record.md
};

/// Every page, by check name.
llvm::ArrayRef<CheckDoc> checkDocs();

/// The page of \p Check, or null.
const CheckDoc *findCheckDoc(llvm::StringRef Check);

/// The first paragraph of a page, on one line, without Markdown's backticks.
std::string checkSummary(llvm::StringRef Markdown);

/// What the renderers say about \p Checks.
std::vector<findings::RuleInfo> rulesFor(llvm::ArrayRef<std::string> Checks);

} // namespace tightfit::cli

#endif
