// Price-update callbacks. Each subscriber is a std::function; whether building
// one allocates depends on what the lambda captures and on the standard
// library's small buffer (docs/checks/heap-erasure.md).
#include "tfexample/feed.h"

#include <functional>
#include <string>
#include <vector>

namespace feed {
namespace {

using PriceHandler = std::function<void(double)>;

struct Stats {
  double last = 0;
  double high = 0;
  double low = 0;
  std::size_t updates = 0;
};

std::vector<PriceHandler> subscribeAll(Stats &stats, const std::string &venue,
                                       std::string &log) {
  std::vector<PriceHandler> handlers;
  // One pointer (8 bytes, trivially copyable): stored in place everywhere.
  handlers.push_back([&stats](double px) {
    stats.last = px;
    ++stats.updates;
  });
  // Three pointers (24 bytes): fits libc++'s and MSVC's buffers, not
  // libstdc++'s 16 bytes, so with libstdc++ every construction allocates.
  double *high = &stats.high, *low = &stats.low;
  std::size_t *updates = &stats.updates;
  handlers.push_back([high, low, updates](double px) {
    if (px > *high)
      *high = px;
    if (*low == 0 || px < *low)
      *low = px;
    ++*updates;
  });
  // A std::string capture is not trivially copyable: libstdc++ always
  // allocates for it, whatever its length.
  std::string tag = venue + ":last";
  handlers.push_back([tag, &log](double px) {
    log += tag;
    log += px > 0 ? "+" : "-";
  });
  return handlers;
}

} // namespace

double replayPrices(const std::string &venue, std::size_t count) {
  Stats stats;
  std::string log;
  std::vector<PriceHandler> handlers = subscribeAll(stats, venue, log);
  for (std::size_t i = 0; i < count; ++i)
    for (const PriceHandler &handler : handlers)
      handler(100.0 + static_cast<double>(i % 7));
  return stats.high - stats.low + static_cast<double>(log.size() % 2);
}

} // namespace feed
