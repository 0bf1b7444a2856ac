//===- CheckDocs.cpp - the checks' documentation, built in ----------------===//
//
// See CheckDocs.h. CheckDocs.inc is generated from docs/checks/*.md.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/CheckDocs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace tightfit::cli {

static const CheckDoc Docs[] = {
#include "CheckDocs.inc"
};

llvm::ArrayRef<CheckDoc> checkDocs() { return Docs; }

const CheckDoc *findCheckDoc(llvm::StringRef Check) {
  for (const CheckDoc &Doc : Docs)
    if (Doc.Check == Check)
      return &Doc;
  return nullptr;
}

std::string checkSummary(llvm::StringRef Markdown) {
  llvm::SmallVector<llvm::StringRef> Lines;
  Markdown.split(Lines, '\n');
  std::vector<std::string> Words;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    if (Words.empty() && (Line.empty() || Line.starts_with("#")))
      continue; // The title and the blank lines before the paragraph.
    if (Line.empty())
      break;
    Words.push_back(Line.str());
  }
  std::string Summary = llvm::join(Words, " ");
  llvm::erase(Summary, '`');
  return Summary;
}

std::vector<findings::RuleInfo> rulesFor(llvm::ArrayRef<std::string> Checks) {
  std::vector<findings::RuleInfo> Rules;
  for (const std::string &Check : Checks) {
    findings::RuleInfo Rule;
    Rule.Id = Check;
    if (const CheckDoc *Doc = findCheckDoc(Check)) {
      Rule.Summary = checkSummary(Doc->Markdown);
      Rule.Help = Doc->Markdown.str();
    }
    Rules.push_back(std::move(Rule));
  }
  return Rules;
}

} // namespace tightfit::cli
