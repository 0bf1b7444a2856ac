// A price-time order book. Millions of entries live in memory at once, so
// every byte of an entry counts.
#include "tfexample/feed.h"

#include <algorithm>
#include <vector>

namespace feed {

// 40 bytes with 16 of padding; ordered {price, order_id, quantity, venue,
// is_bid, time_in_force} it needs 24. tightfit reports it.
struct OrderBookEntry {
  bool is_bid;
  double price;
  std::int32_t quantity;
  char time_in_force;
  std::int64_t order_id;
  std::uint16_t venue;
};

// An aggregated price level: already tight (8 + 8 + 4 + 4 = 24), no finding.
struct PriceLevel {
  double price;
  std::int64_t total_quantity;
  std::int32_t order_count;
  std::int32_t venue_mask;
};

class OrderBook {
public:
  void add(const OrderBookEntry &entry) { entries_.push_back(entry); }

  double bestBid() const {
    double best = 0;
    for (const OrderBookEntry &e : entries_)
      if (e.is_bid)
        best = std::max(best, e.price);
    return best;
  }

  PriceLevel level(double price) const {
    PriceLevel level{price, 0, 0, 0};
    for (const OrderBookEntry &e : entries_)
      if (e.price == price) {
        level.total_quantity += e.quantity;
        ++level.order_count;
      }
    return level;
  }

private:
  std::vector<OrderBookEntry> entries_;
};

double bestBidAfter(std::size_t count) {
  OrderBook book;
  for (std::size_t i = 0; i < count; ++i)
    book.add(OrderBookEntry{i % 2 == 0, 100.0 + double(i % 7), 10, 'D',
                            std::int64_t(i), std::uint16_t(i % 4)});
  return book.bestBid() + book.level(100.0).total_quantity * 0.0;
}

} // namespace feed
