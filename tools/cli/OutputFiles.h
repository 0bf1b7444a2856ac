//===- OutputFiles.h - writing files without leaving half of one -*- C++ -*-===//
//
// Everything the tool writes (reports, baselines, fixed sources) is written
// to a temporary file in the target's directory and renamed over the target,
// so a reader sees the old file or the new one, never a part. The temporary
// file is removed if the tool is interrupted (Ctrl-C) before the rename.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_OUTPUTFILES_H
#define TIGHTFIT_TOOLS_CLI_OUTPUTFILES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>

namespace tightfit::cli {

/// Replaces the content of \p Path by \p Content atomically. An existing file
/// keeps its permissions and owner, and a symbolic link stays a link (its
/// target is replaced); a new file gets the permissions the umask allows.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Content);

/// Why the existing file \p Path must not be rewritten (it is read-only, or
/// not a regular file), or "" when it may be.
std::string whyNotRewritable(llvm::StringRef Path);

} // namespace tightfit::cli

#endif
