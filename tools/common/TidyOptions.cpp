//===- TidyOptions.cpp - clang-tidy options of every front-end ------------===//
//
// See TidyOptions.h.
//
//===----------------------------------------------------------------------===//
#include "tools/common/TidyOptions.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"

namespace tightfit::frontend {

using clang::tidy::ClangTidyOptions;

static llvm::Error inputError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// Every check registered with clang-tidy in this binary.
static const llvm::StringSet<> &knownChecks() {
  static const llvm::StringSet<> Names =
      clang::tidy::getAllChecksAndOptions(/*AllowEnablingAnalyzerAlphaCheckers=*/false).Names;
  return Names;
}

/// Rejects a glob list in which a positive glob matches no known check: a typo
/// there would otherwise silently run nothing. Compiler warnings
/// (clang-diagnostic-*) are not registered checks and are let through. Only the
/// command line's globs are checked: configurations, like .clang-tidy files, may
/// be shared with clang-tidy and name checks this tool does not have.
static llvm::Error checkGlobsMatchChecks(llvm::StringRef Globs) {
  // Separated as GlobList separates them.
  llvm::SmallVector<llvm::StringRef> Items;
  llvm::SplitString(Globs, Items, ",\n");
  for (llvm::StringRef Glob : Items) {
    Glob = Glob.trim();
    if (Glob.empty() || Glob.starts_with("-") || Glob.starts_with("clang-diagnostic-"))
      continue;
    clang::tidy::GlobList Matcher(Glob);
    bool MatchesACheck = llvm::any_of(
        knownChecks(), [&](const auto &Name) { return Matcher.contains(Name.getKey()); });
    if (!MatchesACheck)
      return inputError("checks: '" + Glob + "' matches no check");
  }
  return llvm::Error::success();
}

static llvm::Expected<ClangTidyOptions> parseConfig(llvm::StringRef Yaml) {
  std::string FirstProblem;
  llvm::ErrorOr<ClangTidyOptions> Parsed = clang::tidy::parseConfigurationWithDiags(
      llvm::MemoryBufferRef(Yaml, "config"), [&](const llvm::SMDiagnostic &D) {
        if (FirstProblem.empty())
          FirstProblem = D.getMessage().str();
      });
  if (!Parsed)
    return inputError("invalid config: " +
                      (FirstProblem.empty() ? Parsed.getError().message() : FirstProblem));
  return std::move(*Parsed);
}

llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
createOptionsProvider(const TidySettings &Settings) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks.str();

  ClangTidyOptions Overrides;
  if (Settings.Checks) {
    if (llvm::Error E = checkGlobsMatchChecks(*Settings.Checks))
      return E;
    Overrides.Checks = *Settings.Checks;
  }
  if (Settings.HeaderFilter) {
    std::string Problem;
    if (!llvm::Regex(*Settings.HeaderFilter).isValid(Problem))
      return inputError("header-filter: invalid regex '" + *Settings.HeaderFilter +
                        "': " + Problem);
    Overrides.HeaderFilterRegex = *Settings.HeaderFilter;
  }

  clang::tidy::ClangTidyGlobalOptions Global;
  if (Settings.ConfigYaml) {
    llvm::Expected<ClangTidyOptions> Config = parseConfig(*Settings.ConfigYaml);
    if (!Config)
      return Config.takeError();
    return std::make_unique<clang::tidy::ConfigOptionsProvider>(
        std::move(Global), std::move(Defaults), std::move(*Config), std::move(Overrides));
  }
  return std::make_unique<clang::tidy::FileOptionsProvider>(std::move(Global), std::move(Defaults),
                                                            std::move(Overrides));
}

} // namespace tightfit::frontend
