// Ground truth with libc++, whose std::string is smaller than libstdc++'s.
// REQUIRES: libcxx
// RUN: %verify_layout %s --min-verified=1 --target=x86_64-linux-gnu -- -std=c++17 -stdlib=libc++

#include <cstdint>
#include <string>
#include <vector>

struct Account {
  bool locked;
  std::string owner;
  std::int32_t id;
  std::vector<std::int64_t> history;
  char tier;
};

Account account;
