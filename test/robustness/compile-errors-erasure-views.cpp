// REQUIRES: stdlib-x86_64
// RUN: %check_fe %s -- -std=c++20 --target=x86_64-linux-gnu

// Compile errors around what the erasure and view checks look at (libstdc++
// 12 on x86_64: std::function keeps up to 16 bytes in place, std::string up
// to 15 chars). As for records (compile-errors.cpp), the checks run on what
// parsed: a lambda or a call the compiler rejected is not analysed, the valid
// code around it is.
#include <functional>
#include <string>

void *P1, *P2, *P3;
template <class... T> void use(const T &...) {}

void lambdas() {
  void *a = P1, *b = P2, *c = P3;
  // Three pointers, 24 bytes: more than 16.
  std::function<void()> three = [a, b, c] { use(a, b, c); };
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // A capture that does not exist: the lambda is invalid, not analysed.
  std::function<void()> undeclared = [a, b, nothere] { use(a, b); };
// CHECK-MESSAGES: :[[@LINE-1]]:45: error: use of undeclared identifier 'nothere'
  int broken = ;
// CHECK-MESSAGES: :[[@LINE-1]]:16: error: expected expression
  use(three, undeclared);
}

struct Incomplete;
void incompleteCapture(Incomplete &i) {
  std::function<void()> f = [i] {};
// CHECK-MESSAGES: :[[@LINE-1]]:30: error: by-copy capture of variable 'i' with incomplete type 'Incomplete'
}

// Only read, and called with literals of 27 and 40 chars: flagged, although
// an unrelated statement of the function does not compile.
static int lookupBroken(const std::string &key) {
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: parameter 'key' is only read; taking std::string_view avoids the std::string built at 2 call sites (2 heap allocations: literals of 27 and 40 chars) [tightfit-view-parameter]
  if (key.empty())
    return undeclaredThing;
// CHECK-MESSAGES: :[[@LINE-1]]:12: error: use of undeclared identifier 'undeclaredThing'
  return static_cast<int>(key.size());
}

// Passed to a function the compiler does not know (a missing #include):
// that function may keep the string, so the parameter is not flagged.
static int remember(const std::string &key) {
  keepForLater(key);
// CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'keepForLater'
  return static_cast<int>(key.size());
}

int useThem() {
  return lookupBroken("configuration.network.ports") +
         lookupBroken("service.discovery.endpoints.primary.urls") +
         remember("configuration.network.ports") +
         remember("service.discovery.endpoints.primary.urls");
}
