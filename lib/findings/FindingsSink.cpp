#include "lib/findings/FindingsSink.h"

namespace tightfit::findings {

static thread_local DetailsSink *CurrentSink = nullptr;

DetailsSink::~DetailsSink() = default;

DetailsSink *currentDetailsSink() { return CurrentSink; }

ScopedDetailsSink::ScopedDetailsSink(DetailsSink &Sink) : Previous(CurrentSink) {
  CurrentSink = &Sink;
}

ScopedDetailsSink::~ScopedDetailsSink() { CurrentSink = Previous; }

} // namespace tightfit::findings
