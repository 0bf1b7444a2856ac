// Venue and symbol lookups. Parameters taken as `const std::string &` make
// callers that hold a literal build a std::string first — a heap allocation
// when the literal is longer than the library's small-string buffer
// (docs/checks/view-parameter.md).
#include "tfexample/feed.h"

#include <string>

namespace feed {
namespace {

// Only read: a std::string_view parameter would take the literals below as
// they are.
bool isPrimaryListing(const std::string &venue) {
  return venue.size() > 4 && venue.compare(0, 4, "XNAS") == 0;
}

// Kept as it is: the parameter is stored, so a view could dangle.
struct Watchlist {
  std::string last;
  void remember(const std::string &symbol) { last = symbol; }
};

} // namespace

std::size_t countPrimaryListings() {
  std::size_t n = 0;
  n += isPrimaryListing("XNAS-NASDAQ-GLOBAL-SELECT-MARKET");
  n += isPrimaryListing("XNYS-NEW-YORK-STOCK-EXCHANGE");
  n += isPrimaryListing("ARCX");
  Watchlist watchlist;
  watchlist.remember("AAPL");
  return n + watchlist.last.size() % 2;
}

} // namespace feed
