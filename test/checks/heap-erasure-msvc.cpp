// RUN: %check_fe %s --check-prefixes=X64 -- -std=c++20 --target=x86_64-pc-windows-msvc -isystem %S/Inputs/heap-erasure/msvc
// RUN: %check_fe %s --check-prefixes=X86 -- -std=c++20 --target=i686-pc-windows-msvc -isystem %S/Inputs/heap-erasure/msvc

// The MSVC STL (stand-in headers that define _MSVC_STL_VERSION 143; the
// rules are those of Microsoft's <functional> and <any>). With p-byte
// pointers the storage is 6 + 16 / p pointers: 64 bytes on x64, 40 on x86.
//   std::function: (n - 1) pointers hold a vtable pointer and the value,
//     aligned at most 8, nothrow move: 48 bytes for the value on x64, 32 on
//     x86 (24 if the value is aligned 8).
//   std::move_only_function: the value follows one pointer: 56 / 36 bytes.
//   std::any: trivially copyable values get (n - 1) pointers (56 / 36
//     bytes), others (n - 2) (48 / 32 bytes) and must move without throwing.
#include <any>
#include <functional>

void *P;
template <class... T> void use(const T &...) {}

struct ThrowingMove { // The copy constructor is used for moves, and may throw.
  void *p;
  ThrowingMove(const ThrowingMove &);
  void operator()() const;
};
struct Text { // Like MSVC's std::string: not trivially copyable, nothrow move.
  char buffer[32];
  Text();
  Text(const Text &);
  Text(Text &&) noexcept;
  ~Text();
};
struct Opaque56 { // Not trivially copyable.
  char bytes[56];
  Opaque56();
  Opaque56(const Opaque56 &) noexcept;
  Opaque56(Opaque56 &&) noexcept;
};
struct Plain64 {
  char bytes[64];
};

void functions(ThrowingMove &t) {
  void *a = P, *b = P, *c = P, *d = P, *e = P, *f = P, *g = P, *h = P, *i = P;
  // 24 bytes on x64: in place, unlike libstdc++.
  std::function<void()> three = [a, b, c] { use(a, b, c); };
  // x64: 56 > 48; std::move_only_function has 56. x86: 28 <= 32.
  std::function<void()> seven = [a, b, c, d, e, f, g] { use(a, b, c, d, e, f, g); };
  // X64: :[[@LINE-1]]:33: warning: lambda (56 bytes, captures 'a', 'b', 'c' and 4 more) does not fit std::function's 48-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // X64: :[[@LINE-2]]:33: note: std::move_only_function (C++23) stores it in place in MSVC STL (56-byte buffer) if the callback is never copied
  // x64: 72 > 56 even for std::move_only_function. x86: 36 > 32, and
  // std::move_only_function has 36.
  std::function<void()> nine = [a, b, c, d, e, f, g, h, i] { use(a, b, c, d, e, f, g, h, i); };
  // X64: :[[@LINE-1]]:32: warning: lambda (72 bytes, captures 'a', 'b', 'c' and 6 more) does not fit std::function's 48-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // X64: :[[@LINE-2]]:32: note: capture less: the lambda's 9 captures take 72 bytes; one pointer to a struct that holds them fits
  // X86: :[[@LINE-3]]:32: warning: lambda (36 bytes, captures 'a', 'b', 'c' and 6 more) does not fit std::function's 32-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // X86: :[[@LINE-4]]:32: note: std::move_only_function (C++23) stores it in place in MSVC STL (36-byte buffer) if the callback is never copied
  std::function<void()> throwing = t;
  // X64: :[[@LINE-1]]:36: warning: 'ThrowingMove' (8 bytes) is not nothrow move constructible, which std::function's in-place buffer requires in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // X86: :[[@LINE-2]]:36: warning: 'ThrowingMove' (4 bytes) is not nothrow move constructible, which std::function's in-place buffer requires in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  Text text;
  // 32 bytes that move without throwing: in place on x64; 32 <= 32 on x86.
  std::function<void()> withText = [text] { use(text); };
  use(three, seven, nine, throwing, withText);
}

void anys() {
  std::any text = Text();
  // Not trivially copyable: the smaller buffer.
  std::any opaque = Opaque56();
  // X64: :[[@LINE-1]]:21: warning: 'Opaque56' (56 bytes) does not fit std::any's 48-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // X86: :[[@LINE-2]]:21: warning: 'Opaque56' (56 bytes) does not fit std::any's 32-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // Trivially copyable: compared with the larger buffer.
  std::any plain = Plain64();
  // X64: :[[@LINE-1]]:20: warning: 'Plain64' (64 bytes) does not fit std::any's 56-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  // X86: :[[@LINE-2]]:20: warning: 'Plain64' (64 bytes) does not fit std::any's 36-byte in-place buffer in MSVC STL; each construction heap-allocates [tightfit-heap-erasure]
  use(text, opaque, plain);
}
