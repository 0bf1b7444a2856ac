//===- OutputFiles.h - writing files without leaving half of one -*- C++ -*-===//
//
// Everything the tool writes (reports, baselines, fixed sources) is written
// to a temporary file in the target's directory and renamed over the target,
// so a reader sees the old file or the new one, never a part. The temporary
// file is removed if the tool is interrupted (Ctrl-C) before the rename.
// A run's files are written together: every temporary file before any
// rename, so a write that fails (a full disk) changes no file at all.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_TOOLS_CLI_OUTPUTFILES_H
#define TIGHTFIT_TOOLS_CLI_OUTPUTFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <utility>

namespace tightfit::cli {

/// Replaces the content of each file of \p Writes (path, new content), each
/// atomically: all temporary files are written first, then renamed one after
/// the other. A failed write leaves every file as it was; a failed rename
/// (or a kill during the renames) leaves the files before it replaced and
/// the others as they were. An existing file keeps its permissions and
/// owner, and a symbolic link stays a link (its target is replaced); a new
/// file gets the permissions the umask allows.
llvm::Error
writeFilesAtomically(llvm::ArrayRef<std::pair<std::string, std::string>> Writes);

/// Why the existing file \p Path must not be rewritten (it is read-only, or
/// not a regular file), or "" when it may be.
std::string whyNotRewritable(llvm::StringRef Path);

} // namespace tightfit::cli

#endif
