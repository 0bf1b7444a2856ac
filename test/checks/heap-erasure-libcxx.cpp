// REQUIRES: libcxx
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=STABLE -- -std=c++20 -stdlib=libc++ --target=x86_64-linux-gnu
// RUN: %check_fe %s --plugin-mode=syntax-only --check-prefixes=OPT -- -std=c++20 -stdlib=libc++ --target=x86_64-linux-gnu -D_LIBCPP_ABI_OPTIMIZED_FUNCTION

// libc++ 19 on x86_64 (std::string and std::vector are 24 bytes,
// std::shared_ptr 16).
// Stable ABI: std::function's buffer is aligned_storage<24>: 32 bytes aligned 16,
//   holding a vtable pointer and the value; the value must be nothrow copy
//   constructible. A value aligned 8 gets 24 bytes, one aligned 16 gets 16.
// Optimized ABI (_LIBCPP_ABI_OPTIMIZED_FUNCTION): 16 bytes aligned 8, value trivially
//   copy constructible and trivially destructible.
// std::any: 24 bytes, alignment dividing 8, nothrow move; the same in both.
// libc++ 19 has no std::move_only_function: no such remedy is offered.
#include <any>
#include <functional>
#include <future>
#include <memory>
#include <string>

void *P1, *P2, *P3, *P4;
template <class... T> void use(const T &...) {}

struct UserDestructor {
  void *p;
  ~UserDestructor() {}
  void operator()() const {}
};
struct alignas(16) Aligned16 {
  char c;
  void operator()() const {}
};
struct alignas(32) Aligned32 {
  char c;
  void operator()() const {}
};
struct Quad {
  void *a, *b, *c, *d;
};

void functions() {
  void *a = P1, *b = P2, *c = P3, *d = P4;
  auto shared = std::make_shared<int>(1);
  std::string text = "short";
  // 8 + 24 = 32: fits the stable buffer; 24 > 16 for the optimized one.
  std::function<void()> three = [a, b, c] { use(a, b, c); };
  // OPT: :[[@LINE-1]]:33: warning: lambda (24 bytes, captures 'a', 'b', 'c') does not fit std::function's 16-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:33: note: capture less: the lambda's 3 captures take 24 bytes; one pointer to a struct that holds them fits
  std::function<void()> four = [a, b, c, d] { use(a, b, c, d); };
  // STABLE: :[[@LINE-1]]:32: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 24-byte in-place buffer in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // STABLE: :[[@LINE-2]]:32: note: capture less: the lambda's 4 captures take 32 bytes; one pointer to a struct that holds them fits
  // OPT: :[[@LINE-3]]:32: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 16-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-4]]:32: note: capture less: the lambda's 4 captures take 32 bytes; one pointer to a struct that holds them fits
  // shared_ptr copies without throwing: in place in the stable ABI.
  std::function<void()> s = [shared] { use(shared.get()); };
  // OPT: :[[@LINE-1]]:29: warning: lambda (16 bytes, captures 'shared') is not trivially copy constructible, which std::function's in-place buffer requires in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:30: note: capture 'shared' (std::shared_ptr<int>) is not trivially copy constructible
  // OPT: :[[@LINE-3]]:30: note: capture 'shared' (std::shared_ptr<int>) is not trivially destructible
  // Copying a std::string may throw.
  std::function<void()> t = [text] { use(text.size()); };
  // STABLE: :[[@LINE-1]]:29: warning: lambda (24 bytes, captures 'text') is not nothrow copy constructible, which std::function's in-place buffer requires in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // STABLE: :[[@LINE-2]]:30: note: capture 'text' (std::string) is not nothrow copy constructible
  // OPT: :[[@LINE-3]]:29: warning: lambda (24 bytes, captures 'text') does not fit std::function's 16-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-4]]:30: note: capture 'text' (std::string) is not trivially copy constructible
  // OPT: :[[@LINE-5]]:30: note: capture 'text' (std::string) is not trivially destructible
  std::function<void()> dtor = UserDestructor{};
  // OPT: :[[@LINE-1]]:32: warning: 'UserDestructor' (8 bytes) is not trivially destructible, which std::function's in-place buffer requires in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // Aligned 16: the value goes at offset 16 of the 32-byte buffer.
  std::function<void()> aligned = Aligned16{};
  // OPT: :[[@LINE-1]]:35: warning: 'Aligned16' (16 bytes) is aligned to 16 bytes, more than std::function's in-place buffer allows (8) in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // Aligned 32: 32 (the value's offset) + 32 > 32.
  std::function<void()> aligned32 = Aligned32{};
  // STABLE: :[[@LINE-1]]:37: warning: 'Aligned32' (32 bytes) is aligned to 32 bytes; std::function's 32-byte in-place buffer in libc++ has no room for a value aligned like that; each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:37: warning: 'Aligned32' (32 bytes) is aligned to 32 bytes, more than std::function's in-place buffer allows (8) in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  use(three, four, s, t, dtor, aligned, aligned32);
}

