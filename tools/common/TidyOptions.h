//===- TidyOptions.h - clang-tidy options of every front-end ----*- C++ -*-===//
//
// The standalone tool and the compiler plugin host the checks through
// clang-tidy's library. Both take the same three settings (checks, an inline
// configuration, a header filter) and turn them into clang-tidy's option
// sources the way clang-tidy itself does, so `.clang-tidy` files, CheckOptions
// and NOLINT comments mean the same in all three front-ends.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_COMMON_TIDYOPTIONS_H
#define TIGHTFIT_TOOLS_COMMON_TIDYOPTIONS_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tightfit::frontend {

/// The checks a front-end runs when neither its command line nor a
/// configuration file says otherwise: tightfit's own, nothing else.
inline constexpr llvm::StringLiteral DefaultChecks = "-*,tightfit-*";

/// What the user set on a front-end's command line; unset fields leave the
/// decision to `.clang-tidy` files and the defaults.
struct TidySettings {
  std::optional<std::string> Checks;       ///< Glob list, added after the configuration's.
  std::optional<std::string> ConfigYaml;   ///< Used instead of `.clang-tidy` files.
  std::optional<std::string> HeaderFilter; ///< Regex of headers to report findings in.
  std::optional<bool> SystemHeaders;       ///< Report findings in system headers too.
  /// CheckOptions set on the command line (`name=value`), over the
  /// configuration's.
  std::vector<std::pair<std::string, std::string>> CheckOptions;
};

/// clang-tidy's option sources for \p Settings, in clang-tidy's precedence:
/// the defaults (DefaultChecks), then the nearest `.clang-tidy` file of each
/// source file or, when given, the inline configuration, then the checks and
/// header filter of the command line. Fails with a one-line message when the
/// configuration does not parse, the header filter is no valid regex, a glob
/// of the checks setting that enables checks matches no check there is, or a
/// command-line check option names no option of a check there is.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
createOptionsProvider(const TidySettings &Settings);

/// Rejects, in the options that \p Sources (an options provider's raw
/// options for a file) set, an option of a tightfit check that the check does
/// not have: a misspelt option would silently keep its default. Options of
/// other tools' checks are left alone, as configurations may be shared.
llvm::Error checkTightfitOptionNames(
    llvm::ArrayRef<clang::tidy::ClangTidyOptionsProvider::OptionsSource> Sources);

/// Parses each `.clang-tidy` file that clang-tidy reads for sources in
/// \p Directory (the nearest one above it, and its parents' while they say
/// InheritParentConfig) and fails with the first that does not parse, which
/// clang-tidy itself would report and then ignore.
llvm::Error checkConfigFilesParse(llvm::StringRef Directory);

/// Every check registered with clang-tidy in this binary.
const llvm::StringSet<> &knownChecks();

} // namespace tightfit::frontend

#endif
