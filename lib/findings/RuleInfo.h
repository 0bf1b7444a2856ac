//===- RuleInfo.h - what renderers say about a check -------------*- C++ -*-===//
//
// The formats meant for people and for code-scanning services (SARIF, HTML)
// describe the checks beside their findings. Front-ends fill this from the
// checks' documentation.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_RULEINFO_H
#define TIGHTFIT_FINDINGS_RULEINFO_H

#include <string>
#include <vector>

namespace tightfit::findings {

struct RuleInfo {
  std::string Id;      ///< The check's name, e.g. "tightfit-padded-record".
  std::string Summary; ///< One plain sentence or paragraph.
  std::string Help;    ///< The check's documentation, in Markdown.
};

/// What a report's run was, beyond its findings.
struct RunInfo {
  std::string ToolVersion;
  std::vector<RuleInfo> Rules; ///< The checks that ran.
};

} // namespace tightfit::findings

#endif
