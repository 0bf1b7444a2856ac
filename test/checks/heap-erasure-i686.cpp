// REQUIRES: stdlib-i686
// RUN: %check_fe %s -- -std=c++23 --target=i686-linux-gnu

// libstdc++ 12 on i686: pointers are 4 bytes, and double and long long are
// aligned to 4 inside records. std::function keeps trivially copyable values
// of at most 8 bytes aligned at most 4 in place (a pointer to member is 8
// bytes); std::any one 4-byte pointer; std::move_only_function 12 bytes.
#include <any>
#include <functional>

void *P1, *P2, *P3, *P4;
template <class... T> void use(const T &...) {}

struct alignas(8) Aligned8 {
  char c;
  void operator()() const {}
};

void functions(double x) {
  void *a = P1, *b = P2, *c = P3, *d = P4;
  std::function<void()> two = [a, b] { use(a, b); };
  // A double member is aligned to 4 in a record: 8 bytes aligned 4 fit.
  std::function<void()> real = [x] { use(x); };
  std::function<void()> three = [a, b, c] { use(a, b, c); };
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: lambda (12 bytes, captures 'a', 'b', 'c') does not fit std::function's 8-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: std::move_only_function (C++23) stores it in place in libstdc++ (12-byte buffer) if the callback is never copied
  std::function<void()> aligned = Aligned8{};
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'Aligned8' (8 bytes) is aligned to 8 bytes, more than std::function's in-place buffer allows (4) in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  std::move_only_function<void()> moveOnly = [a, b, c] { use(a, b, c); };
  std::move_only_function<void()> four = [a, b, c, d] { use(a, b, c, d); };
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: lambda (16 bytes, captures 'a', 'b', 'c', 'd') does not fit std::move_only_function's 12-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  // CHECK-MESSAGES: :[[@LINE-2]]:42: note: capture less: the lambda's 4 captures take 16 bytes; one pointer to a struct that holds them fits
  use(two, real, three, aligned, moveOnly, four);
}

void anys() {
  std::any i = 1;
  std::any p = P1;
  std::any d = 4.2;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'double' (8 bytes) does not fit std::any's 4-byte in-place buffer in libstdc++; each construction heap-allocates [tightfit-heap-erasure]
  use(i, p, d);
}
