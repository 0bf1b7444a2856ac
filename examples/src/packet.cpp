// Packet headers as the feed handler keeps them after decoding.
#include "tfexample/feed.h"

#include <cstring>
#include <vector>

namespace feed {
namespace {

// Fields in wire order. The compiler pads after `version`, `flags` and `ttl`:
// 32 bytes, of which 15 are padding. tightfit: the same fields fit in 24.
struct PacketHeader {
  std::uint8_t version;
  std::uint64_t sequence;
  std::uint16_t payload_length;
  std::uint8_t flags;
  std::uint32_t checksum;
  std::uint8_t ttl;
};

// The same data ordered by decreasing alignment: 16 bytes, no finding.
struct CompactHeader {
  std::uint64_t sequence;
  std::uint32_t checksum;
  std::uint16_t payload_length;
  std::uint8_t version;
  std::uint8_t flags;
};

constexpr std::size_t WireSize = 17;

CompactHeader compact(const PacketHeader &h) {
  return CompactHeader{h.sequence, h.checksum, h.payload_length, h.version, h.flags};
}

} // namespace

std::size_t countPackets(const unsigned char *data, std::size_t size) {
  std::vector<CompactHeader> headers;
  for (std::size_t at = 0; at + WireSize <= size; at += WireSize) {
    PacketHeader h{};
    h.version = data[at];
    std::memcpy(&h.sequence, data + at + 1, sizeof h.sequence);
    std::memcpy(&h.payload_length, data + at + 9, sizeof h.payload_length);
    h.flags = data[at + 11];
    std::memcpy(&h.checksum, data + at + 12, sizeof h.checksum);
    h.ttl = data[at + 16];
    if (h.ttl != 0 || h.version != 0)
      headers.push_back(compact(h));
    else
      headers.push_back(CompactHeader{});
  }
  return headers.size();
}

} // namespace feed
