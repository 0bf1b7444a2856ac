// Project view types for code older than C++17/C++20, and MinPriority.
//
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --check-prefixes=CHECK-MESSAGES,ALL --fix \
// RUN:   --config="{CheckOptions: {tightfit-view-parameter.StringViewType: 'proj::StringRef', tightfit-view-parameter.SpanType: 'proj::ArrayRef<%%T>', tightfit-view-parameter.StringViewHeader: '', tightfit-view-parameter.SpanHeader: ''}}" \
// RUN:   -- -std=c++14 --target=x86_64-linux-gnu
// Only call sites that provably heap-allocate:
// RUN: %check_fe %s --checks='-*,tightfit-view-parameter' --check-prefixes=CHECK-MESSAGES,HIGH \
// RUN:   --config="{CheckOptions: {tightfit-view-parameter.StringViewType: 'proj::StringRef', tightfit-view-parameter.SpanType: 'proj::ArrayRef<%%T>', tightfit-view-parameter.MinPriority: high}}" \
// RUN:   -- -std=c++14 --target=x86_64-linux-gnu
// REQUIRES: stdlib-x86_64

#include <cstring>
#include <string>
#include <vector>

namespace proj {
class StringRef {
public:
  StringRef(const char *s) : p(s), n(std::strlen(s)) {}
  StringRef(const std::string &s) : p(s.data()), n(s.size()) {}
  const char *data() const { return p; }
  size_t size() const { return n; }
  bool empty() const { return n == 0; }
  char operator[](size_t i) const { return p[i]; }

private:
  const char *p;
  size_t n;
};
template <typename T> class ArrayRef {
public:
  ArrayRef(const std::vector<T> &v) : p(v.data()), n(v.size()) {}
  const T *begin() const { return p; }
  const T *end() const { return p + n; }
  size_t size() const { return n; }

private:
  const T *p;
  size_t n;
};
} // namespace proj

static size_t countDots(const std::string &s) {
// ALL: :[[@LINE-1]]:44: warning: parameter 's' is only read; taking proj::StringRef avoids the std::string built at 1 call site [tightfit-view-parameter]
// ALL-FIXES: static size_t countDots(proj::StringRef s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i)
    n += s[i] == '.';
  return n;
}

// 31 chars: a heap allocation with libstdc++.
static size_t keyLength(const std::string &key) {
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: parameter 'key' is only read; taking proj::StringRef avoids the std::string built at 1 call site (1 heap allocation: a literal of 31 chars) [tightfit-view-parameter]
// ALL-FIXES: static size_t keyLength(proj::StringRef key) {
  return key.empty() ? 0 : key.size();
}

// proj::StringRef has no find(): not flagged.
static bool hasDot(const std::string &s) { return s.find('.') != std::string::npos; }

static int sum(const std::vector<int> &v) {
// ALL: :[[@LINE-1]]:40: warning: parameter 'v' is only read; it can be proj::ArrayRef<int> [tightfit-view-parameter]
// ALL-FIXES: static int sum(proj::ArrayRef<int> v) {
  int total = 0;
  for (int x : v)
    total += x;
  return total + static_cast<int>(v.size());
}

// proj::ArrayRef has no operator[]: not flagged.
static int first(const std::vector<int> &v) { return v.size() ? v[0] : 0; }

size_t useAll() {
  std::vector<int> v{1, 2};
  return countDots("a.b.c") + keyLength("settings.display.color.contrast") + hasDot("x") +
         sum(v) + first(v);
}
