// Ground truth for records holding standard library types (libstdc++).
// REQUIRES: stdlib-x86_64, stdlib-i686
// RUN: %verify_layout %s --min-verified=2 -- -std=c++17
// RUN: %verify_layout %s --fix --min-verified=2 -- -std=c++17

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct Session {
  bool active;
  std::string user;
  std::uint16_t port;
  std::vector<int> ids;
  std::uint8_t retries;
  std::unique_ptr<int> buffer;
};

struct Config {
  std::optional<int> timeout;
  bool verbose;
  std::optional<double> ratio;
  char mode;
};

Session session;
Config config;
