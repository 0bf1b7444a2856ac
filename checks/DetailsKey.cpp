//===- DetailsKey.cpp - the key of a finding's structured details ---------===//
#include "checks/DetailsKey.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace tightfit {

findings::DetailsKey detailsKeyAt(const clang::SourceManager &SM, clang::SourceLocation Loc,
                                  llvm::StringRef CheckName, llvm::StringRef Message) {
  clang::SourceLocation FileLoc = SM.getFileLoc(Loc);
  findings::DetailsKey Key;
  Key.CheckName = CheckName.str();
  if (clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getFileID(FileLoc))) {
    llvm::SmallString<256> Path(Entry->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Key.File = std::string(Path);
  }
  Key.Offset = SM.getFileOffset(FileLoc);
  Key.Message = Message.str();
  return Key;
}

} // namespace tightfit