void copies() {
  void *a = P1, *b = P2, *c = P3, *d = P4;
  std::function<void()> f = [a, b, c, d] { use(a, b, c, d); };
  // STABLE: :[[@LINE-1]]:29: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 24-byte in-place buffer in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // STABLE: :[[@LINE-2]]:29: note: capture less: the lambda's 4 captures take 32 bytes; one pointer to a struct that holds them fits
  // OPT: :[[@LINE-3]]:29: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 16-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-4]]:29: note: capture less: the lambda's 4 captures take 32 bytes; one pointer to a struct that holds them fits
  std::function<void()> g = f;
  // STABLE: :[[@LINE-1]]:29: warning: copying 'f' heap-allocates: its lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 24-byte in-place buffer in libc++ [tightfit-heap-erasure]
  // STABLE: :[[@LINE-7]]:25: note: 'f' gets its value here
  // OPT: :[[@LINE-3]]:29: warning: copying 'f' heap-allocates: its lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::function's 16-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) [tightfit-heap-erasure]
  // OPT: :[[@LINE-9]]:25: note: 'f' gets its value here
  // A std::function of another signature: libc++'s is 48 bytes aligned 16
  // (32 with the optimized ABI), and the stable ABI copies the argument
  // first (the constructor takes it by value): counted with the
  // construction, not reported as a copy of its own.
  std::function<int()> inner = [] { return 1; };
  std::function<void()> outer = inner;
  // STABLE: :[[@LINE-1]]:33: warning: 'std::function<int ()>' (48 bytes) does not fit std::function's 16-byte in-place buffer in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:33: warning: 'std::function<int ()>' (32 bytes) does not fit std::function's 16-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  use(g, outer);
}

void anys() {
  std::any text = std::string("short"); // 24 bytes, nothrow move
  std::any quad = Quad{};
  // STABLE: :[[@LINE-1]]:19: warning: 'Quad' (32 bytes) does not fit std::any's 24-byte in-place buffer in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:19: warning: 'Quad' (32 bytes) does not fit std::any's 24-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  std::any aligned = Aligned16{};
  // STABLE: :[[@LINE-1]]:22: warning: 'Aligned16' (16 bytes) is aligned to 16 bytes, more than std::any's in-place buffer allows (8) in libc++; each construction heap-allocates [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:22: warning: 'Aligned16' (16 bytes) is aligned to 16 bytes, more than std::any's in-place buffer allows (8) in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction heap-allocates [tightfit-heap-erasure]
  use(text, quad, aligned);
}

void tasks() {
  void *a = P1, *b = P2, *c = P3, *d = P4;
  // The shared state is always allocated; a small callable is kept in place:
  // not reported.
  std::packaged_task<int()> small([] { return 1; });
  // 8 + 32 > 32: the callable is allocated too.
  std::packaged_task<int()> big([a, b, c, d] { use(a, b, c, d); return 1; });
  // STABLE: :[[@LINE-1]]:33: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::packaged_task's 24-byte in-place buffer in libc++; each construction makes 2 allocations [tightfit-heap-erasure]
  // OPT: :[[@LINE-2]]:33: warning: lambda (32 bytes, captures 'a', 'b', 'c', 'd') does not fit std::packaged_task's 24-byte in-place buffer in libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION); each construction makes 2 allocations [tightfit-heap-erasure]
}
