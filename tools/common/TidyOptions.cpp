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
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"

namespace tightfit::frontend {

using clang::tidy::ClangTidyOptions;

static llvm::Error inputError(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

static const clang::tidy::NamesAndOptions &registered() {
  static const clang::tidy::NamesAndOptions All =
      clang::tidy::getAllChecksAndOptions(/*AllowEnablingAnalyzerAlphaCheckers=*/false);
  return All;
}

const llvm::StringSet<> &knownChecks() { return registered().Names; }

/// The known option nearest to \p Name, for "did you mean".
static std::string nearestKnown(const llvm::StringSet<> &Known, llvm::StringRef Name) {
  std::string Best;
  unsigned BestDistance = ~0u;
  for (const auto &Entry : Known) {
    unsigned Distance = Name.edit_distance(Entry.getKey());
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Entry.getKey().str();
    }
  }
  return BestDistance <= std::max<size_t>(3, Name.size() / 4) ? Best : "";
}

static llvm::Error unknownOptionError(llvm::StringRef Name, const llvm::Twine &Where) {
  std::string Suggestion = nearestKnown(registered().Options, Name);
  return inputError("unknown check option '" + Name + "'" + Where +
                    (Suggestion.empty() ? "" : "; did you mean '" + Suggestion + "'?"));
}

/// An error for option \p Name of a tightfit check that no check has, or
/// success.
static llvm::Error checkOptionName(llvm::StringRef Name, const llvm::Twine &Where) {
  if (!Name.starts_with("tightfit-") || registered().Options.contains(Name))
    return llvm::Error::success();
  return unknownOptionError(Name, Where);
}

llvm::Error checkTightfitOptionNames(
    llvm::ArrayRef<clang::tidy::ClangTidyOptionsProvider::OptionsSource> Sources) {
  for (const auto &[Options, Source] : Sources)
    for (const auto &Option : Options.CheckOptions)
      if (llvm::Error E = checkOptionName(Option.getKey(), " in " + Source))
        return E;
  return llvm::Error::success();
}

llvm::Error checkConfigFilesParse(llvm::StringRef Directory) {
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::fs::make_absolute(Dir);
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> File(Dir);
    llvm::sys::path::append(File, ".clang-tidy");
    if (!llvm::sys::fs::is_regular_file(File))
      continue;
    auto Text = llvm::MemoryBuffer::getFile(File);
    if (!Text)
      return inputError("cannot read '" + File + "': " + Text.getError().message());
    std::string FirstProblem;
    llvm::ErrorOr<ClangTidyOptions> Parsed = clang::tidy::parseConfigurationWithDiags(
        (*Text)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
          if (FirstProblem.empty())
            FirstProblem = D.getMessage().str();
        });
    if (!Parsed)
      return inputError("invalid configuration in '" + File + "': " +
                        (FirstProblem.empty() ? Parsed.getError().message() : FirstProblem));
    if (!Parsed->InheritParentConfig.value_or(false))
      break;
  }
  return llvm::Error::success();
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

  if (Settings.SystemHeaders)
    Overrides.SystemHeaders = *Settings.SystemHeaders;
  for (const auto &[Name, Value] : Settings.CheckOptions) {
    // Every check of this binary is tightfit's: any other name is a mistake.
    if (!registered().Options.contains(Name))
      return unknownOptionError(Name, " on the command line");
    Overrides.CheckOptions[Name] = ClangTidyOptions::ClangTidyValue(Value, /*Priority=*/0);
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
