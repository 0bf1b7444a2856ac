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
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>

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
};

/// clang-tidy's option sources for \p Settings, in clang-tidy's precedence:
/// the defaults (DefaultChecks), then the nearest `.clang-tidy` file of each
/// source file or, when given, the inline configuration, then the checks and
/// header filter of the command line. Fails with a one-line message when the
/// configuration does not parse, the header filter is no valid regex, or a glob
/// of the checks setting that enables checks matches no check there is.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
createOptionsProvider(const TidySettings &Settings);

} // namespace tightfit::frontend

#endif
