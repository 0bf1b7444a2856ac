// Interfaces between the parts of the example application. The records that
// waste padding are private to the .cpp/.c files that use them.
#ifndef TFEXAMPLE_FEED_H
#define TFEXAMPLE_FEED_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace feed {

/// Parses packet headers from a buffer; returns how many were read.
std::size_t countPackets(const unsigned char *data, std::size_t size);

/// Applies `count` synthetic orders to a book and returns its best bid.
double bestBidAfter(std::size_t count);

/// Advances a small particle system by `steps` steps; returns the total energy.
double simulate(std::size_t particles, std::size_t steps);

/// Feeds `count` prices to a set of callbacks; returns the price range seen.
double replayPrices(const std::string &venue, std::size_t count);

/// Counts the primary listings among a few venue names.
std::size_t countPrimaryListings();

} // namespace feed

extern "C" double average_sensor_value(std::size_t samples);

#endif
