//===- FindingsSink.h - structured details beside a diagnostic ---*- C++ -*-===//
//
// A check reports to the user through clang diagnostics, so NOLINT, header
// filters and -Werror behave the same in every front-end. The standalone tool
// also renders machine-readable formats, which need the numbers behind a
// message (sizes, offsets, the suggested order). A check hands those numbers to
// the sink installed for the current thread, keyed the way the diagnostic will
// be keyed; front-ends without a sink (the clang-tidy module, the compiler
// plugin) install none and the check skips the work.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_FINDINGSSINK_H
#define TIGHTFIT_FINDINGS_FINDINGSSINK_H

#include "llvm/Support/JSON.h"
#include <string>

namespace tightfit::findings {

/// Identifies the diagnostic a details object belongs to: the check's name, the
/// file and byte offset the warning is reported at (after macro locations are
/// mapped to their file location), and the warning's text.
struct DetailsKey {
  std::string CheckName;
  std::string File;
  unsigned Offset = 0;
  std::string Message;
};

class DetailsSink {
public:
  virtual ~DetailsSink();
  virtual void add(DetailsKey Key, llvm::json::Object Details) = 0;
};

/// The sink installed for the calling thread, or null.
DetailsSink *currentDetailsSink();

/// Installs a sink for the calling thread for the lifetime of this object.
class ScopedDetailsSink {
public:
  explicit ScopedDetailsSink(DetailsSink &Sink);
  ~ScopedDetailsSink();
  ScopedDetailsSink(const ScopedDetailsSink &) = delete;
  ScopedDetailsSink &operator=(const ScopedDetailsSink &) = delete;

private:
  DetailsSink *Previous;
};

} // namespace tightfit::findings

#endif
