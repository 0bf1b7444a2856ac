// Ties the example's parts together so that the project builds and runs.
#include "tfexample/feed.h"

#include <cstdio>

int main() {
  unsigned char buffer[17 * 4] = {};
  std::printf("packets:  %zu\n", feed::countPackets(buffer, sizeof buffer));
  std::printf("best bid: %.2f\n", feed::bestBidAfter(100));
  std::printf("energy:   %.2f\n", feed::simulate(64, 10));
  std::printf("sensor:   %.2f\n", average_sensor_value(10));
  std::printf("range:    %.2f\n", feed::replayPrices("XNAS", 20));
  std::printf("listings: %zu\n", feed::countPrimaryListings());
  return 0;
}
