//===- OutputFiles.cpp - writing files without leaving half of one --------===//
//
// See OutputFiles.h.
//
//===----------------------------------------------------------------------===//
#include "tools/cli/OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <unistd.h>
#include <vector>

namespace tightfit::cli {

static llvm::Error writeError(llvm::StringRef Path, const llvm::Twine &Problem) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot write '" + Path + "': " + Problem);
}

std::string whyNotRewritable(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return EC.message();
  if (!llvm::sys::fs::is_regular_file(Status))
    return "it is not a regular file";
  // Permission bits rather than access(2) alone: root may write anything,
  // but a file nobody may write is read-only on purpose.
  const auto AnyWrite = llvm::sys::fs::owner_write | llvm::sys::fs::group_write |
                            llvm::sys::fs::others_write;
  if (!(Status.permissions() & AnyWrite) || !llvm::sys::fs::can_write(Path))
    return "it is read-only";
  return "";
}

namespace {
/// A new content written to its temporary file, not yet renamed over its
/// target.
struct PreparedFile {
  std::string Path;      ///< As the caller named it, for messages.
  std::string Target;    ///< Where a symbolic link points, or Path.
  std::string Temporary;
};

/// Removes \p File's temporary file.
void discard(const PreparedFile &File) {
  llvm::sys::fs::remove(File.Temporary);
  llvm::sys::DontRemoveFileOnSignal(File.Temporary);
}

/// Writes \p Content to a temporary file beside \p Path's target, with the
/// target's permissions and owner. Nothing is left behind on failure.
llvm::Expected<PreparedFile> prepare(llvm::StringRef Path, llvm::StringRef Content) {
  PreparedFile Prepared;
  Prepared.Path = Path.str();
  // Write where a symbolic link points, so that the link survives.
  llvm::SmallString<256> Target(Path);
  bool Exists = llvm::sys::fs::exists(Path);
  if (Exists) {
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Path, Real))
      Target = Real;
  }
  Prepared.Target = Target.str().str();
  llvm::sys::fs::file_status Original;
  if (Exists)
    if (std::error_code EC = llvm::sys::fs::status(Target, Original))
      return writeError(Path, EC.message());

  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Target));
  if (Model.empty())
    Model = ".";
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Target) + ".tightfit-%%%%%%.tmp");
  int FD = -1;
  llvm::SmallString<256> Temporary;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temporary))
    return writeError(Path, EC.message());
  Prepared.Temporary = Temporary.str().str();
  llvm::sys::RemoveFileOnSignal(Temporary);
  auto Discard = [&](const llvm::Twine &Problem) {
    discard(Prepared);
    return writeError(Path, Problem);
  };
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Content;
    OS.close();
    if (OS.has_error()) {
      std::string Problem = OS.error().message();
      OS.clear_error();
      return Discard(Problem);
    }
  }
  llvm::sys::fs::perms Permissions =
      Exists ? Original.permissions()
             : static_cast<llvm::sys::fs::perms>(llvm::sys::fs::all_read | llvm::sys::fs::all_write) &
                   ~static_cast<llvm::sys::fs::perms>(llvm::sys::fs::getUmask());
  if (std::error_code EC = llvm::sys::fs::setPermissions(Temporary, Permissions))
    return Discard(EC.message());
  // The new file is ours; a file that belonged to someone else keeps its
  // owner (when we may change it, e.g. as root) or is not replaced.
  if (Exists && (Original.getUser() != ::geteuid() || Original.getGroup() != ::getegid()) &&
      ::chown(Temporary.c_str(), Original.getUser(), Original.getGroup()) != 0 &&
      Original.getUser() != ::geteuid())
    return Discard("cannot keep the file's owner");
  return Prepared;
}
} // namespace

llvm::Error writeFilesAtomically(llvm::ArrayRef<std::pair<std::string, std::string>> Writes) {
  // Every temporary file first: a write that fails (a full disk) leaves
  // every target as it was.
  std::vector<PreparedFile> Prepared;
  for (const auto &[Path, Content] : Writes) {
    llvm::Expected<PreparedFile> File = prepare(Path, Content);
    if (!File) {
      for (const PreparedFile &Done : Prepared)
        discard(Done);
      return File.takeError();
    }
    Prepared.push_back(std::move(*File));
  }
  // Then the renames, which need no space and rarely fail.
  for (size_t I = 0; I < Prepared.size(); ++I) {
    if (std::error_code EC = llvm::sys::fs::rename(Prepared[I].Temporary, Prepared[I].Target)) {
      for (size_t Rest = I; Rest < Prepared.size(); ++Rest)
        discard(Prepared[Rest]);
      return writeError(Prepared[I].Path, EC.message());
    }
    llvm::sys::DontRemoveFileOnSignal(Prepared[I].Temporary);
  }
  return llvm::Error::success();
}

} // namespace tightfit::cli
