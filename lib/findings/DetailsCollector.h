//===- DetailsCollector.h - keeps the details checks attach ------*- C++ -*-===//
//
// The DetailsSink a front-end installs while its checks run when it renders
// findings itself: it keeps every details object with its key, so that the
// details can be joined to the warnings once clang-tidy has filtered them
// (NOLINT, header filter, disabled checks).
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_DETAILSCOLLECTOR_H
#define TIGHTFIT_FINDINGS_DETAILSCOLLECTOR_H

#include "lib/findings/FindingsSink.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace tightfit::findings {

class DetailsCollector final : public DetailsSink {
public:
  /// Stores \p Details under \p Key, with the key's file made canonical (see
  /// canonicalPath). Checks give absolute paths (FileManager::makeAbsolutePath):
  /// the standalone tool keeps each translation unit's working directory in
  /// its file system, not in the process, so a relative path would be taken
  /// relative to the wrong directory.
  void add(DetailsKey Key, llvm::json::Object Details) override;

  /// The details of the warning of check \p Check with text \p Message at byte
  /// \p Offset of \p File (canonical path). Falls back to the only details of
  /// that check with that message when none has exactly that location; null
  /// when there is no such details object or several equally good ones.
  const llvm::json::Object *find(llvm::StringRef Check, llvm::StringRef File, unsigned Offset,
                                 llvm::StringRef Message) const;

private:
  struct Entry {
    DetailsKey Key;
    llvm::json::Object Details;
  };
  std::vector<Entry> Entries;
};

} // namespace tightfit::findings

#endif
