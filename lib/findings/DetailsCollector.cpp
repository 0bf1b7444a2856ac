//===- DetailsCollector.cpp - keeps the details checks attach -------------===//
//
// See DetailsCollector.h.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/DetailsCollector.h"

#include "lib/findings/Finding.h"

namespace tightfit::findings {

void DetailsCollector::add(DetailsKey Key, llvm::json::Object Details) {
  Key.File = canonicalPath(Key.File);
  Entries.push_back({std::move(Key), std::move(Details)});
}

const llvm::json::Object *DetailsCollector::find(llvm::StringRef Check, llvm::StringRef File,
                                                 unsigned Offset, llvm::StringRef Message) const {
  const Entry *OnlyWithSameText = nullptr;
  unsigned SameTextCount = 0;
  for (const Entry &E : Entries) {
    if (E.Key.CheckName != Check || E.Key.Message != Message)
      continue;
    // The same record seen from several translation units leaves identical
    // entries; any of them will do.
    if (E.Key.File == File && E.Key.Offset == Offset)
      return &E.Details;
    OnlyWithSameText = &E;
    ++SameTextCount;
  }
  return SameTextCount == 1 ? &OnlyWithSameText->Details : nullptr;
}

} // namespace tightfit::findings
